import CustosCore
import CustosStore
import Foundation
import GRDB

/// Rights in SQLite: a `rights` row with the common fields, `right_classes` rows, and one row in the kind's
/// detail table (see `SQLiteSchema.detailTable(for:)`).
struct SQLiteRightRepository: RightRepository {
    let database: any DatabaseWriter

    func upsert(_ rights: [Right]) async throws -> RightsWriteSummary {
        try await database.writeMapping("write rights") { db in
            try SQLiteRightBatchWriter(db: db).write(rights)
        }
    }

    func withImportTransaction<T: Sendable>(
        _ body: @Sendable (any RightBatchWriter) throws -> T
    ) async throws -> T {
        try await database.writeMapping("import rights") { db in
            try body(SQLiteRightBatchWriter(db: db))
        }
    }

    func right(_ id: Right.ID, in organisation: Organisation.ID) async throws -> Right? {
        try await database.readMapping("read a right") { db in
            try RightRowDecoder.fetchAll(
                db, where: "r.organisation_id = ? AND r.id = ?", arguments: [organisation.rawValue, id.rawValue]
            ).first
        }
    }

    func rights(in organisation: Organisation.ID, kinds: Set<RightKind>?, after: Right.ID?, limit: Int)
        async throws -> [Right]
    {
        try await database.readMapping("list rights") { db in
            try Self.page(db, organisation: organisation, kinds: kinds, after: after, limit: limit)
        }
    }

    func forEachRight(
        in organisation: Organisation.ID, batchSize: Int, _ body: @Sendable ([Right]) throws -> Void
    ) async throws {
        precondition(batchSize > 0, "batchSize must be positive")
        // One read transaction: every batch comes from the same snapshot, and in WAL mode writers are not held up.
        try await database.readMapping("read rights") { db in
            var after: Right.ID?
            while true {
                let batch = try Self.page(db, organisation: organisation, kinds: nil, after: after, limit: batchSize)
                guard let last = batch.last else { return }
                try body(batch)
                if batch.count < batchSize { return }
                after = last.id
            }
        }
    }

