import CustosCore
import CustosCredit
import Foundation
import Hummingbird

/// `/parties/{id}`: one party of the organisation: its credit grade with the reasons and findings behind it, the
/// seller accounts linked to it by shared identifiers (masked) and what they add to its risk, and how many of its
/// listings and clues are stored. Linked from the seller on each clue page.
struct PartyPages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.page("parties/:id", needs: PartyLookup.permission, use: detail)
    }

    @Sendable func detail(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let id = try PageFormat.decodedParameter("id", context)
        let profile = try await PartyLookup(services: services).profile(Party.ID(id), principal: principal)
        return try services.pages.render("party", PartyPage(context: context, profile: profile))
    }
}

/// The party page.
struct PartyPage: Sendable {
    /// A finding in the credit history.
    struct FindingRow: Sendable {
        var caseReference: String
        var kind: String
        var status: String
        var summary: String
        var decidedBy: String
        var decided: String
        var countsUntil: String
        var appeal: String?
    }

    /// A masked identifier of the party.
    struct IdentifierRow: Sendable {
        var kind: String
        var value: String
    }

    /// An account of the network.
    struct MemberRow: Sendable {
        var id: String
        var name: String?
        var href: String
        var grade: String
        var isSelf: Bool
    }

    /// A shared identifier and the accounts it links.
    struct LinkRow: Sendable {
        var kind: String
        var values: String
        var sellers: String
        var distance: String?
    }

    var chrome: Chrome
    var id: String
    var name: String
    var role: String
    var region: String?
    var platform: String?
    var grade: String
    var gradeMeaning: String
    var reasons: [String]
    var findings: [FindingRow]
    var hasFindings: Bool
    var assessed: String
    var identifiers: [IdentifierRow]
    var hasIdentifiers: Bool
    var hasNetwork: Bool
    var networkSize: Int
    var networkLinked: Int
    var members: [MemberRow]
    var membersShown: String?
    var links: [LinkRow]
    var riskScore: String?
    var riskReasons: [String]
    var hasRisk: Bool
    var listings: Int
    var clues: Int
    var confirmedClues: Int
    var cluesHref: String

    init(context: PortalContext, profile: PartyProfile) {
        let party = profile.party
        chrome = Chrome(context: context, title: "Party \(party.name)", section: "clues")
        id = party.id.rawValue
        name = party.name
        role = party.role.rawValue
        region = party.region
        platform = party.platform
        let record = profile.credit
        grade = record.grade.rawValue
        gradeMeaning = record.grade.meaning
        reasons = record.reasons.map(\.explanation)
        findings = record.history.map { entry in
            let finding = entry.finding
            let kind = finding.kind.label
            let effective = entry.effectiveKind.flatMap { $0 == finding.kind ? nil : $0.label }
            return FindingRow(
                caseReference: finding.basis.caseReference,
                kind: effective.map { "\(kind) (varied to \($0))" } ?? kind,
                status: entry.status.rawValue.replacingOccurrences(of: "_", with: " "), summary: finding.basis.summary,
                decidedBy: finding.decidedBy.rawValue, decided: PageFormat.day(finding.decidedAt),
                countsUntil: PageFormat.day(entry.countsUntil),
                appeal: finding.appeal.map { appeal in
                    "\(appeal.outcome.rawValue) on \(PageFormat.day(appeal.decidedAt))"
                        + (appeal.reference.map { " (\($0))" } ?? "")
                })
        }
        hasFindings = !findings.isEmpty
        assessed = PageFormat.instant(record.assessedAt)
        identifiers = profile.identifiers.map { IdentifierRow(kind: $0.kind.label, value: $0.masked) }
        hasIdentifiers = !identifiers.isEmpty
        let network = profile.network
        hasNetwork = (network?.members.count ?? 0) > 1
        networkSize = network?.members.count ?? 1
        networkLinked = max(0, networkSize - 1)
        members = profile.members.filter { !$0.isSelf }.map {
            MemberRow(
                id: $0.id.rawValue, name: $0.name, href: "/parties/" + PageFormat.segment($0.id.rawValue),
                grade: $0.grade.rawValue, isSelf: $0.isSelf)
        }
        membersShown =
            profile.members.count < networkSize
            ? "The first \(profile.members.count) of \(networkSize) accounts are listed." : nil
        links = (network?.links ?? []).map { link in
            LinkRow(
                kind: link.kind.label, values: link.values.joined(separator: " ~ "),
                sellers: link.sellers.map(\.rawValue).joined(separator: ", "),
                distance: link.distance.map { "\($0) bits apart" })
        }
        riskScore = profile.risk.flatMap { $0.score > 0 ? PageFormat.score($0.score) : nil }
        riskReasons = profile.risk?.reasons ?? []
        hasRisk = !riskReasons.isEmpty
        listings = profile.listings
        clues = profile.clues
        confirmedClues = profile.confirmedClues
        cluesHref = "/clues?" + PageFormat.query([("seller", party.id.rawValue)])
    }
}
