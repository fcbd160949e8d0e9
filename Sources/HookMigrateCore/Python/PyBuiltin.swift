/// The Python builtins a config file may call (or name, as a `key=` function or an `isinstance` type).
enum PyBuiltin: String, CaseIterable {
    case abs, all, any, ascii, bin, bool, chr, dict, divmod, enumerate, float, format, hex, int, isinstance
    case len, list, max, min, oct, ord, pow, range, repr, reversed, round, sorted, str, sum, tuple, zip

    /// Whether the name is a type in Python (`isinstance(x, int)`, `type(x)` of a value).
    var isType: Bool {
        switch self {
        case .bool, .dict, .enumerate, .float, .int, .list, .range, .reversed, .str, .tuple, .zip: return true
        default: return false
        }
    }

    /// Python 3.8's other builtin names: calling or naming one is refused, not a `NameError`.
    static let unsupportedNames: Set<String> = [
        "breakpoint", "bytearray", "bytes", "callable", "classmethod", "compile", "complex", "copyright", "credits",
        "delattr", "dir", "eval", "exec", "exit", "filter", "frozenset", "getattr", "globals", "hasattr", "hash",
        "help", "id", "input", "issubclass", "iter", "license", "locals", "map", "memoryview", "next", "object",
        "open", "print", "property", "quit", "set", "setattr", "slice", "staticmethod", "super", "type", "vars",
        "__import__", "__build_class__", "__debug__", "NotImplemented", "Ellipsis",
        "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BlockingIOError", "BrokenPipeError",
        "BufferError", "BytesWarning", "ChildProcessError", "ConnectionAbortedError", "ConnectionError",
        "ConnectionRefusedError", "ConnectionResetError", "DeprecationWarning", "EOFError", "EnvironmentError",
        "Exception", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning", "GeneratorExit",
        "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError", "InterruptedError",
        "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError", "ModuleNotFoundError",
        "NameError", "NotADirectoryError", "NotImplementedError", "OSError", "OverflowError",
        "PendingDeprecationWarning", "PermissionError", "ProcessLookupError", "RecursionError", "ReferenceError",
        "ResourceWarning", "RuntimeError", "RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError",
        "SyntaxWarning", "SystemError", "SystemExit", "TabError", "TimeoutError", "TypeError", "UnboundLocalError",
        "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning",
        "UserWarning", "ValueError", "Warning", "ZeroDivisionError",
    ]
}
