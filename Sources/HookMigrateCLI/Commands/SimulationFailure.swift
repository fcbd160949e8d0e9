import HookMigrateCore
import HookMigrateRuntime

/// The errors a simulated run raises as the real library would (`ScheduleRuntimeError`: `ValueError`,
/// `ZeroDivisionError` … while a schedule runs; `UnknownPolicyError`), as located `ConfigError`s; a
/// runner's `ConfigError` without a place (a missing top-level key) is placed at the config itself.
enum SimulationFailure {
    /// The located error, or `nil` for an error that is not a simulation's.
    static func configError(for error: any Error, runner: String, config: LoadedConfig) -> ConfigError? {
        if var located = error as? ConfigError {
            // A runner's check of a key the config lacks names no place: the config itself is the place.
            if located.location == nil { located.location = config.rootLocation }
            return located
        }
        if let unknown = error as? UnknownPolicyError { return unknown.configError }
        guard let raised = error as? ScheduleRuntimeError else { return nil }
        let library = runner == "legacy" ? "MMCV 1.7.2" : "MMEngine 0.10.7"
        let keys = runner == "legacy" ? ["lr_config", "momentum_config"] : ["param_scheduler"]
        let entry = keys.lazy.compactMap { config.root.entry($0) }.first
        let at = entry?.keyLocation ?? config.rootLocation
        let named = entry.map { " (raised while `\($0.key)` runs)" } ?? ""
        return ConfigError(.runFailed, "the simulated \(runner) run stops with \(raised.exception.rawValue): \(raised.message), as \(library) does\(named)", at: at)
    }
}
