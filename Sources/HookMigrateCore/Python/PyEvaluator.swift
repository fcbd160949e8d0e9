/// Runs the statements of a config module as Python would, on the values of `PyValue`: names bind in
/// the module namespace (first binding fixes the position), dicts and lists are shared references,
/// comprehensions get their own scope, errors Python would raise are located `python-error`s.
///
/// Bounded by `ReadLimits`: nesting (`maxDepth`), values created and loop iterations (`maxNodes`
/// each), string length (`maxFileBytes` per string, four times that in all).
final class PyEvaluator {
    let file: PyFile
    let limits: ReadLimits
    /// The module namespace, in binding order.
    private(set) var globals = PyNamespace()
    /// Comprehension scopes, innermost last.
    var scopes: [PyScope] = []
    private var depth = 0
    private var valuesLeft: Int
    private var iterationsLeft: Int
    private var textLeft: Int

    init(file: PyFile, limits: ReadLimits) {
        self.file = file
        self.limits = limits
        self.valuesLeft = limits.maxNodes
        self.iterationsLeft = limits.maxNodes
        self.textLeft = limits.maxFileBytes.multipliedReportingOverflow(by: 4).overflow ? Int.max : limits.maxFileBytes * 4
    }

    /// Python raises `RecursionError` near 1000 frames; from a config file run by `Config.fromfile`,
    /// `str()` or `==` of values nested 986 levels fail already (measured on MMCV 1.7.2). Recursive
    /// operations on values (repr, comparisons, `isinstance` type tuples, generators wrapping generators)
    /// stop at 900, and at `maxDepth` if that is lower.
    static let pythonRecursion = 900

    var recursionBound: Int { min(limits.maxDepth, Self.pythonRecursion) }

    /// A recursion of a value operation too deep for Python.
    func tooDeep(_ what: String, at pos: PyPos) -> ConfigError {
        file.depthLimit("\(what) nest deeper than \(recursionBound) levels (Python raises RecursionError near 1000)", at: pos)
    }

    /// Runs a module.
    func run(_ statements: [PyStatement]) throws {
        for statement in statements { try execute(statement) }
    }

    // MARK: Budgets

    /// Counts `count` new values (container items) against `maxNodes`.
    func spendValues(_ count: Int, at pos: PyPos) throws {
        valuesLeft -= count
        if valuesLeft < 0 || count > limits.maxNodes {
            throw file.sizeLimit("the file builds more than \(limits.maxNodes) values (ReadLimits.maxNodes)", at: pos)
        }
    }

    /// Counts one loop iteration against `maxNodes`.
    func spendIteration(at pos: PyPos) throws {
        iterationsLeft -= 1
        if iterationsLeft < 0 {
            throw file.sizeLimit("the file loops more than \(limits.maxNodes) times (ReadLimits.maxNodes)", at: pos)
        }
    }

    /// Checks a string about to be built with `count` Unicode scalars.
    func spendText(_ count: Int, at pos: PyPos) throws {
        if count > limits.maxFileBytes {
            throw file.sizeLimit("a string of \(count) characters is longer than \(limits.maxFileBytes) (ReadLimits.maxFileBytes)", at: pos)
        }
        textLeft -= count
        if textLeft < 0 {
            throw file.sizeLimit("the file builds more than \(limits.maxFileBytes * 4) characters of strings in all", at: pos)
        }
    }

    /// Runs `body` one level deeper, failing past the depth bound.
    func nested<T>(at pos: PyPos, _ body: () throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > limits.maxDepth * 2 {
            throw file.depthLimit("the evaluation nests deeper than \(limits.maxDepth * 2) levels", at: pos)
        }
        return try body()
    }

    /// Turns a position-free `PyRaised` into a located error.
    func locate(_ raised: PyRaised, at pos: PyPos) -> ConfigError {
        switch raised.kind {
        case .exception(let type): return file.raise(type, raised.message, at: pos)
        case .numberRange: return file.numberRange(raised.message, at: pos)
        case .unsupported: return file.refusal(raised.message, at: pos)
        case .sizeLimit: return file.sizeLimit(raised.message, at: pos)
        case .depthLimit: return file.depthLimit(raised.message, at: pos)
        }
    }

