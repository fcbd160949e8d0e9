import Foundation
import HookMigrateRuntime

/// Draws a `PlotData` as an SVG document 800 pixels wide: the title block, a legend, the lr panel, the
/// momentum panel (when momentum is scheduled), the relative-difference strip, the timeline and the shared
/// iteration axis with its epoch row.
struct PlotRenderer {
    /// What is drawn.
    let data: PlotData

    /// The document's width.
    static let width = 800.0
    /// The left edge of every panel (tick labels and row names sit left of it).
    static let left = 104.0
    /// The right edge of every panel.
    static let right = 782.0

    /// A panel's frame and the band its values are drawn in (inset so that extremes do not sit on the frame).
    struct Panel {
        var top: Double
        var height: Double
        var bottom: Double { top + height }
        var inset = 6.0
        var innerTop: Double { top + inset }
        var innerBottom: Double { bottom - inset }
    }

    /// Vertical positions of everything, worked out before drawing (the document's height comes first).
    struct Layout {
        var headerLines: [(text: String, className: String, y: Double)] = []
        var legendY = 0.0
        var lr = Panel(top: 0, height: 170)
        var momentum: Panel?
        var difference = Panel(top: 0, height: 104)
        var timeline = Panel(top: 0, height: 0)
        var axisY = 0.0
        var epochY: Double?
        var height = 0.0
    }

    static let style = """
        text { font-family: 'DejaVu Sans', Verdana, Arial, sans-serif; fill: #222222; }
        .title { font-size: 15px; font-weight: bold; }
        .sub { font-size: 12px; fill: #444444; }
        .verdict-equivalent { font-size: 13px; font-weight: bold; fill: #1b7a34; }
        .verdict-notEquivalent { font-size: 13px; font-weight: bold; fill: #c62828; }
        .verdict-notProven, .verdict-unchecked { font-size: 13px; font-weight: bold; fill: #8a6200; }
        .detail { font-size: 11.5px; fill: #333333; }
        .caption { font-size: 12px; font-weight: bold; fill: #333333; }
        .note { font-size: 11px; fill: #555555; }
        .legend { font-size: 11.5px; fill: #333333; }
        .tick { font-size: 11px; fill: #555555; }
        .rowname { font-size: 11px; fill: #333333; }
        .axisname { font-size: 11px; font-weight: bold; fill: #333333; }
        .message { font-size: 12px; fill: #777777; }
        .frame { fill: none; stroke: #b5b5b5; stroke-width: 1; }
        .grid { stroke: #ececec; stroke-width: 1; }
        .epoch { stroke: #dedede; stroke-width: 1; }
        .tickmark { stroke: #888888; stroke-width: 1; }
        .legacy { fill: none; stroke: #1f5fa8; stroke-width: 2.6; stroke-linejoin: round; }
        .new { fill: none; stroke: #e8830c; stroke-width: 1.6; stroke-dasharray: 6 4; stroke-linejoin: round; }
        .diff-lr { fill: none; stroke: #2b2b2b; stroke-width: 1.4; stroke-linejoin: round; }
        .diff-momentum { fill: none; stroke: #8e44ad; stroke-width: 1.4; stroke-dasharray: 3 2; stroke-linejoin: round; }
        .tolerance { stroke: #2e7d32; stroke-width: 1; stroke-dasharray: 4 3; }
        .tolerance-text { font-size: 10.5px; fill: #2e7d32; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
        .floor { stroke: #cccccc; stroke-width: 1; stroke-dasharray: 1 2; }
        .divergence { stroke: #c62828; stroke-width: 1.5; stroke-dasharray: 5 3; }
        .divergence-dot { fill: #c62828; stroke: #ffffff; stroke-width: 1; }
        .divergence-text { font-size: 11px; font-weight: bold; fill: #c62828; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
        .alone { fill: #f1f1f1; }
        .lane-legacy { stroke: #d3e0f0; stroke-width: 1; }
        .lane-new { stroke: #f7dfc2; stroke-width: 1; }
        .mark-legacy { fill: #1f5fa8; }
        .mark-new { fill: #e8830c; }
        .removed { stroke: #222222; stroke-width: 1.3; }

    """

    /// The document.
    func render() -> String {
        let layout = makeLayout()
        var svg = SVGWriter(width: Self.width, height: layout.height, style: Self.style,
                            title: "hookmigrate plot: " + data.name + " — " + data.verdict.headline)
        drawHeader(&svg, layout)
        drawLegend(&svg, layout)
        drawLearningRate(&svg, layout)
        if let momentum = layout.momentum { drawMomentum(&svg, layout, panel: momentum) }
        drawDifference(&svg, layout)
        drawTimeline(&svg, layout)
        drawAxis(&svg, layout)
        return svg.finish()
    }

