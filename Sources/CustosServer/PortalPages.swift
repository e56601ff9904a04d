import CustosCore
import Foundation
import Hummingbird

/// The server-rendered web portal: every page works without JavaScript (the Content-Security-Policy allows none),
/// renders through `PageRenderer`, and posts forms that `FormReader` checks.
///
/// Pages for signed-in users redirect to the sign-in page when nobody is signed in and answer 403 to a role
/// without the page's permission. Successful posts redirect (Post/Redirect/Get) with a `notice` key that maps
/// to a fixed sentence, so no text from a request is ever echoed as a message.
struct PortalPages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        PublicPages(services: services).register(on: router)
        SignInPages(services: services).register(on: router)
        DashboardPages(services: services).register(on: router)
        PortfolioPages(services: services).register(on: router)
        MarkPages(services: services).register(on: router)
        CluePages(services: services).register(on: router)
        EvidencePages(services: services).register(on: router)
        ReportPages(services: services).register(on: router)
    }
}

extension Router<PortalContext> {
    /// Registers a GET page for signed-in users holding `permission`; the public is sent to the sign-in page.
    func page(
        _ path: RouterPath, needs permission: Permission,
        use handler: @escaping @Sendable (Request, PortalContext, Principal) async throws -> Response
    ) {
        get(path) { request, context in
            guard context.principal != nil else { return PageRedirect.toSignIn(from: request) }
            return try await handler(request, context, try context.require(permission))
        }
    }
}

/// 303 redirects, and the checks that keep them on this site.
enum PageRedirect {
    /// A 303 See Other to a local path.
    static func to(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// The sign-in page, asked to come back to the page `request` wanted.
    static func toSignIn(from request: Request) -> Response {
        var path = request.uri.path
        if let query = request.uri.query, !query.isEmpty { path += "?" + query }
        guard let next = safeNext(path), next != "/" else { return to("/login") }
        return to("/login?next=" + PageFormat.queryEscaped(next))
    }

    /// `text` when it is a path on this site, else `nil`.
    ///
    /// Only `/…` is accepted, never `//host` or `/\host` (browsers read both as another site), a scheme, control
    /// characters or the sign-in and sign-out pages themselves.
    static func safeNext(_ text: String?) -> String? {
        guard let text, text.hasPrefix("/"), text.utf8.count <= 1_000 else { return nil }
        let second = text.dropFirst().first
        guard second != "/", second != "\\", !text.contains("\\") else { return nil }
        guard !text.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) else { return nil }
        let path = text.split(separator: "?", maxSplits: 1).first.map(String.init) ?? text
        guard path != "/login", path != "/logout" else { return nil }
        return text
    }
}

/// The fixed messages a redirect may ask the next page to show.
enum PageNotice: String, CaseIterable, Sendable {
    case signedOut = "signed-out"
    case clueConfirmed = "clue-confirmed"
    case clueDismissed = "clue-dismissed"
    case evidenceDeposited = "evidence-deposited"
    case reportUpdated = "report-updated"
    case imageRegistered = "image-registered"
    case imageRemoved = "image-removed"

    /// The sentence shown.
    var message: String {
        switch self {
        case .signedOut: "You are signed out."
        case .clueConfirmed: "The clue is confirmed as an infringement."
        case .clueDismissed: "The clue is dismissed."
        case .evidenceDeposited: "The evidence is deposited in the ledger; its receipt is below."
        case .reportUpdated: "The report's status is updated."
        case .imageRegistered: "The image is registered: listings reusing it will be flagged."
        case .imageRemoved: "The image is removed."
        }
    }

    /// The message a request's `notice` key names, or `nil` for none or an unknown key.
    static func message(for request: Request) -> String? {
        request.query("notice").flatMap(PageNotice.init(rawValue:))?.message
    }
}

/// One choice of a `<select>`.
struct PageOption: Sendable {
    var value: String
    var label: String
    var selected: Bool
}

/// Previous and next links of a paged list, keeping its filters.
struct PagePager: Sendable {
    /// "Showing 26–50 of 120".
    var summary: String
    var previous: String?
    var next: String?
    var hasLinks: Bool

    /// - Parameters:
    ///   - path: The list's path.
    ///   - filters: The query items to keep (empty values are left out).
    ///   - paging: The page shown.
    ///   - count: How many items the page holds.
    ///   - total: How many items the list holds.
    init(path: String, filters: [(String, String)], paging: Paging, count: Int, total: Int) {
        let kept = filters.filter { !$0.1.isEmpty }
        func link(_ offset: Int) -> String {
            var items = kept
            if paging.limit != Paging.pageDefault { items.append(("limit", String(paging.limit))) }
            if offset > 0 { items.append(("offset", String(offset))) }
            return items.isEmpty ? path : path + "?" + PageFormat.query(items)
        }
        if count == 0 {
            summary = total == 0 ? "Nothing to show." : "Nothing on this page; \(total) in all."
        } else {
            summary = "Showing \(paging.offset + 1)–\(paging.offset + count) of \(total)."
        }
        previous = paging.offset > 0 ? link(max(0, paging.offset - paging.limit)) : nil
        next = paging.offset + count < total ? link(paging.offset + paging.limit) : nil
        hasLinks = previous != nil || next != nil
    }
}

extension Paging {
    /// The portal's page length.
    static let pageDefault = 25

    /// The portal's paging: 25 a page unless `limit` says otherwise (at most 200).
    init(page request: Request) throws(APIError) {
        try self.init(request, defaultLimit: Self.pageDefault, maximum: 200)
    }
}

/// Text formats of the pages: instants, scores, sizes, and URL escaping.
enum PageFormat {
    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        return calendar
    }()

    /// `2025-03-14 09:30 UTC`.
    static func instant(_ date: Date) -> String {
        let parts = utc.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02d UTC", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    /// `2025-03-14` (UTC).
    static func day(_ date: Date) -> String { RightDocument.day(date) }

    /// A score in 0…1 with two decimals.
    static func score(_ value: Double) -> String { String(format: "%.2f", value) }

    /// A whole number with thousands separated by commas: `12,345`.
    static func count(_ value: Int) -> String { DigitGrouping.grouped(value) }

    /// A price with its currency, when known.
    static func price(_ value: Double?, currency: String?) -> String? {
        guard let value else { return nil }
        return String(format: "%.2f", value) + (currency.map { " " + $0 } ?? "")
    }

    /// `812 bytes`, `12.3 KiB`, `4.0 MiB`.
    static func size(_ bytes: UInt64) -> String {
        if bytes < 1024 { return "\(bytes) bytes" }
        let units = ["KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes) / 1024
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format: "%.1f %@", value, units[unit])
    }

    /// `text` escaped for a query value: only unreserved characters and `/` stay as they are.
    static func queryEscaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? ""
    }

    /// `text` escaped as one path segment.
    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: segmentAllowed) ?? ""
    }

    /// A query string of `items`.
    static func query(_ items: [(String, String)]) -> String {
        items.map { queryEscaped($0.0) + "=" + queryEscaped($0.1) }.joined(separator: "&")
    }

    /// A path parameter of a page, percent-decoded (the router hands them over as sent).
    static func decodedParameter(_ name: String, _ context: PortalContext) throws(APIError) -> String {
        let raw = try context.parameter(name)
        return raw.removingPercentEncoding ?? raw
    }

    private static let queryAllowed = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
    private static let segmentAllowed = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
