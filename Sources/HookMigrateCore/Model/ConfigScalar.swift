/// A leaf value of a config: what Python's `None`, `bool`, `int`, `float` and `str` hold.
///
/// `1` stays an int, `1.0` and `1e-05` are floats, `'1'` is a string: the distinction survives every
/// reader and writer. Two floats are equal when they are `==` or both NaN, so that a config holding
/// `nan` still equals itself.
public enum ConfigScalar: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)

    /// The type's name with its article, for messages: "an int", "a string" …
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a bool"
        case .int: return "an int"
        case .float: return "a float"
        case .string: return "a string"
        }
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value as Python prints it with `repr` (strings single-quoted), for messages.
    public var description: String {
        switch self {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .int(let number): return String(number)
        case .float(let number): return PythonFloat.repr(number)
        case .string(let text): return "'\(text)'"
        }
    }

    /// Python truthiness: `None`, `False`, `0`, `0.0` and `''` are false, everything else true.
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let flag): return flag
        case .int(let number): return number != 0
        case .float(let number): return number != 0
        case .string(let text): return !text.isEmpty
        }
    }

    public static func == (lhs: ConfigScalar, rhs: ConfigScalar) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.float(a), .float(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.string(a), .string(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let flag): hasher.combine(1); hasher.combine(flag)
        case .int(let number): hasher.combine(2); hasher.combine(number)
        // Equal floats hash alike: every NaN as one, and 0.0 as -0.0 (they are ==, as in Python).
        case .float(let number): hasher.combine(3); hasher.combine(number.isNaN ? Double.nan.bitPattern : (number == 0 ? 0 : number.bitPattern))
        case .string(let text): hasher.combine(4); hasher.combine(text)
        }
    }
}