    /// Runs `body`, locating any `PyRaised` at `pos`.
    func at<T>(_ pos: PyPos, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let raised as PyRaised {
            throw locate(raised, at: pos)
        }
    }

    // MARK: Statements

    func execute(_ statement: PyStatement) throws {
        switch statement.kind {
        case .pass:
            return
        case .expression(let expr):
            _ = try evaluate(expr)
        case .assign(let targets, let valueExpr):
            let value = try evaluate(valueExpr)
            for target in targets { try assign(target, value) }
        case .augmentedAssign(let target, let op, let valueExpr, let opPos):
            try augmentedAssign(target, op, valueExpr, opPos: opPos)
        }
    }

    func assign(_ target: PyExpr, _ value: PyObj) throws {
        switch target.kind {
        case .name(let name):
            bind(name, value, at: target.pos)
        case .tuple(let items), .list(let items):
            try unpack(items, value, at: target.pos)
        case .indexing(let objectExpr, let indexExpr):
            let object = try evaluate(objectExpr)
            let index = try evaluate(indexExpr)
            try setItem(object, index, value, at: indexExpr.pos)
        case .attribute:
            throw file.unsupported("attribute assignments (`obj.name = …`)", at: target.pos)
        default:
            throw file.syntax("cannot assign to this expression", at: target.pos)
        }
    }

    func bind(_ name: String, _ value: PyObj, at pos: PyPos) {
        if let scope = scopes.last, scope.locals.contains(name) {
            scope.values[name] = value
        } else {
            globals.bind(name, value, at: pos)
        }
    }

    func unpack(_ targets: [PyExpr], _ value: PyObj, at pos: PyPos) throws {
        let items = try collect(value, at: pos)
        if let star = targets.firstIndex(where: { if case .starred = $0.kind { return true } else { return false } }) {
            let after = targets.count - star - 1
            guard items.count >= star + after else {
                throw file.raise("ValueError", "not enough values to unpack (expected at least \(star + after), got \(items.count))", at: pos)
            }
            for index in 0..<star { try assign(targets[index], items[index]) }
            if case .starred(let inner) = targets[star].kind {
                let middle = Array(items[star..<(items.count - after)])
                try spendValues(middle.count, at: targets[star].pos)
                try assign(inner, PyObj(.list(PyList(middle)), at: targets[star].pos))
            }
            for offset in 0..<after { try assign(targets[star + 1 + offset], items[items.count - after + offset]) }
            return
        }
        if items.count > targets.count {
            throw file.raise("ValueError", "too many values to unpack (expected \(targets.count))", at: pos)
        }
        if items.count < targets.count {
            throw file.raise("ValueError", "not enough values to unpack (expected \(targets.count), got \(items.count))", at: pos)
        }
        for (target, item) in zip(targets, items) { try assign(target, item) }
    }

    func augmentedAssign(_ target: PyExpr, _ op: PyBinaryOperator, _ valueExpr: PyExpr, opPos: PyPos) throws {
        switch target.kind {
        case .name(let name):
            let old = try lookup(name, at: target.pos)
            let operand = try evaluate(valueExpr)
            let result = try inPlace(op, old, operand, at: opPos, resultAt: target.pos)
            bind(name, result, at: target.pos)
        case .indexing(let objectExpr, let indexExpr):
            let object = try evaluate(objectExpr)
            let index = try evaluate(indexExpr)
            let old = try getItem(object, index, at: indexExpr.pos)
            let operand = try evaluate(valueExpr)
            let result = try inPlace(op, old, operand, at: opPos, resultAt: target.pos)
            try setItem(object, index, result, at: indexExpr.pos)
        default:
            throw file.syntax("illegal expression for augmented assignment", at: target.pos)
        }
    }

    // MARK: Names

    /// Module attributes Python defines; their values depend on how MMCV imports the file.
    static let moduleDunders: Set<String> = [
        "__name__", "__file__", "__doc__", "__builtins__", "__spec__", "__loader__", "__package__", "__cached__",
        "__annotations__",
    ]

