import HookMigrate
import HookMigrateTestSupport
import Testing

/// Report record ids: docs/records.md is generated from the rules' `Records` enums (HOOKMIGRATE_RECORD=1
/// regenerates it); ids are unique and documented; every record a fixture produces has a declared id and one
/// of its declared kinds.
@Suite struct RecordIDTests {
    static let documented = RecordDocumentation.all

    @Test func docsRecordsIsCurrent() {
        Golden.assertMatches(RecordDocumentation.markdown(), golden: "docs/records.md")
    }

    @Test func idsAreUnique() {
        var seen: Set<RecordID> = []
        for entry in Self.documented {
            #expect(seen.insert(entry.id).inserted, "\(entry.id) is declared twice")
        }
    }

    @Test func everyIdIsDocumented() {
        for entry in Self.documented {
            #expect(entry.id.name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" } && !entry.id.name.isEmpty,
                    "\(entry.id): a name is kebab-case")
            #expect(entry.summary.count > 20 && entry.summary.hasSuffix("."), "\(entry.id): a summary is a sentence")
            #expect(!entry.kinds.isEmpty, "\(entry.id) declares no kind")
            #expect(Set(entry.kinds).count == entry.kinds.count, "\(entry.id) repeats a kind")
        }
    }

    @Test func everyRuleOwnsItsRecords() {
        for rule in RuleRegistry.rules {
            #expect(RecordDocumentation.recordOwner(of: rule) == rule.id)
            #expect(!RecordDocumentation.entries(of: rule).isEmpty, "\(rule.id) declares no record")
        }
    }

    /// Every record of every convert fixture carries a declared id, with one of the kinds declared for it.
    @Test(arguments: ConvertGoldenTests.cases)
    func fixtureRecordsHaveDeclaredIdsAndKinds(_ name: String) throws {
        let kinds = Dictionary(uniqueKeysWithValues: Self.documented.map { ($0.id, $0.kinds) })
        let report = try ConvertFixture.convert(ConvertGoldenTests.root + "/" + name).report
        for record in report.records {
            let declared = kinds[record.id]
            #expect(declared != nil, "\(name): \(record.id) is not declared")
            #expect(declared?.contains(record.kind) == true, "\(name): \(record.id) is a \(record.kind.rawValue), declared \(declared ?? [])")
            #expect(record.rule == record.id.rule)
        }
    }

    /// A sample of fixtures and the ids of their records, in report order.
    static let sample: [(fixture: String, ids: [String])] = [
    ]

    @Test(arguments: sample.indices)
    func sampleFixturesProduceTheirIds(_ index: Int) throws {
        let (fixture, ids) = Self.sample[index]
        let report = try ConvertFixture.convert(ConvertGoldenTests.root + "/" + fixture).report
        #expect(report.records.map(\.id.description) == ids, "\(fixture)")
    }
}
