import CustosCases
import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Synchronization
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteCaseRepositoryTests {
    private typealias F = CaseFixture

    @Test func anOpenedCaseReadsBackWithItsComplaintAndOpeningEvent() async throws {
        let store = try await F.store()
        let opened = try await CaseDriver(store: store).open("C-1")

        let stored = try #require(try await store.cases.case("C-1", visibleTo: F.brand))
        #expect(stored == opened)
        #expect(stored.complaint == F.complaint())
        let events = try #require(try await store.cases.events(of: "C-1", visibleTo: F.brand))
        #expect(events == [RecordedCaseEvent(event: opened.history[0], ledgerEntry: nil)])
        #expect(events.first?.event.action == .open(channel: .standard, handler: F.platform, region: nil))
    }

    @Test func everyStepOfACaseReadsBackAndReplaysToTheStoredSnapshot() async throws {
        let store = try await F.store()
        let steps = try await CaseDriver(store: store).runToClosure("C-1")
        let final = try #require(steps.last)
        #expect(final.state == .closed)
        #expect(final.handlingOrganisations == [F.platform, F.authority])
        #expect(final.findings.map(\.evidence) == [["E5"]])

        let stored = try #require(try await store.cases.case("C-1", visibleTo: F.authority))
        #expect(stored == final)
        let events = try #require(try await store.cases.events(of: "C-1", visibleTo: F.authority)).map(\.event)
        #expect(events == final.history)
        #expect(events.map(\.sequence) == Array(1...steps.count))
        let replayed = try CaseWorkflow().replay(events, complaint: stored.complaint)
        #expect(replayed == stored)
    }

    @Test func eachStoredEventIsItsCanonicalJSON() async throws {
        let store = try await F.store()
        let final = try #require(try await CaseDriver(store: store).runToClosure("C-1").last)
        let events = try #require(try await store.cases.events(of: "C-1", visibleTo: F.brand))
        #expect(events.map(\.event.canonicalJSON) == final.history.map(\.canonicalJSON))
    }

    @Test func aClaimedValueAndNotesSurviveTheSnapshotExactly() async throws {
        let store = try await F.store()
        let complaint = F.complaint(claimed: Decimal(string: "123456789012345678.25"))
        let opened = try CaseWorkflow().open(
            "C-7", complaint: complaint, channel: .fastTrack, handler: F.platform, region: "CN-44", by: F.owner,
            at: F.start.addingTimeInterval(0.125), note: "Fälschung \"1:1\"\nsee E1", evidence: ["E1"])
        try await store.cases.open(opened)
        #expect(try await store.cases.case("C-7", visibleTo: F.platform) == opened)
    }

    @Test func appendingOnAStaleSequenceIsAConflictAndWritesNothing() async throws {
        let store = try await F.store()
        let workflow = CaseWorkflow()
        let opened = try await CaseDriver(store: store).open("C-1")
        // Two reviewers read the case at event 1 and act on it.
        let verified = try workflow.apply(.verify, to: opened, by: F.reviewer, at: F.start + F.hours(1))
        let rejected = try workflow.apply(
            .reject(reason: "No such listing."), to: opened, by: F.reviewer, at: F.start + F.hours(1))
        try await store.cases.append([verified.history[1]], to: "C-1", expecting: 1, updated: verified)

        let error = try await #require(throws: StoreError.self) {
            try await store.cases.append([rejected.history[1]], to: "C-1", expecting: 1, updated: rejected)
        }
        #expect(error.code == .conflict)
        #expect(error.message.contains("C-1") && error.message.contains("2"))
        #expect(try await store.cases.case("C-1", visibleTo: F.brand) == verified)
        #expect(try await store.cases.events(of: "C-1", visibleTo: F.brand)?.map(\.event) == verified.history)
        #expect(try await store.cases.countCases(visibleTo: F.platform, matching: CaseQuery(states: [.rejected])) == 0)
    }

    @Test func openingAnIdThatExistsIsAConstraintNamingIt() async throws {
        let store = try await F.store()
        let first = try await CaseDriver(store: store).open("C-1")
        let error = try await #require(throws: StoreError.self) {
            try await CaseDriver(store: store).open("C-1", at: F.start + F.hours(5), channel: .fastTrack)
        }
        #expect(error.code == .constraint)
        #expect(error.message.contains("C-1"))
        #expect(try await store.cases.case("C-1", visibleTo: F.brand) == first)
    }

    @Test func anInterruptedOpenLeavesNoPartOfTheCase() async throws {
        let store = try await F.store()
        // The access rows are written last; failing there proves the snapshot, complaint and events roll back.
        try await store.execute(
            """
            CREATE TRIGGER fail_access BEFORE INSERT ON case_access
            WHEN NEW.organisation_id = 'shopmall' BEGIN SELECT RAISE(ABORT, 'interrupted'); END
            """)
        await #expect(throws: StoreError.self) { try await CaseDriver(store: store).open("C-1") }
        #expect(try await store.cases.case("C-1", visibleTo: F.brand) == nil)
        #expect(try await store.cases.events(of: "C-1", visibleTo: F.brand) == nil)
        #expect(try await store.cases.countCases(visibleTo: F.brand, matching: CaseQuery()) == 0)
        #expect(try await store.cases.eventsAwaitingLedgerEntry(limit: 10).isEmpty)
        #expect(try await allCases(in: store).isEmpty)

        try await store.execute("DROP TRIGGER fail_access")
        let opened = try await CaseDriver(store: store).open("C-1")
        #expect(try await store.cases.case("C-1", visibleTo: F.platform) == opened)
    }

    @Test func anInterruptedAppendLeavesTheCaseAsItWas() async throws {
        let store = try await F.store()
        let driver = CaseDriver(store: store)
        let opened = try await driver.open("C-1")
        // The snapshot is updated after the events are inserted; failing there proves the events roll back.
        try await store.execute(
            "CREATE TRIGGER fail_snapshot BEFORE UPDATE ON cases BEGIN SELECT RAISE(ABORT, 'interrupted'); END")
        await #expect(throws: StoreError.self) {
            try await driver.apply(.verify, to: "C-1", by: F.reviewer, at: F.start + F.hours(1))
        }
        #expect(try await store.cases.case("C-1", visibleTo: F.brand) == opened)
        #expect(try await store.cases.events(of: "C-1", visibleTo: F.brand)?.count == 1)
        #expect(try await store.cases.countCases(visibleTo: F.platform, matching: CaseQuery(states: [.received])) == 1)

        try await store.execute("DROP TRIGGER fail_snapshot")
        let verified = try await driver.apply(.verify, to: "C-1", by: F.reviewer, at: F.start + F.hours(1))
        #expect(try await store.cases.case("C-1", visibleTo: F.brand) == verified)
    }

    @Test func aTransferToAnUnknownOrganisationIsRefusedWhole() async throws {
        let store = try await F.store()
        let driver = CaseDriver(store: store)
        try await driver.open("C-1")
        let verified = try await driver.apply(.verify, to: "C-1", by: F.reviewer, at: F.start + F.hours(1))
        let error = try await #require(throws: StoreError.self) {
            try await driver.apply(
                .transfer(to: "nobody", region: nil), to: "C-1", by: F.reviewer, at: F.start + F.hours(2))
        }
        #expect(error.code == .constraint)
        #expect(error.message.contains("C-1"))
        #expect(try await store.cases.case("C-1", visibleTo: F.platform) == verified)
        #expect(try await store.cases.events(of: "C-1", visibleTo: F.platform)?.count == 2)
    }

    @Test func aCaseOpenedForAnUnknownHandlerIsRefused() async throws {
        let store = try await F.store()
        await #expect(throws: StoreError.self) { try await CaseDriver(store: store).open("C-1", handler: "nobody") }
        #expect(try await store.cases.case("C-1", visibleTo: F.brand) == nil)
    }

    @Test func eventsDatedToAFractionOfAMillisecondAreRefused() async throws {
        let store = try await F.store()
        let workflow = CaseWorkflow()
        let early = F.start.addingTimeInterval(0.000_4)
        let unrounded = try workflow.open(
            "C-1", complaint: F.complaint(), channel: .standard, handler: F.platform, by: F.owner, at: early)
        let error = try await #require(throws: StoreError.self) { try await store.cases.open(unrounded) }
        #expect(error.code == .constraint)
        #expect(error.message.contains("millisecond"))

        let rounded = try workflow.open(
            "C-1", complaint: F.complaint(), channel: .standard, handler: F.platform, by: F.owner,
            at: early.roundedToMillisecond)
        try await store.cases.open(rounded)
        #expect(try await store.cases.case("C-1", visibleTo: F.brand) == rounded)
    }

    @Test func appendRefusesEventsThatDoNotContinueTheStoredHistory() async throws {
        let store = try await F.store()
        let workflow = CaseWorkflow()
        let opened = try await CaseDriver(store: store).open("C-1")
        let verified = try workflow.apply(.verify, to: opened, by: F.reviewer, at: F.start + F.hours(1))
        let notified = try workflow.apply(.notifyRespondent, to: verified, by: F.reviewer, at: F.start + F.hours(2))

        // The updated case does not end with the events appended.
        await #expect(throws: StoreError.self) {
            try await store.cases.append([verified.history[1]], to: "C-1", expecting: 1, updated: notified)
        }
        // An event numbered as if event 2 were stored.
        await #expect(throws: StoreError.self) {
            try await store.cases.append([notified.history[2]], to: "C-1", expecting: 1, updated: notified)
        }
        // No events at all.
        await #expect(throws: StoreError.self) {
            try await store.cases.append([], to: "C-1", expecting: 1, updated: opened)
        }
        // A case that is not stored.
        let other = try workflow.open(
            "C-2", complaint: F.complaint(), channel: .standard, handler: F.platform, by: F.owner, at: F.start)
        let otherVerified = try workflow.apply(.verify, to: other, by: F.reviewer, at: F.start + F.hours(1))
        let missing = try await #require(throws: StoreError.self) {
            try await store.cases.append([otherVerified.history[1]], to: "C-2", expecting: 1, updated: otherVerified)
        }
        #expect(missing.code == .constraint && missing.message.contains("C-2"))
        // A history that branched from another opening of the same id.
        let impostor = try workflow.open(
            "C-1", complaint: F.complaint(), channel: .fastTrack, handler: F.platform, by: F.owner, at: F.start)
        let impostorVerified = try workflow.apply(.verify, to: impostor, by: F.reviewer, at: F.start + F.hours(1))
        let branched = try await #require(throws: StoreError.self) {
            try await store.cases.append(
                [impostorVerified.history[1]], to: "C-1", expecting: 1, updated: impostorVerified)
        }
        #expect(branched.code == .constraint)

        #expect(try await store.cases.case("C-1", visibleTo: F.brand) == opened)
        try await store.cases.append([verified.history[1]], to: "C-1", expecting: 1, updated: verified)
        try await store.cases.append([notified.history[2]], to: "C-1", expecting: 2, updated: notified)
        #expect(try await store.cases.case("C-1", visibleTo: F.brand) == notified)
    }

    @Test func severalEventsAppendTogether() async throws {
        let store = try await F.store()
        let workflow = CaseWorkflow()
        let opened = try await CaseDriver(store: store).open("C-1")
        var updated = try workflow.apply(.verify, to: opened, by: F.reviewer, at: F.start + F.hours(1))
        updated = try workflow.apply(.notifyRespondent, to: updated, by: F.reviewer, at: F.start + F.hours(1))
        try await store.cases.append(Array(updated.history[1...]), to: "C-1", expecting: 1, updated: updated)
        #expect(try await store.cases.events(of: "C-1", visibleTo: F.platform)?.map(\.event) == updated.history)
        #expect(try await store.cases.case("C-1", visibleTo: F.platform)?.state == .respondentNotified)
    }

    @Test func ledgerEntriesAreSetOnceAndPendingEventsAreListedOldestFirst() async throws {
        let store = try await F.store()
        let driver = CaseDriver(store: store)
        try await driver.open("C-2", at: F.start + F.hours(1))
        try await driver.open("C-1", at: F.start + F.hours(3))
        try await driver.apply(.verify, to: "C-2", by: F.reviewer, at: F.start + F.hours(4))

        let pending = try await store.cases.eventsAwaitingLedgerEntry(limit: 10)
        #expect(pending.map { "\($0.event.caseID)#\($0.event.sequence)" } == ["C-2#1", "C-1#1", "C-2#2"])
        #expect(try await store.cases.eventsAwaitingLedgerEntry(limit: 1).count == 1)

        #expect(try await store.cases.setLedgerEntry("E10", for: "C-2", sequence: 1))
        #expect(try await store.cases.setLedgerEntry("E10", for: "C-2", sequence: 1))
        let clash = try await #require(throws: StoreError.self) {
            try await store.cases.setLedgerEntry("E11", for: "C-2", sequence: 1)
        }
        #expect(clash.code == .conflict && clash.message.contains("E10"))
        #expect(try await store.cases.setLedgerEntry("E12", for: "C-2", sequence: 9) == false)
        #expect(try await store.cases.setLedgerEntry("E12", for: "C-9", sequence: 1) == false)
        await #expect(throws: StoreError.self) { try await store.cases.setLedgerEntry(" ", for: "C-1", sequence: 1) }

        let events = try #require(try await store.cases.events(of: "C-2", visibleTo: F.brand))
        #expect(events.map(\.ledgerEntry) == ["E10", nil])
        let remaining = try await store.cases.eventsAwaitingLedgerEntry(limit: 10)
        #expect(remaining.map { "\($0.event.caseID)#\($0.event.sequence)" } == ["C-1#1", "C-2#2"])
        #expect(remaining.allSatisfy { $0.ledgerEntry == nil })
    }

    @Test func forEachCaseStreamsEveryCaseOnceInBatchesByIdentifier() async throws {
        let store = try await F.store()
        let driver = CaseDriver(store: store)
        for index in 1...11 {
            try await driver.open(Case.ID(String(format: "C-%02d", index)), at: F.start + F.hours(Double(index)))
        }
        for index in [2, 5, 8] {
            let id = Case.ID(String(format: "C-%02d", index))
            try await driver.apply(.verify, to: id, by: F.reviewer, at: F.start + F.days(1))
        }
        let batches = Batches()
        try await store.cases.forEachCase(states: nil, batchSize: 4) { batches.append($0.map(\.id.rawValue)) }
        #expect(batches.all.map(\.count) == [4, 4, 3])
        #expect(batches.all.flatMap { $0 } == (1...11).map { String(format: "C-%02d", $0) })

        let verified = Batches()
        try await store.cases.forEachCase(states: [.verified], batchSize: 2) { verified.append($0.map(\.id.rawValue)) }
        #expect(verified.all == [["C-02", "C-05"], ["C-08"]])
        let none = Batches()
        try await store.cases.forEachCase(states: [], batchSize: 2) { none.append($0.map(\.id.rawValue)) }
        #expect(none.all.isEmpty)
    }

    @Test func theListQueryReadsTheAccessIndexWithoutSorting() async throws {
        let store = try await F.store()
        for query in [CaseQuery(), CaseQuery(states: [.received]), CaseQuery(relation: .currentHandler)] {
            let (sql, arguments) = try #require(
                SQLiteCaseRepository.pageQuery(
                    visibleTo: F.platform, matching: query, after: CaseCursor(receivedAt: F.start, id: "C-5"),
                    limit: 10))
            let plan = try await store.queryPlan(sql, arguments: arguments)
            #expect(plan.contains { $0.contains("case_access_by") }, "\(plan)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    /// Every stored case, through `forEachCase`.
    private func allCases(in store: SQLiteStore) async throws -> [Case] {
        let batches = Batches()
        try await store.cases.forEachCase(states: nil, batchSize: 100) { batches.append($0.map(\.id.rawValue)) }
        return try await batches.all.flatMap { $0 }.asyncMap { id in
            try #require(try await store.cases.case(Case.ID(id), visibleTo: F.brand))
        }
    }
}

/// Collects what a `@Sendable` batch callback is given.
final class Batches: Sendable {
    private let storage = Mutex<[[String]]>([])

    func append(_ batch: [String]) { storage.withLock { $0.append(batch) } }

    var all: [[String]] { storage.withLock { $0 } }
}

extension Array {
    /// The elements transformed one after another by an asynchronous function.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
