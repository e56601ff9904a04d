import CustosCore
import CustosCredit
import Foundation
import Hummingbird

/// The public disclosure list of repeat and wilful infringers: the page `GET /disclosure` and the documents
/// `GET /public/disclosure.json` and `GET /public/disclosure.csv`. Nobody needs to sign in; the old page
/// `/infringers` redirects here for good.
struct DisclosurePages {
    let services: PortalServices

    /// How long a client or shared cache may reuse a document before asking again; the entity tag makes the
    /// question cheap.
    static let cacheControl = "public, max-age=300"

    func register(on router: Router<PortalContext>) {
        router.get("disclosure", use: page)
        router.get("infringers") { _, _ in Response(status: .movedPermanently, headers: [.location: "/disclosure"]) }
        router.get("public/disclosure.json") { request, _ in try await document(.json, request) }
        router.get("public/disclosure.csv") { request, _ in try await document(.csv, request) }
    }

    /// The publisher with the server's policies.
    var publisher: DisclosurePublisher {
        DisclosurePublisher(store: services.store, policy: services.configuration.disclosurePolicy)
    }

    /// The moment the list describes: the case clock, so that tests and the case workflow agree on "now".
    var now: Date { services.cases.clock.now() }

    @Sendable func page(_ request: Request, context: PortalContext) async throws -> Response {
        let list = try await publisher.list(asOf: now)
        var names: [Organisation.ID: String] = [:]
        for body in Set(list.entries.flatMap { $0.basis.map(\.decidedBy) }) {
            names[body] = try await stored { try await services.store.organisations.organisation(body)?.name }
        }
        let page = DisclosurePage(
            chrome: Chrome(context: context, title: "Disclosure list", section: "disclosure"), list: list,
            bodyNames: names)
        var response = try services.pages.render("disclosure", page)
        response.headers[.cacheControl] = "no-cache"
        return response
    }

    /// The list as a document, answering `304 Not Modified` when the client's copy is current.
    func document(_ format: DisclosurePublisher.Format, _ request: Request) async throws -> Response {
        let list = try await publisher.list(asOf: now)
        let tag = DisclosurePublisher.entityTag(of: list, format: format)
        var headers: HTTPFields = [.cacheControl: Self.cacheControl, .eTag: tag]
        if let asked = request.headers[.ifNoneMatch], Self.matches(asked, tag) {
            return Response(status: .notModified, headers: headers)
        }
        let data = try DisclosurePublisher.encode(list, as: format)
        switch format {
        case .json:
            headers[.contentType] = "application/json; charset=utf-8"
        case .csv:
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = #"attachment; filename="disclosure.csv""#
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }

    /// Whether an `If-None-Match` header names `tag` (weak comparison, RFC 9110 §13.1.2).
    static func matches(_ header: String, _ tag: String) -> Bool {
        func opaque(_ text: Substring) -> Substring {
            let trimmed = text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()
            let value = Substring(trimmed)
            return value.hasPrefix("W/") ? value.dropFirst(2) : value
        }
        let wanted = opaque(Substring(tag))
        return header.split(separator: ",").contains { opaque($0) == wanted || opaque($0) == "*" }
    }
}

/// The disclosure page: every listed party with the basis of its listing, its expiry and how to appeal.
struct DisclosurePage: Sendable {
    /// One listed party.
    struct Entry: Sendable {
        var name: String
        var anchor: String
        var region: String?
        var platform: String?
        var grade: String
        var reasons: String
        var kinds: String
        var explanation: String
        var basis: [Basis]
        var listedSince: String
        var expires: String
        var appealDeadline: String
        var appealInstructions: String
        var appealURL: String?
    }

    /// A finding a listing rests on.
    struct Basis: Sendable {
        var caseReference: String
        var kind: String
        var summary: String
        var decidedBy: String
        var decidedOn: String
    }

    var chrome: Chrome
    var entries: [Entry]
    var count: Int
    var generated: String
    var rules: String
    var appealRule: String

    init(chrome: Chrome, list: DisclosureList, bodyNames: [Organisation.ID: String]) {
        self.chrome = chrome
        let policy = list.policy
        count = list.entries.count
        generated = PageFormat.instant(list.generatedAt)
        let listed = policy.listedKinds.sorted().map(\.label)
        rules =
            "A seller is listed when \(max(1, policy.repeatThreshold)) or more infringement findings fall within "
            + "\(policy.repeatWindow), or on one finding of \(Self.sentence(listed)). A listing lasts "
            + "\(policy.listingPeriod) from the latest finding that caused it; a finding overturned on appeal no "
            + "longer counts."
        appealRule =
            "A listed seller may appeal within \(policy.appeal.period) of the latest finding: "
            + policy.appeal.instructions
        entries = list.entries.enumerated().map { offset, entry in
            var kinds: [Finding.Kind] = []
            for item in entry.basis where !kinds.contains(item.kind) { kinds.append(item.kind) }
            return Entry(
                name: entry.name, anchor: "entry-\(offset + 1)", region: entry.region, platform: entry.platform,
                grade: entry.grade.rawValue,
                reasons: entry.reasons.map { $0 == .repeated ? "repeat infringer" : "wilful infringer" }
                    .joined(separator: ", "),
                kinds: Self.sentence(kinds.map(\.label)), explanation: entry.explanation,
                basis: entry.basis.map { item in
                    Basis(
                        caseReference: item.caseReference, kind: item.kind.label, summary: item.summary,
                        decidedBy: bodyNames[item.decidedBy] ?? item.decidedBy.rawValue,
                        decidedOn: PageFormat.day(item.decidedAt))
                },
                listedSince: PageFormat.day(entry.listedOn), expires: PageFormat.day(entry.expiresOn),
                appealDeadline: PageFormat.day(entry.appeal.deadline), appealInstructions: entry.appeal.instructions,
                appealURL: entry.appeal.url)
        }
    }

    /// `a`, `a or b`, `a, b or c`.
    static func sentence(_ items: [String]) -> String {
        guard let last = items.last else { return "" }
        return items.count == 1 ? last : items.dropLast().joined(separator: ", ") + " or " + last
    }
}