    func lookup(_ name: String, at pos: PyPos) throws -> PyObj {
        for scope in scopes.reversed() where scope.locals.contains(name) {
            if let value = scope.values[name] { return value }
            throw file.raise("NameError", "free variable '\(name)' referenced before assignment in enclosing scope", at: pos)
        }
        if let value = globals.value(of: name) { return value }
        if let builtin = PyBuiltin(rawValue: name) { return PyObj(.builtin(builtin), at: pos) }
        if Self.moduleDunders.contains(name) {
            throw file.refusal("`\(name)` is not supported in config files: MMCV imports a temporary copy of the file, so its module attributes are not the file's own", at: pos)
        }
        if PyBuiltin.unsupportedNames.contains(name) {
            throw file.refusal("the builtin `\(name)` is not supported in config files (hookmigrate reads configs without running Python)", at: pos)
        }
        throw file.raise("NameError", "name '\(name)' is not defined", at: pos)
    }

    // MARK: Expressions

    func evaluate(_ expr: PyExpr) throws -> PyObj {
        try nested(at: expr.pos) { try evaluateUnchecked(expr) }
    }

    private func evaluateUnchecked(_ expr: PyExpr) throws -> PyObj {
        let pos = expr.pos
        switch expr.kind {
        case .constant(let constant):
            return try evaluateConstant(constant, at: pos)
        case .name(let name):
            return try lookup(name, at: pos)
        case .formatted(let parts):
            return PyObj(.str(try formatParts(parts)), at: pos)
        case .list(let items):
            return PyObj(.list(PyList(try evaluateItems(items))), at: pos)
        case .tuple(let items):
            return PyObj(.tuple(PyTuple(try evaluateItems(items))), at: pos)
        case .dict(let items):
            return PyObj(.dict(try evaluateDict(items)), at: pos)
        case .listComprehension(let element, let clauses):
            let iterator = try comprehension(clauses, at: pos) { [unowned self] in try self.evaluate(element) }
            return PyObj(.list(PyList(try drain(iterator, at: pos))), at: pos)
        case .dictComprehension(let keyExpr, let valueExpr, let clauses):
            let result = PyDict()
            let iterator = try comprehension(clauses, at: pos) { [unowned self] in
                let key = try self.evaluate(keyExpr)
                let value = try self.evaluate(valueExpr)
                return PyObj(.tuple([key, value]), at: keyExpr.pos)
            }
            while let pair = try iterator.next() {
                guard case .tuple(let both) = pair.value, both.count == 2 else { continue }
                try spendValues(1, at: pos)
                try dictSet(result, both[0], both[1], at: keyExpr.pos)
            }
            return PyObj(.dict(result), at: pos)
        case .generator(let element, let clauses):
            let iterator = try comprehension(clauses, at: pos) { [unowned self] in try self.evaluate(element) }
            return PyObj(.iterator(iterator), at: pos)
        case .starred:
            throw file.syntax("can't use starred expression here", at: pos)
        case .unary(let op, let operandExpr):
            let operand = try evaluate(operandExpr)
            return try unary(op, operand, at: pos)
        case .binary(let op, let leftExpr, let rightExpr, let opPos):
            let left = try evaluate(leftExpr)
            let right = try evaluate(rightExpr)
            return try binary(op, left, right, at: opPos, resultAt: pos)
        case .boolean(let isAnd, let operands):
            var last = try evaluate(operands[0])
            for operand in operands.dropFirst() {
                let truth = try truthy(last)
                if isAnd ? !truth : truth { return last }
                last = try evaluate(operand)
            }
            return last
        case .compare(let leftExpr, let comparisons):
            var left = try evaluate(leftExpr)
            for comparison in comparisons {
                let right = try evaluate(comparison.right)
                if !(try compare(comparison.op, left, right, at: comparison.opPos)) {
                    return PyObj(.bool(false), at: pos)
                }
                left = right
            }
            return PyObj(.bool(true), at: pos)
        case .conditional(let test, let body, let orElse):
            return try truthy(try evaluate(test)) ? try evaluate(body) : try evaluate(orElse)
        case .call(let callee, let arguments):
            if case .attribute(let objectExpr, let name, let namePos) = callee.kind {
                let object = try evaluate(objectExpr)
                try checkMethod(object, name, at: namePos)
                let args = try evaluateArguments(arguments)
                return try callMethod(object, name, args, at: pos, namePos: namePos)
            }
            let function = try evaluate(callee)
            let args = try evaluateArguments(arguments)
            guard case .builtin(let builtin) = function.value else {
                throw file.raise("TypeError", "'\(function.value.typeName)' object is not callable", at: pos)
            }
            return try callBuiltin(builtin, args, at: pos)
        case .attribute(_, let name, let namePos):
            throw file.refusal("attribute references such as `.\(name)` are not supported in config files, except calls of the methods of dicts, lists and strings (hookmigrate reads configs without running Python)", at: namePos)
        case .indexing(let objectExpr, let indexExpr):
            let object = try evaluate(objectExpr)
            let index = try evaluate(indexExpr)
            return try getItem(object, index, at: indexExpr.pos)
        case .slice(let lower, let upper, let step):
            let slice = PySlice(lower: try lower.map { try evaluate($0) }, upper: try upper.map { try evaluate($0) },
                                step: try step.map { try evaluate($0) })
            return PyObj(.slice(slice), at: pos)
        }
    }

