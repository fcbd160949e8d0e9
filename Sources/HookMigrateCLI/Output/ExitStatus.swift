/// The exit statuses hookmigrate documents.
enum ExitStatus {
    /// Success.
    static let success: Int32 = 0
    /// The command ran, and the answer is no (not equivalent, traces differ).
    static let negative: Int32 = 1
    /// Bad input or usage.
    static let badInput: Int32 = 2
}

import HookMigrateCore
