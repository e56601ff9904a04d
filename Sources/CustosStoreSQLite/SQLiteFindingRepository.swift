import CustosCore
import CustosCredit
import CustosStore
import Foundation
import GRDB

/// Findings in SQLite: one `findings` row each, the appeal decision in nullable columns.
struct SQLiteFindingRepository: FindingRepository {
    let database: any DatabaseWriter

    private static let columns = """
        organisation_id, id, party_id, kind, case_reference, summary, decided_by, decided_at, appeal_outcome,
        appeal_varied_kind, appeal_decided_at, appeal_reference
        """

    func save(_ findings: [Finding]) async throws {
        guard !findings.isEmpty else { return }
        for finding in findings where finding.id.rawValue.trimmingCharacters(in: .whitespaces).isEmpty {
            throw StoreError(
                .constraint, "Cannot save a finding with a blank identifier (party \(finding.party)).")
        }
        try await database.writeMapping("save findings") { db in
            // The deciding body owns its finding: a replacement from another body is refused, not merged. Who decided
            // the appeal is kept while the appeal is the same one.
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO findings (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (organisation_id, id) DO UPDATE SET
                        party_id = excluded.party_id, kind = excluded.kind,
                        case_reference = excluded.case_reference, summary = excluded.summary,
                        decided_at = excluded.decided_at, appeal_outcome = excluded.appeal_outcome,
                        appeal_varied_kind = excluded.appeal_varied_kind,
                        appeal_decided_at = excluded.appeal_decided_at, appeal_reference = excluded.appeal_reference,
                        appeal_decided_by = CASE
                            WHEN excluded.appeal_outcome IS findings.appeal_outcome
                                AND excluded.appeal_decided_at IS findings.appeal_decided_at
                            THEN findings.appeal_decided_by END
                    WHERE findings.decided_by = excluded.decided_by
                    """)
            for finding in findings {
                let appeal = finding.appeal
                try upsert.execute(arguments: [
                    finding.organisation.rawValue, finding.id.rawValue, finding.party.rawValue, finding.kind.rawValue,
                    finding.basis.caseReference, finding.basis.summary, finding.decidedBy.rawValue,
                    StoredTimestamp.string(from: finding.decidedAt), appeal?.outcome.rawValue,
                    appeal?.variedKind?.rawValue, appeal.map { StoredTimestamp.string(from: $0.decidedAt) },
                    appeal?.reference,
                ])
                if db.changesCount == 0 {
                    let owner =
                        try String.fetchOne(
                            db, sql: "SELECT decided_by FROM findings WHERE organisation_id = ? AND id = ?",
                            arguments: [finding.organisation.rawValue, finding.id.rawValue]) ?? "another body"
                    throw StoreError(
                        .constraint,
                        "Cannot save finding \(finding.id) of organisation \(finding.organisation): it was decided "
                            + "by \(owner), so \(finding.decidedBy) may not replace it.")
                }
            }
        }
    }

    func recordAppeal(
        _ appeal: Finding.Appeal, on id: Finding.ID, in organisation: Organisation.ID, by decidingBody: Organisation.ID
    ) async throws -> Finding? {
        try await database.writeMapping("record an appeal against finding \(id)") { db in
            try db.execute(
                sql: """
                    UPDATE findings SET appeal_outcome = ?, appeal_varied_kind = ?, appeal_decided_at = ?,
                        appeal_reference = ?, appeal_decided_by = ?
                    WHERE organisation_id = ? AND id = ?
                    """,
                arguments: [
                    appeal.outcome.rawValue, appeal.variedKind?.rawValue,
                    StoredTimestamp.string(from: appeal.decidedAt),
                    appeal.reference, decidingBody.rawValue, organisation.rawValue, id.rawValue,
                ])
            guard db.changesCount > 0 else { return nil }
            return try Self.fetchOne(db, id: id, organisation: organisation)
        }
    }

    func finding(_ id: Finding.ID, in organisation: Organisation.ID) async throws -> Finding? {
        try await database.readMapping("read finding \(id)") { db in
            try Self.fetchOne(db, id: id, organisation: organisation)
        }
    }

    func findings(of party: Party.ID, in organisation: Organisation.ID) async throws -> [Finding] {
        try await database.readMapping("read the findings against party \(party)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.columns) FROM findings WHERE organisation_id = ? AND party_id = ?
                    ORDER BY decided_at, id
                    """,
                arguments: [organisation.rawValue, party.rawValue]
            ).map(Self.finding(from:))
        }
    }

