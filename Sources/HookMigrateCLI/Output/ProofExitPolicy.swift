import HookMigrate

/// How a proof's result becomes the exit status of `convert`, the tree mode, `verify` and `diff-trace` of two
/// configs (README, "Exit status"): 0 proven equivalent; 1 not equivalent, something of the legacy config left
/// out, or not proven (0 with `--allow-unproven`); 2 stays bad input. A pipeline that checks only the exit
/// status therefore accepts only proven conversions.
struct ProofExitPolicy {
    /// `--allow-unproven`: not proven exits 0 (it is still never reported as equivalent).
    var allowUnproven = false

    /// The exit status of one result.
    func status(_ status: ProofResult.Status) -> Int32 {
        switch status {
        case .proven: return ExitStatus.success
        case .notEquivalent, .leftOut: return ExitStatus.negative
        case .notProven: return allowUnproven ? ExitStatus.success : ExitStatus.negative
        }
    }

    /// The exit status of many results (a tree): 1 when any result gives 1, else 0.
    func status(_ statuses: [ProofResult.Status]) -> Int32 {
        statuses.map(status).contains(ExitStatus.negative) ? ExitStatus.negative : ExitStatus.success
    }

    /// The line that explains a non-zero status to a pipeline's log, or nil.
    func note(_ status: ProofResult.Status) -> String? {
        switch status {
        case .proven: return nil
        case .notEquivalent: return "exit status 1: not equivalent"
        case .leftOut: return "exit status 1: the new config leaves out part of the legacy one (see `left out`)"
        case .notProven:
            return allowUnproven ? "not proven; exit status 0 (--allow-unproven)" : "exit status 1: not proven (--allow-unproven makes it 0)"
        }
    }
}
