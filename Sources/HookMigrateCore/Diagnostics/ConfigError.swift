/// The error every hookmigrate reader, loader and accessor throws: what went wrong, where, and why.
///
/// One type for all bad input, so the command-line tool prints each the same way
/// (`file:line:column: error: message [id]`) and exits 2.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of problem; its raw value is the stable id printed in brackets.
    public enum Code: String, Sendable, Equatable, CaseIterable {
        case fileUnreadable = "file-unreadable"
        case unsupportedFormat = "unsupported-format"
        case encoding = "encoding"
        case yamlSyntax = "yaml-syntax"
        case jsonSyntax = "json-syntax"
        case duplicateKey = "duplicate-key"
        case unsupportedTag = "unsupported-tag"
        case pythonObject = "python-object"
        case aliasLimit = "alias-limit"
        case depthLimit = "depth-limit"
        case sizeLimit = "size-limit"
        case numberRange = "number-range"
        case notAMapping = "not-a-mapping"
        case typeMismatch = "type-mismatch"
        case missingKey = "missing-key"
        case invalidValue = "invalid-value"
        case reservedKey = "reserved-key"
        case baseInvalid = "base-invalid"
        case baseMissing = "base-missing"
        case baseCycle = "base-cycle"
        case baseDuplicateKey = "base-duplicate-key"
        case baseMergeConflict = "base-merge-conflict"
        case baseVariable = "base-variable"
        case writeFailed = "write-failed"
        case pythonName = "python-name"
        case mixedConfig = "mixed-config"
        case pythonSyntax = "python-syntax"
        case pythonUnsupported = "python-unsupported"
        case pythonError = "python-error"
        case outputConflict = "output-conflict"
        case runFailed = "run-failed"
        case wrongConfigWorld = "wrong-config-world"
        case traceMismatch = "trace-mismatch"
        /// The library a config is for refuses it where it builds a hook or scheduler from it (MMCV 1.7.2 for a
        /// legacy config, MMEngine 0.10.7 for a converted one): a constructor's assertion, `TypeError` or
        /// `ValueError`. The one refusal of both sides: the rules report it as a manual step, the proof as "not proven".
        case rejected = "rejected"
    }

    /// The kind of problem.
    public var code: Code
    /// What went wrong, in a sentence a user can act on.
    public var message: String
    /// Where; `nil` only when no file position applies.
    public var location: SourceLocation?
    /// Further places and remarks (the `_base_` chain, the other duplicate …).
    public var notes: [Diagnostic.Note]

    /// Creates an error.
    public init(_ code: Code, _ message: String, at location: SourceLocation? = nil,
                notes: [Diagnostic.Note] = []) {
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// The error as a diagnostic.
    public var diagnostic: Diagnostic {
        Diagnostic(.error, id: code.rawValue, message, at: location, notes: notes)
    }

    /// `file:line:column: error: message [id]`, then the notes.
    public var description: String { diagnostic.description }

    /// This error with a note appended.
    public func adding(_ note: Diagnostic.Note) -> ConfigError {
        var copy = self
        copy.notes.append(note)
        return copy
    }
}
