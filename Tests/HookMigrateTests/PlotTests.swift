import Foundation
@testable import HookMigrate
import HookMigrateCore
import HookMigrateRuntime
import HookMigrateTestSupport
import Testing

/// The SVG plots (docs/plots.md): number formatting, escaping, decimation, the size of a long run's picture,
/// well-formed XML and deterministic bytes. The golden pictures are checked through the command
/// (HookMigrateCLITests/PlotCommandTests).
@Suite struct PlotTests {
    // MARK: Numbers and text

    @Test func ticksAreWrittenFromIntegers() {
        #expect(PlotFormat.decimal(5, exponent: -3) == "0.005")
        #expect(PlotFormat.decimal(15, exponent: -3) == "0.015")
        #expect(PlotFormat.decimal(2, exponent: -2) == "0.02")
        #expect(PlotFormat.decimal(25, exponent: -7) == "2.5e-6")
        #expect(PlotFormat.decimal(1, exponent: 9) == "1e9")
        #expect(PlotFormat.decimal(150, exponent: 3) == "150000")
        #expect(PlotFormat.decimal(0, exponent: -4) == "0")
        #expect(PlotFormat.decimal(-4, exponent: -1) == "-0.4")
        #expect(PlotFormat.iterations(120) == "120")
        #expect(PlotFormat.iterations(20_000) == "20k")
        #expect(PlotFormat.iterations(1_500_000) == "1.5M")
        #expect(PlotFormat.iterations(1_000_000) == "1M")
        #expect(PlotFormat.coordinate(12.25) == "12.3" || PlotFormat.coordinate(12.25) == "12.2")
        #expect(PlotFormat.coordinate(300) == "300")
        #expect(PlotFormat.coordinate(-0.04) == "0")
        #expect(PlotFormat.coordinate(.nan) == "0")
        #expect(PlotFormat.relative(0.047) == "4.7%")
        #expect(PlotFormat.relative(4.0) == "400%")
        #expect(PlotFormat.relative(1.0280521511441731e-05) == "1.03e-5")
        #expect(PlotFormat.relative(3e-5) == "3e-5")
        #expect(PlotFormat.relative(.infinity) == "∞")
        // Two values with the fewest digits that tell them apart.
        #expect(PlotFormat.distinct(1.159584349809182e-06, 1.1595870881865764e-06) == ("1.15958e-6", "1.15959e-6"))
        #expect(PlotFormat.distinct(0.02, 0.0199) == ("0.02", "0.0199"))
        #expect(PlotFormat.distinct(0.5, 0.5) == ("0.5", "0.5"))
        #expect(PlotFormat.distinct(1.0, 1.0 + 1e-16 * 2) == ("1.0", "1.0000000000000002"))
        #expect(PlotFormat.distinct(.nan, 0.1) == ("none", "0.1"))
    }

    @Test func axisTicksAreRound() {
        let lr = AxisTicks.linear(low: 0, high: 0.02, count: 5, includeZero: true)
        #expect(lr.ticks.map(\.label) == ["0", "0.005", "0.01", "0.015", "0.02"])
        let flat = AxisTicks.linear(low: 0.9, high: 0.9, count: 4)
        #expect(flat.low < 0.9 && flat.high > 0.9)
        let iterations = AxisTicks.iterations(end: 160_000, count: 8)
        #expect(iterations.ticks.map(\.label) == ["0", "20k", "40k", "60k", "80k", "100k", "120k", "140k", "160k"])
        #expect(AxisTicks.iterations(end: 120, count: 8, minimumStep: 11).ticks.map(\.label) == ["0", "20", "40", "60", "80", "100", "120"])
    }

    @Test func textIsEscapedForXML() {
        #expect(SVGWriter.escape("a & b <c> \"d\" 'e'") == "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;")
        #expect(SVGWriter.escape("bell\u{7}") == "bell\u{FFFD}")
        #expect(SVGWriter.escape("tab\tok") == "tab\tok")
    }

