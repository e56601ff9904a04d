import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteTokenRepositoryTests {
    private let start = Date(timeIntervalSince1970: 1_714_555_800)

    private func token(
        _ id: APIToken.ID, seed: Character, user: User.ID = "u1",
        organisation: Organisation.ID = Organisation.defaultID,
        createdAfter seconds: TimeInterval = 0, expiresAt: Date? = nil
    ) -> APIToken {
        APIToken(
            id: id, user: user, organisation: organisation, name: "token \(id.rawValue)", secretHash: sampleHash(seed),
            createdAt: start.addingTimeInterval(seconds), expiresAt: expiresAt)
    }

    private func storeWithUsers() async throws -> SQLiteStore {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "other", name: "Other"))
        try await store.users.add(sampleUser("u1", login: "alice@example.com"))
        try await store.users.add(sampleUser("u2", login: "bob@example.com"))
        try await store.users.add(sampleUser("u1", login: "carol@other.example", organisation: "other"))
        return store
    }

    @Test func createdTokenIsFoundBySecretHash() async throws {
        let store = try await storeWithUsers()
        let created = token("tok_1", seed: "a", expiresAt: start.addingTimeInterval(86_400))
        try await store.tokens.create(created)
        #expect(try await store.tokens.token(secretHash: sampleHash("a")) == created)
        #expect(try await store.tokens.token(secretHash: sampleHash("b")) == nil)
    }

    @Test func tokensAreListedNewestFirstPerUser() async throws {
        let store = try await storeWithUsers()
        try await store.tokens.create(token("tok_old", seed: "a", createdAfter: 0))
        try await store.tokens.create(token("tok_new", seed: "b", createdAfter: 120))
        try await store.tokens.create(token("tok_mid", seed: "c", createdAfter: 60))
        try await store.tokens.create(token("tok_bob", seed: "d", user: "u2"))
        try await store.tokens.create(token("tok_carol", seed: "e", organisation: "other"))
        #expect(
            try await store.tokens.tokens(of: "u1", in: Organisation.defaultID).map(\.id) == [
                "tok_new", "tok_mid", "tok_old",
            ])
        #expect(try await store.tokens.tokens(of: "u2", in: Organisation.defaultID).map(\.id) == ["tok_bob"])
        #expect(try await store.tokens.tokens(of: "u1", in: "other").map(\.id) == ["tok_carol"])
    }

    @Test func revokeMarksAnActiveTokenOnce() async throws {
        let store = try await storeWithUsers()
        try await store.tokens.create(token("tok_1", seed: "a"))
        let revokedAt = start.addingTimeInterval(600)
        #expect(try await store.tokens.revoke("tok_1", in: Organisation.defaultID, at: revokedAt))
        let stored = try #require(try await store.tokens.token(secretHash: sampleHash("a")))
        #expect(stored.revokedAt == revokedAt)
        #expect(!stored.isActive(at: revokedAt))
        #expect(try await !store.tokens.revoke("tok_1", in: Organisation.defaultID, at: revokedAt))
        #expect(try await !store.tokens.revoke("tok_missing", in: Organisation.defaultID, at: revokedAt))
    }

    @Test func anotherOrganisationCannotRevokeAToken() async throws {
        let store = try await storeWithUsers()
        try await store.tokens.create(token("tok_1", seed: "a"))
        #expect(try await !store.tokens.revoke("tok_1", in: "other", at: start))
        #expect(try await store.tokens.token(secretHash: sampleHash("a"))?.revokedAt == nil)
    }

    @Test func anExpiredTokenIsNotRevoked() async throws {
        let store = try await storeWithUsers()
        try await store.tokens.create(token("tok_1", seed: "a", expiresAt: start.addingTimeInterval(60)))
        #expect(try await !store.tokens.revoke("tok_1", in: Organisation.defaultID, at: start.addingTimeInterval(60)))
        #expect(try await store.tokens.token(secretHash: sampleHash("a"))?.revokedAt == nil)
    }

    @Test func aReusedSecretHashIsAConstraintError() async throws {
        let store = try await storeWithUsers()
        try await store.tokens.create(token("tok_1", seed: "a"))
        let error = try await #require(throws: StoreError.self) {
            try await store.tokens.create(token("tok_2", seed: "a"))
        }
        #expect(error.code == .constraint)
    }

    @Test func aTokenForAnUnknownUserIsAConstraintError() async throws {
        let store = try await storeWithUsers()
        let error = try await #require(throws: StoreError.self) {
            try await store.tokens.create(token("tok_1", seed: "a", user: "ghost"))
        }
        #expect(error.code == .constraint)
    }
}
