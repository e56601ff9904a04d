import CustosCore
import CustosCredit
import CustosStore
import CustosTestSupport
import Foundation
import Synchronization
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteFindingRepositoryTests {
    private let start = Date(timeIntervalSince1970: 1_772_352_000)
    private let court: Organisation.ID = "court"
    private let office: Organisation.ID = "office"

    private func finding(
        _ id: Finding.ID, party: Party.ID = "s1", organisation: Organisation.ID = Organisation.defaultID,
        kind: Finding.Kind = .infringement, decidedBy: Organisation.ID = "court", day: Double = 0,
        appeal: Finding.Appeal? = nil
    ) -> Finding {
        Finding(
            id: id, party: party, organisation: organisation, kind: kind,
            basis: Finding.Basis(
                caseReference: "(2026) Hu 73 Min Chu \(id.rawValue)", summary: "Sold fake ACME shoes."),
            decidedBy: decidedBy, decidedAt: start.addingTimeInterval(day * 86_400), appeal: appeal)
    }

    /// A store with the default organisation, a second tenant and sellers `s1`, `s2` in both.
    private func storeWithParties() async throws -> SQLiteStore {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "b", name: "Bee Market", kind: .platform))
        for organisation in [Organisation.defaultID, "b"] {
            try await store.parties.save([
                Party(id: "s1", organisation: organisation, role: .seller, name: "Cheap Kicks", platform: "shop"),
                Party(id: "s2", organisation: organisation, role: .seller, name: "Fast Fakes", platform: "shop"),
            ])
        }
        return store
    }

    @Test func savedFindingsReadBackByIdAndByPartyOldestFirst() async throws {
        let store = try await storeWithParties()
        let findings = [
            finding("F-3", kind: .counterfeiting, day: 5),
            finding("F-1", kind: .wilfulInfringement, day: 1),
            finding("F-2", party: "s2", day: 2),
            finding("F-0", day: 5),
        ]
        try await store.findings.save(findings)
        #expect(try await store.findings.finding("F-1", in: Organisation.defaultID) == findings[1])
        #expect(try await store.findings.finding("F-1", in: "b") == nil)
        #expect(
            try await store.findings.findings(of: "s1", in: Organisation.defaultID).map(\.id) == ["F-1", "F-0", "F-3"])
        #expect(try await store.findings.findings(of: "s1", in: "b").isEmpty)
        #expect(try await store.findings.countFindings(in: Organisation.defaultID) == 4)
        #expect(try await store.findings.countFindings(in: "b") == 0)
    }

    @Test func aFindingAgainstAnUnknownPartyIsRefusedWhole() async throws {
        let store = try await storeWithParties()
        let error = try await #require(throws: StoreError.self) {
            try await store.findings.save([finding("F-1"), finding("F-2", party: "ghost")])
        }
        #expect(error.code == .constraint)
        #expect(try await store.findings.countFindings(in: nil) == 0)
    }

    @Test func onlyTheDecidingBodyMayReplaceItsFinding() async throws {
        let store = try await storeWithParties()
        try await store.findings.save([finding("F-1", kind: .infringement, decidedBy: court)])
        let error = try await #require(throws: StoreError.self) {
            try await store.findings.save([finding("F-1", kind: .counterfeiting, decidedBy: office)])
        }
        #expect(error.code == .constraint)
        #expect(error.message.contains("F-1") && error.message.contains("court") && error.message.contains("office"))
        #expect(try await store.findings.finding("F-1", in: Organisation.defaultID)?.kind == .infringement)

        try await store.findings.save([finding("F-1", kind: .wilfulInfringement, decidedBy: court)])
        #expect(try await store.findings.finding("F-1", in: Organisation.defaultID)?.kind == .wilfulInfringement)
        #expect(try await store.findings.countFindings(in: nil) == 1)
    }

    @Test func anAppealOutcomeIsRecordedAndChangesTheEffectiveKind() async throws {
        let store = try await storeWithParties()
        try await store.findings.save([finding("F-1", kind: .wilfulInfringement), finding("F-2", day: 1)])
        let varied = Finding.Appeal(
            outcome: .varied, variedKind: .infringement, decidedAt: start.addingTimeInterval(40 * 86_400),
            reference: "(2026) Hu Min Zhong 9")
        let appealed = try #require(
            try await store.findings.recordAppeal(varied, on: "F-1", in: Organisation.defaultID, by: "high-court"))
        #expect(appealed.appeal == varied)
        #expect(appealed.effectiveKind(asOf: start.addingTimeInterval(41 * 86_400)) == .infringement)
        #expect(try await store.findings.finding("F-1", in: Organisation.defaultID) == appealed)

        let overturned = Finding.Appeal(outcome: .overturned, decidedAt: start.addingTimeInterval(50 * 86_400))
        let setAside = try #require(
            try await store.findings.recordAppeal(overturned, on: "F-2", in: Organisation.defaultID, by: "high-court"))
        #expect(setAside.isOverturned(asOf: start.addingTimeInterval(51 * 86_400)))
        #expect(setAside.appeal?.variedKind == nil && setAside.appeal?.reference == nil)

        #expect(
            try await store.findings.recordAppeal(overturned, on: "F-9", in: Organisation.defaultID, by: court) == nil)
        #expect(try await store.findings.recordAppeal(overturned, on: "F-1", in: "b", by: court) == nil)
    }

    @Test func aFindingSavedWithItsAppealKeepsIt() async throws {
        let store = try await storeWithParties()
        let upheld = Finding.Appeal(outcome: .upheld, decidedAt: start.addingTimeInterval(9 * 86_400))
        let saved = finding("F-1", kind: .counterfeiting, appeal: upheld)
        try await store.findings.save([saved])
        #expect(try await store.findings.finding("F-1", in: Organisation.defaultID) == saved)
    }

    @Test func allFindingsPageAndStreamByOrganisationThenIdentifier() async throws {
        let store = try await storeWithParties()
        var all: [Finding] = []
        for index in 0..<7 {
            all.append(
                finding(Finding.ID("F-\(index)"), party: index.isMultiple(of: 2) ? "s1" : "s2", day: 6 - Double(index)))
            all.append(finding(Finding.ID("G-\(index)"), organisation: "b", day: Double(index)))
        }
        try await store.findings.save(all.shuffled())
        let expected = all.sorted { ($0.organisation, $0.id) < ($1.organisation, $1.id) }

        var paged: [Finding] = []
        var cursor: FindingCursor?
        while true {
            let page = try await store.findings.findings(after: cursor, limit: 3)
            paged += page
            guard let last = page.last else { break }
            cursor = FindingCursor(after: last)
        }
        #expect(paged == expected)
        #expect(try await store.findings.findings(after: nil, limit: 0).isEmpty)

        let streamed = Mutex<[[Finding.ID]]>([])
        try await store.findings.forEachFinding(batchSize: 5) { batch in
            streamed.withLock { $0.append(batch.map(\.id)) }
        }
        let batches = streamed.withLock { $0 }
        #expect(batches.map(\.count) == [5, 5, 4])
        #expect(batches.flatMap { $0 } == expected.map(\.id))
    }

    @Test func disclosureListIsBuiltFromStoredFindings() async throws {
        let store = try await storeWithParties()
        try await store.findings.save([
            finding("F-1", kind: .wilfulInfringement, day: 0), finding("F-2", kind: .counterfeiting, day: 10),
            finding("F-3", party: "s2", day: 3),
        ])
        let stored = Mutex<[Finding]>([])
        try await store.findings.forEachFinding(batchSize: 2) { batch in stored.withLock { $0 += batch } }
        let parties = [
            try #require(try await store.parties.party("s1", in: Organisation.defaultID)),
            try #require(try await store.parties.party("s2", in: Organisation.defaultID)),
        ]
        let list = try DisclosureList.make(
            parties: parties, findings: stored.withLock { $0 }, asOf: start.addingTimeInterval(20 * 86_400))
        #expect(list.entries.map(\.party) == ["s1"])
    }
}
