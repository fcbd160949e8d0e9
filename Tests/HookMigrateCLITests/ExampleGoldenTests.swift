import Foundation
import HookMigrateTestSupport
import Testing

/// The README's example, fixtures/examples/mmdet (a small MMDetection 2.x `.py` tree): one config converted,
/// and the whole tree, byte for byte against fixtures/examples/mmdet-expected.
@Suite struct ExampleGoldenTests {
    static let example = "fixtures/examples/mmdet"
    static let expected = "fixtures/examples/mmdet-expected"

    @Test func oneConfigConvertsToAnMMEngineModule() throws {
        let result = try CLIRunner.run(["convert", Self.example + "/retinanet/retinanet_r50_fpn_1x_coco.py"])
        #expect(result.status == 0, "\(result.stderr)")
        Golden.assertMatches(result.stdout, golden: Self.expected + "/retinanet_r50_fpn_1x_coco.converted.py")
        Golden.assertMatches(result.stderr, golden: Self.expected + "/retinanet_r50_fpn_1x_coco.report.txt")
    }

    @Test func theTreeConvertsKeepingItsBases() throws {
        let folder = TemporaryFolder()
        let output = folder.path + "/out"
        let result = try CLIRunner.run(["convert", Self.example, "-o", output])
        #expect(result.status == 0, "\(result.stderr)")
        Golden.assertMatches(result.stderr.replacingOccurrences(of: output, with: "OUT"), golden: Self.expected + "/tree.summary.txt")
        let written = try FileManager.default.subpathsOfDirectory(atPath: output).filter { $0.hasSuffix(".py") }.sorted()
        #expect(written.count == 8)
        for path in written {
            Golden.assertMatches(folder.read("out/" + path) ?? "", golden: Self.expected + "/tree/" + path)
        }
    }
}
