import HookMigrateCore

/// A torch optimizer config (`optimizer=dict(type=..., lr=..., momentum=... | betas=...)`) as torch builds its
/// param group: the lr, and the first moment MMCV's and MMEngine's momentum schedules drive (`momentum`, or
/// `betas[0]` for the Adam family), with torch's defaults where the config leaves it out. Read once, for the
/// translation rules (which cite it) and for both simulated runners (whose param groups start from it).
public struct TorchOptimizerConfig: Sendable, Hashable {
    /// `type` (`SGD`, `AdamW` …), `nil` when not a string.
    public var type: String?
    /// `lr` when it is a number.
    public var lr: Double?
    /// The first moment: `momentum` or `betas[0]` as written, else the type's default (`nil` when the type
    /// has none, or is unknown).
    public var firstMoment: Double?
    /// `betas[1]` (written, or 0.999 for the Adam family); `nil` for a momentum optimizer.
    public var secondBeta: Double?
    /// Whether the first moment is `betas[0]` (the Adam family, or `betas` written) rather than `momentum`.
    public var usesBetas: Bool
    /// Whether the first moment is the type's default rather than written.
    public var firstMomentIsDefault: Bool
    /// Whether `paramwise_cfg` is set (param groups may then get other lrs and momenta).
    public var hasParamwise: Bool

    /// Optimizers with neither `momentum` nor `betas`.
    public static let withoutMomentum: Set<String> = ["Adagrad", "Adadelta", "ASGD", "Rprop", "LBFGS"]
    /// Optimizers whose first moment is `betas[0]` (default `(0.9, 0.999)`).
    public static let withBetas: Set<String> = ["Adam", "AdamW", "Adamax", "NAdam", "RAdam", "SparseAdam"]
    /// Optimizers with a `momentum` argument (default 0).
    public static let withMomentum: Set<String> = ["SGD", "RMSprop"]

    /// Reads an optimizer dict. A number of the wrong type (`lr: 'high'`) is a located `ConfigError`.
    public init(_ optimizer: ConfigMapping, path: ConfigPath = "optimizer") throws {
        func number(_ key: String) throws -> Double? {
            try optimizer.present(key).map { try $0.double(path.appending(key)) }
        }
        type = optimizer["type"]?.scalar?.stringValue
        hasParamwise = optimizer["paramwise_cfg"].map { !$0.isNull } ?? false
        lr = try number("lr")
        firstMoment = nil
        secondBeta = nil
        usesBetas = false
        firstMomentIsDefault = false
        if let momentum = try number("momentum") {
            firstMoment = momentum
        } else if let betas = optimizer["betas"]?.list, betas.count == 2 {
            usesBetas = true
            firstMoment = try betas.items[0].double(path.appending("betas").appending(index: 0))
            secondBeta = try betas.items[1].double(path.appending("betas").appending(index: 1))
        } else if let type, Self.withMomentum.contains(type) {
            firstMoment = 0
            firstMomentIsDefault = true
        } else if let type, Self.withBetas.contains(type) {
            usesBetas = true
            firstMoment = 0.9
            secondBeta = 0.999
            firstMomentIsDefault = true
        }
    }

    /// The param group torch starts from (`lr` required: without it the simulators use a placeholder group).
    public var paramGroup: ParamGroup? {
        guard let lr else { return nil }
        if usesBetas, let first = firstMoment, let second = secondBeta { return ParamGroup(lr: lr, betas: (first, second)) }
        if let momentum = firstMoment { return ParamGroup(lr: lr, momentum: momentum) }
        return ParamGroup(lr: lr)
    }
}
