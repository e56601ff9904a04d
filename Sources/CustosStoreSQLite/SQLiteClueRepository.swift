import CustosCore
import CustosStore
import Foundation
import GRDB

/// Infringement clues in SQLite, idempotent per listing and right through `Clue.makeID(listing:right:)`.
struct SQLiteClueRepository: ClueRepository {
    let database: any DatabaseWriter

    private static let columns = """
        id, organisation_id, listing_id, right_id, seller_id, score, signals, status, created_at, updated_at
        """

    func upsert(_ clues: [Clue]) async throws -> CluesWriteSummary {
        try await database.writeMapping("write clues") { db in
            var summary = CluesWriteSummary()
            let exists = try db.cachedStatement(sql: "SELECT 1 FROM clues WHERE organisation_id = ? AND id = ?")
            // Re-scoring replaces what screening computes and keeps what a reviewer decided.
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO clues (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (organisation_id, id) DO UPDATE SET
                        listing_id = excluded.listing_id, right_id = excluded.right_id,
                        seller_id = excluded.seller_id, score = excluded.score, signals = excluded.signals,
                        updated_at = excluded.updated_at
                    """)
            for clue in clues {
                if try Bool.fetchOne(exists, arguments: [clue.organisation.rawValue, clue.id.rawValue]) != nil {
                    summary.updated += 1
                } else {
                    summary.inserted += 1
                }
                try upsert.execute(arguments: [
                    clue.id.rawValue, clue.organisation.rawValue, clue.listing.rawValue, clue.right.rawValue,
                    clue.seller.rawValue, clue.score, try StoredValue.json(clue.signals), clue.status.rawValue,
                    StoredTimestamp.string(from: clue.createdAt), StoredTimestamp.string(from: clue.updatedAt),
                ])
            }
            return summary
        }
    }

    func clue(_ id: Clue.ID, in organisation: Organisation.ID) async throws -> Clue? {
        try await database.readMapping("read a clue") { db in
            try Self.fetchOne(db, id: id, organisation: organisation)
        }
    }

    func clues(in organisation: Organisation.ID, matching query: ClueQuery) async throws -> [Clue] {
        try await database.readMapping("list clues") { db in
            var (condition, arguments) = Self.condition(organisation: organisation, query: query)
            arguments += [max(0, query.limit), max(0, query.offset)]
            let sql = """
                SELECT \(Self.columns) FROM clues WHERE \(condition)
                ORDER BY score DESC, id LIMIT ? OFFSET ?
                """
            return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(Self.clue(from:))
        }
    }

    func setStatus(_ status: Clue.Status, of id: Clue.ID, in organisation: Organisation.ID, at date: Date)
        async throws -> Clue?
    {
        try await database.writeMapping("review a clue") { db in
            try db.execute(
                sql: "UPDATE clues SET status = ?, updated_at = ? WHERE organisation_id = ? AND id = ?",
                arguments: [status.rawValue, StoredTimestamp.string(from: date), organisation.rawValue, id.rawValue])
            guard db.changesCount > 0 else { return nil }
            return try Self.fetchOne(db, id: id, organisation: organisation)
        }
    }

    func sellerRecords(in organisation: Organisation.ID) async throws -> [Party.ID: SellerRecord] {
        try await database.readMapping("read seller records") { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT seller_id, COUNT(*), SUM(status = 'confirmed') FROM clues
                    WHERE organisation_id = ? GROUP BY seller_id
                    """,
                arguments: [organisation.rawValue])
            var records: [Party.ID: SellerRecord] = [:]
            for row in rows {
                records[Party.ID(try row.decode(String.self, atIndex: 0))] = SellerRecord(
                    clues: try row.decode(Int.self, atIndex: 1), confirmed: try row.decode(Int.self, atIndex: 2))
            }
            return records
        }
    }

    func countClues(in organisation: Organisation.ID, matching query: ClueQuery) async throws -> Int {
        try await database.readMapping("count clues") { db in
            let (condition, arguments) = Self.condition(organisation: organisation, query: query)
            return try Int.fetchOne(
                db.cachedStatement(sql: "SELECT COUNT(*) FROM clues WHERE \(condition)"), arguments: arguments) ?? 0
        }
    }

