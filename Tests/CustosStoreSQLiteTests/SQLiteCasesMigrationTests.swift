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
            #expect(
                try await store.appliedMigrations() == [
                    "v1-core", "v2-accounts", "v3-cases", "v4-finding-kinds", "v5-right-images",
                    "v6-right-fingerprints",
                ])
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
            #expect(
                try await reopened.appliedMigrations() == [
                    "v1-core", "v2-accounts", "v3-cases", "v4-finding-kinds", "v5-right-images",
                    "v6-right-fingerprints",
                ])
            #expect(try await reopened.cases.case("C-1", visibleTo: CaseFixture.authority) == final)
            let events = try #require(try await reopened.cases.events(of: "C-1", visibleTo: CaseFixture.brand))
            #expect(try CaseWorkflow().replay(events.map(\.event), complaint: final.complaint) == final)
        }
    }

    @Test func aStoreWhoseFindingsPredateMaliciousComplaintsAcceptsThemAfterMigratingAndKeepsItsFindings() async throws
    {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(SQLiteStore.fileName)
            let decidedAt = Date(timeIntervalSince1970: 1_772_352_000)
            func finding(_ id: Finding.ID, _ kind: Finding.Kind) -> Finding {
                Finding(
                    id: id, party: "s1", organisation: Organisation.defaultID, kind: kind,
                    basis: .init(caseReference: "C-\(id.rawValue)", summary: "Decided."), decidedBy: "court",
                    decidedAt: decidedAt)
            }
            do {
                // The findings table as v3-cases created it before `malicious_complaint` existed.
                let old = try SQLiteStore.open(at: file, upTo: "v3-cases")
                try await old.organisations.save(Organisation(id: Organisation.defaultID, name: "Default"))
                try await old.parties.save([
                    Party(id: "s1", organisation: Organisation.defaultID, role: .seller, name: "Cheap Kicks")
                ])
                let created = try #require(
                    try await old.database.read { db in
                        try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'findings'")
                    })
                #expect(created.contains(", 'malicious_complaint'"))
                try await old.execute("DROP TABLE findings")
                try await old.execute(created.replacingOccurrences(of: ", 'malicious_complaint'", with: ""))
                try await old.findings.save([finding("F-1", .counterfeiting)])
                await #expect(throws: StoreError.self) {
                    try await old.findings.save([finding("F-2", .maliciousComplaint)])
                }
            }
            let store = try SQLiteStore.open(at: file)
            #expect(try await store.appliedMigrations().last == "v6-right-fingerprints")
            #expect(
                try await store.findings.finding("F-1", in: Organisation.defaultID) == finding("F-1", .counterfeiting))
            try await store.findings.save([finding("F-2", .maliciousComplaint)])
            #expect(
                try await store.findings.findings(of: "s1", in: Organisation.defaultID).map(\.id) == ["F-1", "F-2"])
            await #expect(throws: StoreError.self) {
                try await store.execute("UPDATE findings SET kind = 'jaywalking' WHERE id = 'F-1'")
            }
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
