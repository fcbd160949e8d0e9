import Foundation

/// The value panels: lr, momentum and the relative difference.
extension PlotRenderer {
    /// The lr of every param group of both runs.
    func drawLearningRate(_ svg: inout SVGWriter, _ layout: Layout) {
        let groups = max(data.runs[0].lr.count, data.runs[1].lr.count)
        var caption = "learning rate at each optimizer step"
        if groups > 1 { caption += " (\(groups) param groups, drawn alike)" }
        var range = data.runs[0].lrRange
        range.include(data.runs[1].lrRange)
        let ticks = AxisTicks.linear(low: range.isEmpty ? 0 : range.low, high: range.isEmpty ? 1 : range.high, count: 5, includeZero: true)
        drawValuePanel(&svg, layout.lr, caption: caption, ticks: ticks, className: "lr") { run in
            data.runs[run].lr
        }
        if data.runs.allSatisfy({ $0.steps == 0 }) {
            svg.label("no optimizer steps in either run", x: (Self.left + Self.right) / 2, y: layout.lr.top + layout.lr.height / 2,
                      className: "message", anchor: "middle")
        }
        drawDivergenceLabel(&svg, layout.lr)
    }

    /// The momentum (or beta1) of every param group of both runs.
    func drawMomentum(_ svg: inout SVGWriter, _ layout: Layout, panel: Panel) {
        var range = data.runs[0].momentumRange
        range.include(data.runs[1].momentumRange)
        let ticks = AxisTicks.linear(low: range.isEmpty ? 0 : range.low, high: range.isEmpty ? 1 : range.high, count: 4)
        drawValuePanel(&svg, panel, caption: "momentum at each optimizer step (beta1 for Adam-style optimizers)", ticks: ticks,
                       className: "momentum") { run in
            data.runs[run].momentum
        }
    }

    /// A framed panel with a linear value axis and the curves of both runs.
    func drawValuePanel(_ svg: inout SVGWriter, _ panel: Panel, caption: String, ticks: AxisTicks, className: String,
                        curves: (Int) -> [SeriesDecimator]) {
        svg.open(className)
        svg.label(caption, x: Self.left, y: panel.top - 5, className: "caption")
        let span = ticks.high - ticks.low
        func y(_ value: Double) -> Double {
            let fraction = span > 0 ? (value - ticks.low) / span : 0.5
            return panel.innerBottom - fraction * (panel.innerBottom - panel.innerTop)
        }
        for tick in ticks.ticks {
            let py = y(tick.value)
            svg.segment(Self.left, py, Self.right, py, className: "grid")
            svg.label(tick.label, x: Self.left - 6, y: py + 4, className: "tick", anchor: "end")
        }
        drawGrid(&svg, panel)
        drawDivergence(&svg, panel)
        for (run, runClass) in [(0, "legacy"), (1, "new")] {
            for curve in curves(run) where curve.count > 0 {
                svg.path(stepPath(curve.points(columnWidth: iterationsPerPixel), y: y), className: runClass)
            }
        }
        svg.rect(Self.left, panel.top, plotWidth, panel.height, className: "frame")
        svg.close()
    }

    /// The label of the first divergence, right-aligned on the lr panel's caption line (clear of the curves).
    func drawDivergenceLabel(_ svg: inout SVGWriter, _ panel: Panel) {
        guard let divergenceX = data.verdict.divergenceX else { return }
        let words = "first divergence" + (data.verdict.stream.map { " (\($0))" } ?? "") + " at iteration \(divergenceX)"
        svg.label(words, x: Self.right, y: panel.top - 5, className: "divergence-text", anchor: "end")
    }

    // MARK: Relative difference

    /// The decades of the difference axis: from 10^-16 up to 10^0, or higher when the differences are.
    var differenceDecades: (low: Int, high: Int) {
        var highest = 0.0
        for series in [data.lrDifference, data.momentumDifference] {
            for bucket in series.buckets where bucket.high.y.isFinite { highest = max(highest, bucket.high.y) }
        }
        if let first = data.firstDifference, first.relative.isFinite { highest = max(highest, first.relative) }
        let top = highest > 1 ? min(6, Int(log10(highest).rounded(.up))) : 0
        return (-16, top)
    }

