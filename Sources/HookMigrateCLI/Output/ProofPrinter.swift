import ArgumentParser
import HookMigrate
import HookMigrateCore

/// Prints a proof of `verify` or `diff-trace` (text or JSON) to standard output and ends with the exit status
/// `ProofExitPolicy` gives it.
struct ProofPrinter {
    /// The policy.
    var policy: ProofExitPolicy
    /// JSON instead of text.
    var json = false

    /// Prints `proof` under a heading line and throws the non-zero exit status, if any.
    func finish(_ proof: ProofResult, heading: String) throws {
        if json {
            var mapping = ValidationRenderer.json(proof)
            mapping["exit_status"] = ConfigNode(.int(Int(policy.status(proof.status))))
            Console.write(try JSONWriter().write(ConfigNode(mapping)))
        } else {
            Console.write(heading + "\n" + ValidationRenderer.text(proof) + (policy.note(proof.status).map { $0 + "\n" } ?? ""))
        }
        let status = policy.status(proof.status)
        if status != ExitStatus.success { throw ExitCode(status) }
    }
}
