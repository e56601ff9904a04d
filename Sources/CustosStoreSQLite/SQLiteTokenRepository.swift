import CustosCore
import CustosStore
import Foundation
import GRDB

/// API tokens in SQLite, found by the SHA-256 of their secret; a user's tokens go with the user.
struct SQLiteTokenRepository: TokenRepository {
    let database: any DatabaseWriter

    private static let columns = """
        organisation_id, id, user_id, name, secret_hash, created_at, expires_at, revoked_at
        """

    func create(_ token: APIToken) async throws {
        try await database.writeMapping("store an API token") { db in
            try db.execute(
                sql: "INSERT INTO api_tokens (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    token.organisation.rawValue, token.id.rawValue, token.user.rawValue, token.name, token.secretHash,
                    StoredTimestamp.string(from: token.createdAt), token.expiresAt.map(StoredTimestamp.string(from:)),
                    token.revokedAt.map(StoredTimestamp.string(from:)),
                ])
        }
    }

    func token(secretHash: String) async throws -> APIToken? {
        try await database.readMapping("read an API token") { db in
            try Self.fetchOne(db, secretHash: secretHash)
        }
    }

    /// The token of `secretHash` (every bearer request runs this: the statement is cached).
    static func fetchOne(_ db: Database, secretHash: String) throws -> APIToken? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM api_tokens WHERE secret_hash = ?"), arguments: [secretHash]
        ).map(token(from:))
    }

    func tokens(of user: User.ID, in organisation: Organisation.ID) async throws -> [APIToken] {
        try await database.readMapping("list API tokens") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.columns) FROM api_tokens WHERE organisation_id = ? AND user_id = ?
                    ORDER BY created_at DESC, id DESC
                    """,
                arguments: [organisation.rawValue, user.rawValue]
            ).map(Self.token(from:))
        }
    }

    func revoke(_ id: APIToken.ID, in organisation: Organisation.ID, at date: Date) async throws -> Bool {
        let instant = StoredTimestamp.string(from: date)
        return try await database.writeMapping("revoke an API token") { db in
            // Only an active token is revoked: an expired or revoked one keeps the record of how it ended.
            try db.execute(
                sql: """
                    UPDATE api_tokens SET revoked_at = ?
                    WHERE organisation_id = ? AND id = ? AND revoked_at IS NULL
                        AND (expires_at IS NULL OR expires_at > ?)
                    """,
                arguments: [instant, organisation.rawValue, id.rawValue, instant])
            return db.changesCount > 0
        }
    }

    private static func token(from row: Row) throws -> APIToken {
        APIToken(
            id: APIToken.ID(try row.decode(String.self, atIndex: 1)),
            user: User.ID(try row.decode(String.self, atIndex: 2)),
            organisation: Organisation.ID(try row.decode(String.self, atIndex: 0)),
            name: try row.decode(String.self, atIndex: 3),
            secretHash: try row.decode(String.self, atIndex: 4),
            createdAt: try StoredValue.date(try row.decode(String.self, atIndex: 5)),
            expiresAt: try StoredValue.date(try row.decode(String?.self, atIndex: 6)),
            revokedAt: try StoredValue.date(try row.decode(String?.self, atIndex: 7)))
    }
}
