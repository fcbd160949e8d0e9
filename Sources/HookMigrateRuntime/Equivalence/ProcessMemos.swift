/// The tables a process keeps across proofs: whole comparisons (`ProofMemo`), span comparisons
/// (`SpanKernelMemo`), MMEngine's chained values (`ChainTable`) and the poly and cosine factors
/// (`PolyFactorTable`, `CosineFactorTable`). Each holds values of pure functions, so forgetting them changes no
/// result, only the time the next proofs take.
public enum ProcessMemos {
    /// Empties every table, so that the next proofs run as in a fresh process (the benchmarks time each run
    /// from cold, as one `hookmigrate convert` is).
    public static func forget() {
        ProofMemo.shared.forget()
        SpanKernelMemo.shared.forget()
        SpanKernelMemo.legacyAlone.forget()
        SpanKernelMemo.newAlone.forget()
        ChainTable.shared.forget()
        PolyFactorTable.shared.forget()
        CosineFactorTable.shared.forget()
    }
}
