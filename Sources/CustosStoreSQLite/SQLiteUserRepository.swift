import CustosCore
import CustosStore
import Foundation
import GRDB

/// Users in SQLite. Logins are stored lowercased and are unique across the installation, because a person signs
/// in before anyone knows their organisation.
struct SQLiteUserRepository: UserRepository {
    let database: any DatabaseWriter

    private static let columns = """
        organisation_id, id, login, display_name, role, password_hash, failed_logins, locked_until, created_at
        """

    func add(_ user: User) async throws {
        let login = user.login.lowercased()
        try await database.writeMapping("add the user \(login)") { db in
            // Checked inside the write transaction, so no concurrent writer can slip in between check and insert;
            // the explicit checks give a sentence naming the organisation or login instead of SQLite's.
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM organisations WHERE id = ?", arguments: [user.organisation.rawValue])
                    != nil
            else {
                throw StoreError(
                    .constraint,
                    "Cannot add the user \(login): the organisation \(user.organisation.rawValue) is not stored.")
            }
            try Self.ensureLoginIsFree(db, login: login, except: nil)
            try db.execute(
                sql: """
                    INSERT INTO users (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    user.organisation.rawValue, user.id.rawValue, login, user.displayName, user.role.rawValue,
                    user.passwordHash, user.failedLogins, user.lockedUntil.map(StoredTimestamp.string(from:)),
                    StoredTimestamp.string(from: user.createdAt),
                ])
        }
    }

    func update(_ user: User) async throws -> Bool {
        let login = user.login.lowercased()
        return try await database.writeMapping("update the user \(login)") { db in
            try Self.ensureLoginIsFree(db, login: login, except: (user.organisation, user.id))
            try db.execute(
                sql: """
                    UPDATE users SET login = ?, display_name = ?, role = ?, password_hash = ?, failed_logins = ?,
                        locked_until = ?
                    WHERE organisation_id = ? AND id = ?
                    """,
                arguments: [
                    login, user.displayName, user.role.rawValue, user.passwordHash, user.failedLogins,
                    user.lockedUntil.map(StoredTimestamp.string(from:)), user.organisation.rawValue, user.id.rawValue,
                ])
            return db.changesCount > 0
        }
    }

    func user(_ id: User.ID, in organisation: Organisation.ID) async throws -> User? {
        try await database.readMapping("read a user") { db in
            try Self.fetchOne(db, id: id, organisation: organisation)
        }
    }

    func user(login: String) async throws -> User? {
        try await database.readMapping("find a user by login") { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.columns) FROM users WHERE login = ?", arguments: [login.lowercased()]
            ).map(Self.user(from:))
        }
    }

    func users(in organisation: Organisation.ID) async throws -> [User] {
        try await database.readMapping("list users") { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.columns) FROM users WHERE organisation_id = ? ORDER BY login",
                arguments: [organisation.rawValue]
            ).map(Self.user(from:))
        }
    }

    func recordFailedLogin(of id: User.ID, in organisation: Organisation.ID, threshold: Int, lockedUntil: Date)
        async throws -> User?
    {
        try await database.writeMapping("record a failed sign-in") { db in
            // One UPDATE computes the new count from the stored one (SET expressions see the old row), and the
            // write transaction keeps concurrent failures from overwriting each other's increments.
            try db.execute(
                sql: """
                    UPDATE users SET
                        failed_logins = failed_logins + 1,
                        locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END
                    WHERE organisation_id = ? AND id = ?
                    """,
                arguments: [
                    threshold, StoredTimestamp.string(from: lockedUntil), organisation.rawValue, id.rawValue,
                ])
            guard db.changesCount > 0 else { return nil }
            return try Self.fetchOne(db, id: id, organisation: organisation)
        }
    }

    func recordSuccessfulLogin(of id: User.ID, in organisation: Organisation.ID) async throws {
        try await database.writeMapping("record a successful sign-in") { db in
            try db.execute(
                sql: "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE organisation_id = ? AND id = ?",
                arguments: [organisation.rawValue, id.rawValue])
        }
    }

    /// Throws `.constraint` naming `login` when another user (anyone but `except`) signs in with it.
    private static func ensureLoginIsFree(
        _ db: Database, login: String, except owner: (Organisation.ID, User.ID)?
    ) throws {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT organisation_id, id FROM users WHERE login = ?", arguments: [login])
        else { return }
        if let owner, try row.decode(String.self, atIndex: 0) == owner.0.rawValue,
            try row.decode(String.self, atIndex: 1) == owner.1.rawValue
        {
            return
        }
        throw StoreError(.constraint, "The login \(login) is already taken.")
    }

    /// The user `id` of `organisation` (every authenticated request runs this: the statement is cached).
    static func fetchOne(_ db: Database, id: User.ID, organisation: Organisation.ID) throws -> User? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM users WHERE organisation_id = ? AND id = ?"),
            arguments: [organisation.rawValue, id.rawValue]
        ).map(user(from:))
    }

    private static func user(from row: Row) throws -> User {
        User(
            id: User.ID(try row.decode(String.self, atIndex: 1)),
            organisation: Organisation.ID(try row.decode(String.self, atIndex: 0)),
            login: try row.decode(String.self, atIndex: 2),
            displayName: try row.decode(String.self, atIndex: 3),
            role: try StoredValue.enumeration(Role.self, try row.decode(String.self, atIndex: 4)),
            passwordHash: try row.decode(String.self, atIndex: 5),
            failedLogins: try row.decode(Int.self, atIndex: 6),
            lockedUntil: try StoredValue.date(try row.decode(String?.self, atIndex: 7)),
            createdAt: try StoredValue.date(try row.decode(String.self, atIndex: 8)))
    }
}
