import Foundation
import HookMigrateTestSupport
import Testing

/// `hookmigrate plot`, `convert --plot` and the tree mode's `--plots`: golden pictures in fixtures/plots/,
/// well-formed XML, the same bytes on every run, and the usage errors.
@Suite struct PlotCommandTests {
    /// The golden pictures: (golden folder, arguments, exit status). `HOOKMIGRATE_RECORD=1` rewrites them;
    /// scripts/render-plots.sh renders them to PNG to look at.
    static let cases: [(String, [String], Int32)] = [
        // Equivalent, with a linear warmup, two milestones, checkpoints with retention, best checkpoints.
        ("warmup-step", ["plot", "fixtures/plots/warmup-step/input.yaml"], 0),
        // NOT equivalent: a min_lr floor under a warmup (the schedule differs from the second step on).
        ("min-lr-floor", ["plot", "fixtures/plots/min-lr-floor/input.yaml"], 1),
        // NOT equivalent: evaluation.start misaligned with the interval (fixtures/convert; the timeline differs).
        ("eval-start-misaligned", ["plot", "fixtures/convert/eval-start-misaligned/input.yaml"], 1),
        // A long iteration schedule: 160,000 iterations, decimated.
        ("long-iteration", ["plot", "fixtures/plots/long-iteration/input.yaml"], 0),
        // Momentum (Adam's beta1) scheduled against the lr, with the epoch length the cyclic policy needs.
        ("momentum-cyclic", ["plot", "fixtures/plots/momentum-cyclic/input.yaml", "--iters-per-epoch", "10"], 0),
    ]

    @Test(arguments: cases.map(\.0))
    func goldenPicture(_ name: String) throws {
        let (_, arguments, status) = try #require(Self.cases.first { $0.0 == name })
        let result = try CLIRunner.run(arguments)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains("validation: "))
        #expect(XMLCheck.problem(result.stdout) == nil, "not well-formed XML")
        Golden.assertMatches(result.stdout, golden: "fixtures/plots/\(name)/plot.svg")
    }

    @Test func convertDrawsTheSamePictureAsPlot() throws {
        let folder = TemporaryFolder()
        let input = "fixtures/plots/warmup-step/input.yaml"
        let converted = try CLIRunner.run(["convert", input, "-o", folder.path + "/new.yaml", "--plot", folder.path + "/plot.svg"])
        #expect(converted.status == 0, "\(converted.stderr)")
        let plotted = try CLIRunner.run(["plot", input])
        #expect(folder.read("plot.svg") == plotted.stdout)
        // The converted config given as NEW: the same runs, the same verdict; the title names it.
        let withNew = try CLIRunner.run(["plot", input, folder.path + "/new.yaml", "-o", folder.path + "/both.svg"])
        #expect(withNew.status == 0, "\(withNew.stderr)")
        let both = try #require(folder.read("both.svg"))
        #expect(both.contains("new config: " + folder.path + "/new.yaml"))
        #expect(both.contains("verdict: equivalent under rules R1, R2, R3, R6, R7, R9, R11"))
    }

    @Test func verifyDrawsThePictureOfPlotLegacyNew() throws {
        let folder = TemporaryFolder()
        let input = "fixtures/plots/min-lr-floor/input.yaml"
        _ = try CLIRunner.run(["convert", input, "-o", folder.path + "/new.yaml", "--no-verify"])
        let verified = try CLIRunner.run(["verify", input, folder.path + "/new.yaml", "--plot", folder.path + "/verify.svg"])
        #expect(verified.status == 1, "\(verified.stderr)")
        let plotted = try CLIRunner.run(["plot", input, folder.path + "/new.yaml"])
        #expect(plotted.status == 1)
        #expect(folder.read("verify.svg") == plotted.stdout)
        #expect(XMLCheck.problem(plotted.stdout) == nil)
        // The picture may not replace an input.
        let clash = try CLIRunner.run(["verify", input, folder.path + "/new.yaml", "--plot", folder.path + "/new.yaml"])
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("output-conflict"))
    }

    @Test func aNotEquivalentPlotStillWritesItsPicture() throws {
        let folder = TemporaryFolder()
        let result = try CLIRunner.run(["convert", "fixtures/plots/min-lr-floor/input.yaml", "-o", folder.path + "/new.yaml",
                                        "--plot", folder.path + "/plot.svg"])
        #expect(result.status == 1)
        let svg = try #require(folder.read("plot.svg"))
        #expect(svg.contains("verdict: NOT equivalent — the schedule differs (first at iteration 1)"))
    }

    @Test func theTreeModeDrawsEveryConfigWithAnIndex() throws {
        let folder = TemporaryFolder()
        let result = try CLIRunner.run(["convert", "fixtures/examples/mmdet", "-o", folder.path + "/out", "--plots", folder.path + "/plots"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("plots: 4 files written to \(folder.path)/plots (index.html)"))
        let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path + "/plots").filter { $0.hasSuffix(".svg") }.sorted()
        #expect(files.count == 3)
        #expect(files.contains("retinanet/retinanet_r50_fpn_1x_coco.py.svg"))
        for file in files {
            let svg = try #require(folder.read("plots/" + file))
            #expect(XMLCheck.problem(svg) == nil, "\(file) is not well-formed XML")
        }
        let index = try #require(folder.read("plots/index.html"))
        Golden.assertMatches(index, golden: "fixtures/plots/mmdet-tree-index.html")
        // A second run rewrites nothing.
        let again = try CLIRunner.run(["convert", "fixtures/examples/mmdet", "-o", folder.path + "/out", "--plots", folder.path + "/plots"])
        #expect(again.stderr.contains("plots: 0 files written"))
    }

    @Test func plotOptionsThatDoNotFitAreUsageErrors() throws {
        let folder = TemporaryFolder()
        let onFolder = try CLIRunner.run(["convert", "fixtures/examples/mmdet", "-o", folder.path + "/out", "--plot", folder.path + "/p.svg"])
        #expect(onFolder.status == 2)
        #expect(onFolder.stderr.contains("--plots DIR"))
        let onFile = try CLIRunner.run(["convert", "fixtures/plots/warmup-step/input.yaml", "--plots", folder.path + "/plots"])
        #expect(onFile.status == 2)
        let withCheck = try CLIRunner.run(["convert", "fixtures/examples/mmdet", "-o", folder.path + "/out", "--check", "--plots", folder.path + "/plots"])
        #expect(withCheck.status == 2)
        let inside = try CLIRunner.run(["convert", "fixtures/examples/mmdet", "-o", folder.path + "/out", "--plots", "fixtures/examples/mmdet/plots"])
        #expect(inside.status == 2)
        #expect(!FileManager.default.fileExists(atPath: Golden.projectRoot + "/fixtures/examples/mmdet/plots"))
        let engine = try CLIRunner.run(["plot", "fixtures/examples/mmdet-expected/retinanet_r50_fpn_1x_coco.converted.py"])
        #expect(engine.status == 2)
        #expect(engine.stderr.contains("already an MMEngine config"))
    }
}
