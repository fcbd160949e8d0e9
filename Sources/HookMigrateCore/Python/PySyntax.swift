/// An expression of the supported Python subset, with where it starts.
struct PyExpr: Sendable {
    var kind: PyExprKind
    var pos: PyPos

    init(_ kind: PyExprKind, at pos: PyPos) {
        self.kind = kind
        self.pos = pos
    }
}

/// The expression forms (Python's `ast` names in brackets).
indirect enum PyExprKind: Sendable {
    /// `None`, `True`, `False`, a number or a string [Constant].
    case constant(PyConstant)
    /// A name [Name].
    case name(String)
    /// An f-string, alone or concatenated with plain strings [JoinedStr].
    case formatted([PyFormattedPart])
    /// `[a, *b]` [List].
    case list([PyExpr])
    /// `(a, *b)` or `a, b` [Tuple].
    case tuple([PyExpr])
    /// `{k: v, **m}` [Dict].
    case dict([PyDictItem])
    /// `[elt for … in … if …]` [ListComp].
    case listComprehension(PyExpr, [PyComprehension])
    /// `{k: v for …}` [DictComp].
    case dictComprehension(PyExpr, PyExpr, [PyComprehension])
    /// `(elt for …)` [GeneratorExp].
    case generator(PyExpr, [PyComprehension])
    /// `*x` inside a display, a call or an assignment target [Starred].
    case starred(PyExpr)
    /// `-x`, `+x`, `~x`, `not x` [UnaryOp].
    case unary(PyUnaryOperator, PyExpr)
    /// `a + b` … ; `opPos` is the operator's position [BinOp].
    case binary(PyBinaryOperator, PyExpr, PyExpr, opPos: PyPos)
    /// `a and b and c` / `a or b` [BoolOp].
    case boolean(isAnd: Bool, [PyExpr])
    /// `a < b <= c` [Compare].
    case compare(PyExpr, [PyComparison])
    /// `a if test else b` [IfExp].
    case conditional(test: PyExpr, body: PyExpr, orElse: PyExpr)
    /// `f(a, *b, k=v, **m)` [Call].
    case call(PyExpr, [PyArgument])
    /// `obj.name`; evaluated only as the callee of a call (a method call) [Attribute].
    case attribute(PyExpr, String, namePos: PyPos)
    /// `obj[index]` [Subscript].
    case indexing(PyExpr, PyExpr)
    /// `lower:upper:step` inside a subscript [Slice].
    case slice(PyExpr?, PyExpr?, PyExpr?)
}

/// A literal value.
enum PyConstant: Sendable {
    case none
    case bool(Bool)
    /// An int literal; `nil` when it does not fit in 64 bits (an error only if it is evaluated).
    case int(Int?, text: String)
    case float(Double)
    case string(String)
    /// `...`
    case ellipsis
    /// `1j`
    case imaginary
}

/// A piece of an f-string: literal text, or a replacement field.
enum PyFormattedPart: Sendable {
    case text(String)
    /// `{value!conversion:spec}`; `spec` is itself made of parts (it may hold nested fields).
    case field(value: PyExpr, conversion: Unicode.Scalar?, spec: [PyFormattedPart]?)
}

/// An entry of a dict display.
enum PyDictItem: Sendable {
    case pair(PyExpr, PyExpr)
    /// `**mapping`
    case splat(PyExpr, at: PyPos)
}

/// One `for target in iterable if cond …` clause of a comprehension.
struct PyComprehension: Sendable {
    var target: PyExpr
    var iterable: PyExpr
    var conditions: [PyExpr]
}

/// One argument of a call.
enum PyArgument: Sendable {
    case positional(PyExpr)
    /// `*iterable`
    case starred(PyExpr)
    /// `name=value`
    case keyword(String, PyExpr, namePos: PyPos)
    /// `**mapping`
    case doubleStarred(PyExpr)
}

/// A comparison operator with its right operand.
struct PyComparison: Sendable {
    var op: PyCompareOperator
    var right: PyExpr
    var opPos: PyPos
}

enum PyUnaryOperator: String, Sendable {
    case negate = "-"
    case plus = "+"
    case invert = "~"
    case not = "not"
}

enum PyBinaryOperator: String, Sendable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case matrixMultiply = "@"
    case divide = "/"
    case floorDivide = "//"
    case modulo = "%"
    case power = "**"
    case leftShift = "<<"
    case rightShift = ">>"
    case bitAnd = "&"
    case bitOr = "|"
    case bitXor = "^"
}

enum PyCompareOperator: String, Sendable {
    case less = "<"
    case lessEqual = "<="
    case greater = ">"
    case greaterEqual = ">="
    case equal = "=="
    case notEqual = "!="
    case isIdentical = "is"
    case isNotIdentical = "is not"
    case contains = "in"
    case notContains = "not in"
}

/// A module-level statement of the supported subset.
struct PyStatement: Sendable {
    enum Kind: Sendable {
        /// `a = b = value` (targets left to right).
        case assign([PyExpr], PyExpr)
        /// `target op= value`.
        case augmentedAssign(PyExpr, PyBinaryOperator, PyExpr, opPos: PyPos)
        /// An expression evaluated for its effect (`d.update(...)`, a docstring).
        case expression(PyExpr)
        /// `pass`
        case pass
    }

    var kind: Kind
    var pos: PyPos
}