    /// The relative difference of every pair of steps on a log scale, with exact zeros on a floor row.
    func drawDifference(_ svg: inout SVGWriter, _ layout: Layout) {
        let panel = layout.difference
        svg.open("difference")
        let caption = "relative difference |legacy − new| / |new|, log scale"
        svg.label(caption, x: Self.left, y: panel.top - 5, className: "caption")
        let showMomentum = data.showsMomentum && data.momentumDifference.count > 0
        // The series' key, right-aligned on the caption line.
        var keyX = Self.right
        let keys: [(String, String)] = showMomentum ? [("diff-momentum", "momentum"), ("diff-lr", "lr")] : [("diff-lr", "lr")]
        for (keyClass, words) in keys {
            svg.label(words, x: keyX, y: panel.top - 5, className: "note", anchor: "end")
            keyX -= TextFit.width(words, size: 11) + 30
            svg.segment(keyX, panel.top - 9, keyX + 20, panel.top - 9, className: keyClass)
            keyX -= 14
        }

        let decades = differenceDecades
        let floorY = panel.bottom - 8
        let axisBottom = panel.bottom - 22
        let axisTop = panel.top + 6
        func y(_ value: Double) -> Double {
            if value == 0 || value.isNaN { return floorY }
            let decade = min(Double(decades.high), max(Double(decades.low), log10(value)))
            return axisBottom - (decade - Double(decades.low)) / Double(decades.high - decades.low) * (axisBottom - axisTop)
        }
        if let unpaired = data.unpaired {
            let from = x(unpaired.from)
            svg.rect(from, panel.top, Self.right - from, panel.height, className: "alone")
            let who = unpaired.side == 0 ? "legacy" : "new"
            let words = "only the \(who) run steps here (\(unpaired.count) more steps)"
            let leftSide = from > (Self.left + Self.right) / 2
            svg.label(words, x: leftSide ? from - 5 : from + 5, y: panel.top + 30, className: "note", anchor: leftSide ? "end" : "start")
        }
        for decade in stride(from: decades.high, through: decades.low, by: -1) where decade % 3 == 0 {
            let py = y(PlotFormat.value(1, exponent: decade))
            svg.segment(Self.left, py, Self.right, py, className: "grid")
            svg.label(decade == 0 ? "1" : "1e\(decade)", x: Self.left - 6, y: py + 4, className: "tick", anchor: "end")
        }
        svg.segment(Self.left, (axisBottom + floorY) / 2, Self.right, (axisBottom + floorY) / 2, className: "floor")
        svg.label("0 (equal)", x: Self.left - 6, y: floorY + 4, className: "tick", anchor: "end")
        drawGrid(&svg, panel)
        // Without pairs there is nothing to hold against the tolerance (and its line would cross the message).
        if data.tolerance.rtol > 0, data.lrDifference.count > 0 {
            let py = y(data.tolerance.rtol)
            svg.segment(Self.left, py, Self.right, py, className: "tolerance")
            let words = "tolerance " + PlotFormat.number(data.tolerance.rtol) + (data.tolerance.atol > 0 ? " (+ atol \(PlotFormat.number(data.tolerance.atol)))" : "")
            svg.label(words, x: Self.right - 4, y: py - 3, className: "tolerance-text", anchor: "end")
        }
        drawDivergence(&svg, panel)
        if showMomentum {
            svg.path(stepPath(data.momentumDifference.points(columnWidth: iterationsPerPixel), y: y), className: "diff-momentum")
        }
        svg.path(stepPath(data.lrDifference.points(columnWidth: iterationsPerPixel), y: y), className: "diff-lr")
        if data.lrDifference.count == 0 {
            svg.label("no pairs of optimizer steps to compare", x: (Self.left + Self.right) / 2, y: (axisTop + axisBottom) / 2,
                      className: "message", anchor: "middle")
        }
        if let first = data.firstDifference {
            // A dot and a short label beside it, below the dot when it sits in the upper half (the curve goes
            // on to the right at about its height).
            let px = x(first.x)
            let py = y(first.relative)
            svg.circle(px, py, radius: 3.5, className: "divergence-dot")
            let words = "first difference beyond tolerance"
            let leftSide = px > (Self.left + Self.right) / 2
            let labelY = py < (axisTop + axisBottom) / 2 ? py + 15 : py - 8
            svg.label(words, x: leftSide ? px - 7 : px + 7, y: labelY, className: "divergence-text", anchor: leftSide ? "end" : "start")
        }
        svg.rect(Self.left, panel.top, plotWidth, panel.height, className: "frame")
        svg.close()
    }
}
