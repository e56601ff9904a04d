import CustosCore
import CustosStore
import Foundation
import GRDB

/// Browser sessions in SQLite, keyed by the SHA-256 of the cookie secret; a user's sessions go with the user.
struct SQLiteSessionRepository: SessionRepository {
    let database: any DatabaseWriter

    func create(_ session: UserSession) async throws {
        try await database.writeMapping("store a session") { db in
            try db.execute(
                sql: """
                    INSERT INTO sessions (secret_hash, organisation_id, user_id, csrf_token, created_at, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    session.secretHash, session.organisation.rawValue, session.user.rawValue, session.csrfToken,
                    StoredTimestamp.string(from: session.createdAt), StoredTimestamp.string(from: session.expiresAt),
                ])
        }
    }

    func session(secretHash: String, at date: Date) async throws -> UserSession? {
        try await database.readMapping("read a session") { db in
            try Self.fetchOne(db, secretHash: secretHash, at: date)
        }
    }

    /// The unexpired session of `secretHash` (every signed-in page runs this: the statement is cached).
    static func fetchOne(_ db: Database, secretHash: String, at date: Date) throws -> UserSession? {
        // A session is refused from its expiry instant on, whether or not it has been purged yet.
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT organisation_id, user_id, csrf_token, created_at, expires_at FROM sessions
                        WHERE secret_hash = ? AND expires_at > ?
                        """),
                arguments: [secretHash, StoredTimestamp.string(from: date)])
        else { return nil }
        return UserSession(
            secretHash: secretHash,
            user: User.ID(try row.decode(String.self, atIndex: 1)),
            organisation: Organisation.ID(try row.decode(String.self, atIndex: 0)),
            csrfToken: try row.decode(String.self, atIndex: 2),
            createdAt: try StoredValue.date(try row.decode(String.self, atIndex: 3)),
            expiresAt: try StoredValue.date(try row.decode(String.self, atIndex: 4)))
    }

    func delete(secretHash: String) async throws {
        try await database.writeMapping("end a session") { db in
            try db.execute(sql: "DELETE FROM sessions WHERE secret_hash = ?", arguments: [secretHash])
        }
    }

    func deleteSessions(of user: User.ID, in organisation: Organisation.ID) async throws {
        try await database.writeMapping("end a user's sessions") { db in
            try db.execute(
                sql: "DELETE FROM sessions WHERE organisation_id = ? AND user_id = ?",
                arguments: [organisation.rawValue, user.rawValue])
        }
    }

    func purgeExpired(before date: Date) async throws -> Int {
        try await database.writeMapping("purge expired sessions") { db in
            // A session expiring exactly at `date` is already refused by `session(secretHash:at:)`, so it goes too.
            try db.execute(
                sql: "DELETE FROM sessions WHERE expires_at <= ?", arguments: [StoredTimestamp.string(from: date)])
            return db.changesCount
        }
    }
}
