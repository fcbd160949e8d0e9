import Foundation
import Testing
@testable import HookMigrateCore

/// `.py` configs through `ConfigLoader`: `_base_` chains mixing `.py` and `.yaml`, `_delete_`,
/// `{{ _base_.x }}` and `{{ fileBasenameNoExtension }}` templates. Expected values are what the real
/// MMCV 1.7.2 gave for the same files.
@Suite struct PythonLoaderTests {
    @Test func pythonChildOverPythonAndYAMLBases() throws {
        let dir = TempDir()
        dir.write("sub/base.py", """
        model = dict(type='RetinaNet', backbone=dict(depth=50, norm=dict(type='BN')), neck=[1, 2])
        lr = 0.02
        steps = (8, 11)

        """)
        dir.write("sub/other.yaml", "runner: {type: EpochBasedRunner, max_epochs: 12}\n")
        let child = dir.write("child.py", """
        _base_ = ['./sub/base.py', './sub/other.yaml']
        model = dict(backbone=dict(depth=101, norm=dict(_delete_=True, type='GN')), neck=[3])
        optimizer = dict(lr={{_base_.lr}}, steps={{ _base_.steps }}, pair=({{_base_.lr}}, [{{_base_.model.backbone.depth}}]))
        where = '{{ fileBasenameNoExtension }}'
        runner = dict(max_epochs=24)

        """)
        let loaded = try ConfigLoader().load(child)
        // MMCV 1.7.2: Config.fromfile('child.py')._cfg_dict.to_dict()
        #expect(PythonTestSupport.typedRepr(loaded.node) == "{'model': {'type': 'RetinaNet', 'backbone': {'depth': 101, 'norm': {'type': 'GN'}}, 'neck': [3]}, 'lr': 0.02, 'steps': (8, 11), 'runner': {'type': 'EpochBasedRunner', 'max_epochs': 24}, 'optimizer': {'lr': 0.02, 'steps': (8, 11), 'pair': (0.02, [50])}, 'where': 'child'}")
        #expect(loaded.files.count == 3)
        // Keys keep their place in the .py file that set them.
        let optimizer = try #require(loaded.root.entry("optimizer"))
        #expect(optimizer.keyLocation == HookMigrateCore.SourceLocation(file: child, line: 3, column: 1))
    }

    @Test func yamlChildOverAPythonBase() throws {
        let dir = TempDir()
        dir.write("base.py", "data = dict(samples_per_gpu=2, pipeline=[dict(type='Load')] * 2)\n")
        let child = dir.write("child.yaml", "_base_: base.py\ndata: {samples_per_gpu: 4}\n")
        let loaded = try ConfigLoader().load(child)
        #expect(PythonTestSupport.typedRepr(loaded.node) == "{'data': {'samples_per_gpu': 4, 'pipeline': [{'type': 'Load'}, {'type': 'Load'}]}}")
    }

    @Test func computingWithABaseTemplateIsRefused() throws {
        let dir = TempDir()
        dir.write("base.py", "lr = 0.02\n")
        let child = dir.write("child.py", "_base_ = './base.py'\noptimizer = dict(lr={{_base_.lr}} * 2)\n")
        let error = configError { try ConfigLoader().load(child) }
        #expect(error?.code == .pythonUnsupported)
        #expect(error?.location == HookMigrateCore.SourceLocation(file: child, line: 2, column: 21))
        #expect(error?.message.contains("`{{ _base_.lr }}`") == true)
    }

    @Test func anErrorInAPythonBaseNamesTheBaseAndTheChild() throws {
        let dir = TempDir()
        dir.write("base.py", "a = 1\nimport os\n")
        let child = dir.write("child.py", "_base_ = ['base.py']\n")
        let error = try #require(configError { try ConfigLoader().load(child) })
        #expect(error.code == .pythonUnsupported)
        #expect(error.location?.file.hasSuffix("base.py") == true)
        #expect(error.location?.line == 2)
        #expect(error.notes.first?.location == HookMigrateCore.SourceLocation(file: child, line: 1, column: 11))
    }

    @Test func aTupleBaseIsRefusedAsMMCVFailsOnIt() throws {
        let dir = TempDir()
        dir.write("base.py", "a = 1\n")
        let child = dir.write("child.py", "_base_ = ('base.py',)\n")
        #expect(configError { try ConfigLoader().load(child) }?.code == .baseInvalid)
    }

    @Test func everyErrorCodeHasARowInTheErrorsDocument() throws {
        let document = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path + "/docs/errors.md", encoding: .utf8)
        for code in ConfigError.Code.allCases {
            #expect(document.contains("| `\(code.rawValue)` |"), "docs/errors.md has no row for \(code.rawValue)")
        }
    }
}
