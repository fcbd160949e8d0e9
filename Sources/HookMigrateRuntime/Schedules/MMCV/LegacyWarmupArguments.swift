/// The warmup arguments shared by both updater hooks, as the base constructors validate them
/// (`LrUpdaterHook.__init__`, `MomentumUpdaterHook.__init__`): an unknown `warmup` is a `ValueError`; with a
/// warmup, `warmup_iters > 0` and `0 < warmup_ratio <= 1` are assertions.
struct LegacyWarmupArguments {
    /// The warmup, `nil` for `warmup=None`.
    var warmup: LegacyWarmup?
    /// `warmup_iters` (`nil` when written as `None`).
    var iters: LegacyCount?

    static func parse(_ args: ScheduleArguments, defaultRatio: Double) throws -> LegacyWarmupArguments {
        var kind: LegacyWarmup.Kind?
        if let text = try args.optionalString("warmup") {
            guard let parsed = LegacyWarmup.Kind(rawValue: text) else {
                throw args.invalid("warmup", "\"\(text)\" is not a supported type for warming up, valid types are \"constant\", \"linear\" and \"exp\" (ValueError)")
            }
            kind = parsed
        }
        var iters: LegacyCount? = LegacyCount(0, isInt: true)
        if let node = args.raw("warmup_iters") {
            switch node.value {
            case .scalar(.int(let value)): iters = LegacyCount(Double(value), isInt: true)
            case .scalar(.float(let value)): iters = LegacyCount(value, isInt: false)
            case .scalar(.null): iters = nil
            default: _ = try node.double(args.path.appending("warmup_iters"))
            }
        }
        guard let kind else { return LegacyWarmupArguments(warmup: nil, iters: iters) }
        guard let count = iters else {
            throw args.invalid("warmup_iters", "must be a positive integer when a warmup is set, found None (TypeError)")
        }
        guard count.value > 0 else {
            throw args.invalid("warmup_iters", "\"warmup_iters\" must be a positive integer, got \(count.isInt ? String(Int(count.value)) : String(count.value)) (AssertionError)")
        }
        let ratio = try args.double("warmup_ratio", default: defaultRatio)
        guard ratio > 0 && ratio <= 1 else {
            throw args.invalid("warmup_ratio", "\"warmup_ratio\" must be in range (0,1], got \(ratio) (AssertionError)")
        }
        return LegacyWarmupArguments(warmup: LegacyWarmup(kind: kind, ratio: ratio), iters: count)
    }
}
