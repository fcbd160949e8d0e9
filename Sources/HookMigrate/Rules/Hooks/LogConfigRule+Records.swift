extension LogConfigRule {
    /// The records the `log_config` rule writes, one case per kind of record (id `log_config/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case noneRemovesLogger = "none-removes-logger"
        case unreadKeyDropped = "unread-key-dropped"
        case rejected = "rejected"
        case noLoggerHooks = "no-logger-hooks"
        case missingType = "missing-type"
        case intervalNotPositive = "interval-not-positive"
        case backendDropped = "backend-dropped"
        case unknownArgument = "unknown-argument"
        case iterTextLogger = "iter-text-logger"
        case textLogger = "text-logger"
        case backendUnknownArgument = "backend-unknown-argument"
        case visBackend = "vis-backend"
        case otherLoggerSettings = "other-logger-settings"
        case byIterationInEpochRunner = "by-iteration-in-epoch-runner"
        case epochShorterThanInterval = "epoch-shorter-than-interval"

        public static var rule: String { LogConfigRule.id }

        public var summary: String {
            switch self {
            case .noneRemovesLogger: "log_config=None: default_hooks.logger=None removes MMEngine's default LoggerHook."
            case .unreadKeyDropped: "A log_config key MMCV's register_logger_hooks did not read: dropped."
            case .rejected: "A log_config MMCV refuses: nothing converted."
            case .noLoggerHooks: "log_config.hooks is empty: default_hooks.logger=None removes MMEngine's default LoggerHook."
            case .missingType: "A logger hook without `type`: dropped."
            case .intervalNotPositive: "A logging interval MMCV never logged with and MMEngine's LoggerHook rejects: logging not converted."
            case .backendDropped: "A logger hook with no MMEngine backend: dropped."
            case .unknownArgument: "A logger hook argument its class does not take (MMCV raised TypeError): dropped."
            case .iterTextLogger: "mmedit/mmgen's IterTextLoggerHook is converted like TextLoggerHook with by_epoch=False."
            case .textLogger: "TextLoggerHook becomes MMEngine's LoggerHook (a warning when a setting behaves differently)."
            case .backendUnknownArgument: "A logger backend hook argument its class does not take (MMCV raised TypeError): dropped."
            case .visBackend: "A logger hook becomes a visualizer backend (a warning listing the differences when there are some)."
            case .otherLoggerSettings: "A second logger hook's own interval, ignore_last or by_epoch give way to the LoggerHook's (MMEngine has one); a non-equivalence when the interval changes (R9)."
            case .byIterationInEpochRunner: "by_epoch=False in an epoch runner: MMCV counted the interval over the run, MMEngine within each epoch."
            case .epochShorterThanInterval: "Epochs shorter than the logging interval with ignore_last=True: train logs differ (R9, logging only)."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .noneRemovesLogger, .noLoggerHooks: [.change]
            case .unreadKeyDropped, .iterTextLogger, .epochShorterThanInterval: [.warning]
            case .rejected, .missingType, .intervalNotPositive, .backendDropped, .unknownArgument,
                 .backendUnknownArgument: [.manualStep]
            case .textLogger, .visBackend: [.change, .warning]
            case .otherLoggerSettings: [.warning, .nonEquivalence]
            case .byIterationInEpochRunner: [.nonEquivalence]
            }
        }
    }
}