    func statistics(in organisation: Organisation.ID, since: Date, top: Int) async throws -> ClueStatistics {
        try await database.readMapping("count clues for the dashboard") { db in
            // One read transaction, so every chart counts the same snapshot and the totals agree.
            let key = organisation.rawValue
            let limit = max(0, top)
            // Instants are stored as UTC ISO 8601 text, so the first ten characters are the UTC day.
            let perDay = try Self.labelledCounts(
                db,
                sql: """
                    SELECT substr(created_at, 1, 10) AS day, COUNT(*) FROM clues
                    WHERE organisation_id = ? AND created_at >= ?
                    GROUP BY day ORDER BY day
                    """,
                arguments: [key, StoredTimestamp.string(from: since)])
            let perRight = try Self.labelledCounts(
                db,
                sql: """
                    SELECT right_id, COUNT(*) AS n FROM clues WHERE organisation_id = ?
                    GROUP BY right_id ORDER BY n DESC, right_id LIMIT ?
                    """,
                arguments: [key, limit])
            let perPlatform = try Self.labelledCounts(
                db,
                sql: """
                    SELECT coalesce(l.platform, 'unknown') AS platform, COUNT(*) AS n FROM clues c
                    LEFT JOIN listings l ON l.organisation_id = c.organisation_id AND l.id = c.listing_id
                    WHERE c.organisation_id = ?
                    GROUP BY platform ORDER BY n DESC, platform LIMIT ?
                    """,
                arguments: [key, limit])
            let statusCounts = Dictionary(
                uniqueKeysWithValues: try Self.labelledCounts(
                    db, sql: "SELECT status, COUNT(*) FROM clues WHERE organisation_id = ? GROUP BY status",
                    arguments: [key]
                ).map { ($0.label, $0.count) })
            let byStatus = Clue.Status.allCases.map {
                LabelledCount(label: $0.rawValue, count: statusCounts[$0.rawValue] ?? 0)
            }
            let total = byStatus.reduce(0) { $0 + $1.count }
            return ClueStatistics(
                perDay: perDay, perRight: perRight, otherRights: total - perRight.reduce(0) { $0 + $1.count },
                perPlatform: perPlatform, otherPlatforms: total - perPlatform.reduce(0) { $0 + $1.count },
                byStatus: byStatus)
        }
    }

    /// The `WHERE` clause of `query` (its paging aside) and its arguments.
    private static func condition(organisation: Organisation.ID, query: ClueQuery) -> (String, StatementArguments) {
        var conditions = ["organisation_id = ?", "score >= ?"]
        var arguments: StatementArguments = [organisation.rawValue, query.minimumScore]
        if let status = query.status {
            conditions.append("status = ?")
            arguments += [status.rawValue]
        }
        if let seller = query.seller {
            conditions.append("seller_id = ?")
            arguments += [seller.rawValue]
        }
        if let right = query.right {
            conditions.append("right_id = ?")
            arguments += [right.rawValue]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// Rows of `(label, count)` as chart bars.
    private static func labelledCounts(_ db: Database, sql: String, arguments: StatementArguments) throws
        -> [LabelledCount]
    {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map {
            LabelledCount(label: try $0.decode(String.self, atIndex: 0), count: try $0.decode(Int.self, atIndex: 1))
        }
    }

    private static func fetchOne(_ db: Database, id: Clue.ID, organisation: Organisation.ID) throws -> Clue? {
        try Row.fetchOne(
            db, sql: "SELECT \(columns) FROM clues WHERE organisation_id = ? AND id = ?",
            arguments: [organisation.rawValue, id.rawValue]
        ).map(clue(from:))
    }

    private static func clue(from row: Row) throws -> Clue {
        Clue(
            id: Clue.ID(try row.decode(String.self, atIndex: 0)),
            organisation: Organisation.ID(try row.decode(String.self, atIndex: 1)),
            listing: Listing.ID(try row.decode(String.self, atIndex: 2)),
            right: Right.ID(try row.decode(String.self, atIndex: 3)),
            seller: Party.ID(try row.decode(String.self, atIndex: 4)),
            score: try row.decode(Double.self, atIndex: 5),
            signals: try StoredValue.decodeJSON([Signal].self, try row.decode(String.self, atIndex: 6)),
            status: try StoredValue.enumeration(Clue.Status.self, try row.decode(String.self, atIndex: 7)),
            createdAt: try StoredValue.date(try row.decode(String.self, atIndex: 8)),
            updatedAt: try StoredValue.date(try row.decode(String.self, atIndex: 9)))
    }
}
