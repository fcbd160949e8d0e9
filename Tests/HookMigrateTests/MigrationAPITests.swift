import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// The library's entry points do what the CLI does: convert and prove a `.py` config with one call, and
/// verify a pair of configs.
@Suite struct MigrationAPITests {
    static let example = Golden.projectRoot + "/fixtures/examples/mmdet/retinanet/retinanet_r50_fpn_1x_coco.py"

    @Test func convertReadsConvertsAndProves() throws {
        let result = try Migration.convert(file: Self.example)
        #expect(result.proof?.status == .proven)
        #expect(result.proof?.provenLengths.isEmpty == false)
        let text = try result.text(.py)
        #expect(text.contains("default_scope = 'mmdet'"))
        #expect(text.contains("param_scheduler"))
        #expect(result.reportText().contains("validation:"))
        #expect(try Migration.convert(file: Self.example, prove: false).proof == nil)
    }

    @Test func verifyJudgesAConversionAndABrokenOne() throws {
        let folder = TemporaryFolder()
        let converted = try Migration.convert(file: Self.example, prove: false)
        let good = folder.write("good.py", try converted.text(.py))
        #expect(try Migration.verify(legacy: Self.example, new: good).status == .proven)
        // MMCV's 500-iteration warmup is LinearLR(end=501); many hand migrations wrote end=500.
        let text = try converted.text(.py)
        #expect(text.contains("end=501"))
        let bad = folder.write("bad.py", text.replacingOccurrences(of: "end=501", with: "end=500"))
        #expect(try Migration.verify(legacy: Self.example, new: bad).status == .notEquivalent)
    }

    @Test func verifyRefusesAPairInTheWrongOrder() throws {
        let folder = TemporaryFolder()
        let converted = folder.write("new.py", try Migration.convert(file: Self.example, prove: false).text(.py))
        #expect(throws: ConfigError.self) { try Migration.verify(legacy: converted, new: Self.example) }
    }
}
