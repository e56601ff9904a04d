import CustosCore
import CustosStore
import Foundation
import GRDB

/// Registered copy-detection fingerprints in SQLite: one `right_fingerprints` row per right, the fingerprints in
/// one BLOB, deleted with the right (ON DELETE CASCADE).
struct SQLiteRightFingerprintRepository: RightFingerprintRepository {
    let database: any DatabaseWriter

    private static let columns =
        "right_id, kind, k, window, salt, files, fingerprint_count, entries, source, recorded_at"

    func replaceFingerprints(_ fingerprints: RightFingerprints) async throws {
        guard fingerprints.k > 0, fingerprints.window > 0, fingerprints.fingerprintCount >= 0 else {
            throw StoreError(
                .constraint,
                "Cannot store the fingerprints of right \(fingerprints.right): bad k-gram length, window or count.")
        }
        let files = try StoredValue.json(fingerprints.files)
        try await database.writeMapping("store the fingerprints of right \(fingerprints.right)") { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO right_fingerprints (organisation_id, \(Self.columns))
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    fingerprints.organisation.rawValue, fingerprints.right.rawValue, fingerprints.kind.rawValue,
                    fingerprints.k, fingerprints.window, fingerprints.saltHex, files, fingerprints.fingerprintCount,
                    fingerprints.entries, fingerprints.source, StoredTimestamp.string(from: fingerprints.recordedAt),
                ])
        }
    }

    @discardableResult
    func deleteFingerprints(of right: Right.ID, in organisation: Organisation.ID) async throws -> Bool {
        try await database.writeMapping("delete the fingerprints of right \(right)") { db in
            try db.execute(
                sql: "DELETE FROM right_fingerprints WHERE organisation_id = ? AND right_id = ?",
                arguments: [organisation.rawValue, right.rawValue])
            return db.changesCount > 0
        }
    }

    func fingerprints(of right: Right.ID, in organisation: Organisation.ID) async throws -> RightFingerprints? {
        try await database.readMapping("read the fingerprints of right \(right)") { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(Self.columns) FROM right_fingerprints WHERE organisation_id = ? AND right_id = ?",
                arguments: [organisation.rawValue, right.rawValue]
            ).map { try Self.fingerprints(from: $0, organisation: organisation) }
        }
    }

    func forEachFingerprints(
        in organisation: Organisation.ID, batchSize: Int, _ body: @Sendable ([RightFingerprints]) throws -> Void
    ) async throws {
        guard batchSize > 0 else {
            throw StoreError(.constraint, "A batch of fingerprints must hold at least one right, not \(batchSize).")
        }
        let sql = """
            SELECT \(Self.columns) FROM right_fingerprints
            WHERE organisation_id = ? AND right_id > ? ORDER BY right_id LIMIT ?
            """
        // One read transaction: every batch comes from the same snapshot.
        try await database.readMapping("read the fingerprints of organisation \(organisation)") { db in
            var after = ""
            while true {
                let batch = try Row.fetchAll(
                    db.cachedStatement(sql: sql), arguments: [organisation.rawValue, after, batchSize]
                ).map { try Self.fingerprints(from: $0, organisation: organisation) }
                guard let last = batch.last else { return }
                try body(batch)
                if batch.count < batchSize { return }
                after = last.right.rawValue
            }
        }
    }

    func countFingerprints(in organisation: Organisation.ID) async throws -> Int {
        try await database.readMapping("count the fingerprints of organisation \(organisation)") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM right_fingerprints WHERE organisation_id = ?",
                arguments: [organisation.rawValue]) ?? 0
        }
    }

    private static func fingerprints(from row: Row, organisation: Organisation.ID) throws -> RightFingerprints {
        let kindText: String = try row.decode(String.self, atIndex: 1)
        guard let kind = RightFingerprints.Kind(rawValue: kindText) else {
            throw StoreError(.io, "Stored fingerprints have an unknown kind: \(kindText.prefix(40)).")
        }
        let recorded: String = try row.decode(String.self, atIndex: 9)
        guard let recordedAt = StoredTimestamp.date(from: recorded) else {
            throw StoreError(.io, "Stored fingerprints have an unreadable timestamp: \(recorded.prefix(40)).")
        }
        return RightFingerprints(
            organisation: organisation, right: Right.ID(try row.decode(String.self, atIndex: 0)), kind: kind,
            k: try row.decode(Int.self, atIndex: 2), window: try row.decode(Int.self, atIndex: 3),
            saltHex: try row.decode(String?.self, atIndex: 4),
            files: try StoredValue.decodeJSON(
                [RightFingerprints.File].self, try row.decode(String.self, atIndex: 5)),
            fingerprintCount: try row.decode(Int.self, atIndex: 6), entries: try row.decode(Data.self, atIndex: 7),
            source: try row.decode(String.self, atIndex: 8), recordedAt: recordedAt)
    }
}
