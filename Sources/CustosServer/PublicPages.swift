import CustosCore
import Foundation
import Hummingbird

/// The pages anyone may read: the home page, the counterfeit report form and the disclosure list
/// (``DisclosurePages``).
struct PublicPages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.get("/", use: home)
        router.get("report", use: reportForm)
        router.post("report", use: fileReport)
        DisclosurePages(services: services).register(on: router)
    }

    @Sendable func home(_ request: Request, context: PortalContext) async throws -> Response {
        if context.principal != nil { return PageRedirect.to("/dashboard") }
        let page = HomePage(
            chrome: Chrome(
                context: context, title: "Protecting brands, works and inventions", section: "",
                notice: PageNotice.message(for: request)))
        return try services.pages.render("home", page)
    }

    @Sendable func reportForm(_ request: Request, context: PortalContext) async throws -> Response {
        try reportPage(request, context: context, values: ReportSubmission(brand: "", location: "", details: ""))
    }

    @Sendable func fileReport(_ request: Request, context: PortalContext) async throws -> Response {
        let form = try await FormReader(services: services).read(request, context: context, protection: .anonymous)
        let submission = ReportSubmission(
            brand: form.text("brand"), location: form.text("location"), details: form.text("details"),
            contact: form.text("contact"))
        let outcome: Result<PublicReport, APIError>
        do {
            outcome = .success(
                try await PublicReports(services: services).file(submission, from: context.remoteAddress))
        } catch {
            outcome = .failure(error)
        }
        let report: PublicReport
        switch outcome {
        case .success(let filed):
            report = filed
        case .failure(let error) where error.code == .unprocessable || error.code == .rateLimited:
            var response = try reportPage(
                request, context: context, values: submission, message: error.message,
                problems: error.details, status: error.status)
            if let retry = error.retryAfter { response.headers[.retryAfter] = String(retry) }
            return response
        case .failure(let error):
            throw error
        }
        let page = ReportThanksPage(
            chrome: Chrome(context: context, title: "Thank you", section: "report"), id: report.id.rawValue)
        var response = try services.pages.render("report-thanks", page)
        // A new token makes a reload of the finished form fail instead of filing the report twice.
        response.setCookie(AnonymousToken.fresh(services: services))
        return response
    }

    private func reportPage(
        _ request: Request, context: PortalContext, values: ReportSubmission, message: String? = nil,
        problems: [String] = [], status: HTTPResponse.Status = .ok
    ) throws(APIError) -> Response {
        let token = AnonymousToken(request, services: services)
        let invalid = Set(problems.compactMap { $0.split(separator: ":").first.map(String.init) })
        let page = ReportPage(
            chrome: Chrome(context: context, title: "Report a counterfeit", section: "report"),
            csrf: token.value, brand: values.brand, location: values.location, details: values.details,
            contact: values.contact ?? "", message: message, problems: problems.map(ReportPage.problem),
            hasProblems: !problems.isEmpty,
            brandInvalid: invalid.contains("brand"), locationInvalid: invalid.contains("location"),
            detailsInvalid: invalid.contains("details"), contactInvalid: invalid.contains("contact"))
        var response = try services.pages.render("report", page, status: status)
        response.setCookie(token.cookie)
        return response
    }
}

/// The public home page.
struct HomePage: Sendable {
    var chrome: Chrome
}

/// The counterfeit report form, with the values and problems of a refused attempt.
struct ReportPage: Sendable {
    var chrome: Chrome
    var csrf: String
    var brand: String
    var location: String
    var details: String
    var contact: String
    var message: String?
    var problems: [String]
    var hasProblems: Bool
    var brandInvalid: Bool
    var locationInvalid: Bool
    var detailsInvalid: Bool
    var contactInvalid: Bool

    /// A problem as `PublicReports` words it (`brand: required`), as a sentence.
    static func problem(_ detail: String) -> String {
        let parts = detail.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { return detail }
        let field = parts[0].prefix(1).uppercased() + parts[0].dropFirst()
        return parts[1] == "required" ? "\(field) is required." : "\(field): \(parts[1])."
    }
}

/// The answer to a filed report.
struct ReportThanksPage: Sendable {
    var chrome: Chrome
    var id: String
}