    @Test func longNamesAreCutInTheMiddle() {
        let name = String(repeating: "configs/very_long_folder/", count: 10) + "retinanet.py"
        let cut = TextFit.middle(name, maxWidth: 300, size: 12)
        #expect(cut.contains("…"))
        #expect(cut.hasSuffix("retinanet.py"))
        #expect(TextFit.width(cut, size: 12) <= 300)
        let lines = TextFit.wrap(String(repeating: "word ", count: 100), maxWidth: 200, size: 11, lines: 2)
        #expect(lines.count == 2)
        #expect(lines[1].hasSuffix("…"))
    }

    // MARK: Decimation

    @Test func decimationKeepsExtremesAndBoundaries() {
        // A step schedule over a million steps with a warmup and two milestones, plus one spike.
        var curve = SeriesDecimator()
        for x in 0..<1_000_000 {
            var y = x < 5000 ? 0.01 * Double(x + 1) / 5000 : (x < 600_000 ? 0.01 : (x < 850_000 ? 0.001 : 0.0001))
            if x == 777_777 { y = 0.5 }
            curve.add(x: x, y: y)
        }
        curve.finish()
        #expect(curve.count == 1_000_000)
        #expect(curve.buckets.count <= curve.capacity)
        let points = curve.points(columnWidth: 1_000_000 / 680.0)
        #expect(points.count < 6 * 700)
        #expect(zip(points, points.dropFirst()).allSatisfy { $0.x < $1.x })
        let xs = Set(points.map(\.x))
        // The end of the warmup (4999: its last value is already the flat 0.01 that follows, so 5000 adds
        // nothing to the drawn curve), both sides of each milestone, the spike, the ends: kept exactly.
        for x in [0, 4999, 599_999, 600_000, 849_999, 850_000, 777_777, 999_999] {
            #expect(xs.contains(x), "iteration \(x) was decimated away")
        }
        #expect(points.contains { $0.y == 0.5 })
    }

    @Test func everyPointIsKeptWhenThereAreFew() {
        var curve = SeriesDecimator()
        for x in 0..<300 { curve.add(x: x, y: Double(x % 7)) }
        curve.finish()
        #expect(curve.points().count == 300)
    }

