/// The timeline: checkpoints, evaluations and best checkpoints of both runs, a pair of rows each.
extension PlotRenderer {
    /// The height of one row.
    static let rowHeight = 13.0
    /// The space between two pairs of rows.
    static let pairGap = 7.0

    /// The shapes of the marks.
    enum MarkShape {
        case bar, dot, diamond
    }

    func drawTimeline(_ svg: inout SVGWriter, _ layout: Layout) {
        let panel = layout.timeline
        svg.open("timeline")
        // Caption, then a key of the shapes.
        let caption = "timeline (upper row: legacy run, lower row: new run)"
        svg.label(caption, x: Self.left, y: panel.top - 5, className: "caption")
        // The key, right-aligned on the caption line.
        let keys: [(MarkShape?, String)] = [(.bar, "saved"), (.dot, "evaluated"), (.diamond, "best"), (nil, "file removed later")]
        var keyX = Self.right - keys.reduce(0) { $0 + 7 + TextFit.width($1.1, size: 11) + 12 } + 12
        let keyY = panel.top - 9
        for (shape, words) in keys {
            if let shape { drawMark(&svg, shape, x: keyX, y: keyY, className: "mark-legacy") } else { drawRemoved(&svg, x: keyX, y: keyY) }
            svg.label(words, x: keyX + 7, y: panel.top - 5, className: "note")
            keyX += 7 + TextFit.width(words, size: 11) + 12
        }

        drawGrid(&svg, panel)
        let lanes: [(String, MarkShape, KeyPath<RunSeries, MarkerLane>)] = [
            ("checkpoints", .bar, \.checkpoints), ("evaluations", .dot, \.evaluations), ("best ckpt", .diamond, \.best),
        ]
        for (index, lane) in lanes.enumerated() {
            let pairTop = panel.innerTop + Double(index) * (2 * Self.rowHeight + Self.pairGap)
            svg.label(lane.0, x: Self.left - 8, y: pairTop + Self.rowHeight + 4, className: "rowname", anchor: "end")
            for run in 0..<2 {
                let centre = pairTop + Self.rowHeight * (Double(run) + 0.5)
                svg.segment(Self.left, centre, Self.right, centre, className: run == 0 ? "lane-legacy" : "lane-new")
                let marks = data.runs[run][keyPath: lane.2]
                if marks.marks.isEmpty {
                    svg.label(data.runs[run].failure == nil ? "none" : "no run", x: Self.left + 4, y: centre + 4, className: "note")
                }
                drawLane(&svg, marks, shape: lane.1, y: centre, className: run == 0 ? "mark-legacy" : "mark-new")
            }
        }
        drawDivergence(&svg, panel)
        svg.rect(Self.left, panel.top, plotWidth, panel.height, className: "frame")
        svg.close()
    }

    /// One row's marks. Marks closer together than a mark's width are drawn as one band from the first to
    /// the last (a run that saves every few iterations shows a bar, not thousands of overlapping marks); a
    /// band of removals is a line through the row with a cross at each end.
    func drawLane(_ svg: inout SVGWriter, _ lane: MarkerLane, shape: MarkShape, y: Double, className: String) {
        let marks = lane.sortedMarks()
        for kind in [MarkerLane.Kind.event, .removed] {
            var band: (first: Double, last: Double)?
            func flush() {
                guard let current = band else { return }
                band = nil
                switch kind {
                case .event where current.last - current.first < 0.05:
                    drawMark(&svg, shape, x: current.first, y: y, className: className)
                case .event:
                    let half = shape == .diamond ? 4.0 : shape == .dot ? 3.2 : 1.5
                    let height = shape == .bar ? 10.0 : 2 * half
                    svg.rect(current.first - half, y - height / 2, current.last - current.first + 2 * half, height, className: className)
                case .removed:
                    drawRemoved(&svg, x: current.first, y: y)
                    if current.last - current.first >= 0.05 {
                        svg.segment(current.first, y, current.last, y, className: "removed")
                        drawRemoved(&svg, x: current.last, y: y)
                    }
                }
            }
            for mark in marks where mark.kind == kind {
                let px = x(mark.x)
                if let current = band, px - current.last < Self.markWidth {
                    band = (current.first, px)
                } else {
                    flush()
                    band = (px, px)
                }
            }
            flush()
        }
    }

    /// Marks closer than this (in pixels) merge into a band.
    static let markWidth = 4.0

    func drawMark(_ svg: inout SVGWriter, _ shape: MarkShape, x px: Double, y: Double, className: String) {
        switch shape {
        case .bar:
            svg.rect(px - 1.5, y - 5, 3, 10, className: className)
        case .dot:
            svg.circle(px, y, radius: 3.2, className: className)
        case .diamond:
            let d = "M" + PlotFormat.coordinate(px) + " " + PlotFormat.coordinate(y - 5) + "L" + PlotFormat.coordinate(px + 4)
                + " " + PlotFormat.coordinate(y) + "L" + PlotFormat.coordinate(px) + " " + PlotFormat.coordinate(y + 5) + "L"
                + PlotFormat.coordinate(px - 4) + " " + PlotFormat.coordinate(y) + "Z"
            svg.path(d, className: className)
        }
    }

    func drawRemoved(_ svg: inout SVGWriter, x px: Double, y: Double) {
        svg.segment(px - 3.5, y - 3.5, px + 3.5, y + 3.5, className: "removed")
        svg.segment(px - 3.5, y + 3.5, px + 3.5, y - 3.5, className: "removed")
    }
}
