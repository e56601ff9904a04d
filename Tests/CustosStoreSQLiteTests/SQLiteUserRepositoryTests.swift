import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

/// A stored-form password hash: the store keeps whatever the server's KDF produced, so any text will do.
let samplePasswordHash = "$scrypt$ln=15,r=8,p=1$c2FsdA$aGFzaA"

/// A user of `organisation` created at a fixed instant.
func sampleUser(
    _ id: User.ID, login: String, organisation: Organisation.ID = Organisation.defaultID, role: Role = .owner
) -> User {
    User(
        id: id, organisation: organisation, login: login, displayName: "User \(id.rawValue)", role: role,
        passwordHash: samplePasswordHash, createdAt: Date(timeIntervalSince1970: 1_714_555_800))
}

@Suite struct SQLiteUserRepositoryTests {
    private let lockUntil = Date(timeIntervalSince1970: 1_714_600_000)

    @Test func addedUserIsFoundByIdAndByLoginInAnyCase() async throws {
        let store = try await makeStore()
        try await store.users.add(sampleUser("u1", login: "Alice@Example.COM"))

        let byID = try #require(try await store.users.user("u1", in: Organisation.defaultID))
        #expect(byID.login == "alice@example.com")
        #expect(byID.displayName == "User u1")
        #expect(byID.role == .owner)
        #expect(byID.passwordHash == samplePasswordHash)
        #expect(byID.failedLogins == 0)
        #expect(byID.lockedUntil == nil)
        #expect(byID.createdAt == Date(timeIntervalSince1970: 1_714_555_800))
        #expect(try await store.users.user(login: "ALICE@example.com") == byID)
        #expect(try await store.users.user(login: "alice@example.com") == byID)
        #expect(try await store.users.user(login: "bob@example.com") == nil)
    }

    @Test func nonASCIILoginsAreLoweredToo() async throws {
        let store = try await makeStore()
        try await store.users.add(sampleUser("u1", login: "ÉLODIE@exemple.fr"))
        #expect(try await store.users.user(login: "élodie@EXEMPLE.fr")?.id == "u1")
    }

