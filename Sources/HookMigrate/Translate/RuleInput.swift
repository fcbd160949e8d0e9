import Foundation

/// What one rule reads of the work of the rules before it: a new top-level key, a `default_hooks` entry, or
/// the legacy loop facts the `runner` rule sets. Each rule declares its inputs (`MigrationRule.reads`), and
/// `RuleOrderTests` checks, over the fixtures and the corpus, that a rule reads nothing it did not declare and
/// that no rule after it writes what it read without reading it first (which would overwrite, not extend).
public enum RuleInput: Hashable, Sendable, CustomStringConvertible {
    /// A new top-level key (`train_cfg`, `param_scheduler`, …).
    case output(String)
    /// An entry of `default_hooks` (`checkpoint`, `visualization`, …).
    case defaultHook(String)
    /// `MigrationContext.loop`, the legacy runner.
    case loopFacts

    public var description: String {
        switch self {
        case .output(let key): return key
        case .defaultHook(let name): return "default_hooks.\(name)"
        case .loopFacts: return "the loop facts"
        }
    }
}

/// The reads and writes of each rule during conversions, when a conversion is traced (tests only; a
/// conversion without a tracer pays one `nil` check per access).
public final class RuleTracer: @unchecked Sendable {
    /// What one rule did: the inputs it read and the ones it wrote.
    public struct Access: Sendable, Equatable {
        public var reads: Set<RuleInput> = []
        public var writes: Set<RuleInput> = []
    }

    private let lock = NSLock()
    private var current: String?
    private var accesses: [String: Access] = [:]

    public init() {}

    /// Every rule's accesses so far, by rule id.
    public var byRule: [String: Access] {
        lock.lock()
        defer { lock.unlock() }
        return accesses
    }

    func begin(_ rule: String) {
        lock.lock()
        current = rule
        lock.unlock()
    }

    func end() {
        lock.lock()
        current = nil
        lock.unlock()
    }

    func read(_ input: RuleInput) {
        lock.lock()
        if let current { accesses[current, default: Access()].reads.insert(input) }
        lock.unlock()
    }

    func wrote(_ input: RuleInput) {
        lock.lock()
        if let current { accesses[current, default: Access()].writes.insert(input) }
        lock.unlock()
    }
}
