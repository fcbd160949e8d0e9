import HookMigrateCore

/// The `step` argument of MMCV's Step lr/momentum policies (`StepLrUpdaterHook`,
/// `StepMomentumUpdaterHook`): an int interval or a list of ints, every value positive (assertions); any
/// other type (a tuple included) is a `TypeError`.
///
/// The exponent is `progress // step` for an int; for a list it is the index of the first milestone greater
/// than `progress` (the list's length when none is). For an unsorted list that counts running maxima:
/// `[8, 2]` keeps the exponent 0 until 8, then jumps to 2. A repeated milestone counts once per occurrence:
/// `[2, 2, 50]` gives γ² from 2 on. schedules.md A.3.
public enum LegacyStepRule: Sendable, Hashable {
    /// `step=s`.
    case every(Int)
    /// `step=[m1, m2, …]`.
    case milestones([Int])

    /// The exponent of gamma at `progress`.
    public func exponent(progress: Int) throws -> Int {
        switch self {
        case .every(let interval):
            return try PyFloat.floorDiv(progress, interval)
        case .milestones(let list):
            return list.firstIndex { progress < $0 } ?? list.count
        }
    }

    /// How many progress values from `progress` on (that one included, at most `limit`) have the same
    /// exponent: the exponent can only change where progress reaches a multiple of the interval or a milestone.
    public func steadyProgress(from progress: Int, limit: Int) -> Int {
        switch self {
        case .every(let interval):
            guard interval > 0, progress >= 0 else { return 1 }
            let next = (progress / interval + 1) * interval
            return Swift.max(1, Swift.min(limit, next - progress))
        case .milestones(let list):
            var steady = limit
            for milestone in list where milestone > progress { steady = Swift.min(steady, milestone - progress) }
            return Swift.max(1, steady)
        }
    }

    /// Reads `step` (required).
    static func parse(_ args: ScheduleArguments, owner: String) throws -> LegacyStepRule {
        guard let node = args.raw("step") else { throw args.missing("step", for: owner) }
        let path = args.path.appending("step")
        switch node.value {
        case .scalar(.int(let interval)):
            guard interval > 0 else { throw args.invalid("step", "must be positive, got \(interval) (AssertionError)") }
            return .every(interval)
        case .list(let list) where list.style == .list:
            var milestones: [Int] = []
            for (index, item) in list.items.enumerated() {
                guard case .scalar(.int(let value)) = item.value else {
                    throw ConfigError(.rejected, "`\(path.appending(index: index))`: every milestone must be an int, found \(item.typeDescription) (\(item.description)) (AssertionError)", at: item.location ?? node.location)
                }
                guard value > 0 else {
                    throw ConfigError(.rejected, "`\(path.appending(index: index))`: every milestone must be positive, got \(value) (AssertionError)", at: item.location ?? node.location)
                }
                milestones.append(value)
            }
            return .milestones(milestones)
        default:
            throw args.invalid("step", "\"step\" must be a list or integer, found \(node.typeDescription) (\(node.description)) (TypeError)")
        }
    }
}

extension LegacyStepRule {
    /// The largest exponent reached at progress 0…last; `nil` for an interval when the run's length is unknown
    /// (it grows without bound), the number of milestones for a list.
    public func maximumExponent(last: Int?) -> Int? {
        switch self {
        case .every(let interval):
            guard let last else { return nil }
            return Swift.max(last, 0) / interval
        case .milestones(let list):
            guard let last else { return list.count }
            return list.firstIndex { Swift.max(last, 0) < $0 } ?? list.count
        }
    }
}
