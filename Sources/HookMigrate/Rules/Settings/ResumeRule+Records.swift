extension ResumeRule {
    /// The records the `resume_from` rule writes, one case per kind of record (id `resume_from/<raw value>`).
    /// A case's documentation is its `summary` and `kinds`, printed in docs/records.md.
    public enum Records: String, RecordCode {
        case loadFromOverridden = "load-from-overridden"
        case resumeFrom = "resume-from"
        case nullDropped = "null-dropped"
        case autoResume = "auto-resume"
        case autoResumeDropped = "auto-resume-dropped"

        public static var rule: String { ResumeRule.id }

        public var summary: String {
            switch self {
            case .loadFromOverridden: "load_from and resume_from are both set: resume_from wins, as in MMCV-era train scripts."
            case .resumeFrom: "resume_from becomes load_from with resume=True."
            case .nullDropped: "resume_from=None is dropped."
            case .autoResume: "auto_resume becomes resume=True."
            case .autoResumeDropped: "auto_resume is dropped (false, or resume_from wins)."
            }
        }

        public var kinds: [MigrationRecord.Kind] {
            switch self {
            case .loadFromOverridden: [.warning]
            case .resumeFrom, .nullDropped, .autoResume, .autoResumeDropped: [.change]
            }
        }
    }
}