    func evaluateConstant(_ constant: PyConstant, at pos: PyPos) throws -> PyObj {
        switch constant {
        case .none: return PyObj(.none, at: pos)
        case .bool(let flag): return PyObj(.bool(flag), at: pos)
        case .int(let value, let text):
            guard let value else { throw file.numberRange("the integer \(text)", at: pos) }
            return PyObj(.int(value), at: pos)
        case .float(let value): return PyObj(.float(value), at: pos)
        case .string(let text):
            try checkLiteral(text, at: pos)
            return PyObj(.str(text), at: pos)
        case .ellipsis:
            throw file.refusal("`...` (Ellipsis) is not supported in config files", at: pos)
        case .imaginary:
            throw file.unsupported("complex numbers (`1j`)", at: pos)
        }
    }

    /// The items of a list or tuple display, `*iterable` expanded.
    func evaluateItems(_ items: [PyExpr]) throws -> [PyObj] {
        var result: [PyObj] = []
        result.reserveCapacity(items.count)
        for item in items {
            if case .starred(let inner) = item.kind {
                let iterable = try evaluate(inner)
                let expanded = try collect(iterable, at: item.pos)
                try spendValues(expanded.count, at: item.pos)
                result += expanded
            } else {
                result.append(try evaluate(item))
                try spendValues(1, at: item.pos)
            }
        }
        return result
    }

    func evaluateDict(_ items: [PyDictItem]) throws -> PyDict {
        let result = PyDict()
        for item in items {
            switch item {
            case .pair(let keyExpr, let valueExpr):
                let key = try evaluate(keyExpr)
                let value = try evaluate(valueExpr)
                try spendValues(1, at: keyExpr.pos)
                try dictSet(result, key, value, at: keyExpr.pos)
            case .splat(let mappingExpr, let splatPos):
                let mapping = try evaluate(mappingExpr)
                guard case .dict(let source) = mapping.value else {
                    throw file.raise("TypeError", "'\(mapping.value.typeName)' object is not a mapping", at: splatPos)
                }
                try spendValues(source.count, at: splatPos)
                for entry in source.entries { try dictSet(result, entry.key, entry.value, at: splatPos) }
            }
        }
        return result
    }

    /// Sets `dict[key] = value`, with Python's errors for keys it cannot hash.
    func dictSet(_ dict: PyDict, _ key: PyObj, _ value: PyObj, at pos: PyPos) throws {
        dict.set(try hashKey(key, at: pos), keyObject: key, value: value)
    }

    /// The hash identity of a key.
    func hashKey(_ key: PyObj, at pos: PyPos) throws -> PyKey {
        do {
            return try PyKey(key)
        } catch let error as PyKeyError {
            switch error {
            case .unhashable(let type):
                throw file.raise("TypeError", "unhashable type: '\(type)'", at: pos)
            case .nan:
                throw file.refusal("NaN as a dict key is not supported: Python looks NaN keys up by object identity", at: pos)
            case .unsupported(let type):
                throw file.refusal("\(PyFile.article(type)) as a dict key is not supported in config files", at: pos)
            case .tooDeep:
                throw file.depthLimit("a dict key nests tuples deeper than \(PyKey.maxNesting) levels", at: pos)
            }
        }
    }

