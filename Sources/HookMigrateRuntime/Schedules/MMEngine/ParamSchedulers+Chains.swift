/// Stepping a lone chained scheduler over a span from the values `ChainTable` keeps: the same counters, values
/// and `_last_value`s as stepping one call at a time (the chain's values are computed by the same expressions,
/// from the same shared factors and terms), at two look-ups per span.
extension ParamSchedulers {
    /// `stepPoly` from a chain; `false` (nothing stepped) when no chain reaches the span's end.
    mutating func stepPolyFromChain(at poly: Int, count: Int, group: inout ParamGroup, factors: [Double]) -> Bool {
        guard count > 0, case let .poly(etaMin, power) = schedulers[poly].kind else { return false }
        let total = schedulers[poly].totalIters
        let start = schedulers[poly].lastStep
        // The chain is indexed by `last_step`; the poly writes up to `last_step == T`.
        guard total.isFinite, total >= 1, total < Double(Int32.max), total.rounded(.towardZero) == total, start >= 0 else { return false }
        let end = Int(total)
        let shape = ChainTable.Shape(.poly, form: power, floor: etaMin, length: end)
        let chain = ChainTable.shared.chain(shape, start: start, value: group.lr, last: start + count, end: end) { first, value, through in
            // Steps t = first + 1 … through, each with the factor of `T − t + 1` steps left (where the table has it).
            let usable = Swift.max(0, through - first)
            return [Double](unsafeUninitializedCapacity: usable + 1) { buffer, initialized in
                factors.withUnsafeBufferPointer { factor in
                    var v = value
                    buffer[0] = v
                    var index = end - first
                    for k in 0..<usable {
                        // `nextValue`: `(v − eta_min)·(1 − 1/(T − t + 1))^p + eta_min` (t = first + k + 1 ≥ 1).
                        guard index >= 1, index < factor.count else {
                            initialized = k + 1
                            return
                        }
                        v = (v - etaMin) * factor[index] + etaMin
                        buffer[k + 1] = v
                        index -= 1
                    }
                    initialized = usable + 1
                }
            }
        }
        guard let chain, let before = chain.value(at: start + count - 1), let value = chain.value(at: start + count) else { return false }
        finishLoneSteps(writer: poly, count: count, before: before, value: value, group: &group)
        return true
    }

    /// `stepCosine` for the whole run from a chain (indexed by position in the period, shared by every period
    /// of one length and floor); `false` (nothing stepped) when no chain reaches the run's end.
    mutating func stepCosineFromChain(_ run: CosineRun, group: inout ParamGroup) -> Bool {
        let start = run.firstPosition - 1
        let last = start + run.steps
        guard let terms = CosineFactorTable.shared.terms(period: run.period, through: run.lastPosition) else { return false }
        let etaMin = run.etaMin
        let shape = ChainTable.Shape(.cosine, form: run.period, floor: etaMin)
        let chain = ChainTable.shared.chain(shape, start: start, value: group.lr, last: last, end: run.lastPosition) { first, value, through in
            let steps = Swift.max(0, through - first)
            return [Double](unsafeUninitializedCapacity: steps + 1) { buffer, initialized in
                terms.withUnsafeBufferPointer { term in
                    var v = value
                    buffer[0] = v
                    for k in 0..<steps {
                        // Position q = first + k + 1 (the terms reach `lastPosition ≥ through`).
                        let divisor = term[first + k]
                        if divisor == 0 {
                            initialized = k + 1
                            return
                        }
                        // `nextValue`: `ratio·(v − eta_min) + eta_min`.
                        let ratio = term[first + k + 1] / divisor
                        v = ratio * (v - etaMin) + etaMin
                        buffer[k + 1] = v
                    }
                    initialized = steps + 1
                }
            }
        }
        guard let chain, let before = chain.value(at: last - 1), let value = chain.value(at: last) else { return false }
        finishLoneSteps(writer: run.index, count: run.steps, before: before, value: value, group: &group)
        return true
    }
}
