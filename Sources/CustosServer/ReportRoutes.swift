import CustosCore
import Foundation
import Hummingbird

/// `/api/v1/reports`: counterfeit reports from the public (filing needs no sign-in and is rate-limited per
/// client address) and their triage by authorities.
struct ReportRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.post("reports", use: file)
        api.get("reports", use: list)
        api.get("reports/:id", use: read)
        api.post("reports/:id/status", use: setStatus)
        api.get("infringers", use: infringers)
    }

    @Sendable func file(_ request: Request, context: PortalContext) async throws -> Response {
        let body = try await JSONResponse.decode(ReportSubmission.self, from: request, limit: 64 << 10)
        let report = try await PublicReports(services: services).file(body, from: context.remoteAddress)
        return try JSONResponse.make(
            ReportReceipt(id: report.id.rawValue, status: report.status.rawValue), status: .created)
    }

    @Sendable func list(_ request: Request, context: PortalContext) async throws -> Response {
        _ = try context.require(.triageReports)
        let paging = try Paging(request)
        let status = try PublicReports.status(request.query("status"))
        let reports = try await stored {
            try await services.store.reports.reports(status: status, limit: paging.limit, offset: paging.offset)
        }
        let total = try await stored { try await services.store.reports.countReports(status: status) }
        return try JSONResponse.make(ListPage(items: reports.map(ReportDocument.init), total: total, paging: paging))
    }

    @Sendable func read(_ request: Request, context: PortalContext) async throws -> Response {
        _ = try context.require(.triageReports)
        let id = PublicReport.ID(try context.parameter("id"))
        guard let report = try await stored({ try await services.store.reports.report(id) }) else {
            throw APIError.notFound("report \(id)")
        }
        return try JSONResponse.make(ReportDocument(report))
    }

    @Sendable func setStatus(_ request: Request, context: PortalContext) async throws -> Response {
        _ = try context.require(.triageReports)
        let id = PublicReport.ID(try context.parameter("id"))
        let body = try await JSONResponse.decode(StatusChange.self, from: request)
        guard let status = try PublicReports.status(body.status) else {
            throw APIError(.badRequest, "status is required.")
        }
        guard let report = try await stored({ try await services.store.reports.setStatus(status, of: id) }) else {
            throw APIError.notFound("report \(id)")
        }
        return try JSONResponse.make(ReportDocument(report))
    }

    /// The public list of repeat and wilful infringers: the same document as `GET /public/disclosure.json`, kept at
    /// its first address for the API's clients.
    @Sendable func infringers(_ request: Request, context: PortalContext) async throws -> Response {
        try await DisclosurePages(services: services).document(.json, request)
    }
}

/// A public report as filed.
struct ReportSubmission: Decodable, Sendable {
    var brand: String
    var location: String
    var details: String
    var contact: String?
}

/// A status change.
struct StatusChange: Decodable, Sendable {
    var status: String
}

/// What the reporter gets back: the id to quote.
struct ReportReceipt: Encodable, Sendable {
    var id: String
    var status: String
}

/// A public report as authorities see it.
struct ReportDocument: Encodable, Sendable {
    var id: String
    var brand: String
    var location: String
    var details: String
    var contact: String?
    var status: String
    var createdAt: Date

    enum CodingKeys: String, CodingKey {
        case id, brand, location, details, contact, status
        case createdAt = "created_at"
    }

    init(_ report: PublicReport) {
        id = report.id.rawValue
        brand = report.brand
        location = report.location
        details = report.details
        contact = report.contact
        status = report.status.rawValue
        createdAt = report.createdAt
    }
}

/// Public report rules shared by the API and the report form.
struct PublicReports {
    let services: PortalServices

    /// Checks and stores a report; `rateLimited` past the per-address limit.
    func file(_ submission: ReportSubmission, from address: String) async throws(APIError) -> PublicReport {
        try await services.reportLimiter.require("report:" + address, doing: "reports from this address")
        var problems: [String] = []
        func check(_ value: String, _ name: String, max: Int, required: Bool = true) -> String {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if required && trimmed.isEmpty { problems.append("\(name): required") }
            if trimmed.count > max { problems.append("\(name): at most \(max) characters") }
            return trimmed
        }
        let brand = check(submission.brand, "brand", max: 200)
        let location = check(submission.location, "location", max: 2_000)
        let details = check(submission.details, "details", max: 10_000)
        let contact = check(submission.contact ?? "", "contact", max: 300, required: false)
        guard problems.isEmpty else {
            throw APIError(.unprocessable, "The report is incomplete.", details: problems)
        }
        let report = PublicReport(
            id: PublicReport.ID("R" + SecretToken.make(bytes: 9).uppercased().filter { $0.isLetter || $0.isNumber }),
            brand: brand, location: location, details: details, contact: contact.isEmpty ? nil : contact,
            createdAt: Date())
        try await stored { try await services.store.reports.add(report) }
        services.metrics.recordEvent("public_report")
        return report
    }

    static func status(_ text: String?) throws(APIError) -> PublicReport.Status? {
        guard let text, !text.isEmpty else { return nil }
        guard let status = PublicReport.Status(rawValue: text) else {
            throw APIError(.badRequest, "status must be new, triaged or rejected, not \"\(text)\".")
        }
        return status
    }
}