    // MARK: Calls

    /// Evaluated call arguments.
    struct Arguments {
        var positional: [PyObj] = []
        var keywords: [(name: String, value: PyObj, pos: PyPos)] = []
    }

    func evaluateArguments(_ arguments: [PyArgument]) throws -> Arguments {
        var result = Arguments()
        var names = SmallNameSet()
        for argument in arguments {
            switch argument {
            case .positional(let expr):
                result.positional.append(try evaluate(expr))
            case .starred(let expr):
                let iterable = try evaluate(expr)
                guard isIterable(iterable) else {
                    throw file.raise("TypeError", "argument after * must be an iterable, not \(iterable.value.typeName)", at: expr.pos)
                }
                result.positional += try collect(iterable, at: expr.pos)
            case .keyword(let name, let expr, let namePos):
                let value = try evaluate(expr)
                if !names.insert(name) {
                    throw file.raise("TypeError", "got multiple values for keyword argument '\(name)'", at: namePos)
                }
                result.keywords.append((name, value, namePos))
            case .doubleStarred(let expr):
                let mapping = try evaluate(expr)
                guard case .dict(let source) = mapping.value else {
                    throw file.raise("TypeError", "argument after ** must be a mapping, not \(mapping.value.typeName)", at: expr.pos)
                }
                for entry in source.entries {
                    guard case .str(let name) = entry.key.value else {
                        throw file.raise("TypeError", "keywords must be strings", at: expr.pos)
                    }
                    if !names.insert(name) {
                        throw file.raise("TypeError", "got multiple values for keyword argument '\(name)'", at: expr.pos)
                    }
                    result.keywords.append((name, entry.value, entry.key.pos))
                }
            }
        }
        return result
    }

    // MARK: Iteration

    func isIterable(_ object: PyObj) -> Bool {
        switch object.value {
        case .list, .tuple, .str, .dict, .range, .iterator, .view: return true
        default: return false
        }
    }

    /// An iterator over a value, as Python's `iter()`: lists are read live (appending while iterating
    /// is seen), a dict that changes size while iterated is a `RuntimeError`.
    func makeIterator(_ object: PyObj, at pos: PyPos) throws -> PyIterator {
        switch object.value {
        case .list(let list):
            var index = 0
            return PyIterator("list_iterator") { [unowned self] in
                guard index < list.items.count else { return nil }
                try self.spendIteration(at: pos)
                index += 1
                return list.items[index - 1]
            }
        case .tuple(let items):
            return arrayIterator("tuple_iterator", items.items, at: pos)
        case .str(let text):
            let characters = try characters(of: text, at: object.pos)
            return arrayIterator("str_iterator", characters.map { PyObj(.str($0), at: object.pos) }, at: pos)
        case .dict(let dict):
            return dictIterator(dict, .keys, at: pos)
        case .view(let view):
            return dictIterator(view.dict, view.kind, at: pos)
        case .range(let range):
            var index = 0
            let count = range.count
            return PyIterator("range_iterator") { [unowned self] in
                guard index < count else { return nil }
                try self.spendIteration(at: pos)
                index += 1
                return PyObj(.int(range.item(index - 1)), at: object.pos)
            }
        case .iterator(let iterator):
            return iterator
        default:
            throw file.raise("TypeError", "'\(object.value.typeName)' object is not iterable", at: pos)
        }
    }

    func arrayIterator(_ typeName: String, _ items: [PyObj], at pos: PyPos) -> PyIterator {
        var index = 0
        return PyIterator(typeName) { [unowned self] in
            guard index < items.count else { return nil }
            try self.spendIteration(at: pos)
            index += 1
            return items[index - 1]
        }
    }

    func dictIterator(_ dict: PyDict, _ kind: PyDictView.Kind, at pos: PyPos) -> PyIterator {
        var index = 0
        let version = dict.version
        let count = dict.count
        let typeName = kind == .keys ? "dict_keyiterator" : (kind == .values ? "dict_valueiterator" : "dict_itemiterator")
        return PyIterator(typeName) { [unowned self] in
            if dict.version != version {
                throw self.file.raise("RuntimeError", dict.count != count ? "dictionary changed size during iteration" : "dictionary keys changed during iteration", at: pos)
            }
            guard index < dict.entries.count else { return nil }
            try self.spendIteration(at: pos)
            let entry = dict.entries[index]
            index += 1
            switch kind {
            case .keys: return entry.key
            case .values: return entry.value
            case .items: return PyObj(.tuple([entry.key, entry.value]), at: entry.key.pos)
            }
        }
    }

