import Foundation

/// Parses the tokens of a config module into statements: the module-level subset hookmigrate evaluates
/// (assignments, augmented assignments, expression statements, `pass`) over Python 3.8's expression
/// grammar. A syntax error is a `python-syntax` error at the offending token; a construct the evaluator
/// does not support (`import`, `def`, `lambda`, sets …) is a `python-unsupported` error where it starts.
struct PyParser {
    let file: PyFile
    let tokens: [PyToken]
    let maxDepth: Int
    var index = 0
    var depth = 0
    /// An upper estimate of CPython 3.8's parser stack for the statement being parsed (its LL(1)
    /// parser fails with `MemoryError: s_push: parser stack overflow` past 1500 entries, at about 93 to
    /// 104 nested brackets): 16 per bracket, call or subscript, 2 per unary operator, `not` and
    /// conditional `else` branch, 3 per `**`. Each of these costs CPython less (15.3, under 1, 1.8 …
    /// measured on Python 3.8), so a file under the bound is one CPython parses.
    var cpythonStack = 0
    static let cpythonStackBound = 1400

    init(tokens: [PyToken], file: PyFile, maxDepth: Int) {
        self.tokens = tokens
        self.file = file
        self.maxDepth = maxDepth
    }

    /// Parses a whole module.
    static func parseModule(_ text: String, file: PyFile, limits: ReadLimits) throws -> [PyStatement] {
        let tokens = try PyTokenizer.tokenize(text, file: file)
        var parser = PyParser(tokens: tokens, file: file, maxDepth: limits.maxDepth)
        return try parser.parseModule()
    }

    // MARK: Cursor

    /// The token at the cursor, lent rather than copied (a copy would retain its text).
    var current: PyToken {
        _read { yield tokens[index] }
    }