    @Test func markerLanesStayBoundedAndPlaceRemovals() {
        var lane = MarkerLane(capacity: 64)
        for step in 1...100_000 {
            lane.event(at: step * 10, step: step)
            if step > 3 { lane.removal(step: step - 3, at: step * 10) }
        }
        #expect(lane.marks.count <= 64)
        #expect(lane.iterationsPerStep == 10)
        var exact = MarkerLane()
        exact.event(at: 30, step: 3)
        exact.event(at: 60, step: 6)
        exact.removal(step: 3, at: 60)
        #expect(exact.sortedMarks() == [MarkerLane.Mark(x: 30, kind: .event), MarkerLane.Mark(x: 30, kind: .removed),
                                         MarkerLane.Mark(x: 60, kind: .event)])
    }

    // MARK: Whole pictures

    static let warmup = """
        runner: {type: EpochBasedRunner, max_epochs: 4}
        optimizer: {type: SGD, lr: 0.02, momentum: 0.9}
        optimizer_config: {}
        lr_config: {policy: step, warmup: linear, warmup_iters: 5, warmup_ratio: 0.001, step: [3]}
        checkpoint_config: {interval: 1, max_keep_ckpts: 2}
        """

    static func picture(_ yaml: String, name: String, itersPerEpoch: Int = 10) throws -> String {
        let folder = TemporaryFolder()
        let path = folder.write("legacy.yaml", yaml)
        let loaded = try ConfigLoader().load(path)
        let result = try Translator(options: MigrationOptions(itersPerEpoch: itersPerEpoch)).translate(loaded)
        let converted = try #require(result.config.mapping)
        let settings = SimulationSettings(itersPerEpoch: itersPerEpoch)
        let outcome = Validator(settings: settings).validate(legacy: loaded.root, converted: converted, name: name).outcome
        return ConversionPlot(settings: settings).svg(legacy: loaded.root, new: converted, name: name, outcome: outcome)
    }

    @Test func picturesAreWellFormedXMLWithEscapedNames() throws {
        let name = "configs/a&b/<weird> \"name\" 'x'\u{1}.yaml"
        let svg = try Self.picture(Self.warmup, name: name)
        #expect(XMLCheck.problem(svg) == nil)
        #expect(XMLCheck.rootElement(svg) == "svg")
        #expect(svg.contains("a&amp;b/&lt;weird&gt;"))
        #expect(!svg.contains("a&b"))
        #expect(svg.contains("verdict: equivalent"))
    }

    @Test func picturesAreDeterministic() throws {
        let first = try Self.picture(Self.warmup, name: "warmup.yaml")
        let second = try Self.picture(Self.warmup, name: "warmup.yaml")
        #expect(first == second)
        // No absolute path or temporary name leaks in: the title is the name given.
        #expect(!first.contains(NSTemporaryDirectory()))
    }

    /// A million optimizer steps on each side (with a checkpoint every 100 iterations and an evaluation every
    /// 500) make a picture of bounded size: fed to the recorder directly, so the test does not simulate the
    /// runs (`hookmigrate plot` on a real million-iteration config is measured in docs/plots.md).
    @Test func aMillionStepsMakeASmallPicture() {
        var recorder = PlotRecorder(tolerance: Tolerance())
        for x in 0..<1_000_000 {
            let lr = x < 5000 ? 0.01 * Double(x + 1) / 5000 : (x < 600_000 ? 0.01 : 0.001)
            let momentum = 0.85 + 0.1 * Double(x % 250_000) / 250_000
            for side in 0..<2 {
                recorder.side = side
                let offset = side == 1 && x >= 900_000 ? 1e-6 : 0
                recorder.emit(.optimStep, at: .afterTrainIter, epoch: 0, iter: x, batch: x, step: 1,
                              text: nil, values: TraceValues(lr + offset, momentum))
                if (x + 1) % 100 == 0 {
                    recorder.emit(.checkpointSave, at: .afterTrainIter, epoch: 0, iter: x, batch: x, step: x + 1, text: "iter_\(x + 1).pth", values: TraceValues())
                    if x >= 300 {
                        recorder.emit(.checkpointRemove, at: .afterTrainIter, epoch: 0, iter: x, batch: x, step: x - 299, text: nil, values: TraceValues())
                    }
                }
                if (x + 1) % 500 == 0 {
                    recorder.emit(.evaluation, at: .afterTrainIter, epoch: 0, iter: x, batch: x, step: x + 1, text: "mIoU", values: TraceValues(0.5))
                }
            }
        }
        recorder.finish()
        #expect(recorder.firstDifference?.x == 900_000)
        let data = PlotData(name: "million.yaml", newName: nil, itersPerEpoch: 10, epochBased: false, runs: recorder.runs,
                            lrDifference: recorder.lrDifference, momentumDifference: recorder.momentumDifference,
                            firstDifference: recorder.firstDifference, unpaired: recorder.unpaired, verdict: PlotVerdict(nil),
                            tolerance: Tolerance())
        let svg = PlotRenderer(data: data).render()
        #expect(svg.utf8.count < 400_000, "a million steps gave \(svg.utf8.count) bytes")
        #expect(XMLCheck.problem(svg) == nil)
    }

    @Test func theIndexListsEveryConfigWithItsVerdict() throws {
        let folder = TemporaryFolder()
        folder.write("in/a&b.yaml", Self.warmup)
        folder.write("in/_base_/schedule.yaml", "optimizer: {type: SGD, lr: 0.02, momentum: 0.9}\n")
        let result = try TreeMigration(options: TreeMigrationOptions(concurrency: 1))
            .run(inputRoot: folder.path + "/in", outputRoot: folder.path + "/out")
        let html = PlotIndex.html(result, drawn: { $0 == "a&b.yaml" })
        #expect(html.contains("<h2>a&amp;b.yaml</h2>"))
        #expect(html.contains("src=\"a&amp;b.yaml.svg\""))
        #expect(!html.contains("schedule.yaml"))
        #expect(html.contains("1 equivalent"))
    }
}
