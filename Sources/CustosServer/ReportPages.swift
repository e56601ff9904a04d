import CustosCore
import Foundation
import Hummingbird

/// `/reports`: public counterfeit reports for authorities to triage, with a status filter, pages, and a form per
/// report to set its status.
struct ReportPages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.page("reports", needs: .triageReports, use: list)
        router.post("reports/:id/status", use: setStatus)
    }

    @Sendable func list(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let paging = try Paging(page: request)
        let status = try PublicReports.status(request.query("status"))
        let reports = try await stored {
            try await services.store.reports.reports(status: status, limit: paging.limit, offset: paging.offset)
        }
        let total = try await stored { try await services.store.reports.countReports(status: status) }
        let page = ReportListPage(
            chrome: Chrome(
                context: context, title: "Public reports", section: "reports",
                notice: PageNotice.message(for: request)),
            statuses: [PageOption(value: "", label: "Any status", selected: status == nil)]
                + PublicReport.Status.allCases.map {
                    PageOption(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0 == status)
                },
            filter: status?.rawValue ?? "", reports: reports.map(ReportListPage.Row.init), total: total,
            pager: PagePager(
                path: "/reports", filters: [("status", status?.rawValue ?? "")], paging: paging, count: reports.count,
                total: total))
        return try services.pages.render("reports", page)
    }

    @Sendable func setStatus(_ request: Request, context: PortalContext) async throws -> Response {
        _ = try context.require(.triageReports)
        let id = PublicReport.ID(try PageFormat.decodedParameter("id", context))
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        guard let status = try PublicReports.status(form.value("status")) else {
            throw APIError(.badRequest, "Choose a status.")
        }
        guard try await stored({ try await services.store.reports.setStatus(status, of: id) }) != nil else {
            throw APIError.notFound("report \(id)")
        }
        // The filter the list was showing, kept only when it is one of the statuses.
        var query: [(String, String)] = []
        if let filter = try? PublicReports.status(form.value("filter")) { query.append(("status", filter.rawValue)) }
        query.append(("notice", PageNotice.reportUpdated.rawValue))
        return PageRedirect.to("/reports?" + PageFormat.query(query))
    }
}

/// The list of public reports.
struct ReportListPage: Sendable {
    /// One report.
    struct Row: Sendable {
        var id: String
        var action: String
        var brand: String
        var location: String
        var details: String
        var contact: String?
        var status: String
        var filed: String
        var statuses: [PageOption]

        init(_ report: PublicReport) {
            id = report.id.rawValue
            action = "/reports/" + PageFormat.segment(report.id.rawValue) + "/status"
            brand = report.brand
            location = report.location
            details = report.details
            contact = report.contact
            status = report.status.rawValue
            filed = PageFormat.instant(report.createdAt)
            statuses = PublicReport.Status.allCases.map {
                PageOption(value: $0.rawValue, label: $0.rawValue.capitalized, selected: $0 == report.status)
            }
        }
    }

    var chrome: Chrome
    var statuses: [PageOption]
    var filter: String
    var reports: [Row]
    var total: Int
    var pager: PagePager
}
