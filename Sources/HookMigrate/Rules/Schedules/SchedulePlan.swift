import HookMigrateCore

/// The schedulers one rule emits and the records that describe them, before they are placed in the list.
struct SchedulePlan {
    /// Where a scheduler goes relative to the warmup (schedules.md C.0.4).
    enum Placement: Int, Comparable {
        /// Schedulers that set absolute values (OneCycleLR, CosineRestartLR, cyclic segments): first.
        case beforeWarmup = 0
        /// The warmup schedulers.
        case warmup = 1
        /// Every other (chained) scheduler.
        case afterWarmup = 2

        static func < (lhs: Placement, rhs: Placement) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Which part of the legacy config a scheduler or record belongs to.
    enum Role: Equatable {
        case main
        case warmup
    }

    struct Item {
        var role: Role
        var placement: Placement
        var node: ConfigNode
    }

    struct Record {
        /// The record's stable id.
        var id: RecordID
        var kind: MigrationRecord.Kind
        var legacyPath: String
        var message: String
        var deviation: String?
        var location: SourceLocation?
        /// The schedulers the record is about (their indices become the record's new path).
        var role: Role?
    }

    var items: [Item] = []
    var records: [Record] = []

    mutating func add(_ nodes: [ConfigNode], role: Role, placement: Placement) {
        items += nodes.map { Item(role: role, placement: placement, node: $0) }
    }

    mutating func record(_ code: some RecordCode, _ kind: MigrationRecord.Kind, _ legacyPath: String, _ message: String,
                         deviation: String? = nil, at location: SourceLocation?, role: Role?) {
        record(code.id, kind, legacyPath, message, deviation: deviation, at: location, role: role)
    }

    /// Adds a record whose id was chosen earlier (a `MainSchedule`'s or `WarmupSchedule`'s).
    mutating func record(_ id: RecordID, _ kind: MigrationRecord.Kind, _ legacyPath: String, _ message: String,
                         deviation: String? = nil, at location: SourceLocation?, role: Role?) {
        records.append(Record(id: id, kind: kind, legacyPath: legacyPath, message: message, deviation: deviation, location: location, role: role))
    }

    /// Appends the schedulers (absolute ones first, then the warmup, then the rest) to `param_scheduler` and
    /// writes the records, each naming the entries it made.
    func commit(to context: inout MigrationContext, source: String) {
        let ordered = items.enumerated().sorted { ($0.element.placement, $0.offset) < ($1.element.placement, $1.offset) }.map(\.element)
        var list = context.output("param_scheduler")?.list ?? ConfigList()
        let offset = list.items.count
        list.items += ordered.map(\.node)
        if !ordered.isEmpty {
            let location = context.output("param_scheduler")?.location ?? context.legacyNode(source)?.location
            context.setOutput("param_scheduler", ConfigNode(list, at: location), from: [source])
        }
        for record in records {
            var newPath: String?
            if let role = record.role {
                let indices = ordered.indices.filter { ordered[$0].role == role }.map { $0 + offset }
                if let first = indices.first, let last = indices.last {
                    newPath = first == last ? "param_scheduler[\(first)]" : "param_scheduler[\(first):\(last + 1)]"
                }
            }
            context.record(MigrationRecord(record.kind, record.id, legacyPath: record.legacyPath, newPath: newPath, record.message,
                                           at: record.location, deviation: record.deviation))
        }
    }
}