    func countRights(in organisation: Organisation.ID) async throws -> Int {
        try await database.readMapping("count rights") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM rights WHERE organisation_id = ?", arguments: [organisation.rawValue]
            ) ?? 0
        }
    }

    func searchRights(
        in organisation: Organisation.ID, text: String, kinds: Set<RightKind>?, limit: Int, offset: Int
    ) async throws -> [Right] {
        guard limit > 0 else { return [] }
        return try await database.readMapping("search rights") { db in
            guard
                let (condition, arguments) = Self.searchCondition(organisation: organisation, text: text, kinds: kinds)
            else { return [] }
            return try RightRowDecoder.fetchAll(
                db, where: condition, arguments: arguments, orderAndLimit: limit, offset: max(0, offset))
        }
    }

    func countRights(in organisation: Organisation.ID, text: String, kinds: Set<RightKind>?) async throws -> Int {
        try await database.readMapping("count matching rights") { db in
            guard
                let (condition, arguments) = Self.searchCondition(organisation: organisation, text: text, kinds: kinds)
            else { return 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rights r WHERE \(condition)", arguments: arguments)
                ?? 0
        }
    }

    func delete(_ id: Right.ID, in organisation: Organisation.ID) async throws -> Bool {
        try await database.writeMapping("delete a right") { db in
            // The classes, the detail row and the clues reference the right with ON DELETE CASCADE.
            try db.execute(
                sql: "DELETE FROM rights WHERE organisation_id = ? AND id = ?",
                arguments: [organisation.rawValue, id.rawValue])
            return db.changesCount > 0
        }
    }

    /// The `WHERE` clause (over `rights r`) of a search, or `nil` when nothing can match (an empty `kinds`).
    ///
    /// SQLite's `LIKE` folds only ASCII letters, which is enough (and fast) when the search text is ASCII; other
    /// text is compared after GRDB's `swiftLowercaseString`, which folds every script as PostgreSQL's `ILIKE` does.
    private static func searchCondition(organisation: Organisation.ID, text: String, kinds: Set<RightKind>?)
        -> (String, StatementArguments)?
    {
        var conditions = ["r.organisation_id = ?"]
        var arguments: StatementArguments = [organisation.rawValue]
        if let kinds {
            guard !kinds.isEmpty else { return nil }
            let sorted = kinds.map(\.rawValue).sorted()
            conditions.append("r.kind IN (\(Array(repeating: "?", count: sorted.count).joined(separator: ", ")))")
            arguments += StatementArguments(sorted)
        }
        if !text.isEmpty {
            let pattern = "%\(likeEscaped(text.lowercased()))%"
            let columns = ["r.id", "r.name", "r.owner", "r.registration_number"]
            let matches = columns.map { column in
                text.utf8.allSatisfy { $0 < 0x80 }
                    ? "\(column) LIKE ? ESCAPE '\\'" : "swiftLowercaseString(\(column)) LIKE ? ESCAPE '\\'"
            }
            conditions.append("(\(matches.joined(separator: " OR ")))")
            arguments += StatementArguments(Array(repeating: pattern, count: columns.count))
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// `text` with `LIKE`'s wildcards and the escape character escaped, so a search for `50%` finds `50%` only.
    static func likeEscaped(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            if character == "\\" || character == "%" || character == "_" {
                escaped.append("\\")
            }
            escaped.append(character)
        }
        return escaped
    }

    /// Keyset pagination by id, so deep pages cost the same as the first.
    private static func page(
        _ db: Database, organisation: Organisation.ID, kinds: Set<RightKind>?, after: Right.ID?, limit: Int
    ) throws -> [Right] {
        guard limit > 0 else { return [] }
        var conditions = ["r.organisation_id = ?"]
        var arguments: StatementArguments = [organisation.rawValue]
        if let kinds {
            guard !kinds.isEmpty else { return [] }
            let sorted = kinds.map(\.rawValue).sorted()
            conditions.append("r.kind IN (\(Array(repeating: "?", count: sorted.count).joined(separator: ", ")))")
            arguments += StatementArguments(sorted)
        }
        if let after {
            conditions.append("r.id > ?")
            arguments += [after.rawValue]
        }
        return try RightRowDecoder.fetchAll(
            db, where: conditions.joined(separator: " AND "), arguments: arguments, orderAndLimit: limit)
    }
}

/// Writes rights inside an open transaction.
struct SQLiteRightBatchWriter: RightBatchWriter {
    let db: Database

    func write(_ rights: [Right]) throws -> RightsWriteSummary {
        let now = StoredTimestamp.string(from: Date())
        var summary = RightsWriteSummary()
        let existing = try db.cachedStatement(sql: "SELECT kind FROM rights WHERE organisation_id = ? AND id = ?")
        let deleteClasses = try db.cachedStatement(
            sql: "DELETE FROM right_classes WHERE organisation_id = ? AND right_id = ?")
        let upsertRight = try db.cachedStatement(
            sql: """
                INSERT INTO rights (
                    organisation_id, id, kind, name, owner, jurisdiction, status, reference_price, currency,
                    filed_on, registered_on, expires_on, registration_number, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (organisation_id, id) DO UPDATE SET
                    kind = excluded.kind, name = excluded.name, owner = excluded.owner,
                    jurisdiction = excluded.jurisdiction, status = excluded.status,
                    reference_price = excluded.reference_price, currency = excluded.currency,
                    filed_on = excluded.filed_on, registered_on = excluded.registered_on,
                    expires_on = excluded.expires_on, registration_number = excluded.registration_number,
                    updated_at = excluded.updated_at
                """)
        let insertClass = try db.cachedStatement(
            sql: "INSERT INTO right_classes (organisation_id, right_id, class) VALUES (?, ?, ?) ON CONFLICT DO NOTHING"
        )
        for right in rights {
            let key: StatementArguments = [right.organisation.rawValue, right.id.rawValue]
            if let oldKind = try String.fetchOne(existing, arguments: key) {
                summary.updated += 1
                try deleteClasses.execute(arguments: key)
                if let kind = RightKind(rawValue: oldKind) {
                    try db.cachedStatement(
                        sql:
                            "DELETE FROM \(SQLiteSchema.detailTable(for: kind)) WHERE organisation_id = ? AND right_id = ?"
                    ).execute(arguments: key)
                }
            } else {
                summary.inserted += 1
            }
            try upsertRight.execute(arguments: [
                right.organisation.rawValue, right.id.rawValue, right.kind.rawValue, right.name, right.owner,
                right.jurisdiction, right.status.rawValue, right.referencePrice, right.currency,
                right.filedOn.map(StoredTimestamp.string(from:)), right.registeredOn.map(StoredTimestamp.string(from:)),
                right.expiresOn.map(StoredTimestamp.string(from:)), right.details.registrationNumber, now, now,
            ])
            for niceClass in right.classes {
                try insertClass.execute(arguments: [right.organisation.rawValue, right.id.rawValue, niceClass.number])
            }
            try writeDetails(of: right, key: key)
        }
        return summary
    }

    private func writeDetails(of right: Right, key: StatementArguments) throws {
        let details = right.details
        let table = SQLiteSchema.detailTable(for: right.kind)
        let (columns, values): ([String], StatementArguments) =
            switch right.kind {
            case .trademark: (["mark_type", "image"], [details.markType, details.image])
            case .patent, .utilityModel, .design:
                (
                    ["has_evaluation_report", "patent_classes", "image"],
                    [details.hasEvaluationReport, try details.patentClasses.map(StoredValue.json), details.image]
                )
            case .copyright: (["work_type"], [details.workType])
            case .geographicalIndication: (["product", "origin_region"], [details.product, details.originRegion])
            case .plantVariety: (["taxon"], [details.taxon])
            case .icLayout: (["image"], [details.image])
            case .tradeSecret: (["fingerprint"], [details.fingerprint])
            }
        let placeholders = Array(repeating: "?", count: columns.count + 2).joined(separator: ", ")
        try db.cachedStatement(
            sql:
                "INSERT INTO \(table) (organisation_id, right_id, \(columns.joined(separator: ", "))) VALUES (\(placeholders))"
        ).execute(arguments: key + values)
    }
}

/// Reads rights with their classes and details in one query per page.
enum RightRowDecoder {
    private static let select = """
        SELECT r.organisation_id, r.id, r.kind, r.name, r.owner, r.jurisdiction, r.status, r.reference_price,
            r.currency, r.filed_on, r.registered_on, r.expires_on, r.registration_number,
            (SELECT group_concat(c.class) FROM right_classes c
                WHERE c.organisation_id = r.organisation_id AND c.right_id = r.id),
            td.mark_type, td.image, pd.has_evaluation_report, pd.patent_classes, pd.image, cd.work_type,
            gd.product, gd.origin_region, vd.taxon, ld.image, sd.fingerprint
        FROM rights r
        LEFT JOIN trademark_details td ON td.organisation_id = r.organisation_id AND td.right_id = r.id
        LEFT JOIN patent_details pd ON pd.organisation_id = r.organisation_id AND pd.right_id = r.id
        LEFT JOIN copyright_details cd ON cd.organisation_id = r.organisation_id AND cd.right_id = r.id
        LEFT JOIN geographical_indication_details gd ON gd.organisation_id = r.organisation_id AND gd.right_id = r.id
        LEFT JOIN plant_variety_details vd ON vd.organisation_id = r.organisation_id AND vd.right_id = r.id
        LEFT JOIN ic_layout_details ld ON ld.organisation_id = r.organisation_id AND ld.right_id = r.id
        LEFT JOIN trade_secret_details sd ON sd.organisation_id = r.organisation_id AND sd.right_id = r.id
        """

    static func fetchAll(
        _ db: Database, where condition: String, arguments: StatementArguments, orderAndLimit limit: Int? = nil,
        offset: Int = 0
    ) throws -> [Right] {
        var sql = "\(select)\nWHERE \(condition)"
        var arguments = arguments
        if let limit {
            sql += "\nORDER BY r.id LIMIT ? OFFSET ?"
            arguments += [limit, offset]
        }
        return try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map(right(from:))
    }

    private static func right(from row: Row) throws -> Right {
        let kind = try StoredValue.enumeration(RightKind.self, try row.decode(String.self, atIndex: 2))
        let classes = try (row.decode(String?.self, atIndex: 13) ?? "")
            .split(separator: ",")
            .compactMap { Int($0).flatMap(NiceClass.init) }
            .sorted()
        var details = RightDetails(registrationNumber: try row.decode(String?.self, atIndex: 12))
        switch kind {
        case .trademark:
            details.markType = try row.decode(String?.self, atIndex: 14)
            details.image = try row.decode(String?.self, atIndex: 15)
        case .patent, .utilityModel, .design:
            details.hasEvaluationReport = try row.decode(Bool?.self, atIndex: 16)
            details.patentClasses = try row.decode(String?.self, atIndex: 17).map {
                try StoredValue.decodeJSON([String].self, $0)
            }
            details.image = try row.decode(String?.self, atIndex: 18)
        case .copyright:
            details.workType = try row.decode(String?.self, atIndex: 19)
        case .geographicalIndication:
            details.product = try row.decode(String?.self, atIndex: 20)
            details.originRegion = try row.decode(String?.self, atIndex: 21)
        case .plantVariety:
            details.taxon = try row.decode(String?.self, atIndex: 22)
        case .icLayout:
            details.image = try row.decode(String?.self, atIndex: 23)
        case .tradeSecret:
            details.fingerprint = try row.decode(String?.self, atIndex: 24)
        }
        return Right(
            id: Right.ID(try row.decode(String.self, atIndex: 1)),
            organisation: Organisation.ID(try row.decode(String.self, atIndex: 0)),
            kind: kind,
            name: try row.decode(String.self, atIndex: 3),
            classes: classes,
            owner: try row.decode(String.self, atIndex: 4),
            jurisdiction: try row.decode(String.self, atIndex: 5),
            status: try StoredValue.enumeration(RightStatus.self, try row.decode(String.self, atIndex: 6)),
            referencePrice: try row.decode(Double?.self, atIndex: 7),
            currency: try row.decode(String?.self, atIndex: 8),
            filedOn: try StoredValue.date(try row.decode(String?.self, atIndex: 9)),
            registeredOn: try StoredValue.date(try row.decode(String?.self, atIndex: 10)),
            expiresOn: try StoredValue.date(try row.decode(String?.self, atIndex: 11)),
            details: details)
    }
}