    func findings(after cursor: FindingCursor?, limit: Int) async throws -> [Finding] {
        guard limit > 0 else { return [] }
        return try await database.readMapping("list findings") { db in
            try Self.page(db, after: cursor, limit: limit)
        }
    }

    func forEachFinding(batchSize: Int, _ body: @Sendable ([Finding]) throws -> Void) async throws {
        precondition(batchSize > 0, "batchSize must be positive")
        // One read transaction: every batch comes from the same snapshot.
        try await database.readMapping("read findings") { db in
            var cursor: FindingCursor?
            while true {
                let batch = try Self.page(db, after: cursor, limit: batchSize)
                guard let last = batch.last else { return }
                try body(batch)
                if batch.count < batchSize { return }
                cursor = FindingCursor(after: last)
            }
        }
    }

    func countFindings(in organisation: Organisation.ID?) async throws -> Int {
        try await database.readMapping("count findings") { db in
            if let organisation {
                return try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM findings WHERE organisation_id = ?",
                    arguments: [organisation.rawValue]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM findings") ?? 0
        }
    }

    /// Keyset pagination over the primary key, so deep pages cost the same as the first.
    private static func page(_ db: Database, after cursor: FindingCursor?, limit: Int) throws -> [Finding] {
        var sql = "SELECT \(columns) FROM findings"
        var arguments = StatementArguments()
        if let cursor {
            sql += " WHERE (organisation_id, id) > (?, ?)"
            arguments = [cursor.organisation.rawValue, cursor.id.rawValue]
        }
        sql += " ORDER BY organisation_id, id LIMIT ?"
        arguments += [limit]
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(finding(from:))
    }

    private static func fetchOne(_ db: Database, id: Finding.ID, organisation: Organisation.ID) throws -> Finding? {
        try Row.fetchOne(
            db, sql: "SELECT \(columns) FROM findings WHERE organisation_id = ? AND id = ?",
            arguments: [organisation.rawValue, id.rawValue]
        ).map(finding(from:))
    }

    private static func finding(from row: Row) throws -> Finding {
        var appeal: Finding.Appeal?
        if let outcome = try row.decode(String?.self, atIndex: 8) {
            appeal = Finding.Appeal(
                outcome: try StoredValue.enumeration(Finding.Appeal.Outcome.self, outcome),
                variedKind: try row.decode(String?.self, atIndex: 9).map {
                    try StoredValue.enumeration(Finding.Kind.self, $0)
                },
                decidedAt: try StoredValue.date(try row.decode(String.self, atIndex: 10)),
                reference: try row.decode(String?.self, atIndex: 11))
        }
        return Finding(
            id: Finding.ID(try row.decode(String.self, atIndex: 1)),
            party: Party.ID(try row.decode(String.self, atIndex: 2)),
            organisation: Organisation.ID(try row.decode(String.self, atIndex: 0)),
            kind: try StoredValue.enumeration(Finding.Kind.self, try row.decode(String.self, atIndex: 3)),
            basis: Finding.Basis(
                caseReference: try row.decode(String.self, atIndex: 4),
                summary: try row.decode(String.self, atIndex: 5)),
            decidedBy: Organisation.ID(try row.decode(String.self, atIndex: 6)),
            decidedAt: try StoredValue.date(try row.decode(String.self, atIndex: 7)),
            appeal: appeal)
    }
}
