/// Reads a Python config module (`.py`) as MMCV 1.7.2's `Config.fromfile` evaluates it, without running
/// Python: the module's statements are evaluated by hookmigrate's own interpreter of the subset of Python
/// that config files use (assignments, literals, `dict(...)`, arithmetic, comprehensions, f-strings,
/// common builtins and methods; see docs/python-configs.md), and the module namespace becomes the config.
///
/// Everything else (`import`, `def`, `lambda`, `if`/`for` statements, unknown names …) is refused with a
/// located `python-unsupported` error that names the construct; a Python syntax error is a located
/// `python-syntax` error; an exception Python would raise is a located `python-error`. A file is either
/// read completely or refused, never read in part.
public struct PythonConfigReader: Sendable {
    /// Bounds on the file and its evaluation.
    public var limits: ReadLimits

    /// Creates a reader.
    public init(limits: ReadLimits = .default) {
        self.limits = limits
    }

    /// The module's namespace as a mapping: every name bound at module level that does not start with
    /// `__`, in the order of first binding, each key located at that binding.
    public func read(_ source: SourceText) throws -> ConfigNode {
        let limits = self.limits
        let file = PyFile(path: source.path)
        if source.bytes.count > limits.maxFileBytes {
            throw file.sizeLimit("the file has \(source.bytes.count) bytes, more than \(limits.maxFileBytes) (ReadLimits.maxFileBytes)", at: .start)
        }
        return try LargeStack.run {
            let statements = try PyParser.parseModule(source.text, file: file, limits: limits)
            let evaluator = PyEvaluator(file: file, limits: limits)
            try evaluator.run(statements)
            var converter = PyConverter(file: file, limits: limits)
            return try converter.module(evaluator.globals)
        }
    }
}