    // MARK: Layout

    func makeLayout() -> Layout {
        var layout = Layout()
        let textWidth = Self.width - 24
        var y = 24.0
        layout.headerLines.append((TextFit.middle(data.name, maxWidth: textWidth, size: 15, bold: true), "title", y))
        y += 18
        let newText = data.newName.map { "new config: " + $0 } ?? "new config: hookmigrate's conversion of it"
        layout.headerLines.append((TextFit.middle(newText, maxWidth: textWidth, size: 12), "sub", y))
        y += 16
        layout.headerLines.append((TextFit.middle(simulatedText, maxWidth: textWidth, size: 12), "sub", y))
        y += 20
        let statusClass: String
        switch data.verdict.status {
        case .equivalent: statusClass = "verdict-equivalent"
        case .notEquivalent: statusClass = "verdict-notEquivalent"
        case .notProven: statusClass = "verdict-notProven"
        case .unchecked: statusClass = "verdict-unchecked"
        }
        layout.headerLines.append((TextFit.middle(data.verdict.headline, maxWidth: textWidth, size: 13, bold: true), statusClass, y))
        var details = data.verdict.details
        if let first = data.firstDifference {
            // The schedule's divergence in words replaces the comparison's terser reason.
            if data.verdict.stream == "schedule" { details = [] }
            details.append(differenceText(first))
        }
        for run in data.runs { if let failure = run.failure { details.append(failure) } }
        var detailLines: [String] = []
        for detail in details {
            detailLines += TextFit.wrap(detail, maxWidth: textWidth, size: 11.5, lines: max(1, 4 - detailLines.count))
            if detailLines.count >= 4 { break }
        }
        for line in detailLines.prefix(4) {
            y += 15
            layout.headerLines.append((line, "detail", y))
        }
        y += 22
        layout.legendY = y
        y += 12

        // Panels: a caption line, then the frame.
        y += 16
        layout.lr = Panel(top: y, height: 170)
        y = layout.lr.bottom + 12
        if data.showsMomentum {
            y += 16
            layout.momentum = Panel(top: y, height: 96)
            y = (layout.momentum?.bottom ?? y) + 12
        }
        y += 16
        layout.difference = Panel(top: y, height: 112)
        y = layout.difference.bottom + 12
        y += 16
        layout.timeline = Panel(top: y, height: 3 * 2 * Self.rowHeight + 2 * Self.pairGap + 8, inset: 4)
        y = layout.timeline.bottom + 16
        layout.axisY = y
        if data.epochBased {
            y += 16
            layout.epochY = y
        }
        layout.height = y + 12
        return layout
    }

    /// "simulated: 12 epochs × 10 iterations per epoch = 120 iterations".
    var simulatedText: String {
        let l = data.itersPerEpoch
        let end = data.end
        let legacySteps = data.runs[0].steps
        let newSteps = data.runs[1].steps
        let steps = legacySteps == newSteps ? "\(legacySteps) optimizer steps in each run"
            : "optimizer steps: \(legacySteps) legacy, \(newSteps) new"
        if data.epochBased, l > 0, end % l == 0 {
            return "simulated: \(end / l) epochs × \(l) iterations per epoch = \(end) iterations · \(steps)"
        }
        return "simulated: \(end) iterations, iteration-based (\(l) per dataloader epoch) · \(steps)"
    }

    func differenceText(_ first: StepDifference) -> String {
        let what = (first.momentum ? "momentum" : "lr") + (first.groups > 1 ? " of param group \(first.group)" : "")
        let place = first.x == first.newX ? "iteration \(first.x)" : "iteration \(first.x) (new run: \(first.newX))"
        let (legacy, new) = PlotFormat.distinct(first.legacy, first.new)
        return "\(what) first differs at \(place), optimizer step \(first.pair): legacy \(legacy), new \(new), "
            + "relative difference \(PlotFormat.relative(first.relative))"
    }

    // MARK: Coordinates

    var plotWidth: Double { Self.right - Self.left }

    /// The horizontal position of an iteration.
    func x(_ iteration: Int) -> Double {
        Self.left + Double(iteration) / Double(data.end) * plotWidth
    }

    /// Iterations per pixel column.
    var iterationsPerPixel: Double { Double(data.end) / plotWidth }

