import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteSchemaMigrationTests {
    @Test func aVersionOneStoreMigratesToAccountsKeepingItsRightsAndClues() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(SQLiteStore.fileName)
            let createdAt = Date(timeIntervalSince1970: 1_714_555_800)
            let clue = Clue(
                id: Clue.makeID(listing: "l1", right: "tm-1"), organisation: Organisation.defaultID, listing: "l1",
                right: "tm-1", seller: "s1", score: 0.8, signals: [], createdAt: createdAt, updatedAt: createdAt)
            do {
                // The database as a Custos without accounts left it.
                let old = try SQLiteStore.open(at: file, upTo: "v1-core")
                #expect(try await old.appliedMigrations() == ["v1-core"])
                try await old.organisations.save(Organisation(id: Organisation.defaultID, name: "Default"))
                _ = try await old.rights.upsert(sampleRights)
                _ = try await old.clues.upsert([clue])
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

            try await store.users.add(sampleUser("u1", login: "alice@example.com"))
            #expect(try await store.users.user(login: "alice@example.com")?.id == "u1")
            #expect(try await store.reports.countReports(status: nil) == 0)
        }
    }

    @Test func reopeningAMigratedStoreAppliesNothingTwice() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(SQLiteStore.fileName)
            do {
                let store = try SQLiteStore.open(at: file)
                try await store.organisations.save(Organisation(id: Organisation.defaultID, name: "Default"))
                try await store.users.add(sampleUser("u1", login: "alice@example.com"))
            }
            let reopened = try SQLiteStore.open(at: file)
            #expect(
                try await reopened.appliedMigrations() == [
                    "v1-core", "v2-accounts", "v3-cases", "v4-finding-kinds", "v5-right-images",
                    "v6-right-fingerprints",
                ])
            #expect(try await reopened.users.users(in: Organisation.defaultID).map(\.id) == ["u1"])
        }
    }
}
