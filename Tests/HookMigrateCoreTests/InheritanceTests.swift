import Foundation
import Testing
@testable import HookMigrateCore

@Suite struct InheritanceTests {
    func load(_ path: String) throws -> ConfigNode { try ConfigLoader().load(path).node }

    @Test func nestedMappingsMergeAndChildWins() throws {
        let dir = TempDir()
        dir.write("base.yaml", "model:\n  type: A\n  backbone: {depth: 50, frozen: 1}\nlr: 0.1\n")
        let child = dir.write("child.yaml", "_base_: base.yaml\nmodel:\n  backbone: {depth: 101}\nextra: true\n")
        let node = try load(child)
        #expect(node.mapping?.keys == [.string("model"), .string("lr"), .string("extra")])
        #expect(node.node(at: "model.type")?.scalar == .string("A"))
        #expect(node.node(at: "model.backbone.depth")?.scalar == .int(101))
        #expect(node.node(at: "model.backbone.frozen")?.scalar == .int(1))
        // Values keep the place they came from.
        #expect(node.node(at: "model.backbone.depth")?.location?.file == child)
        #expect(node.node(at: "model.type")?.location?.file.hasSuffix("/base.yaml") == true)
    }

    @Test func listsAreReplacedWhole() throws {
        let dir = TempDir()
        dir.write("base.yaml", "step: [8, 11]\nhooks: [{type: A}, {type: B}]\n")
        let child = dir.write("child.yaml", "_base_: [base.yaml]\nstep: [16]\nhooks: [{type: C}]\n")
        let node = try load(child)
        #expect(node["step"]?.list?.items.compactMap(\.scalar) == [.int(16)])
        #expect(node["hooks"]?.list?.count == 1)
    }

    @Test func deleteReplacesInsteadOfMerging() throws {
        let dir = TempDir()
        dir.write("base.yaml", "optimizer_config:\n  grad_clip: {max_norm: 35}\n  type: OptimizerHook\n")
        let child = dir.write("child.yaml", "_base_: base.yaml\noptimizer_config:\n  _delete_: true\n  grad_clip: null\n")
        let node = try load(child)
        #expect(node["optimizer_config"]?.mapping?.keys == [.string("grad_clip")])
        #expect(node.node(at: "optimizer_config.grad_clip")?.isNull == true)
    }

    @Test func deleteFalseStillMerges() throws {
        let dir = TempDir()
        dir.write("base.yaml", "a: {x: 1}\n")
        let child = dir.write("child.yaml", "_base_: base.yaml\na: {_delete_: false, y: 2}\n")
        #expect(try load(child)["a"]?.mapping?.keys == [.string("x"), .string("y")])
    }

    @Test func deleteOnAKeyTheBaseLacksStaysAsMMCVLeavesIt() throws {
        // MMCV pops `_delete_` only when the base has the key (`k in b and not v.pop(...)`).
        let dir = TempDir()
        dir.write("base.yaml", "a: 1\n")
        let child = dir.write("child.yaml", "_base_: base.yaml\nb: {_delete_: true, y: 2}\n")
        #expect(try load(child)["b"]?.mapping?.keys == [.string("_delete_"), .string("y")])
    }

    @Test func mappingOverANonMappingIsAnError() throws {
        let dir = TempDir()
        dir.write("base.yaml", "model: [1, 2]\n")
        let child = dir.write("child.yaml", "_base_: base.yaml\nmodel:\n  depth: 1\n")
        let error = configError { try load(child) }
        #expect(error?.code == .baseMergeConflict)
        #expect(error?.location == SourceLocation(file: child, line: 2, column: 1))
        #expect(error?.message.contains("_delete_: true") == true)
    }

