@testable import HookMigrate
import HookMigrateCore
import Testing

/// `SharedValues`: a value equal to one the file wrote earlier, or to a top-level value of its bases, is
/// written by reference; one holding `_delete_` is never named; a base value is never named at its own key.
@Suite struct SharedValuesTests {
    static func pipeline(_ extra: ConfigMapping.Entry? = nil) -> ConfigNode {
        var load = ConfigMapping(["type": ConfigNode(.string("LoadImageFromFile")), "to_float32": ConfigNode(.bool(true))])
        if let extra { load.appendNew(extra) }
        return ConfigNode(ConfigList([ConfigNode(load), ConfigNode(ConfigMapping(["type": ConfigNode(.string("Collect"))]))]))
    }

    static func config(_ pipeline: ConfigNode) -> ConfigMapping {
        ConfigMapping([
            "train_pipeline": pipeline,
            "data": ConfigNode(ConfigMapping(["train": ConfigNode(ConfigMapping(["type": ConfigNode(.string("D")), "pipeline": pipeline]))])),
        ])
    }

    /// The rendered text with its markers resolved.
    static func text(_ content: ConfigMapping, bases: ConfigMapping? = nil, target: ConfigMapping, names: Bool = true) throws -> String {
        let (shared, values) = SharedValues.share(content, bases: bases, target: target, names: names)
        return try #require(values.resolve(try PythonWriter().write(ConfigNode(shared))))
    }

    @Test func aValueWrittenEarlierIsNamed() throws {
        let config = Self.config(Self.pipeline())
        let text = try Self.text(config, target: config)
        #expect(text.contains("pipeline=train_pipeline"))
        #expect(try PythonConfigReader().read(SourceText(path: "t.py", text: text)) == ConfigNode(config))
    }

    @Test func aValueHoldingDeleteIsNeverNamed() throws {
        let deleting = Self.pipeline(ConfigMapping.Entry(key: .string(ConfigMerge.deleteKey), value: ConfigNode(.bool(true))))
        let config = Self.config(deleting)
        let text = try Self.text(config, target: config)
        #expect(!text.contains("pipeline=train_pipeline"))
        // Named files only: a YAML or JSON file has no names to use.
        let plain = Self.config(Self.pipeline())
        #expect(!(try Self.text(plain, target: plain, names: false)).contains("pipeline=train_pipeline"))
    }

    @Test func aBaseValueIsReferencedBelowTheTopLevelOnly() throws {
        let info = ConfigNode(ConfigMapping(["name": ConfigNode(.string("coco")), "joints": ConfigNode(.int(17)),
                                             "flip": ConfigNode(ConfigList([ConfigNode(.int(1)), ConfigNode(.int(2))])),
                                             "sigmas": ConfigNode(ConfigList((0..<4).map { ConfigNode(.float(Double($0) / 10)) }))]))
        let bases = ConfigMapping(["dataset_info": info])
        let content = ConfigMapping([
            "dataset_info": info,
            "data": ConfigNode(ConfigMapping(["train": ConfigNode(ConfigMapping(["dataset_info": info]))])),
        ])
        let text = try Self.text(content, bases: bases, target: content, names: false)
        #expect(text.contains("dataset_info={{_base_.dataset_info}}"))
        #expect(!text.contains("dataset_info = {{_base_.dataset_info}}"))
    }
}
