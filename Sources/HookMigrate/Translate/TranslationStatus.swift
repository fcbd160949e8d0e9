/// What a translation did with its input.
public enum TranslationStatus: Sendable, Equatable {
    /// A legacy MMCV 1.x config, converted; the report lists every decision and validation applies.
    case converted
    /// Already an MMEngine config (MMEngine keys, no MMCV 1.x key): the output is the input unchanged, the
    /// report says so, and there is nothing to validate. `keys` are the MMEngine keys found, in order.
    case alreadyMMEngine(keys: [String])

    /// `converted` or `already-mmengine` (the JSON report's `status`).
    public var name: String {
        switch self {
        case .converted: return "converted"
        case .alreadyMMEngine: return "already-mmengine"
        }
    }
}
