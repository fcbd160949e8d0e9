import HookMigrateCore

/// One MMCV logger hook (`mmcv/runner/hooks/logger/base.py`): its emission rule.
public struct LegacyLoggerHook: Sendable, Hashable {
    /// The hook's type (`TextLoggerHook` …).
    public var type: String
    /// `interval`.
    public var interval: Int
    /// `by_epoch`.
    public var byEpoch: Bool
    /// `ignore_last`.
    public var ignoreLast: Bool

    /// The logger hooks `log_config` registers, read as MMCV's `register_logger_hooks` and the hooks'
    /// constructors do: `interval` and `hooks` are required (a `rejected` error: MMCV raised KeyError); each
    /// hook's `interval` defaults to the config's, `by_epoch` to the runner's kind (False for mmedit's
    /// `IterTextLoggerHook`), `ignore_last` to True. A hook without `type` (build_from_cfg's KeyError) is `nil`
    /// at its index, for the caller to refuse or report. Counts are range-checked. The one reading of
    /// `log_config`: the rule translates it, the simulated runner runs it.
    public static func parse(_ logConfig: ConfigMapping, iterationRunner: Bool, path: ConfigPath = "log_config") throws -> (interval: Int, hooks: [LegacyLoggerHook?]) {
        guard let intervalNode = logConfig.present("interval") else {
            throw ConfigError(.rejected, "log_config has no `interval`: MMCV's register_logger_hooks read log_config['interval'] and failed (KeyError)", at: nil)
        }
        let interval = try intervalNode.count(path.appending("interval"))
        guard let hooksNode = logConfig.present("hooks") else {
            throw ConfigError(.rejected, "log_config has no `hooks`: MMCV's register_logger_hooks read log_config['hooks'] and failed (KeyError)", at: nil)
        }
        let hooksPath = path.appending("hooks")
        let hooks = try hooksNode.list(hooksPath).items.enumerated().map { index, item -> LegacyLoggerHook? in
            let itemPath = hooksPath.appending(index: index)
            let mapping = try item.mapping(itemPath)
            guard let typeNode = mapping.present("type") else { return nil }
            let type = try typeNode.string(itemPath.appending("type"))
            return LegacyLoggerHook(
                type: type,
                interval: try mapping.present("interval").map { try $0.count(itemPath.appending("interval")) } ?? interval,
                byEpoch: try mapping.present("by_epoch").map { try $0.bool(itemPath.appending("by_epoch")) } ?? (type == "IterTextLoggerHook" ? false : !iterationRunner),
                ignoreLast: try mapping.present("ignore_last").map { try $0.bool(itemPath.appending("ignore_last")) } ?? true)
        }
        return (interval, hooks)
    }

    /// Creates a logger.
    public init(type: String, interval: Int, byEpoch: Bool, ignoreLast: Bool = true) {
        self.type = type
        self.interval = interval
        self.byEpoch = byEpoch
        self.ignoreLast = ignoreLast
    }

    /// Whether `after_train_iter` fills the log buffer (every `interval`, or the epoch's last batch when
    /// `ignore_last` is off). MMCV's `every_n_inner_iters` / `every_n_iters` are False for an interval ≤ 0.
    public func trainRecordDue(_ state: LegacyRunState) -> Bool {
        if interval > 0, byEpoch, (state.inner + 1) % interval == 0 { return true }
        if interval > 0, !byEpoch, (state.iter + 1) % interval == 0 { return true }
        return state.inner + 1 == state.itersPerEpoch && !ignoreLast
    }

    /// The step printed in a train record.
    public func label(_ state: LegacyRunState) -> Int { byEpoch ? state.inner + 1 : state.iter + 1 }
}

/// MMCV's EMA hooks: `EMAHook` (mmcv) and mmdet 2.x's `ExpMomentumEMAHook` / `LinearMomentumEMAHook`.
public struct LegacyEMAHook: Sendable, Hashable {
    /// Which formula.
    public enum Kind: String, Sendable, Equatable {
        /// mmcv `EMAHook`: `momentum**interval`, updates when `iter % interval == 0`, capped by warm-up.
        case mmcv
        /// mmdet `ExpMomentumEMAHook`: `(1-m)·exp(-(1+iter)/total_iter) + m`, updates when `(iter+1) % interval == 0`.
        case expMomentum
        /// mmdet `LinearMomentumEMAHook`: `min(m**interval, (1+iter)/(warm_up+iter))`, updates when `(iter+1) % interval == 0`.
        case linearMomentum
    }

    /// The formula.
    public var kind: Kind
    /// `momentum`.
    public var momentum: Double
    /// `interval`.
    public var interval: Int
    /// `warm_up` (mmcv, linear) .
    public var warmUp: Double
    /// `total_iter` (exp).
    public var totalIter: Double
    /// The first 0-based iteration from which the warm-up no longer caps the momentum (mmcv, linear).
    let warmUpEnd: Int

    /// Creates the hook.
    public init(kind: Kind, momentum: Double, interval: Int, warmUp: Double = 100, totalIter: Double = 2000) {
        self.kind = kind
        self.momentum = momentum
        self.interval = interval
        self.warmUp = warmUp
        self.totalIter = totalIter
        warmUpEnd = Self.warmUpEnd(momentum: Self.raised(momentum, interval), warmUp: warmUp)
    }

    /// `momentum ** interval` (exactly `momentum` for an interval of 1, as Python's `**` gives).
    var intervalMomentum: Double { Self.raised(momentum, interval) }

    /// `momentum ** interval`, computed once here for the updates and the warm-up end.
    static func raised(_ momentum: Double, _ interval: Int) -> Double {
        interval == 1 ? momentum : pow(momentum, Double(interval))
    }

    /// The momentum of the update at 0-based `iter`, or nil when this iteration does not update.
    public func update(at iter: Int) -> Double? {
        let k = Double(iter)
        switch kind {
        case .mmcv:
            guard iter % interval == 0 else { return nil }
            return min(intervalMomentum, (1 + k) / (warmUp + k))
        case .expMomentum:
            guard (iter + 1) % interval == 0 else { return nil }
            return EMAMomentumLaw.expMomentum(momentum: momentum, gamma: totalIter, offset: 0).value(atIteration: iter)
        case .linearMomentum:
            guard (iter + 1) % interval == 0 else { return nil }
            return min(intervalMomentum, (1 + k) / (warmUp + k))
        }
    }
}

import Foundation
