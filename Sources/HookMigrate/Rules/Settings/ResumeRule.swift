import HookMigrateCore

/// `resume_from`, `auto_resume` → `load_from` + `resume`.
public enum ResumeRule: MigrationRule {
    public static let id = "resume_from"
    public static let legacyKeys = ["resume_from", "auto_resume"]
    public static let newKeys = ["load_from", "resume"]
    public static let summary = "Resuming becomes load_from plus resume=True."
    public static let mappingRows = [
        MappingRow("resume_from: P", "load_from: P, resume: true", "exact"),
        MappingRow("resume_from: null", "dropped (load_from kept as it is)", "exact"),
        MappingRow("auto_resume: true", "resume: true (load_from: null finds work_dir/last_checkpoint)", "exact"),
    ]

    public static func apply(to context: inout MigrationContext) throws {
        let resumeFrom = try context.legacyNode("resume_from").flatMap { $0.isNull ? nil : try $0.string("resume_from") }
        let autoResume = try context.legacyNode("auto_resume").flatMap { $0.isNull ? nil : try $0.bool("auto_resume") } ?? false
        if let resumeFrom {
            if let loadFrom = context.legacyNode("load_from"), !loadFrom.isNull {
                context.warn(Records.loadFromOverridden, "load_from", "both load_from and resume_from are set; MMCV-era train scripts resumed and ignored load_from, so load_from becomes the resume path", at: loadFrom.location)
            }
            context.setOutput("load_from", ConfigNode(.string(resumeFrom), at: context.legacyNode("resume_from")?.location), from: ["resume_from"])
            context.setOutput("resume", ConfigNode(.bool(true)), from: ["resume_from"])
            context.change(Records.resumeFrom, "resume_from", to: "load_from, resume", "resume_from=\(resumeFrom) becomes load_from with resume=True", at: context.legacyKeyLocation("resume_from"))
        } else if context.legacy.contains("resume_from") {
            context.change(Records.nullDropped, "resume_from", to: nil, "dropped (null)", at: context.legacyKeyLocation("resume_from"))
        }
        if autoResume, resumeFrom == nil {
            context.setOutput("resume", ConfigNode(.bool(true)), from: ["auto_resume"])
            context.change(Records.autoResume, "auto_resume", to: "resume", "auto_resume becomes resume=True; with load_from=None MMEngine resumes from work_dir/last_checkpoint", at: context.legacyKeyLocation("auto_resume"))
        } else if context.legacy.contains("auto_resume") {
            context.change(Records.autoResumeDropped, "auto_resume", to: nil, autoResume ? "dropped: resume_from is set and wins" : "dropped (false)", at: context.legacyKeyLocation("auto_resume"))
        }
        for key in legacyKeys where context.legacy.contains(key) { context.consume(key) }
    }
}
