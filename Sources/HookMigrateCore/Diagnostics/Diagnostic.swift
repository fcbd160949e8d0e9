/// A message about a config with its place: an error, a warning or a note.
///
/// Rendered as `file:line:column: severity: message [id]`, the form compilers use, so editors jump to it.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious the message is.
    public enum Severity: String, Sendable, Equatable, Comparable {
        case note
        case warning
        case error

        private var rank: Int {
            switch self {
            case .note: return 0
            case .warning: return 1
            case .error: return 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A further remark attached to a diagnostic, with its own place (e.g. "included from …").
    public struct Note: Sendable, Equatable {
        /// The remark.
        public var message: String
        /// Its place, if any.
        public var location: SourceLocation?

        /// Creates a note.
        public init(_ message: String, at location: SourceLocation? = nil) {
            self.message = message
            self.location = location
        }
    }

    /// The severity.
    public var severity: Severity
    /// A stable identifier, separate from the wording (`yaml-syntax`, `base-cycle` …); never reused.
    public var id: String
    /// The message, one sentence or a few.
    public var message: String
    /// Where it applies; `nil` when it applies to no place in a file.
    public var location: SourceLocation?
    /// Further remarks.
    public var notes: [Note]

    /// Creates a diagnostic.
    public init(_ severity: Severity, id: String, _ message: String, at location: SourceLocation? = nil,
                notes: [Note] = []) {
        self.severity = severity
        self.id = id
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// The compiler-style rendering, notes on lines of their own.
    public var description: String {
        var lines = [Self.line(location, severity.rawValue, message + " [\(id)]")]
        for note in notes {
            lines.append(Self.line(note.location, "note", note.message))
        }
        return lines.joined(separator: "\n")
    }

    private static func line(_ location: SourceLocation?, _ label: String, _ message: String) -> String {
        if let location { return "\(location): \(label): \(message)" }
        return "\(label): \(message)"
    }
}
