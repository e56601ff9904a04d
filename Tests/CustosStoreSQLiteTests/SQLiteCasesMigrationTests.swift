import CustosCases
import CustosCore
import CustosCredit
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteCasesMigrationTests {
    @Test func anAccountsStoreMigratesToCasesKeepingItsData() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(SQLiteStore.fileName)
            let createdAt = Date(timeIntervalSince1970: 1_714_555_800)
            let clue = Clue(
                id: Clue.makeID(listing: "l1", right: "tm-1"), organisation: Organisation.defaultID, listing: "l1",
                right: "tm-1", seller: "s1", score: 0.8, signals: [], createdAt: createdAt, updatedAt: createdAt)
            let user = sampleUser("u1", login: "alice@example.com")
            do {
                // The database as a Custos without cases left it.
                let old = try SQLiteStore.open(at: file, upTo: "v2-accounts")
                #expect(try await old.appliedMigrations() == ["v1-core", "v2-accounts"])
                try await old.organisations.save(Organisation(id: Organisation.defaultID, name: "Default"))
                _ = try await old.rights.upsert(sampleRights)
                _ = try await old.clues.upsert([clue])
                try await old.users.add(user)
            }

            let store = try SQLiteStore.open(at: file)
            #expect(try await store.appliedMigrations() == ["v1-core", "v2-accounts", "v3-cases"])
            #expect(try await store.rights.countRights(in: Organisation.defaultID) == sampleRights.count)
            for right in sampleRights {
                #expect(try await store.rights.right(right.id, in: Organisation.defaultID) == right)
            }
            #expect(
                try await store.clues.clues(in: Organisation.defaultID, matching: ClueQuery(right: "tm-1")) == [clue])
            #expect(try await store.users.user(login: "alice@example.com") == user)

            // The new tables are there and empty, and take writes for the organisations already stored.
            #expect(try await store.cases.countCases(visibleTo: Organisation.defaultID, matching: CaseQuery()) == 0)
            #expect(try await store.findings.countFindings(in: nil) == 0)
            try await store.sellerIdentifiers.upsert(
                [SellerIdentifiers(seller: "s1", emails: ["s1@example.com"])], in: Organisation.defaultID)
            #expect(try await store.sellerIdentifiers.countSellers(in: Organisation.defaultID) == 1)
            for organisation in [
                Organisation(id: CaseFixture.brand, name: "Acme Ltd"),
                Organisation(id: CaseFixture.platform, name: "ShopMall", kind: .platform),
            ] {
                try await store.organisations.save(organisation)
            }
            let opened = try await CaseDriver(store: store).open("C-1")
            #expect(try await store.cases.case("C-1", visibleTo: CaseFixture.platform) == opened)
        }
    }

    @Test func aCasesStoreReopensWithItsCasesAndAppliesNothingTwice() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(SQLiteStore.fileName)
            let final: Case
            do {
                let store = try SQLiteStore.open(at: file)
                for organisation in [
                    Organisation(id: CaseFixture.brand, name: "Acme Ltd"),
                    Organisation(id: CaseFixture.platform, name: "ShopMall", kind: .platform),
                    Organisation(id: CaseFixture.authority, name: "IP Protection Center", kind: .authority),
                ] {
                    try await store.organisations.save(organisation)
                }
                final = try #require(try await CaseDriver(store: store).runToClosure("C-1").last)
            }
            let reopened = try SQLiteStore.open(at: file)
            #expect(try await reopened.appliedMigrations() == ["v1-core", "v2-accounts", "v3-cases"])
            #expect(try await reopened.cases.case("C-1", visibleTo: CaseFixture.authority) == final)
            let events = try #require(try await reopened.cases.events(of: "C-1", visibleTo: CaseFixture.brand))
            #expect(try CaseWorkflow().replay(events.map(\.event), complaint: final.complaint) == final)
        }
    }

    @Test func storedEnumerationsAreGuardedByTheirSwiftCases() async throws {
        let store = try await CaseFixture.store()
        try await CaseDriver(store: store).open("C-1")
        let error = try await #require(throws: StoreError.self) {
            try await store.execute("UPDATE cases SET state = 'lost' WHERE id = 'C-1'")
        }
        #expect(error.code == .constraint)
        await #expect(throws: StoreError.self) {
            try await store.execute("UPDATE case_access SET channel = 'slow' WHERE case_id = 'C-1'")
        }
        await #expect(throws: StoreError.self) {
            try await store.execute("UPDATE case_events SET kind = 'shrug' WHERE case_id = 'C-1'")
        }
    }
}
