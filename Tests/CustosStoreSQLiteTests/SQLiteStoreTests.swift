import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteStoreTests {
    @Test func migrationsApplyOnAFreshInMemoryStore() async throws {
        let store = try SQLiteStore.inMemory()
        #expect(
            try await store.appliedMigrations() == [
                "v1-core", "v2-accounts", "v3-cases", "v4-finding-kinds", "v5-right-images", "v6-right-fingerprints",
            ])
        #expect(try await store.isForeignKeyEnforcementOn())
    }

    @Test func fileStoreRunsInWALModeAndKeepsDataAcrossReopen() async throws {
        try await withTemporaryDirectory { directory in
            let dataDirectory = directory.appendingPathComponent("nested/data", isDirectory: true)
            let store = try SQLiteStore.open(dataDirectory: dataDirectory)
            #expect(try await store.journalMode() == "wal")
            #expect(try await store.isForeignKeyEnforcementOn())
            try await store.organisations.save(Organisation(id: "acme", name: "Acme"))
            #expect(
                FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("custos.sqlite").path))

            let reopened = try SQLiteStore.open(at: dataDirectory.appendingPathComponent(SQLiteStore.fileName))
            #expect(
                try await reopened.appliedMigrations() == [
                    "v1-core", "v2-accounts", "v3-cases", "v4-finding-kinds", "v5-right-images",
                    "v6-right-fingerprints",
                ])
            #expect(try await reopened.organisations.organisation("acme")?.name == "Acme")
        }
    }

    @Test func openingAFileThatIsNotADatabaseFailsWithCannotOpen() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("custos.sqlite")
            try Data(repeating: 0x41, count: 4096).write(to: file)
            let error = try #require(throws: StoreError.self) { try SQLiteStore.open(at: file) }
            #expect(error.code == .cannotOpen)
        }
    }

    @Test func storeWrittenByANewerVersionIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("custos.sqlite")
            let store = try SQLiteStore.open(at: file)
            try await store.execute("INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
            let error = try #require(throws: StoreError.self) { try SQLiteStore.open(at: file) }
            #expect(error.code == .incompatibleSchema)
        }
    }

    @Test func organisationSaveUpdatesAndEnsureKeepsExisting() async throws {
        let store = try SQLiteStore.inMemory()
        #expect(try await store.ensureOrganisation(Organisation(id: "a", name: "First")))
        #expect(try await !store.ensureOrganisation(Organisation(id: "a", name: "Second")))
        #expect(try await store.organisations.organisation("a")?.name == "First")
        try await store.organisations.save(Organisation(id: "a", name: "Renamed", kind: .platform))
        try await store.organisations.save(Organisation(id: "b", name: "Bee", kind: .authority))
        let all = try await store.organisations.organisations()
        #expect(all.map(\.id) == ["a", "b"])
        #expect(all.first == Organisation(id: "a", name: "Renamed", kind: .platform))
        #expect(try await store.organisations.organisation("missing") == nil)
    }

    @Test func partiesRoundTripWithinTheirOrganisation() async throws {
        let store = try await makeStore()
        let party = Party(
            id: "p1", organisation: Organisation.defaultID, role: .owner, name: "Acme", region: "DE", platform: nil)
        try await store.parties.save([party])
        #expect(try await store.parties.party("p1", in: Organisation.defaultID) == party)
        var renamed = party
        renamed.name = "Acme GmbH"
        try await store.parties.save([renamed])
        #expect(try await store.parties.party("p1", in: Organisation.defaultID)?.name == "Acme GmbH")
        try await store.ensureOrganisation(Organisation(id: "other", name: "Other"))
        #expect(try await store.parties.party("p1", in: "other") == nil)
    }

    @Test func writingForAnUnsavedOrganisationIsAConstraintError() async throws {
        let store = try SQLiteStore.inMemory()
        let right = Right(
            id: "r1", organisation: "ghost", kind: .trademark, name: "ACME", owner: "Acme", jurisdiction: "DE",
            status: .registered)
        let error = try await #require(throws: StoreError.self) { try await store.rights.upsert([right]) }
        #expect(error.code == .constraint)
        #expect(error.message.contains("FOREIGN KEY"))
    }
}
