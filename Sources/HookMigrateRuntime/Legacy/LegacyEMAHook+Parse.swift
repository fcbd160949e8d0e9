import HookMigrateCore

extension LegacyEMAHook {
    /// The EMA hook of a `custom_hooks` type: MMCV's `EMAHook`, mmdet 2.x's `ExpMomentumEMAHook` and
    /// `LinearMomentumEMAHook`; `nil` for any other type.
    public static func kind(of type: String) -> Kind? {
        switch type {
        case "EMAHook": return .mmcv
        case "ExpMomentumEMAHook": return .expMomentum
        case "LinearMomentumEMAHook": return .linearMomentum
        default: return nil
        }
    }

    /// Reads an EMA hook's arguments as its constructor takes them: `momentum` (0.0002; `0 < momentum < 1`,
    /// asserted by MMCV's and mmdet's hooks), `interval` (1; MMCV's EMAHook asserts a positive int, mmdet's
    /// divide by it at the first iteration: a `rejected` error "at run time" for 0), `warm_up` (100),
    /// `total_iter` (2000). The one reading of these arguments: the `custom_hooks` rule translates it, the
    /// simulated runner runs it.
    public static func parse(_ mapping: ConfigMapping, kind: Kind, type: String, path: ConfigPath, at location: SourceLocation?) throws -> LegacyEMAHook {
        let momentum = try mapping.present("momentum").map { try $0.double(path.appending("momentum")) } ?? 0.0002
        guard momentum > 0, momentum < 1 else {
            throw ConfigError(.invalidValue, "`\(path.appending("momentum"))` must be between 0 and 1 exclusive (\(type) asserts it), found \(PythonFloat.repr(momentum))", at: mapping["momentum"]?.location ?? location)
        }
        let interval = try mapping.present("interval").map { try $0.count(path.appending("interval")) } ?? 1
        if kind == .mmcv, interval <= 0 {
            throw ConfigError(.invalidValue, "`\(path.appending("interval"))` must be a positive int (MMCV's EMAHook asserts it), found \(interval)", at: mapping["interval"]?.location ?? location)
        }
        if interval == 0 {
            throw ConfigError(.rejected, "at run time: `\(path.appending("interval"))` is 0: \(type) divides the iteration by it (ZeroDivisionError at the first iteration)", at: mapping["interval"]?.location ?? location)
        }
        return LegacyEMAHook(kind: kind, momentum: momentum, interval: interval,
                             warmUp: try mapping.present("warm_up").map { try $0.double(path.appending("warm_up")) } ?? 100,
                             totalIter: try mapping.present("total_iter").map { try $0.double(path.appending("total_iter")) } ?? 2000)
    }
}