    @Test func aTakenLoginIsAConstraintErrorNamingIt() async throws {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "other", name: "Other"))
        try await store.users.add(sampleUser("u1", login: "alice@example.com"))
        // The login is unique across the installation, not only within one organisation.
        let error = try await #require(throws: StoreError.self) {
            try await store.users.add(sampleUser("u2", login: "ALICE@example.com", organisation: "other"))
        }
        #expect(error.code == .constraint)
        #expect(error.message.contains("alice@example.com"))
        #expect(try await store.users.user("u2", in: "other") == nil)
    }

    @Test func anUnknownOrganisationIsAConstraintErrorNamingIt() async throws {
        let store = try await makeStore()
        let error = try await #require(throws: StoreError.self) {
            try await store.users.add(sampleUser("u1", login: "alice@example.com", organisation: "ghost-org"))
        }
        #expect(error.code == .constraint)
        #expect(error.message.contains("ghost-org"))
    }

    @Test func aDuplicateIdInTheSameOrganisationIsAConstraintError() async throws {
        let store = try await makeStore()
        try await store.users.add(sampleUser("u1", login: "alice@example.com"))
        let error = try await #require(throws: StoreError.self) {
            try await store.users.add(sampleUser("u1", login: "bob@example.com"))
        }
        #expect(error.code == .constraint)
    }

    @Test func usersOfAnotherOrganisationAreInvisible() async throws {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "other", name: "Other"))
        try await store.users.add(sampleUser("u1", login: "alice@example.com"))
        try await store.users.add(sampleUser("u9", login: "zed@other.example", organisation: "other"))

        #expect(try await store.users.user("u1", in: "other") == nil)
        #expect(try await store.users.user("u9", in: Organisation.defaultID) == nil)
        #expect(try await store.users.users(in: Organisation.defaultID).map(\.id) == ["u1"])
        #expect(try await store.users.users(in: "other").map(\.id) == ["u9"])
        #expect(
            try await store.users.recordFailedLogin(of: "u1", in: "other", threshold: 1, lockedUntil: lockUntil) == nil)
        #expect(try await store.users.user("u1", in: Organisation.defaultID)?.failedLogins == 0)
    }

    @Test func usersAreListedByLogin() async throws {
        let store = try await makeStore()
        try await store.users.add(sampleUser("u1", login: "carol@example.com"))
        try await store.users.add(sampleUser("u2", login: "alice@example.com"))
        try await store.users.add(sampleUser("u3", login: "bob@example.com"))
        #expect(try await store.users.users(in: Organisation.defaultID).map(\.id) == ["u2", "u3", "u1"])
    }

    @Test func updateReplacesTheEditableFields() async throws {
        let store = try await makeStore()
        try await store.users.add(sampleUser("u1", login: "alice@example.com"))
        var changed = sampleUser("u1", login: "Alice.New@example.com", role: .agent)
        changed.displayName = "Alice N."
        changed.passwordHash = "$scrypt$other"
        changed.failedLogins = 2
        changed.lockedUntil = lockUntil
        #expect(try await store.users.update(changed))

        let stored = try #require(try await store.users.user("u1", in: Organisation.defaultID))
        var expected = changed
        expected.login = "alice.new@example.com"
        #expect(stored == expected)
        #expect(try await store.users.user(login: "alice@example.com") == nil)
    }

    @Test func updateOfAMissingUserReturnsFalse() async throws {
        let store = try await makeStore()
        #expect(try await !store.users.update(sampleUser("nobody", login: "nobody@example.com")))
    }

    @Test func updateToAnotherUsersLoginIsAConstraintError() async throws {
        let store = try await makeStore()
        try await store.users.add(sampleUser("u1", login: "alice@example.com"))
        try await store.users.add(sampleUser("u2", login: "bob@example.com"))
        let error = try await #require(throws: StoreError.self) {
            try await store.users.update(sampleUser("u2", login: "Alice@example.com"))
        }
        #expect(error.code == .constraint)
        #expect(error.message.contains("alice@example.com"))
        #expect(try await store.users.user("u2", in: Organisation.defaultID)?.login == "bob@example.com")
    }

    @Test func failedLoginsCountUpAndLockAtTheThreshold() async throws {
        let store = try await makeStore()
        try await store.users.add(sampleUser("u1", login: "alice@example.com"))
        for expected in 1...2 {
            let user = try #require(
                try await store.users.recordFailedLogin(
                    of: "u1", in: Organisation.defaultID, threshold: 3, lockedUntil: lockUntil))
            #expect(user.failedLogins == expected)
            #expect(user.lockedUntil == nil)
        }
        let locked = try #require(
            try await store.users.recordFailedLogin(
                of: "u1", in: Organisation.defaultID, threshold: 3, lockedUntil: lockUntil))
        #expect(locked.failedLogins == 3)
        #expect(locked.lockedUntil == lockUntil)
        #expect(try await store.users.user("u1", in: Organisation.defaultID) == locked)

        try await store.users.recordSuccessfulLogin(of: "u1", in: Organisation.defaultID)
        let reset = try #require(try await store.users.user("u1", in: Organisation.defaultID))
        #expect(reset.failedLogins == 0)
        #expect(reset.lockedUntil == nil)
    }

    @Test func failuresBelowTheThresholdKeepAnEarlierLock() async throws {
        let store = try await makeStore()
        var user = sampleUser("u1", login: "alice@example.com")
        user.lockedUntil = lockUntil
        try await store.users.add(user)
        let later = lockUntil.addingTimeInterval(3600)
        let counted = try await store.users.recordFailedLogin(
            of: "u1", in: Organisation.defaultID, threshold: 5, lockedUntil: later)
        #expect(counted?.failedLogins == 1)
        #expect(counted?.lockedUntil == lockUntil)
    }

    @Test func concurrentFailuresAreAllCounted() async throws {
        let store = try await makeStore()
        try await store.users.add(sampleUser("u1", login: "alice@example.com"))
        let users = store.users
        let until = lockUntil
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    _ = try await users.recordFailedLogin(
                        of: "u1", in: Organisation.defaultID, threshold: 100, lockedUntil: until)
                }
            }
            try await group.waitForAll()
        }
        #expect(try await store.users.user("u1", in: Organisation.defaultID)?.failedLogins == 20)
    }

    @Test func failedLoginOfAnUnknownUserReturnsNil() async throws {
        let store = try await makeStore()
        #expect(
            try await store.users.recordFailedLogin(
                of: "nobody", in: Organisation.defaultID, threshold: 3, lockedUntil: lockUntil) == nil)
    }

    @Test func anEmptyLoginIsRefusedByTheSchema() async throws {
        let store = try await makeStore()
        let error = try await #require(throws: StoreError.self) {
            try await store.users.add(sampleUser("u1", login: ""))
        }
        #expect(error.code == .constraint)
    }
}
