import CustosCases
import CustosCore
import CustosStore
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Testing

@testable import custos

@Suite struct DemoCasesTests {
    /// The demo's cases by state, as the demo organisation sees them.
    func counts(in data: URL) async throws -> [CaseState: Int] {
        try await SQLiteStore.open(dataDirectory: data).cases.caseCountsByState(
            visibleTo: Organisation.defaultID, matching: CaseQuery())
    }

    @Test func theDemoSeedsACaseInEveryStateWorkedByDemoUsers() async throws {
        try await withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("demo")
            try await DemoCommand.parse(["--data", data.path, "--json", "--no-serve"]).run()
            let counts = try await counts(in: data)
            for state in CaseState.allCases {
                #expect((counts[state] ?? 0) >= 1, "no demo case is \(state.rawValue)")
            }
            // The scenarios are fixed, so every run yields exactly these (three decisions: one of each outcome).
            var expected = Dictionary(uniqueKeysWithValues: CaseState.allCases.map { ($0, 1) })
            expected[.decided] = 3
            #expect(counts == expected)
            let store = try SQLiteStore.open(dataDirectory: data)
            let decided = try await store.cases.cases(
                visibleTo: Organisation.defaultID, matching: CaseQuery(states: [.decided]), after: nil, limit: 50)
            #expect(Set(decided.cases.compactMap(\.outcome)) == Set(CaseOutcome.allCases))
            for (login, role) in [
                ("demo@custos.local", Role.owner), ("reviewer@demo-market", .reviewer), ("admin@demo-ipc", .admin),
                ("mediator@demo-ipc", .mediator), ("investigator@demo-ipc", .investigator),
            ] {
                #expect(try await store.users.user(login: login)?.role == role, "\(login)")
            }
            // The platform works its cases from a queue; the authority sees the cases it handled.
            let queue = try await store.cases.countCases(
                visibleTo: "demo-market", matching: CaseQuery(states: CaseState.nonTerminal, relation: .currentHandler))
            #expect(queue >= 5)
            let authority = try await store.cases.countCases(visibleTo: "demo-ipc", matching: CaseQuery())
            #expect(authority == 2)
            // Every event is in the evidence ledger.
            #expect(try await store.cases.eventsAwaitingLedgerEntry(limit: 10).isEmpty)
            // The takedown found against the listing's seller.
            #expect(try await store.findings.countFindings(in: nil) >= 1)
        }
    }
}
