import CustosCore
import Foundation
import Hummingbird
import Mustache

/// Renders the portal's server-side pages from the Mustache templates in `Resources/templates`.
///
/// Every page extends `layout.mustache` (header, navigation for the signed-in role, main, footer). Values are
/// HTML-escaped by Mustache's `{{…}}`; only `{{{…}}}` inserts markup, and it is used for the server's own SVG
/// charts alone.
public struct PageRenderer: Sendable {
    private let library: MustacheLibrary

    /// Loads the bundled templates.
    public static func bundled() async throws -> PageRenderer {
        guard let resources = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw APIError(.internal, "The portal templates are missing from the build.")
        }
        let library = try await MustacheLibrary(directory: resources.appendingPathComponent("templates").path)
        return PageRenderer(library: library)
    }

    /// The bundled static files (`portal.css`).
    static var staticDirectory: URL? {
        Bundle.module.url(forResource: "Resources", withExtension: nil)?.appendingPathComponent("static")
    }

    init(library: MustacheLibrary) {
        self.library = library
    }

    /// Renders `template` with `page` as an HTML response.
    func render(_ template: String, _ page: some Any, status: HTTPResponse.Status = .ok) throws(APIError) -> Response {
        guard let html = library.render(page, withTemplate: template) else {
            throw APIError(.internal, "No page template \"\(template)\".")
        }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    /// The HTML page for an error.
    func errorPage(_ error: APIError, context: PortalContext) -> Response {
        let page = ErrorPage(
            chrome: Chrome(context: context, title: "Error \(error.code.status)", section: ""),
            status: error.code.status, message: error.message, requestID: context.requestID,
            signIn: error.code == .unauthenticated)
        if let response = try? render("error", page, status: error.status) { return response }
        return Response(
            status: error.status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: "\(error.code.status) \(error.message)\n")))
    }
}

/// What every page's frame shows: the title, who is signed in, the navigation their role may use, and the CSRF
/// token for forms.
struct Chrome: Sendable {
    /// One navigation link.
    struct Link: Sendable {
        var href: String
        var label: String
        var current: Bool
    }

    var title: String
    var signedIn: Bool
    var userName: String
    var organisationName: String
    var role: String
    var csrf: String
    var links: [Link]
    var notice: String?

    init(context: PortalContext, title: String, section: String, notice: String? = nil) {
        self.title = title
        self.notice = notice
        let principal = context.principal
        signedIn = principal != nil
        userName = principal?.user.displayName ?? ""
        organisationName = principal?.organisation.name ?? ""
        role = principal?.role.rawValue ?? ""
        csrf = principal?.csrfToken ?? ""
        var links: [Link] = []
        func add(_ href: String, _ label: String, _ key: String, _ permission: Permission?) {
            if let permission, !(principal?.role.grants(permission) ?? false) { return }
            links.append(Link(href: href, label: label, current: key == section))
        }
        if principal != nil {
            add("/dashboard", "Dashboard", "dashboard", .readClues)
            add("/portfolio", "Portfolio", "portfolio", .readPortfolio)
            add("/marks", "Mark search", "marks", .searchMarks)
            add("/clues", "Clues", "clues", .readClues)
            add("/evidence", "Evidence", "evidence", .readEvidence)
            add("/cases", "Cases", "cases", .readCases)
            add("/reports", "Public reports", "reports", .triageReports)
            add("/damages", "Damages", "damages", .assessDamages)
        } else {
            add("/report", "Report a counterfeit", "report", nil)
            add("/disclosure", "Disclosure list", "disclosure", nil)
            add("/login", "Sign in", "login", nil)
        }
        self.links = links
    }
}

/// The error page.
struct ErrorPage: Sendable {
    var chrome: Chrome
    var status: Int
    var message: String
    var requestID: String
    var signIn: Bool
}
