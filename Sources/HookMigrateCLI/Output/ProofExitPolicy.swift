import HookMigrate

extension ExitStatus {
    /// The proof could not be made: not proven (docs/equivalence.md, "Exit status").
    static let notProven: Int32 = 3
}

/// How a proof's result becomes the exit status of `convert`, the tree mode, `verify` and `diff-trace` of two
/// configs: 0 proven equivalent; 1 not equivalent, or something of the legacy config left out; 3 not proven
/// (0 with `--allow-unproven`, 1 with the older `--require-proof`); 2 stays bad input.
struct ProofExitPolicy {
    /// `--allow-unproven`: not proven exits 0.
    var allowUnproven = false
    /// `--require-proof` (kept for scripts written before exit status 3): not proven exits 1.
    var requireProof = false

    /// The exit status of one result.
    func status(_ status: ProofResult.Status) -> Int32 {
        switch status {
        case .proven: return ExitStatus.success
        case .notEquivalent, .leftOut: return ExitStatus.negative
        case .notProven:
            if requireProof { return ExitStatus.negative }
            return allowUnproven ? ExitStatus.success : ExitStatus.notProven
        }
    }

    /// The exit status of many results (a tree): the worst, 1 before 3 before 0.
    func status(_ statuses: [ProofResult.Status]) -> Int32 {
        let codes = statuses.map(status)
        if codes.contains(ExitStatus.negative) { return ExitStatus.negative }
        if codes.contains(ExitStatus.notProven) { return ExitStatus.notProven }
        return ExitStatus.success
    }

    /// The line that explains a non-zero status to a pipeline's log, or nil.
    func note(_ status: ProofResult.Status) -> String? {
        switch status {
        case .proven: return nil
        case .notEquivalent: return "exit status 1: not equivalent"
        case .leftOut: return "exit status 1: the new config leaves out part of the legacy one (see `left out`)"
        case .notProven:
            if requireProof { return "exit status 1: not proven (--require-proof)" }
            return allowUnproven ? "not proven; exit status 0 (--allow-unproven)" : "exit status 3: not proven (--allow-unproven makes it 0)"
        }
    }
}
