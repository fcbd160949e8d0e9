import Foundation
import HookMigrate
import HookMigrateCore
import HookMigrateTestSupport
import Testing

/// fixtures/trees/mini, a small mmdet-like tree in YAML: four bases, a leaf over them, a leaf over that leaf, and a 2x schedule.
@Suite struct TreeMigrationTests {
    static let tree = Golden.projectRoot + "/fixtures/trees/mini"

    @Test func leavesKeepTheirBasesAndResolveToTheirFlatConversion() throws {
        let folder = TemporaryFolder()
        let result = try TreeMigration(options: TreeMigrationOptions(concurrency: 2)).run(inputRoot: Self.tree, outputRoot: folder.path + "/out")
        #expect(result.files.map(\.path) == [
            "_base_/datasets/coco.yaml", "_base_/default_runtime.yaml", "_base_/models/retina.yaml",
            "_base_/schedules/schedule_1x.yaml", "retinanet/r101.yaml", "retinanet/r50.yaml", "retinanet/r50_2x.yaml",
        ])
        for file in result.files {
            #expect(file.error == nil, "\(file.path): \(String(describing: file.error))")
        }
        // Every written file was read back and resolved equal to its target.
        #expect(result.checkedFiles == 7)
        let byPath = Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0) })
        #expect(byPath["retinanet/r101.yaml"]?.form == .inherits(["./r50.yaml"]))
        #expect(byPath["retinanet/r50.yaml"]?.form == .inherits(["../_base_/models/retina.yaml", "../_base_/datasets/coco.yaml",
                                                                 "../_base_/schedules/schedule_1x.yaml", "../_base_/default_runtime.yaml"]))
        // A base converts to its own part only: no checkpoint: null from the schedule.
        let schedule = byPath["_base_/schedules/schedule_1x.yaml"]?.text ?? ""
        #expect(schedule.contains("param_scheduler:") && !schedule.contains("default_hooks"))
        // The 2x leaf states only its new schedule and length.
        let twice = try ConfigFormat.yaml.read(SourceText(path: "x.yaml", text: byPath["retinanet/r50_2x.yaml"]?.text ?? "")).mapping
        #expect(Set(twice?.keys.compactMap(\.stringValue) ?? []) == ["_base_", "param_scheduler", "train_cfg"])
        #expect(twice?["train_cfg"]?.mapping?.keys.compactMap(\.stringValue) == ["max_epochs"])
        // The leading comment is kept.
        #expect(byPath["retinanet/r50.yaml"]?.text?.hasPrefix("# RetinaNet R-50, 1x.\n") == true)
        // Complete configs are proven; bases are not run on their own.
        #expect(byPath["retinanet/r50.yaml"]?.outcome != nil)
        #expect(byPath["_base_/models/retina.yaml"]?.outcome == nil)
    }
}
