import CustosCases
import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteCaseVisibilityTests {
    private typealias F = CaseFixture

    @Test func theComplainantAndEveryHandlerSeeACaseAndNobodyElse() async throws {
        let store = try await F.store()
        let driver = CaseDriver(store: store)
        try await driver.open("C-1")
        try await driver.apply(.verify, to: "C-1", by: F.reviewer, at: F.start + F.hours(1))

        #expect(try await store.cases.case("C-1", visibleTo: F.brand) != nil)
        #expect(try await store.cases.case("C-1", visibleTo: F.platform) != nil)
        #expect(try await store.cases.case("C-1", visibleTo: F.authority) == nil)
        #expect(try await store.cases.events(of: "C-1", visibleTo: F.authority) == nil)

        // A transfer makes the authority a handler; the platform keeps seeing the case it handed on.
        let transferred = try await driver.apply(
            .transfer(to: F.authority, region: nil), to: "C-1", by: F.reviewer, at: F.start + F.hours(2))
        for organisation in [F.brand, F.platform, F.authority] {
            #expect(try await store.cases.case("C-1", visibleTo: organisation) == transferred, "\(organisation)")
            #expect(try await store.cases.events(of: "C-1", visibleTo: organisation)?.count == 3, "\(organisation)")
        }
        #expect(try await store.cases.case("C-1", visibleTo: F.stranger) == nil)
        #expect(try await store.cases.events(of: "C-1", visibleTo: F.stranger) == nil)
        #expect(try await store.cases.case("C-1", visibleTo: "nobody") == nil)
    }

    @Test func anUnrelatedOrganisationFindsNothingInListsOrCounts() async throws {
        let store = try await F.store()
        try await CaseDriver(store: store).runToClosure("C-1")
        try await CaseDriver(store: store).open("C-2", at: F.start + F.days(30))

        let page = try await store.cases.cases(visibleTo: F.stranger, matching: CaseQuery(), after: nil, limit: 50)
        #expect(page == CasePage(cases: [], next: nil))
        #expect(try await store.cases.countCases(visibleTo: F.stranger, matching: CaseQuery()) == 0)
        let counts = try await store.cases.caseCountsByState(visibleTo: F.stranger, matching: CaseQuery())
        #expect(counts.values.allSatisfy { $0 == 0 })
        #expect(Set(counts.keys) == Set(CaseState.allCases))

        #expect(try await ids(store, F.brand) == ["C-2", "C-1"])
        #expect(try await ids(store, F.platform) == ["C-2", "C-1"])
        #expect(try await ids(store, F.authority) == ["C-1"])
    }

    @Test func relationsSelectTheComplainantTheHandlersAndTheCurrentHandler() async throws {
        let store = try await F.store()
        let driver = CaseDriver(store: store)
        try await driver.open("C-1")
        try await driver.apply(
            .transfer(to: F.authority, region: "CN-31"), to: "C-1", by: F.reviewer, at: F.start + F.hours(1))
        try await driver.open("C-2", at: F.start + F.hours(2))

        #expect(try await ids(store, F.brand, CaseQuery(relation: .complainant)) == ["C-2", "C-1"])
        #expect(try await ids(store, F.brand, CaseQuery(relation: .handler)).isEmpty)
        #expect(try await ids(store, F.platform, CaseQuery(relation: .handler)) == ["C-2", "C-1"])
        #expect(try await ids(store, F.platform, CaseQuery(relation: .currentHandler)) == ["C-2"])
        #expect(try await ids(store, F.platform, CaseQuery(relation: .complainant)).isEmpty)
        #expect(try await ids(store, F.authority, CaseQuery(relation: .currentHandler)) == ["C-1"])
        #expect(
            try await store.cases.countCases(visibleTo: F.platform, matching: CaseQuery(relation: .currentHandler))
                == 1)
    }

    @Test func statesAndChannelsFilterListsAndCounts() async throws {
        let store = try await F.store()
        let driver = CaseDriver(store: store)
        try await driver.open("C-1", channel: .fastTrack)
        try await driver.open("C-2", at: F.start + F.hours(1))
        try await driver.open("C-3", at: F.start + F.hours(2), channel: .fastTrack)
        try await driver.apply(.verify, to: "C-1", by: F.reviewer, at: F.start + F.hours(3))
        try await driver.apply(
            .changeChannel(to: .fastTrack, reason: "Evaluation report supplied."), to: "C-2", by: F.reviewer,
            at: F.start + F.hours(3))
        try await driver.apply(
            .withdraw(reason: "Settled with the seller."), to: "C-3", by: F.owner, at: F.start + F.hours(4))

        #expect(try await ids(store, F.platform, CaseQuery(states: [.verified])) == ["C-1"])
        #expect(try await ids(store, F.platform, CaseQuery(states: [.received, .withdrawn])) == ["C-3", "C-2"])
        #expect(try await ids(store, F.platform, CaseQuery(states: [])).isEmpty)
        #expect(try await ids(store, F.platform, CaseQuery(channel: .fastTrack)) == ["C-3", "C-2", "C-1"])
        #expect(try await ids(store, F.platform, CaseQuery(channel: .standard)).isEmpty)
        #expect(
            try await ids(store, F.brand, CaseQuery(states: CaseState.nonTerminal, channel: .fastTrack))
                == ["C-2", "C-1"])

        let counts = try await store.cases.caseCountsByState(visibleTo: F.brand, matching: CaseQuery())
        #expect(counts[.verified] == 1 && counts[.received] == 1 && counts[.withdrawn] == 1)
        #expect(counts.values.reduce(0, +) == 3)
        #expect(counts.count == CaseState.allCases.count)
        let open = try await store.cases.caseCountsByState(
            visibleTo: F.brand, matching: CaseQuery(states: [.received, .closed]))
        #expect(open == [.received: 1, .closed: 0])
        #expect(try await store.cases.countCases(visibleTo: F.brand, matching: CaseQuery(states: [])) == 0)
        #expect(
            try await store.cases.countCases(visibleTo: F.brand, matching: CaseQuery(states: CaseState.nonTerminal))
                == 2)
    }

    @Test func pagesAreCompleteNewestFirstAndStableWhileCasesArrive() async throws {
        let store = try await F.store()
        let driver = CaseDriver(store: store)
        // Pairs of cases share a receipt time, so the identifier must break ties.
        for index in 0..<23 {
            try await driver.open(Case.ID(String(format: "C-%02d", index)), at: F.start + F.hours(Double(index / 2)))
        }
        let expected = (0..<23).map { String(format: "C-%02d", $0) }.reversed().map { $0 }

        var seen: [String] = []
        var cursor: CaseCursor?
        var pages = 0
        repeat {
            let page = try await store.cases.cases(
                visibleTo: F.platform, matching: CaseQuery(), after: cursor, limit: 5)
            seen += page.cases.map(\.id.rawValue)
            cursor = page.next
            pages += 1
            if pages == 2 {
                // A case arriving between pages is newer than the cursor, so it does not shift later pages.
                try await driver.open("C-99", at: F.start + F.days(3))
            }
        } while cursor != nil && pages < 10
        #expect(pages == 5)
        #expect(seen == expected)

        // The last page of an exact multiple says there is no next page.
        let all = try await store.cases.cases(visibleTo: F.brand, matching: CaseQuery(), after: nil, limit: 24)
        #expect(all.cases.count == 24 && all.next == nil)
        let short = try await store.cases.cases(visibleTo: F.brand, matching: CaseQuery(), after: nil, limit: 23)
        #expect(short.next == CaseCursor(after: try #require(short.cases.last)))
        #expect(
            try await store.cases.cases(visibleTo: F.brand, matching: CaseQuery(), after: nil, limit: 0).cases.isEmpty)
    }

    @Test func aCursorSurvivesItsToken() throws {
        let cursor = CaseCursor(receivedAt: F.start.addingTimeInterval(0.25), id: "C.1/ü")
        #expect(cursor.token == "1772352000250.C.1/ü")
        #expect(CaseCursor(token: cursor.token) == cursor)
        let before1970 = CaseCursor(receivedAt: Date(timeIntervalSince1970: -1.5), id: "X")
        #expect(CaseCursor(token: before1970.token) == before1970)
        for malformed in ["", "123", "123.", "abc.C-1", ".C-1", "1e3.C-1"] {
            #expect(CaseCursor(token: malformed) == nil, "\(malformed)")
        }
    }

    /// The identifiers of the cases `organisation` sees through `query`, read a page of two at a time.
    private func ids(_ store: SQLiteStore, _ organisation: Organisation.ID, _ query: CaseQuery = CaseQuery())
        async throws -> [String]
    {
        var result: [String] = []
        var cursor: CaseCursor?
        repeat {
            let page = try await store.cases.cases(visibleTo: organisation, matching: query, after: cursor, limit: 2)
            result += page.cases.map(\.id.rawValue)
            cursor = page.next
        } while cursor != nil
        return result
    }
}
