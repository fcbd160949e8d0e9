import Foundation

/// Round tick values for an axis: multiples of 1, 2 or 5 × 10^e, each held as the integers `n × 10^e` so
/// labels are exact.
struct AxisTicks: Sendable, Equatable {
    /// One tick.
    struct Tick: Sendable, Equatable {
        /// `n` of `n × 10^e`.
        var n: Int
        /// The value.
        var value: Double
        /// The label.
        var label: String
    }

    /// The ticks, ascending.
    var ticks: [Tick]
    /// The axis' lower end (the first tick).
    var low: Double
    /// The axis' upper end (the last tick).
    var high: Double

    /// Ticks covering `low…high` (widened to round values), about `count` of them. `includeZero` starts the
    /// axis at 0 when every value is positive.
    static func linear(low: Double, high: Double, count: Int = 5, includeZero: Bool = false) -> AxisTicks {
        var lo = includeZero ? min(0, low) : low
        var hi = includeZero ? max(0, high) : high
        if !(lo.isFinite && hi.isFinite) {
            lo = 0
            hi = 1
        }
        if hi - lo <= abs(hi) * 1e-9 {
            // A flat curve: a band around its value.
            let pad = hi == 0 ? 1 : abs(hi) * 0.1
            lo = includeZero && lo >= 0 ? 0 : lo - pad
            hi += pad
        }
        let (multiple, exponent) = step(for: (hi - lo) / Double(max(1, count)))
        let stepValue = PlotFormat.value(multiple, exponent: exponent)
        let first = Int((lo / stepValue).rounded(.down))
        let last = Int((hi / stepValue - 1e-9).rounded(.up))
        var ticks: [Tick] = []
        for k in first...max(first + 1, last) {
            let n = k * multiple
            ticks.append(Tick(n: n, value: PlotFormat.value(n, exponent: exponent), label: PlotFormat.decimal(n, exponent: exponent)))
        }
        return AxisTicks(ticks: ticks, low: ticks.first?.value ?? lo, high: ticks.last?.value ?? hi)
    }

    /// Integer ticks from 0 to at least `end` (iterations), about `count` of them, with a step of at least
    /// `minimumStep`.
    static func iterations(end: Int, count: Int = 8, minimumStep: Int = 1) -> AxisTicks {
        let span = max(1, end)
        var (multiple, exponent) = step(for: Double(span) / Double(max(1, count)))
        if exponent < 0 {
            multiple = 1
            exponent = 0
        }
        var stepValue = multiple * Int(PlotFormat.powersOfTen[min(exponent, 18)])
        while stepValue < minimumStep {
            (multiple, exponent) = multiple == 1 ? (2, exponent) : multiple == 2 ? (5, exponent) : (1, exponent + 1)
            stepValue = multiple * Int(PlotFormat.powersOfTen[min(exponent, 18)])
        }
        var ticks: [Tick] = []
        var n = 0
        while n <= span {
            ticks.append(Tick(n: n, value: Double(n), label: PlotFormat.iterations(n)))
            n += stepValue
        }
        return AxisTicks(ticks: ticks, low: 0, high: Double(span))
    }

    /// A round step near `raw`: (1, 2 or 5, exponent).
    static func step(for raw: Double) -> (Int, Int) {
        guard raw.isFinite, raw > 0 else { return (1, 0) }
        var exponent = Int(log10(raw).rounded(.down))
        let fraction = raw / PlotFormat.value(1, exponent: exponent)
        let multiple: Int
        if fraction < 1.5 {
            multiple = 1
        } else if fraction < 3 {
            multiple = 2
        } else if fraction < 7 {
            multiple = 5
        } else {
            multiple = 1
            exponent += 1
        }
        return (multiple, exponent)
    }
}
