import HookMigrateCore

/// Inputs the simulators cannot take yet (fixtures/hostile/known-open.txt, docs/robustness.md): FuzzConvert
/// still loads, converts, writes and reports them, but does not run the proof on them, so that a campaign
/// keeps finding new problems instead of these. Remove a condition when its case is fixed.
enum KnownOpen {
    /// Iterations the proof may simulate in a fuzz run (3 per epoch); longer runs are the simulators'
    /// budget to refuse ("too long to simulate"), which they do not do yet.
    static let maxIterations = 20_000

    /// Why the proof is skipped for this legacy config; `nil` to run it.
    static func reason(_ legacy: ConfigMapping, itersPerEpoch: Int) -> String? {
        if let interval = legacy["log_config"]?.mapping?["interval"]?.scalar, case .int(let value) = interval, value <= 0 {
            return "log_config.interval <= 0 traps in LegacyLoggerHook (known-open log-interval-0)"
        }
        for hook in legacy["log_config"]?.mapping?["hooks"]?.list?.items ?? [] {
            if case .int(let value)? = hook.mapping?["interval"]?.scalar, value <= 0 {
                return "a logger hook's interval <= 0 traps in LegacyLoggerHook (known-open log-interval-0)"
            }
        }
        let runner = legacy["runner"]?.mapping
        let lengths: [(ConfigNode?, Int)] = [(runner?["max_epochs"], itersPerEpoch), (runner?["max_iters"], 1),
                                             (legacy["total_epochs"], itersPerEpoch), (legacy["total_iters"], 1)]
        for (node, perUnit) in lengths {
            guard case .int(let value)? = node?.scalar else { continue }
            let iterations = value.multipliedReportingOverflow(by: perUnit)
            if iterations.overflow || iterations.partialValue > maxIterations {
                return "runs longer than \(maxIterations) iterations are simulated in full (known-open max-epochs-2e31)"
            }
        }
        return nil
    }
}
