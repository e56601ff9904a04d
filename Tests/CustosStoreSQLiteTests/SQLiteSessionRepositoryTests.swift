import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

/// A 64-character lowercase hex string standing in for a SHA-256, distinct for each `seed` digit.
func sampleHash(_ seed: Character) -> String {
    String(repeating: seed, count: 64)
}

@Suite struct SQLiteSessionRepositoryTests {
    private let start = Date(timeIntervalSince1970: 1_714_555_800)

    private func session(_ seed: Character, user: User.ID = "u1", expiresIn seconds: TimeInterval = 3600)
        -> UserSession
    {
        UserSession(
            secretHash: sampleHash(seed), user: user, organisation: Organisation.defaultID,
            csrfToken: "csrf-\(seed)", createdAt: start, expiresAt: start.addingTimeInterval(seconds))
    }

    private func storeWithUsers() async throws -> SQLiteStore {
        let store = try await makeStore()
        try await store.users.add(sampleUser("u1", login: "alice@example.com"))
        try await store.users.add(sampleUser("u2", login: "bob@example.com"))
        return store
    }

    @Test func createdSessionIsFoundUntilItExpires() async throws {
        let store = try await storeWithUsers()
        let created = session("a")
        try await store.sessions.create(created)
        #expect(try await store.sessions.session(secretHash: created.secretHash, at: start) == created)
        #expect(
            try await store.sessions.session(secretHash: created.secretHash, at: start.addingTimeInterval(3599))
                == created)
        #expect(
            try await store.sessions.session(secretHash: created.secretHash, at: start.addingTimeInterval(3600))
                == nil)
        #expect(try await store.sessions.session(secretHash: sampleHash("b"), at: start) == nil)
    }

    @Test func deleteEndsOneSession() async throws {
        let store = try await storeWithUsers()
        try await store.sessions.create(session("a"))
        try await store.sessions.create(session("b"))
        try await store.sessions.delete(secretHash: sampleHash("a"))
        #expect(try await store.sessions.session(secretHash: sampleHash("a"), at: start) == nil)
        #expect(try await store.sessions.session(secretHash: sampleHash("b"), at: start) != nil)
    }

    @Test func deleteSessionsEndsEverySessionOfOneUserOnly() async throws {
        let store = try await storeWithUsers()
        try await store.sessions.create(session("a", user: "u1"))
        try await store.sessions.create(session("b", user: "u1"))
        try await store.sessions.create(session("c", user: "u2"))
        try await store.sessions.deleteSessions(of: "u1", in: Organisation.defaultID)
        #expect(try await store.sessions.session(secretHash: sampleHash("a"), at: start) == nil)
        #expect(try await store.sessions.session(secretHash: sampleHash("b"), at: start) == nil)
        #expect(try await store.sessions.session(secretHash: sampleHash("c"), at: start)?.user == "u2")
    }

    @Test func deleteSessionsInAnotherOrganisationLeavesThemAlone() async throws {
        let store = try await storeWithUsers()
        try await store.ensureOrganisation(Organisation(id: "other", name: "Other"))
        try await store.sessions.create(session("a", user: "u1"))
        try await store.sessions.deleteSessions(of: "u1", in: "other")
        #expect(try await store.sessions.session(secretHash: sampleHash("a"), at: start) != nil)
    }

    @Test func purgeRemovesOnlyExpiredSessions() async throws {
        let store = try await storeWithUsers()
        try await store.sessions.create(session("a", expiresIn: 60))
        try await store.sessions.create(session("b", expiresIn: 120))
        try await store.sessions.create(session("c", expiresIn: 3600))
        #expect(try await store.sessions.purgeExpired(before: start.addingTimeInterval(120)) == 2)
        #expect(try await store.sessions.purgeExpired(before: start.addingTimeInterval(120)) == 0)
        #expect(try await store.sessions.session(secretHash: sampleHash("c"), at: start)?.csrfToken == "csrf-c")
    }

    @Test func aSessionForAnUnknownUserIsAConstraintError() async throws {
        let store = try await storeWithUsers()
        let error = try await #require(throws: StoreError.self) {
            try await store.sessions.create(session("a", user: "ghost"))
        }
        #expect(error.code == .constraint)
    }

    @Test func aSecretHashThatIsNotLowercaseHexIsRefused() async throws {
        let store = try await storeWithUsers()
        var raw = session("a")
        raw.secretHash = "not-a-hash"
        let error = try await #require(throws: StoreError.self) { try await store.sessions.create(raw) }
        #expect(error.code == .constraint)
        raw.secretHash = String(repeating: "A", count: 64)
        await #expect(throws: StoreError.self) { try await store.sessions.create(raw) }
    }

    @Test func sessionsGoWithTheirUser() async throws {
        let store = try await storeWithUsers()
        try await store.sessions.create(session("a", user: "u1"))
        try await store.execute("DELETE FROM users WHERE organisation_id = ? AND id = ?", arguments: ["default", "u1"])
        #expect(try await store.sessions.session(secretHash: sampleHash("a"), at: start) == nil)
    }
}