    /// A step curve through points: each value holds until the next point's iteration; the last holds
    /// until the end of its iteration. Points whose drawn height does not change add nothing.
    func stepPath(_ points: [SeriesDecimator.Point], y: (Double) -> Double) -> String {
        guard let first = points.first, let lastPoint = points.last else { return "" }
        var path = "M" + PlotFormat.coordinate(x(first.x)) + " " + PlotFormat.coordinate(y(first.y))
        var lastY = PlotFormat.coordinate(y(first.y))
        for point in points.dropFirst() {
            let py = PlotFormat.coordinate(y(point.y))
            if py == lastY { continue }
            path += "H" + PlotFormat.coordinate(x(point.x)) + "V" + py
            lastY = py
        }
        path += "H" + PlotFormat.coordinate(x(lastPoint.x + 1))
        return path
    }

    /// Vertical grid lines inside a panel: epoch boundaries (epoch-based runs) or iteration ticks.
    func drawGrid(_ svg: inout SVGWriter, _ panel: Panel) {
        for gridX in gridPositions {
            svg.segment(gridX, panel.top, gridX, panel.bottom, className: data.epochBased ? "epoch" : "grid")
        }
    }

    /// Where vertical grid lines go.
    var gridPositions: [Double] {
        if data.epochBased, data.itersPerEpoch > 0 {
            let epochs = data.end / data.itersPerEpoch
            let spacing = Double(data.itersPerEpoch) / iterationsPerPixel
            let every = spacing >= 6 ? 1 : epochTicks.ticks.dropFirst().first?.n ?? max(1, epochs)
            return stride(from: every, to: epochs, by: max(1, every)).map { x($0 * data.itersPerEpoch) }
        }
        return iterationTicks.ticks.dropFirst().map { x(Int($0.value)) }.filter { $0 < Self.right - 0.5 }
    }

    var iterationTicks: AxisTicks {
        AxisTicks.iterations(end: data.end, count: 8, minimumStep: max(1, Int((56 * iterationsPerPixel).rounded(.up))))
    }

    var epochTicks: AxisTicks {
        let l = max(1, data.itersPerEpoch)
        let epochs = (data.end + l - 1) / l
        let perEpoch = Double(l) / iterationsPerPixel
        return AxisTicks.iterations(end: epochs, count: 12, minimumStep: max(1, Int((30 / perEpoch).rounded(.up))))
    }

    /// The line of the verdict's first divergence through a panel.
    func drawDivergence(_ svg: inout SVGWriter, _ panel: Panel) {
        guard let divergenceX = data.verdict.divergenceX else { return }
        let px = x(min(max(0, divergenceX), data.end))
        svg.segment(px, panel.top, px, panel.bottom, className: "divergence")
    }

    // MARK: Header and legend

    func drawHeader(_ svg: inout SVGWriter, _ layout: Layout) {
        svg.open("header")
        for line in layout.headerLines {
            svg.label(line.text, x: 12, y: line.y, className: line.className)
        }
        svg.close()
    }

    func drawLegend(_ svg: inout SVGWriter, _ layout: Layout) {
        let y = layout.legendY
        svg.open("legend")
        var cursor = 12.0
        func entry(_ sampleClass: String, _ words: String) {
            svg.segment(cursor, y - 4, cursor + 30, y - 4, className: sampleClass)
            svg.label(words, x: cursor + 36, y: y, className: "legend")
            cursor += 36 + TextFit.width(words, size: 11.5) + 18
        }
        entry("legacy", "legacy run (MMCV 1.x semantics)")
        entry("new", "new run (MMEngine)")
        if data.verdict.divergenceX != nil {
            svg.segment(cursor + 4, y - 11, cursor + 4, y + 2, className: "divergence")
            svg.label("first divergence", x: cursor + 12, y: y, className: "legend")
        }
        svg.close()
    }

    // MARK: Axis

    func drawAxis(_ svg: inout SVGWriter, _ layout: Layout) {
        svg.open("axis")
        let frameBottom = layout.timeline.bottom
        svg.label("iteration", x: Self.left - 8, y: layout.axisY, className: "axisname", anchor: "end")
        for tick in iterationTicks.ticks {
            let px = x(Int(tick.value))
            svg.segment(px, frameBottom, px, frameBottom + 4, className: "tickmark")
            svg.label(tick.label, x: px, y: layout.axisY, className: "tick", anchor: "middle")
        }
        if let epochY = layout.epochY {
            svg.label("epoch", x: Self.left - 8, y: epochY, className: "axisname", anchor: "end")
            for tick in epochTicks.ticks where tick.n * data.itersPerEpoch <= data.end {
                svg.label(tick.label, x: x(tick.n * data.itersPerEpoch), y: epochY, className: "tick", anchor: "middle")
            }
        }
        svg.close()
    }
}
