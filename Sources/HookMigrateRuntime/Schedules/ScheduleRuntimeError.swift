/// What the real library raises while a schedule runs (not while it is built): the Python exception a
/// simulated run must report instead of crashing.
///
/// Examples: MMCV `CosineRestartLrUpdaterHook` past the end of its periods raises
/// `ValueError: Current iteration … exceeds cumulative_periods …`
/// (`mmcv/runner/hooks/lr_updater.py`, `get_position_from_periods`); a float `warmup_iters` fails the
/// `assert isinstance(self.warmup_iters, int)` of `LrUpdaterHook.before_train_iter`; a division by zero in a
/// chained MMEngine update (`ConstantLR(factor=0)` restoring with `1/factor`) raises `ZeroDivisionError`
/// (`mmengine/optim/scheduler/param_scheduler.py`).
public struct ScheduleRuntimeError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The Python exception class the real code raises.
    public enum Exception: String, Sendable, Equatable {
        case valueError = "ValueError"
        case assertionError = "AssertionError"
        case zeroDivisionError = "ZeroDivisionError"
        case keyError = "KeyError"
        case typeError = "TypeError"
        case overflowError = "OverflowError"
        case unboundLocalError = "UnboundLocalError"
    }

    /// The exception class.
    public var exception: Exception
    /// The message, close to the real one.
    public var message: String

    /// Creates an error.
    public init(_ exception: Exception, _ message: String) {
        self.exception = exception
        self.message = message
    }

    /// `ValueError: message`.
    public var description: String { "\(exception.rawValue): \(message)" }
}