    /// Every item of an iterable.
    func collect(_ object: PyObj, at pos: PyPos) throws -> [PyObj] {
        switch object.value {
        case .list(let list):
            return list.items
        case .tuple(let items):
            return items.items
        default:
            return try drain(try makeIterator(object, at: pos), at: pos)
        }
    }

    func drain(_ iterator: PyIterator, at pos: PyPos) throws -> [PyObj] {
        var items: [PyObj] = []
        while let item = try iterator.next() {
            try spendValues(1, at: pos)
            items.append(item)
        }
        return items
    }

    /// A lazy iterator running a comprehension's clauses in a scope of its own; `produce` evaluates
    /// the element for each combination that passes the conditions. The first iterable is evaluated
    /// now, in the enclosing scope; the rest as the iterator advances, as in Python.
    func comprehension(_ clauses: [PyComprehension], at pos: PyPos,
                       produce: @escaping () throws -> PyObj) throws -> PyIterator {
        guard let first = clauses.first else { return PyIterator("generator") { nil } }
        let source = try makeIterator(try evaluate(first.iterable), at: first.iterable.pos)
        let depth = try iteratorDepth(over: [source], at: pos)
        var stack = [source]
        var locals: Set<String> = []
        for clause in clauses { Self.collectNames(clause.target, into: &locals) }
        let chain = scopes + [PyScope(locals: locals)]
        return PyIterator("generator", depth: depth) { [unowned self] in
            let saved = self.scopes
            self.scopes = chain
            defer { self.scopes = saved }
            return try self.nested(at: pos) {
                while let top = stack.last {
                    guard let item = try top.next() else {
                        stack.removeLast()
                        continue
                    }
                    let level = stack.count - 1
                    try self.assign(clauses[level].target, item)
                    var passes = true
                    for condition in clauses[level].conditions where passes {
                        passes = try self.truthy(try self.evaluate(condition))
                    }
                    if !passes { continue }
                    if level + 1 < clauses.count {
                        let next = clauses[level + 1].iterable
                        stack.append(try self.makeIterator(try self.evaluate(next), at: next.pos))
                        continue
                    }
                    return try produce()
                }
                return nil
            }
        }
    }

    /// The depth of an iterator wrapping `inner`, refused past `maxDepth`.
    func iteratorDepth(over inner: [PyIterator], at pos: PyPos) throws -> Int {
        let depth = (inner.map(\.depth).max() ?? 0) + 1
        if depth > recursionBound { throw tooDeep("iterators wrapping iterators", at: pos) }
        return depth
    }

    static func collectNames(_ target: PyExpr, into names: inout Set<String>) {
        switch target.kind {
        case .name(let name): names.insert(name)
        case .tuple(let items), .list(let items): for item in items { collectNames(item, into: &names) }
        case .starred(let inner): collectNames(inner, into: &names)
        default: break
        }
    }
}

/// The module namespace: names in the order they were first bound, each with that binding's position.
struct PyNamespace {
    private(set) var names: [String] = []
    private(set) var values: [PyObj] = []
    private(set) var positions: [PyPos] = []
    private var index: [String: Int] = [:]

    func value(of name: String) -> PyObj? {
        index[name].map { values[$0] }
    }

    /// Binds a name; rebinding keeps the first position in the order and the first binding's position.
    mutating func bind(_ name: String, _ value: PyObj, at pos: PyPos) {
        if let existing = index[name] {
            values[existing] = value
        } else {
            index[name] = names.count
            names.append(name)
            values.append(value)
            positions.append(pos)
        }
    }
}

/// The local names of one comprehension (its loop targets) and their current values. A class, so a
/// generator created inside a comprehension sees later values of the enclosing loop variables, as a
/// Python closure does.
final class PyScope {
    let locals: Set<String>
    var values: [String: PyObj] = [:]

    init(locals: Set<String>) {
        self.locals = locals
    }
}
