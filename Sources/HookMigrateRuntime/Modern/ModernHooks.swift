import Foundation
import HookMigrateCore

/// MMEngine's parameter schedulers of one run, as the runner drives them (ParamSchedulerHook).
public protocol ModernSchedulerSet: Sendable {
    /// `after_train_iter`: step every `by_epoch=False` scheduler in list order.
    mutating func stepIteration(groups: inout [ParamGroup]) throws
    /// `after_train_epoch`: step every `by_epoch=True` scheduler in list order.
    mutating func stepEpoch(groups: inout [ParamGroup]) throws
    /// The set as MMEngine's schedulers, when it is (the proof's bulk path steps them directly; other sets
    /// are compared event by event).
    var paramSchedulers: ParamSchedulers? { get }
    /// The set as a value two runners can be compared by (`ProofMemo`): itself when its type is `Hashable`,
    /// else `nil` (a runner holding it is then never remembered).
    var proofIdentity: AnyHashable? { get }
}

extension ModernSchedulerSet {
    /// Not MMEngine's schedulers.
    public var paramSchedulers: ParamSchedulers? { nil }

    /// Not comparable.
    public var proofIdentity: AnyHashable? { nil }
}

extension ModernSchedulerSet where Self: Hashable {
    /// Itself.
    public var proofIdentity: AnyHashable? { AnyHashable(self) }
}

/// The loop facts schedulers are built from (B.4).
public struct ModernLoopFacts: Sendable, Hashable {
    /// Whether the train loop is epoch-based.
    public var byEpoch: Bool
    /// `max_epochs` (1 for an iteration loop).
    public var maxEpochs: Int
    /// `max_iters`.
    public var maxIters: Int
    /// `len(train_dataloader)`.
    public var itersPerEpoch: Int
}

/// Builds a run's schedulers from `param_scheduler`, constructing them as the Runner does (which already
/// writes values into the groups); supplied by the schedule layer.
public typealias ModernSchedulerFactory = @Sendable (_ paramScheduler: ConfigNode?, _ loop: ModernLoopFacts,
                                                     _ groups: inout [ParamGroup]) throws -> (any ModernSchedulerSet)?

/// MMEngine 0.10.7's EMAHook with its averaged models (`mmengine/hooks/ema_hook.py`, `mmengine/model/averaged_model.py`).
public struct ModernEMAHook: Sendable, Hashable {
    /// `ExponentialMovingAverage`, `MomentumAnnealingEMA`, `StochasticWeightAverage`, or mmdet's `ExpMomentumEMA`.
    public var emaType: String {
        didSet { average = Average(emaType) }
    }
    /// The averaging formula `emaType` names (read per update; resolved once).
    private(set) var average: Average

    enum Average: Sendable, Equatable {
        case exponential, momentumAnnealing, expMomentum, stochasticWeight

        init(_ type: String) {
            switch type {
            case "MomentumAnnealingEMA": self = .momentumAnnealing
            case "ExpMomentumEMA": self = .expMomentum
            case "StochasticWeightAverage": self = .stochasticWeight
            default: self = .exponential
            }
        }
    }
    /// `momentum`.
    public var momentum: Double
    /// `interval`.
    public var interval: Int
    /// `gamma` (MomentumAnnealingEMA, ExpMomentumEMA).
    public var gamma: Double
    /// `begin_iter`.
    public var beginIter: Int
    /// `begin_epoch`.
    public var beginEpoch: Int
    /// Updates so far (`steps`).
    public private(set) var steps = 0

    /// Creates the hook.
    public init(emaType: String, momentum: Double, interval: Int, gamma: Double, beginIter: Int, beginEpoch: Int) {
        self.emaType = emaType
        average = Average(emaType)
        self.momentum = momentum
        self.interval = interval
        self.gamma = gamma
        self.beginIter = beginIter
        self.beginEpoch = beginEpoch
    }

    /// What `after_train_iter` does at 0-based `iter` / `epoch`.
    public enum Action: Sendable, Equatable {
        /// The EMA copy is overwritten with the source (not started, or the first update).
        case copy
        /// An average with this momentum.
        case update(Double)
        /// Nothing (between intervals).
        case none
    }

    /// Whether averaging has begun at 0-based `iter` / `epoch` (`begin_epoch`, else `begin_iter`).
    func started(iter: Int, epoch: Int) -> Bool {
        beginEpoch > 0 ? epoch + 1 >= beginEpoch : iter + 1 >= beginIter
    }

    /// `after_train_iter`.
    public mutating func afterTrainIter(iter: Int, epoch: Int) -> Action {
        guard started(iter: iter, epoch: epoch) else { return .copy }
        defer { steps += 1 }
        if steps == 0 { return .copy }
        guard steps % interval == 0 else { return .none }
        switch average {
        case .momentumAnnealing: return .update(max(momentum, gamma / (gamma + Double(steps))))
        case .expMomentum: return .update(EMAMomentumLaw.expMomentum(momentum: momentum, gamma: gamma, offset: 0).value(atIteration: steps))
        case .stochasticWeight: return .update(1 / Double(steps / interval + 1))
        case .exponential: return .update(momentum)
        }
    }
}

extension ModernEMAHook {
    /// `count` quiet iterations from 0-based `iter` (all started or none, as a quiet span is): each started
    /// one counts an update, as `afterTrainIter` does.
    mutating func skipQuiet(_ count: Int, iter: Int, epoch: Int) {
        if started(iter: iter, epoch: epoch) { steps += count }
    }
}

/// MMEngine's LoggerHook emission rules (`mmengine/hooks/logger_hook.py`).
public struct ModernLoggerHook: Sendable, Hashable {
    /// `interval`.
    public var interval: Int
    /// `ignore_last`.
    public var ignoreLast: Bool

    /// Creates the hook.
    public init(interval: Int = 10, ignoreLast: Bool = true) {
        self.interval = interval
        self.ignoreLast = ignoreLast
    }

    /// `after_train_iter` with batch index `b` (the global iteration in an iteration loop).
    public func trainRecordDue(batch: Int, loaderLength: Int) -> Bool {
        if (batch + 1) % interval == 0 { return true }
        return batch + 1 == loaderLength && (!ignoreLast || loaderLength <= interval)
    }
}

/// One registered hook of the MMEngine runner.
enum ModernHook: Sendable, Hashable {
    case runtimeInfo
    case timer
    case samplerSeed
    case logger(ModernLoggerHook)
    case paramScheduler
    case checkpoint(ModernCheckpointHook)
    case ema(ModernEMAHook)
    case emptyCache(beforeEpoch: Bool, afterEpoch: Bool, afterIter: Bool)
    case syncBuffers
    case inert(String)

    /// The hook's type name.
    var name: String {
        switch self {
        case .runtimeInfo: return "RuntimeInfoHook"
        case .timer: return "IterTimerHook"
        case .samplerSeed: return "DistSamplerSeedHook"
        case .logger: return "LoggerHook"
        case .paramScheduler: return "ParamSchedulerHook"
        case .checkpoint: return "CheckpointHook"
        case .ema: return "EMAHook"
        case .emptyCache: return "EmptyCacheHook"
        case .syncBuffers: return "SyncBuffersHook"
        case .inert(let name): return name
        }
    }
}
