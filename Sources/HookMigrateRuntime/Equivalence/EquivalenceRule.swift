/// The named rules under which a legacy trace and a new trace count as equivalent although they differ
/// event by event (runners-and-hooks.md section 8). Each rule says what the comparison may ignore and why
/// the user's training is unaffected; docs/equivalence.md explains them for users.
public enum EquivalenceRule: String, Sendable, CaseIterable, Hashable, Comparable {
    /// Mount points MMCV lacks (before_train, val loop points …) carry no effect and are not compared.
    case r1 = "R1"
    /// Evaluation runs inside after_train_epoch in MMCV and after it in MMEngine: evaluations and best
    /// checkpoints are compared as their own streams, by step.
    case r2 = "R2"
    /// Counter conventions differ (MMCV's lagging epoch in iteration runs, batch indices): compared by step.
    case r3 = "R3"
    /// MMEngine validates once more at the last epoch/iteration.
    case r4 = "R4"
    /// Checkpoint retention (max_keep_ckpts) differs: saves are compared, removals are not.
    case r6 = "R6"
    /// MMEngine re-saves the current regular checkpoint after a best update.
    case r7 = "R7"
    /// MMEngine keeps a best checkpoint for a score of 0, which MMCV skips.
    case r8 = "R8"
    /// Log records are emitted at different points (val records, val-iteration logs, a short epoch's last batch).
    case r9 = "R9"
    /// EMA values differ by parameterisation; update steps and counts are compared.
    case r10 = "R10"
    /// MMEngine always sets the sampler epoch; MMCV only when distributed.
    case r11 = "R11"
    /// MMCV's workflow val epochs (loss only) have no counterpart.
    case r13 = "R13"

    /// One line for reports.
    public var summary: String {
        switch self {
        case .r1: return "mount points only one runner has carry no effect"
        case .r2: return "evaluations compared as their own stream, by step"
        case .r3: return "counters compared by step"
        case .r4: return "MMEngine validates once more at the end of training"
        case .r6: return "checkpoint removals follow each library's own retention"
        case .r7: return "MMEngine re-saves the current checkpoint after a best update"
        case .r8: return "MMEngine keeps a best checkpoint for a score of 0"
        case .r9: return "log records emitted at different points"
        case .r10: return "EMA compared by update step and momentum, each run's first update by step only"
        case .r11: return "sampler epoch set only by MMEngine (no effect unless distributed)"
        case .r13: return "workflow val epochs have no MMEngine counterpart"
        }
    }

    public static func < (lhs: EquivalenceRule, rhs: EquivalenceRule) -> Bool {
        (Int(lhs.rawValue.dropFirst()) ?? 0) < (Int(rhs.rawValue.dropFirst()) ?? 0)
    }
}
