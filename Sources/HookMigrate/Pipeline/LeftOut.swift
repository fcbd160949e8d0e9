import HookMigrateCore
import HookMigrateRuntime

/// What a converted (or hand-migrated) config leaves out of its legacy config: a legacy lr or momentum
/// schedule with no scheduler for that value in the new config, a legacy custom hook with no counterpart, a
/// legacy logger hook the conversion dropped. A result that leaves something out is never a success, whatever
/// the simulated runs say: the simulators may not model what was left out (docs/equivalence.md, "Exit status").
public enum LeftOut {
    /// What `converted` leaves out of `legacy`, one sentence each, in the legacy config's order.
    ///
    /// A schedule counts when the legacy policy changes the value (anything but a `fixed` lr with no
    /// warmup), the new config has no scheduler for it, the proof did not find the runs equivalent (then the
    /// legacy schedule kept its value over the run), and — for a conversion — the report made it a manual step.
    /// A custom hook counts when no hook of its type or of its successor's (`hookRules`, the bundled hook table,
    /// `EMAHook` for the EMA hooks) is in the new config's `custom_hooks` or `default_hooks`. A logger hook
    /// counts when the conversion's report says it was dropped (a manual step about the whole hook).
    public static func find(legacy: ConfigMapping, converted: ConfigMapping, report: MigrationReport?, outcome: Validator.Outcome,
                            hookRules: HookRuleTable = HookRuleTable()) -> [String] {
        var found: [String] = []
        let proven: Bool
        if case .equivalent = outcome { proven = true } else { proven = false }
        for (key, value, suffix) in [("lr_config", "lr", "LR"), ("momentum_config", "momentum", "Momentum")] {
            guard let hook = legacy[key]?.mapping, let policy = hook["policy"]?.scalar?.stringValue else { continue }
            let warmup = hook["warmup"].map { !$0.isNull } ?? false
            if policy.lowercased() == "fixed", !warmup { continue }
            let schedulers = ProofBoundary.hooks(converted["param_scheduler"]).filter { scheduler in
                let type = ProofBoundary.hookType(scheduler) ?? ""
                return type.hasSuffix(suffix) || scheduler["param_name"]?.scalar?.stringValue == value
            }
            guard schedulers.isEmpty, !proven else { continue }
            if let report, !report.records.contains(where: { $0.kind == .manualStep && $0.rule == key }) { continue }
            found.append("\(key) (policy '\(policy)'\(warmup ? " with a warmup" : "")): the new config has no \(value) scheduler")
        }
        var available = newHookTypes(converted)
        let bundled = (try? HookRuleTable.bundled()) ?? HookRuleTable()
        for (index, hook) in ProofBoundary.hooks(legacy["custom_hooks"]).enumerated() {
            guard let type = ProofBoundary.hookType(hook) else {
                found.append("custom_hooks[\(index)] (no type): not in the new config")
                continue
            }
            var successors = [type]
            if let newType = hookRules.rule(for: type)?.newType ?? bundled.rule(for: type)?.newType { successors.append(newType) }
            if type.hasSuffix("EMAHook") { successors.append("EMAHook") }
            if let position = available.firstIndex(where: { successors.contains($0) }) {
                available.remove(at: position)
            } else {
                found.append("custom_hooks[\(index)] (\(type)): no \(successors.count > 1 ? "hook of type \(successors.joined(separator: " or "))" : "such hook") in the new config")
            }
        }
        for record in report?.records ?? [] where record.kind == .manualStep && record.rule == "log_config" && isWholeHook(record.legacyPath) {
            found.append("\(record.legacyPath): dropped by the conversion (see the report's manual step)")
        }
        return found
    }

    /// The hook types of a new config's `custom_hooks` and `default_hooks`, in order.
    static func newHookTypes(_ converted: ConfigMapping) -> [String] {
        var types = ProofBoundary.hooks(converted["custom_hooks"]).compactMap(ProofBoundary.hookType)
        for entry in converted["default_hooks"]?.mapping?.entries ?? [] {
            if let type = entry.value.mapping.flatMap(ProofBoundary.hookType) { types.append(type) }
        }
        return types
    }

    /// `log_config.hooks[3]`: a path naming a whole logger hook.
    static func isWholeHook(_ path: String) -> Bool {
        guard path.hasPrefix("log_config.hooks["), path.hasSuffix("]") else { return false }
        return path.dropFirst("log_config.hooks[".count).dropLast().allSatisfy(\.isNumber)
    }
}