    func peek(_ offset: Int) -> PyToken { tokens[min(index + offset, tokens.count - 1)] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func syntaxError(_ message: String? = nil, at token: PyToken? = nil) -> ConfigError {
        let token = token ?? current
        return file.syntax(message ?? "unexpected \(token.display)", at: token.pos)
    }

    mutating func expectOp(_ symbol: StaticString, _ context: String) throws {
        guard current.isOp(symbol) else {
            throw syntaxError("expected '\(symbol)' \(context), found \(current.display)")
        }
        advance()
    }

    mutating func enter() throws {
        depth += 1
        if depth > maxDepth {
            throw file.depthLimit("expressions are nested deeper than \(maxDepth) levels", at: current.pos)
        }
    }

    mutating func leave() { depth -= 1 }

    /// Adds to the CPython 3.8 parser-stack estimate; refused past its bound.
    mutating func pushCPythonStack(_ units: Int) throws {
        cpythonStack += units
        if cpythonStack > Self.cpythonStackBound {
            throw file.syntax("the expression nests too deeply for Python 3.8's parser, which fails on it with MemoryError (s_push: parser stack overflow); MMCV cannot load the file", at: current.pos)
        }
    }

    // MARK: Statements

    mutating func parseModule() throws -> [PyStatement] {
        var statements: [PyStatement] = []
        while current.kind != .end {
            switch current.kind {
            case .newline:
                advance()
            case .indent:
                throw file.syntax("unexpected indent", at: current.pos)
            default:
                try parseLine(into: &statements)
            }
        }
        return statements
    }

    /// `small_stmt (';' small_stmt)* [';'] NEWLINE`
    mutating func parseLine(into statements: inout [PyStatement]) throws {
        while true {
            statements.append(try parseSmallStatement())
            guard current.isOp(";") else { break }
            advance()
            if current.kind == .newline || current.kind == .end { break }
        }
        guard current.kind == .newline || current.kind == .end else {
            throw syntaxError("expected the end of the statement, found \(current.display)")
        }
        advance()
    }

    static let refusedStatements: [String: String] = [
        "import": "`import` statements",
        "from": "`from … import` statements",
        "def": "function definitions (`def`)",
        "class": "class definitions (`class`)",
        "if": "`if` statements",
        "for": "`for` loops",
        "while": "`while` loops",
        "with": "`with` statements",
        "try": "`try` statements",
        "async": "`async` statements",
        "del": "`del` statements",
        "global": "`global` statements",
        "nonlocal": "`nonlocal` statements",
        "assert": "`assert` statements",
        "raise": "`raise` statements",
    ]

    static let misplacedStatements: [String: String] = [
        "return": "'return' outside function",
        "yield": "'yield' outside function",
        "await": "'await' outside function",
        "break": "'break' outside loop",
        "continue": "'continue' not properly in loop",
    ]

    mutating func parseSmallStatement() throws -> PyStatement {
        cpythonStack = 0
        let token = current
        if token.kind == .name {
            if token.text == "pass" {
                advance()
                return PyStatement(kind: .pass, pos: token.pos)
            }
            if let construct = Self.refusedStatements[token.text] {
                throw file.unsupported(construct, at: token.pos)
            }
            if let message = Self.misplacedStatements[token.text] {
                throw file.syntax(message, at: token.pos)
            }
        }
        if token.isOp("@") {
            throw file.unsupported("decorators (`@`)", at: token.pos)
        }
        return try parseExpressionStatement()
    }

    static let augmentedOperators: [String: PyBinaryOperator] = [
        "+=": .add, "-=": .subtract, "*=": .multiply, "@=": .matrixMultiply, "/=": .divide,
        "//=": .floorDivide, "%=": .modulo, "**=": .power, "<<=": .leftShift, ">>=": .rightShift,
        "&=": .bitAnd, "|=": .bitOr, "^=": .bitXor,
    ]

    mutating func parseExpressionStatement() throws -> PyStatement {
        let start = current.pos
        let first = try parseTestListStarExpr()
        if current.isOp("=") {
            var chain = [first]
            while current.isOp("=") {
                advance()
                if current.isKeyword("yield") { throw file.unsupported("`yield` expressions", at: current.pos) }
                chain.append(try parseTestListStarExpr())
            }
            let value = chain.removeLast()
            try rejectBareStarred(value)
            for target in chain { try validateTarget(target) }
            return PyStatement(kind: .assign(chain, value), pos: start)
        }
        if current.kind == .op, let op = Self.augmentedOperators[current.text] {
            let opPos = current.pos
            switch first.kind {
            case .name, .indexing:
                break
            case .attribute:
                throw file.unsupported("attribute assignments (`obj.name = …`)", at: first.pos)
            default:
                throw file.syntax("illegal expression for augmented assignment", at: first.pos)
            }
            advance()
            if current.isKeyword("yield") { throw file.unsupported("`yield` expressions", at: current.pos) }
            let value = try parseTestList()
            return PyStatement(kind: .augmentedAssign(first, op, value, opPos: opPos), pos: start)
        }
        if current.isOp(":") {
            throw file.unsupported("annotated assignments (`name: type = value`)", at: start)
        }
        try rejectBareStarred(first)
        return PyStatement(kind: .expression(first), pos: start)
    }

    func rejectBareStarred(_ expr: PyExpr) throws {
        if case .starred = expr.kind {
            throw file.syntax("can't use starred expression here", at: expr.pos)
        }
    }

    /// Checks that an expression can be assigned to, as Python's compiler does.
    func validateTarget(_ target: PyExpr, nested: Bool = false) throws {
        switch target.kind {
        case .name:
            return
        case .indexing:
            return
        case .attribute:
            throw file.unsupported("attribute assignments (`obj.name = …`)", at: target.pos)
        case .tuple(let items), .list(let items):
            var starred = 0
            for item in items {
                if case .starred(let inner) = item.kind {
                    starred += 1
                    if starred > 1 { throw file.syntax("multiple starred expressions in assignment", at: item.pos) }
                    try validateTarget(inner, nested: true)
                } else {
                    try validateTarget(item, nested: true)
                }
            }
        case .starred:
            throw file.syntax("starred assignment target must be in a list or tuple", at: target.pos)
        case .constant(.none):
            throw file.syntax("cannot assign to None", at: target.pos)
        case .constant(.bool(let flag)):
            throw file.syntax("cannot assign to \(flag ? "True" : "False")", at: target.pos)
        case .constant(.ellipsis):
            throw file.syntax("cannot assign to Ellipsis", at: target.pos)
        case .constant, .formatted:
            throw file.syntax("cannot assign to literal", at: target.pos)
        case .call:
            throw file.syntax("cannot assign to function call", at: target.pos)
        case .binary, .unary:
            throw file.syntax("cannot assign to operator", at: target.pos)
        case .compare:
            throw file.syntax("cannot assign to comparison", at: target.pos)
        case .conditional:
            throw file.syntax("cannot assign to conditional expression", at: target.pos)
        case .boolean:
            throw file.syntax("cannot assign to operator", at: target.pos)
        case .listComprehension:
            throw file.syntax("cannot assign to list comprehension", at: target.pos)
        case .dictComprehension:
            throw file.syntax("cannot assign to dict comprehension", at: target.pos)
        case .generator:
            throw file.syntax("cannot assign to generator expression", at: target.pos)
        case .dict:
            throw file.syntax("cannot assign to dict display", at: target.pos)
        case .slice:
            throw file.syntax("invalid syntax", at: target.pos)
        }
    }

    // MARK: Expression lists

    /// Whether a token can start an expression (`allowStar`: also `*x`).
    func startsExpression(_ token: PyToken, allowStar: Bool) -> Bool {
        switch token.kind {
        case .number, .string:
            return true
        case .name:
            return !PyKeywords.contains(token) || Self.expressionKeywords.contains(token.text)
        case .op:
            return Self.expressionOperators.contains(token.text) || (allowStar && token.text == "*")
        default:
            return false
        }
    }

    static let expressionKeywords: Set<String> = ["True", "False", "None", "not", "lambda", "await"]
    static let expressionOperators: Set<String> = ["(", "[", "{", "-", "+", "~", "..."]

    /// `testlist_star_expr`: `a`, or `a, *b, c` (a tuple).
    mutating func parseTestListStarExpr() throws -> PyExpr {
        let start = current.pos
        let first = try parseTestOrStar()
        guard current.isOp(",") else { return first }
        var items = [first]
        while current.isOp(",") {
            advance()
            guard startsExpression(current, allowStar: true) else { break }
            items.append(try parseTestOrStar())
        }
        return PyExpr(.tuple(items), at: start)
    }

    /// `testlist`: like `testlist_star_expr` without starred items (augmented assignment values).
    mutating func parseTestList() throws -> PyExpr {
        let start = current.pos
        let first = try parseTest()
        guard current.isOp(",") else { return first }
        var items = [first]
        while current.isOp(",") {
            advance()
            guard startsExpression(current, allowStar: false) else { break }
            items.append(try parseTest())
        }
        return PyExpr(.tuple(items), at: start)
    }

    /// `exprlist`: comprehension targets (`a`, `a, b`, `(a, b)`).
    mutating func parseExprList() throws -> PyExpr {
        let start = current.pos
        let first = try parseStarOrBitOr()
        guard current.isOp(",") else { return first }
        var items = [first]
        while current.isOp(",") {
            advance()
            guard startsExpression(current, allowStar: true) else { break }
            items.append(try parseStarOrBitOr())
        }
        return PyExpr(.tuple(items), at: start)
    }

    mutating func parseStarOrBitOr() throws -> PyExpr {
        if current.isOp("*") {
            let start = current.pos
            advance()
            return PyExpr(.starred(try parseBitOr()), at: start)
        }
        return try parseBitOr()
    }

    mutating func parseTestOrStar(named: Bool = false) throws -> PyExpr {
        if current.isOp("*") {
            let start = current.pos
            advance()
            return PyExpr(.starred(try parseBitOr()), at: start)
        }
        return named ? try parseNamedTest() : try parseTest()
    }

    // MARK: Expressions, lowest precedence first

    mutating func parseTest() throws -> PyExpr {
        if current.isKeyword("lambda") {
            throw file.unsupported("`lambda` expressions", at: current.pos)
        }
        try enter()
        defer { leave() }
        if isLoneAtom() { return try parseAtom() }
        let body = try parseOrTest()
        if current.isKeyword("if") {
            advance()
            let test = try parseOrTest()
            guard current.isKeyword("else") else {
                throw syntaxError("expected 'else' after 'if' expression, found \(current.display)")
            }
            advance()
            try pushCPythonStack(2)
            let orElse = try parseTest()
            cpythonStack -= 2
            return PyExpr(.conditional(test: test, body: body, orElse: orElse), at: body.pos)
        }
        return body
    }

    /// Whether the expression at the cursor is one number, string or name followed by a token no operator
    /// level takes (`,` `)` `]` `}` `:` `=`, or the end of the line): most of a config's values. Its parse is
    /// `parseAtom`'s, without the dozen precedence levels that would each look at the next token and find
    /// nothing (same tree, same depth count: no level on that path nests). Keywords other than `None`,
    /// `True` and `False` take the full path, which reports them as it always did.
    func isLoneAtom() -> Bool {
        let token = current
        switch token.kind {
        case .number, .string, .name: break
        default: return false
        }
        let next = peek(1)
        switch next.kind {
        case .newline, .end: break
        case .op:
            var bytes = next.text.utf8.makeIterator()
            guard let byte = bytes.next(), bytes.next() == nil else { return false }
            switch byte {
            case UInt8(ascii: ","), UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"), UInt8(ascii: "="): break
            default: return false
            }
        default: return false
        }
        if token.kind == .name, PyKeywords.contains(token) {
            return token.text == "None" || token.text == "True" || token.text == "False"
        }
        return true
    }

    /// `namedexpr_test`, where Python 3.8 allows `name := value` (inside parentheses and brackets, and
    /// as a call argument): refused there; anywhere else `:=` is a syntax error (nothing consumes it).
    mutating func parseNamedTest() throws -> PyExpr {
        let value = try parseTest()
        if current.isOp(":=") {
            guard case .name = value.kind else {
                throw file.syntax("cannot use assignment expressions with this expression", at: value.pos)
            }
            throw file.unsupported("assignment expressions (`:=`)", at: current.pos)
        }
        return value
    }

    mutating func parseOrTest() throws -> PyExpr {
        let first = try parseAndTest()
        guard current.isKeyword("or") else { return first }
        var operands = [first]
        while current.isKeyword("or") {
            advance()
            operands.append(try parseAndTest())
        }
        return PyExpr(.boolean(isAnd: false, operands), at: first.pos)
    }

    mutating func parseAndTest() throws -> PyExpr {
        let first = try parseNotTest()
        guard current.isKeyword("and") else { return first }
        var operands = [first]
        while current.isKeyword("and") {
            advance()
            operands.append(try parseNotTest())
        }
        return PyExpr(.boolean(isAnd: true, operands), at: first.pos)
    }

    mutating func parseNotTest() throws -> PyExpr {
        if current.isKeyword("not") {
            let start = current.pos
            advance()
            try enter()
            try pushCPythonStack(2)
            defer {
                leave()
                cpythonStack -= 2
            }
            return PyExpr(.unary(.not, try parseNotTest()), at: start)
        }
        return try parseComparison()
    }

    mutating func comparisonOperator() -> PyCompareOperator? {
        let token = current
        switch token.kind {
        case .op:
            switch token.text {
            case "<": return .less
            case "<=": return .lessEqual
            case ">": return .greater
            case ">=": return .greaterEqual
            case "==": return .equal
            case "!=": return .notEqual
            default: return nil
            }
        case .name:
            switch token.text {
            case "in": return .contains
            case "not": return peek(1).isKeyword("in") ? .notContains : nil
            case "is": return peek(1).isKeyword("not") ? .isNotIdentical : .isIdentical
            default: return nil
            }
        default:
            return nil
        }
    }

    mutating func parseComparison() throws -> PyExpr {
        let left = try parseBitOr()
        var comparisons: [PyComparison] = []
        while let op = comparisonOperator() {
            let opPos = current.pos
            advance()
            if op == .notContains || op == .isNotIdentical { advance() }
            comparisons.append(PyComparison(op: op, right: try parseBitOr(), opPos: opPos))
        }
        return comparisons.isEmpty ? left : PyExpr(.compare(left, comparisons), at: left.pos)
    }

    /// The operators of one precedence level, looked up by their token's code (`PyToken.pack`): a level holds
    /// at most five, so a scan of their codes costs less than hashing the token's text.
    struct OperatorTable<Operator: Sendable>: Sendable {
        let codes: [UInt64]
        let operators: [Operator]

        init(_ entries: KeyValuePairs<String, Operator>) {
            codes = entries.map { PyToken.pack($0.key) }
            operators = entries.map(\.value)
        }

        /// The operator of `token`, when it is an operator token of this level.
        func callAsFunction(_ token: PyToken) -> Operator? {
            guard token.kind == .op else { return nil }
            let code = token.code
            for index in codes.indices where codes[index] == code { return operators[index] }
            return nil
        }
    }

    static let bitOrOperators = OperatorTable<PyBinaryOperator>(["|": .bitOr])
    static let bitXorOperators = OperatorTable<PyBinaryOperator>(["^": .bitXor])
    static let bitAndOperators = OperatorTable<PyBinaryOperator>(["&": .bitAnd])
    static let shiftOperators = OperatorTable<PyBinaryOperator>(["<<": .leftShift, ">>": .rightShift])
    static let arithOperators = OperatorTable<PyBinaryOperator>(["+": .add, "-": .subtract])
    static let termOperators = OperatorTable<PyBinaryOperator>(["*": .multiply, "@": .matrixMultiply, "/": .divide, "//": .floorDivide, "%": .modulo])
    static let unaryOperators = OperatorTable<PyUnaryOperator>(["-": .negate, "+": .plus, "~": .invert])

    /// A left-associative chain of binary operators; each operator nests the tree one level deeper,
    /// which counts toward the depth bound.
    mutating func parseBinaryLevel(_ operators: OperatorTable<PyBinaryOperator>,
                                   _ operand: (inout PyParser) throws -> PyExpr) throws -> PyExpr {
        var left = try operand(&self)
        var entered = 0
        defer { depth -= entered }
        while let op = operators(tokens[index]) {
            try enter()
            entered += 1
            let opPos = current.pos
            advance()
            let right = try operand(&self)
            left = PyExpr(.binary(op, left, right, opPos: opPos), at: left.pos)
        }
        return left
    }

    mutating func parseBitOr() throws -> PyExpr {
        try parseBinaryLevel(Self.bitOrOperators) { try $0.parseBitXor() }
    }

    mutating func parseBitXor() throws -> PyExpr {
        try parseBinaryLevel(Self.bitXorOperators) { try $0.parseBitAnd() }
    }

    mutating func parseBitAnd() throws -> PyExpr {
        try parseBinaryLevel(Self.bitAndOperators) { try $0.parseShift() }
    }

    mutating func parseShift() throws -> PyExpr {
        try parseBinaryLevel(Self.shiftOperators) { try $0.parseArith() }
    }

    mutating func parseArith() throws -> PyExpr {
        try parseBinaryLevel(Self.arithOperators) { try $0.parseTerm() }
    }

    mutating func parseTerm() throws -> PyExpr {
        try parseBinaryLevel(Self.termOperators) { try $0.parseFactor() }
    }

    mutating func parseFactor() throws -> PyExpr {
        let token = current
        if let op = Self.unaryOperators(token) {
            advance()
            try enter()
            try pushCPythonStack(2)
            defer {
                leave()
                cpythonStack -= 2
            }
            return PyExpr(.unary(op, try parseFactor()), at: token.pos)
        }
        return try parsePower()
    }

    mutating func parsePower() throws -> PyExpr {
        let base = try parseAtomExpression()
        guard current.isOp("**") else { return base }
        let opPos = current.pos
        advance()
        try enter()
        try pushCPythonStack(3)
        defer {
            leave()
            cpythonStack -= 3
        }
        let exponent = try parseFactor()
        return PyExpr(.binary(.power, base, exponent, opPos: opPos), at: base.pos)
    }

    /// An atom followed by calls, subscripts and attribute references.
    mutating func parseAtomExpression() throws -> PyExpr {
        if current.isKeyword("await") {
            throw file.unsupported("`await` expressions", at: current.pos)
        }
        var expr = try parseAtom()
        // Each call, subscript or attribute nests the tree one level deeper.
        var entered = 0
        defer { depth -= entered }
        while true {
            if current.isOp("(") {
                try enter()
                entered += 1
                try pushCPythonStack(16)
                advance()
                expr = PyExpr(.call(expr, try parseArguments()), at: expr.pos)
                cpythonStack -= 16
            } else if current.isOp("[") {
                try enter()
                entered += 1
                try pushCPythonStack(16)
                advance()
                expr = PyExpr(.indexing(expr, try parseSubscript()), at: expr.pos)
                cpythonStack -= 16
            } else if current.isOp(".") {
                try enter()
                entered += 1
                advance()
                guard current.kind == .name, !PyKeywords.contains(current) else {
                    throw syntaxError("expected an attribute name after '.', found \(current.display)")
                }
                expr = PyExpr(.attribute(expr, current.text, namePos: current.pos), at: expr.pos)
                advance()
            } else {
                return expr
            }
        }
    }

    // MARK: Calls and subscripts

    /// The arguments of a call, after its `(`; consumes the `)`.
    mutating func parseArguments() throws -> [PyArgument] {
        var arguments: [PyArgument] = []
        var sawKeyword = false
        var sawDoubleStar = false
        var keywordNames = SmallNameSet()
        while !current.isOp(")") {
            let token = current
            if token.isOp("*") {
                advance()
                if sawDoubleStar {
                    throw file.syntax("iterable argument unpacking follows keyword argument unpacking", at: token.pos)
                }
                arguments.append(.starred(try parseTest()))
            } else if token.isOp("**") {
                advance()
                arguments.append(.doubleStarred(try parseTest()))
                sawDoubleStar = true
            } else {
                let value = try parseNamedTest()
                if current.isOp("=") {
                    guard case .name(let name) = value.kind, token.kind == .name else {
                        if case .constant(.bool(let flag)) = value.kind {
                            throw file.syntax("cannot assign to \(flag ? "True" : "False")", at: value.pos)
                        }
                        if case .constant(.none) = value.kind {
                            throw file.syntax("cannot assign to None", at: value.pos)
                        }
                        throw file.syntax("expression cannot contain assignment, perhaps you meant \"==\"?", at: value.pos)
                    }
                    advance()
                    let keywordValue = try parseTest()
                    if !keywordNames.insert(name) {
                        throw file.syntax("keyword argument repeated: \(name)", at: value.pos)
                    }
                    arguments.append(.keyword(name, keywordValue, namePos: value.pos))
                    sawKeyword = true
                } else if current.isKeyword("for") || current.isKeyword("async") {
                    let clauses = try parseComprehensionClauses()
                    let generator = PyExpr(.generator(value, clauses), at: value.pos)
                    guard arguments.isEmpty, current.isOp(")") else {
                        throw file.syntax("Generator expression must be parenthesized", at: value.pos)
                    }
                    arguments.append(.positional(generator))
                } else {
                    if sawDoubleStar {
                        throw file.syntax("positional argument follows keyword argument unpacking", at: value.pos)
                    }
                    if sawKeyword {
                        throw file.syntax("positional argument follows keyword argument", at: value.pos)
                    }
                    arguments.append(.positional(value))
                }
            }
            guard current.isOp(",") else { break }
            advance()
        }
        try expectOp(")", "to close the call")
        return arguments
    }

    /// The index of a subscript, after its `[`; consumes the `]`.
    mutating func parseSubscript() throws -> PyExpr {
        let start = current.pos
        if current.isOp("]") { throw syntaxError("expected an index, found ']'") }
        var items: [PyExpr] = []
        var sawComma = false
        while true {
            items.append(try parseSubscriptItem())
            guard current.isOp(",") else { break }
            advance()
            sawComma = true
            if current.isOp("]") { break }
        }
        try expectOp("]", "to close the subscript")
        return items.count == 1 && !sawComma ? items[0] : PyExpr(.tuple(items), at: start)
    }

    mutating func parseSubscriptItem() throws -> PyExpr {
        let start = current.pos
        var lower: PyExpr?
        if !current.isOp(":") {
            let value = try parseTest()
            guard current.isOp(":") else { return value }
            lower = value
        }
        advance()
        var upper: PyExpr?
        if startsExpression(current, allowStar: false) { upper = try parseTest() }
        var step: PyExpr?
        if current.isOp(":") {
            advance()
            if startsExpression(current, allowStar: false) { step = try parseTest() }
        }
        return PyExpr(.slice(lower, upper, step), at: start)
    }

    // MARK: Comprehensions

    mutating func parseComprehensionClauses() throws -> [PyComprehension] {
        var clauses: [PyComprehension] = []
        while current.isKeyword("for") || current.isKeyword("async") {
            if current.isKeyword("async") {
                throw file.unsupported("asynchronous comprehensions", at: current.pos)
            }
            advance()
            let target = try parseExprList()
            try validateTarget(target)
            guard current.isKeyword("in") else {
                throw syntaxError("expected 'in' in the comprehension, found \(current.display)")
            }
            advance()
            let iterable = try parseOrTest()
            var conditions: [PyExpr] = []
            while current.isKeyword("if") {
                advance()
                if current.isKeyword("lambda") {
                    throw file.unsupported("`lambda` expressions", at: current.pos)
                }
                conditions.append(try parseOrTest())
            }
            clauses.append(PyComprehension(target: target, iterable: iterable, conditions: conditions))
        }
        return clauses
    }

    // MARK: Atoms

    mutating func parseAtom() throws -> PyExpr {
        let token = current
        switch token.kind {
        case .number:
            advance()
            return PyExpr(.constant(try Self.number(token, file: file)), at: token.pos)
        case .string:
            return try parseStrings()
        case .name:
            switch token.text {
            case "None": advance(); return PyExpr(.constant(.none), at: token.pos)
            case "True": advance(); return PyExpr(.constant(.bool(true)), at: token.pos)
            case "False": advance(); return PyExpr(.constant(.bool(false)), at: token.pos)
            case "lambda": throw file.unsupported("`lambda` expressions", at: token.pos)
            case "yield": throw file.unsupported("`yield` expressions", at: token.pos)
            default:
                if PyKeywords.contains(token) { throw syntaxError() }
                advance()
                return PyExpr(.name(token.text), at: token.pos)
            }
        case .op:
            switch token.text {
            case "(":
                try enter()
                try pushCPythonStack(16)
                defer {
                    leave()
                    cpythonStack -= 16
                }
                advance()
                return try parseParenthesized(token.pos, closing: ")")
            case "[":
                try enter()
                try pushCPythonStack(16)
                defer {
                    leave()
                    cpythonStack -= 16
                }
                advance()
                return try parseListDisplay(token.pos)
            case "{":
                try enter()
                try pushCPythonStack(16)
                defer {
                    leave()
                    cpythonStack -= 16
                }
                advance()
                return try parseBraceDisplay(token.pos)
            case "...":
                advance()
                return PyExpr(.constant(.ellipsis), at: token.pos)
            default:
                throw syntaxError()
            }
        case .newline, .end:
            throw syntaxError("expected an expression, found \(token.display)")
        case .indent:
            throw syntaxError("unexpected indent")
        }
    }

    /// After `(`: `()`, `(x)`, `(x,)`, `(a, *b)`, `(x for …)`; consumes the closing token (`)`, or the
    /// end of an f-string field when `closing` is empty).
    mutating func parseParenthesized(_ start: PyPos, closing: StaticString) throws -> PyExpr {
        let inFString = closing.utf8CodeUnitCount == 0
        func close(_ parser: inout PyParser) throws {
            if inFString {
                guard parser.current.kind == .end else {
                    throw parser.syntaxError("unexpected \(parser.current.display) in the f-string expression")
                }
            } else {
                try parser.expectOp(closing, "to close the parenthesis")
            }
        }
        if current.isOp(")") && !inFString {
            advance()
            return PyExpr(.tuple([]), at: start)
        }
        if current.isKeyword("yield") { throw file.unsupported("`yield` expressions", at: current.pos) }
        let first = try parseTestOrStar(named: true)
        if current.isKeyword("for") || current.isKeyword("async") {
            let clauses = try parseComprehensionClauses()
            try close(&self)
            return PyExpr(.generator(first, clauses), at: first.pos)
        }
        if current.isOp(",") {
            var items = [first]
            while current.isOp(",") {
                advance()
                guard startsExpression(current, allowStar: true) else { break }
                items.append(try parseTestOrStar(named: true))
            }
            try close(&self)
            return PyExpr(.tuple(items), at: inFString ? first.pos : start)
        }
        try close(&self)
        try rejectBareStarred(first)
        return first
    }

    /// After `[`.
    mutating func parseListDisplay(_ start: PyPos) throws -> PyExpr {
        if current.isOp("]") {
            advance()
            return PyExpr(.list([]), at: start)
        }
        let first = try parseTestOrStar(named: true)
        if current.isKeyword("for") || current.isKeyword("async") {
            try rejectBareStarred(first)
            let clauses = try parseComprehensionClauses()
            try expectOp("]", "to close the list comprehension")
            return PyExpr(.listComprehension(first, clauses), at: start)
        }
        var items = [first]
        while current.isOp(",") {
            advance()
            guard startsExpression(current, allowStar: true) else { break }
            items.append(try parseTestOrStar(named: true))
        }
        try expectOp("]", "to close the list")
        return PyExpr(.list(items), at: start)
    }

    /// After `{`: a dict display or comprehension; sets are refused.
    mutating func parseBraceDisplay(_ start: PyPos) throws -> PyExpr {
        if current.isOp("}") {
            advance()
            return PyExpr(.dict([]), at: start)
        }
        var items: [PyDictItem] = []
        if current.isOp("**") {
            let splatPos = current.pos
            advance()
            items.append(.splat(try parseBitOr(), at: splatPos))
        } else {
            let key = try parseTestOrStar()
            guard current.isOp(":") else {
                throw file.unsupported("sets (`{a, b}`)", at: start, why: "the order of a set of strings changes from one Python run to the next")
            }
            try rejectBareStarred(key)
            advance()
            let value = try parseTest()
            if current.isKeyword("for") || current.isKeyword("async") {
                let clauses = try parseComprehensionClauses()
                try expectOp("}", "to close the dict comprehension")
                return PyExpr(.dictComprehension(key, value, clauses), at: start)
            }
            items.append(.pair(key, value))
        }
        while current.isOp(",") {
            advance()
            if current.isOp("}") { break }
            if current.isOp("**") {
                let splatPos = current.pos
                advance()
                items.append(.splat(try parseBitOr(), at: splatPos))
                continue
            }
            let key = try parseTest()
            try expectOp(":", "after the dict key")
            items.append(.pair(key, try parseTest()))
        }
        try expectOp("}", "to close the dict")
        return PyExpr(.dict(items), at: start)
    }

    // MARK: Numbers

    static func number(_ token: PyToken, file: PyFile) throws -> PyConstant {
        let text = token.text
        if text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return .int(Int(text), text: text) }
        let digits = text.utf8.contains(UInt8(ascii: "_")) ? text.replacingOccurrences(of: "_", with: "") : text
        if let last = digits.last, last == "j" || last == "J" {
            return .imaginary
        }
        let lowered = digits.lowercased()
        if lowered.hasPrefix("0x") || lowered.hasPrefix("0o") || lowered.hasPrefix("0b") {
            let radix = lowered.hasPrefix("0x") ? 16 : (lowered.hasPrefix("0o") ? 8 : 2)
            return .int(Int(lowered.dropFirst(2), radix: radix), text: text)
        }
        if lowered.utf8.contains(UInt8(ascii: ".")) || lowered.utf8.contains(UInt8(ascii: "e")) {
            guard let value = Double(digits) else { throw file.syntax("invalid number literal '\(text)'", at: token.pos) }
            return .float(value)
        }
        return .int(Int(digits), text: text)
    }
}