    @Test func multipleBasesApplyInOrderAndMayNotShareKeys() throws {
        let dir = TempDir()
        dir.write("a.yaml", "x: 1\nshared: a\n")
        dir.write("b.json", #"{"y": 2, "z": {"k": 1}}"#)
        let child = dir.write("child.yaml", "_base_: [a.yaml, b.json]\nz: {k: 3}\n")
        let node = try load(child)
        #expect(node.mapping?.keys == [.string("x"), .string("shared"), .string("y"), .string("z")])
        #expect(node.node(at: "z.k")?.scalar == .int(3))

        dir.write("c.yaml", "shared: c\n")
        let clash = dir.write("clash.yaml", "_base_:\n- a.yaml\n- c.yaml\n")
        let error = configError { try load(clash) }
        #expect(error?.code == .baseDuplicateKey)
        #expect(error?.location == SourceLocation(file: clash, line: 3, column: 3))
        #expect(error?.message.contains("'shared'") == true)
    }

    @Test func basesAreRelativeToTheFileThatNamesThem() throws {
        let dir = TempDir()
        dir.write("configs/_base_/models/m.yaml", "model: {type: M}\n")
        dir.write("configs/_base_/all.yaml", "_base_: models/m.yaml\nlr: 0.1\n")
        let child = dir.write("configs/det/x.json", #"{"_base_": ["../_base_/all.yaml"], "lr": 0.2}"#)
        let loaded = try ConfigLoader().load(child)
        #expect(loaded.node.node(at: "model.type")?.scalar == .string("M"))
        #expect(loaded.node["lr"]?.scalar == .float(0.2))
        #expect(loaded.files.count == 3)
        #expect(loaded.files[0] == child)
        // Joined base paths are spelled without `dir/..` steps.
        #expect(loaded.files[2].hasSuffix("configs/_base_/models/m.yaml") && !loaded.files[2].contains(".."))
        #expect(loaded.bases.count == 1 && loaded.bases[0].hasSuffix("configs/_base_/all.yaml"))
    }

    @Test func aCycleNamesTheChain() throws {
        let dir = TempDir()
        dir.write("a.yaml", "_base_: b.yaml\nx: 1\n")
        dir.write("b.yaml", "_base_: [a.yaml]\ny: 1\n")
        let error = configError { try load(dir.path + "/a.yaml") }
        #expect(error?.code == .baseCycle)
        #expect(error?.message.contains("a.yaml -> ") == true)
        #expect(error?.message.hasSuffix("b.yaml -> \(dir.path)/a.yaml") == true)
        #expect(error?.location?.line == 1)

        let selfLoop = dir.write("s.yaml", "_base_: ./s.yaml\n")
        #expect(configError { try load(selfLoop) }?.code == .baseCycle)
    }

    @Test func aMissingBaseIsLocatedAtItsName() throws {
        let dir = TempDir()
        let child = dir.write("child.yaml", "a: 1\n_base_:\n  - nope.yaml\n")
        let error = configError { try load(child) }
        #expect(error?.code == .baseMissing)
        #expect(error?.location == SourceLocation(file: child, line: 3, column: 5))
    }

    @Test func errorsInABaseSayWhereItWasIncluded() throws {
        let dir = TempDir()
        dir.write("bad.yaml", "a: [1\n")
        let child = dir.write("child.yaml", "_base_: bad.yaml\n")
        let error = configError { try load(child) }
        #expect(error?.code == .yamlSyntax)
        #expect(error?.location?.file == dir.path + "/bad.yaml")
        #expect(error?.notes.last == Diagnostic.Note("included as a base from here", at: SourceLocation(file: child, line: 1, column: 9)))
    }

    @Test func baseMustBeAMapping() throws {
        let dir = TempDir()
        dir.write("list.yaml", "- 1\n- 2\n")
        let child = dir.write("child.yaml", "_base_: list.yaml\n")
        let error = configError { try load(child) }
        #expect(error?.code == .notAMapping)
        #expect(error?.notes.count == 1)
        let badBase = dir.write("bad.yaml", "_base_: 3\n")
        #expect(configError { try load(badBase) }?.code == .baseInvalid)
        let tuple = dir.write("tuple.yaml", "_base_: !!python/tuple [list.yaml]\n")
        #expect(configError { try load(tuple) }?.message.contains("not a tuple") == true)
    }

    @Test func baseVariablesTakeValuesFromTheBases() throws {
        let dir = TempDir()
        dir.write("base.yaml", "optimizer: {lr: 0.02}\nscales: !!python/tuple [1, 2]\n")
        let child = dir.write("child.yaml", "_base_: base.yaml\nlr: {{ _base_.optimizer.lr }}\ncopy: [{{_base_.scales}}]\n")
        let node = try load(child)
        #expect(node["lr"]?.scalar == .float(0.02))
        #expect(node["copy"]?[0]?.list?.style == .tuple)

        let missing = dir.write("missing.yaml", "_base_: base.yaml\nlr: {{ _base_.optimizer.nope }}\n")
        let error = configError { try load(missing) }
        #expect(error?.code == .baseVariable)
        #expect(error?.location == SourceLocation(file: missing, line: 2, column: 5))
        let stray = dir.write("stray.yaml", "lr: {{ _base_.x }}\n")
        #expect(configError { try load(stray) }?.code == .baseVariable)
    }

    @Test func predefinedVariablesAreSubstituted() throws {
        let dir = TempDir()
        let child = dir.write("my_cfg.yaml", "name: '{{ fileBasenameNoExtension }}'\next: '{{fileExtname}}'\nother: '{{ unknown }}'\n")
        let node = try load(child)
        #expect(node["name"]?.scalar == .string("my_cfg"))
        #expect(node["ext"]?.scalar == .string(".yaml"))
        #expect(node["other"]?.scalar == .string("{{ unknown }}"))
    }

    @Test func deprecationIsAWarningAndReservedKeysAreErrors() throws {
        let dir = TempDir()
        let old = dir.write("old.yaml", "_deprecation_: {expected: new.yaml}\na: 1\n")
        let loaded = try ConfigLoader().load(old)
        #expect(loaded.root.keys == [.string("a")])
        #expect(loaded.warnings.map(\.id) == ["config-deprecated"])
        let reserved = dir.write("r.yaml", "text: 1\n")
        #expect(configError { try load(reserved) }?.code == .reservedKey)
    }

    @Test func unsupportedFormatsSayWhatToDo() throws {
        let dir = TempDir()
        let text = dir.write("x.txt", "a = 1\n")
        let error = configError { try load(text) }
        #expect(error?.code == .unsupportedFormat)
        #expect(error?.message.contains(".py, .yaml, .yml or .json") == true)
        #expect(configError { try load(dir.path + "/nothing.yaml") }?.code == .fileUnreadable)
    }

    @Test func mergeFunctionMatchesMMCVDocExamples() throws {
        // Config._merge_a_into_b docstring examples, MMCV v1.7.2.
        let a = try yaml("obj: {a: 2}").mapping ?? ConfigMapping()
        let b = try yaml("obj: {a: 1}").mapping ?? ConfigMapping()
        #expect(try ConfigNode(ConfigMerge.merge(a, into: b)) == (try yaml("obj: {a: 2}")))
        let deleting = try yaml("obj: {_delete_: true, a: 2}").mapping ?? ConfigMapping()
        let base = try yaml("obj: {a: 1, b: 3}").mapping ?? ConfigMapping()
        #expect(try ConfigNode(ConfigMerge.merge(deleting, into: base)) == (try yaml("obj: {a: 2}")))
    }
}
