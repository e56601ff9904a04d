import CustosCore
import CustosStore
import Foundation
import GRDB

/// Public counterfeit reports in SQLite: one installation-wide table, since reports belong to no organisation.
struct SQLitePublicReportRepository: PublicReportRepository {
    let database: any DatabaseWriter

    private static let columns = "id, brand, location, details, contact, status, created_at"

    func add(_ report: PublicReport) async throws {
        try await database.writeMapping("store a public report") { db in
            try db.execute(
                sql: "INSERT INTO public_reports (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [
                    report.id.rawValue, report.brand, report.location, report.details, report.contact,
                    report.status.rawValue, StoredTimestamp.string(from: report.createdAt),
                ])
        }
    }

    func report(_ id: PublicReport.ID) async throws -> PublicReport? {
        try await database.readMapping("read a public report") { db in
            try Self.fetchOne(db, id: id)
        }
    }

    func reports(status: PublicReport.Status?, limit: Int, offset: Int) async throws -> [PublicReport] {
        guard limit > 0 else { return [] }
        return try await database.readMapping("list public reports") { db in
            let (condition, arguments) = Self.condition(status: status)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.columns) FROM public_reports \(condition)
                    ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?
                    """,
                arguments: arguments + [limit, max(0, offset)]
            ).map(Self.report(from:))
        }
    }

    func countReports(status: PublicReport.Status?) async throws -> Int {
        try await database.readMapping("count public reports") { db in
            let (condition, arguments) = Self.condition(status: status)
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM public_reports \(condition)", arguments: arguments)
                ?? 0
        }
    }

    func setStatus(_ status: PublicReport.Status, of id: PublicReport.ID) async throws -> PublicReport? {
        try await database.writeMapping("triage a public report") { db in
            try db.execute(
                sql: "UPDATE public_reports SET status = ? WHERE id = ?", arguments: [status.rawValue, id.rawValue])
            guard db.changesCount > 0 else { return nil }
            return try Self.fetchOne(db, id: id)
        }
    }

    private static func condition(status: PublicReport.Status?) -> (String, StatementArguments) {
        guard let status else { return ("", []) }
        return ("WHERE status = ?", [status.rawValue])
    }

    private static func fetchOne(_ db: Database, id: PublicReport.ID) throws -> PublicReport? {
        try Row.fetchOne(db, sql: "SELECT \(columns) FROM public_reports WHERE id = ?", arguments: [id.rawValue])
            .map(report(from:))
    }

    private static func report(from row: Row) throws -> PublicReport {
        PublicReport(
            id: PublicReport.ID(try row.decode(String.self, atIndex: 0)),
            brand: try row.decode(String.self, atIndex: 1),
            location: try row.decode(String.self, atIndex: 2),
            details: try row.decode(String.self, atIndex: 3),
            contact: try row.decode(String?.self, atIndex: 4),
            status: try StoredValue.enumeration(PublicReport.Status.self, try row.decode(String.self, atIndex: 5)),
            createdAt: try StoredValue.date(try row.decode(String.self, atIndex: 6)))
    }
}
