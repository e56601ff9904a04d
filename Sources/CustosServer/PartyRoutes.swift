import CustosCore
import CustosCredit
import CustosScreening
import CustosStore
import Foundation
import Hummingbird

/// `GET /api/v1/parties/{id}`: a party of the caller's organisation with its credit record (grade A–D, reasons,
/// findings with their basis and appeal), its seller network (linked accounts and the masked identifiers that link
/// them), the network's risk, and its listing and clue counts.
///
/// Parties are per organisation: another organisation's party answers `not_found`, exactly like one that does not
/// exist. Identifiers are masked (`a***@example.com`, `***8000`) because every role of the tenant may read the page.
struct PartyRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.get("parties/:id", use: read)
    }

    @Sendable func read(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(PartyLookup.permission)
        let profile = try await PartyLookup(services: services).profile(
            Party.ID(try context.parameter("id")), principal: principal)
        return try JSONResponse.make(PartyDocument(profile))
    }
}

/// Everything the party page and API show about one party, read for one principal.
struct PartyProfile: Sendable {
    /// One account of the party's seller network.
    struct Member: Sendable {
        var id: Party.ID
        /// The stored party's name, when it is stored.
        var name: String?
        /// The member's credit record, when it has findings.
        var grade: CreditGrade
        /// Whether this is the party itself.
        var isSelf: Bool
    }

    var party: Party
    var credit: CreditRecord
    /// The party's own identifiers, normalized and masked, in kind order.
    var identifiers: [NormalizedIdentifier]
    /// The party's network; `nil` when no identifiers are stored for it.
    var network: SellerNetwork?
    /// The network's members, at most ``PartyLookup/memberLimit``, in id order.
    var members: [Member]
    /// The network's risk to the party (other members' grades).
    var risk: NetworkRisk?
    var listings: Int
    var clues: Int
    var confirmedClues: Int
    var assessedAt: Date
}

/// Reads a party's profile for a principal of its organisation.
struct PartyLookup {
    let services: PortalServices

    /// Who may read party pages: every role that reads clues (a party is a clue's seller).
    static let permission = Permission.readClues
    /// The most network members named on the page; the network's size is always given.
    static let memberLimit = 200

    /// The profile of `id` in the principal's organisation.
    ///
    /// - Throws: `APIError` `not_found` when the organisation has no such party.
    func profile(_ id: Party.ID, principal: Principal) async throws(APIError) -> PartyProfile {
        let organisation = principal.organisation.id
        let store = services.store
        guard let party = try await stored({ try await store.parties.party(id, in: organisation) }) else {
            throw APIError.notFound("party \(id)")
        }
        let now = services.cases.clock.now()
        let findings = try await stored { try await SellerNetworkRisks.findings(in: organisation, from: store) }
        let policy = CreditPolicy.standard
        var credit: [Party.ID: CreditRecord] = [:]
        for record in policy.assessAll(findings, asOf: now) { credit[record.party] = record }
        let own = credit[id] ?? policy.assess([Finding](), party: id, organisation: organisation, asOf: now)

        var identifiers: [NormalizedIdentifier] = []
        var network: SellerNetwork?
        var members: [PartyProfile.Member] = []
        var risk: NetworkRisk?
        let given = try await stored { try await store.sellerIdentifiers.identifiers(of: id, in: organisation) }
        if let given {
            identifiers = SellerNetworkPolicy.standard.normalizer.normalize(given).identifiers.sorted()
            let index = try await stored { try await SellerNetworkRisks.index(of: organisation, from: store) }
            network = index.network(of: id)
            risk = index.networkRisk(of: id, credit: credit)
            for member in (network?.members ?? [id]).prefix(Self.memberLimit) {
                var name: String? = party.name
                if member != id {
                    name = try await stored { try await store.parties.party(member, in: organisation) }?.name
                }
                members.append(
                    .init(id: member, name: name, grade: credit[member]?.grade ?? .a, isSelf: member == id))
            }
        }
        let clues = try await stored {
            try await store.clues.countClues(in: organisation, matching: ClueQuery(seller: id))
        }
        let confirmed = try await stored {
            try await store.clues.countClues(in: organisation, matching: ClueQuery(status: .confirmed, seller: id))
        }
        let listings = try await stored { try await store.listings.countListings(of: id, in: organisation) }
        return PartyProfile(
            party: party, credit: own, identifiers: identifiers, network: network, members: members, risk: risk,
            listings: listings, clues: clues, confirmedClues: confirmed, assessedAt: now)
    }
}

/// A party as the API shows it (snake_case keys; identifiers masked).
struct PartyDocument: Encodable, Sendable {
    struct FindingDocument: Encodable, Sendable {
        var id: String
        var kind: String
        var effectiveKind: String?
        var status: String
        var caseReference: String
        var summary: String
        var decidedBy: String
        var decidedAt: Date
        var countsUntil: Date
        var appeal: AppealDocument?

        enum CodingKeys: String, CodingKey {
            case id, kind
            case effectiveKind = "effective_kind"
            case status
            case caseReference = "case_reference"
            case summary
            case decidedBy = "decided_by"
            case decidedAt = "decided_at"
            case countsUntil = "counts_until"
            case appeal
        }
    }

    struct AppealDocument: Encodable, Sendable {
        var outcome: String
        var variedKind: String?
        var decidedAt: Date
        var reference: String?

        enum CodingKeys: String, CodingKey {
            case outcome
            case variedKind = "varied_kind"
            case decidedAt = "decided_at"
            case reference
        }
    }

    struct ReasonDocument: Encodable, Sendable {
        var rule: String
        var findings: [String]
        var explanation: String
    }

    struct CreditDocument: Encodable, Sendable {
        var grade: String
        var meaning: String
        var summary: String
        var reasons: [ReasonDocument]
        var findings: [FindingDocument]
        var assessedAt: Date

        enum CodingKeys: String, CodingKey {
            case grade, meaning, summary, reasons, findings
            case assessedAt = "assessed_at"
        }
    }

    struct IdentifierDocument: Encodable, Sendable {
        var kind: String
        var value: String
    }

    struct MemberDocument: Encodable, Sendable {
        var id: String
        var name: String?
        var grade: String
    }

    struct LinkDocument: Encodable, Sendable {
        var kind: String
        var values: [String]
        var sellers: [String]
        var distance: Int?
        var explanation: String
    }

    struct NetworkDocument: Encodable, Sendable {
        var id: String
        var size: Int
        var members: [MemberDocument]
        var links: [LinkDocument]
    }

    struct RiskDocument: Encodable, Sendable {
        var score: Double
        var reasons: [String]
        var contributions: [NetworkRisk.Contribution]
    }

    struct CountsDocument: Encodable, Sendable {
        var listings: Int
        var clues: Int
        var confirmedClues: Int

        enum CodingKeys: String, CodingKey {
            case listings, clues
            case confirmedClues = "confirmed_clues"
        }
    }

    var id: String
    var organisation: String
    var role: String
    var name: String
    var region: String?
    var platform: String?
    var credit: CreditDocument
    var identifiers: [IdentifierDocument]
    var network: NetworkDocument?
    var networkRisk: RiskDocument?
    var counts: CountsDocument

    enum CodingKeys: String, CodingKey {
        case id, organisation, role, name, region, platform, credit, identifiers, network
        case networkRisk = "network_risk"
        case counts
    }

    init(_ profile: PartyProfile) {
        let party = profile.party
        id = party.id.rawValue
        organisation = party.organisation.rawValue
        role = party.role.rawValue
        name = party.name
        region = party.region
        platform = party.platform
        let record = profile.credit
        credit = CreditDocument(
            grade: record.grade.rawValue, meaning: record.grade.meaning, summary: record.summary,
            reasons: record.reasons.map {
                ReasonDocument(
                    rule: $0.rule.rawValue, findings: $0.findings.map(\.rawValue), explanation: $0.explanation)
            },
            findings: record.history.map { entry in
                let finding = entry.finding
                return FindingDocument(
                    id: finding.id.rawValue, kind: finding.kind.rawValue, effectiveKind: entry.effectiveKind?.rawValue,
                    status: entry.status.rawValue, caseReference: finding.basis.caseReference,
                    summary: finding.basis.summary, decidedBy: finding.decidedBy.rawValue,
                    decidedAt: finding.decidedAt, countsUntil: entry.countsUntil,
                    appeal: finding.appeal.map {
                        AppealDocument(
                            outcome: $0.outcome.rawValue, variedKind: $0.variedKind?.rawValue, decidedAt: $0.decidedAt,
                            reference: $0.reference)
                    })
            },
            assessedAt: record.assessedAt)
        identifiers = profile.identifiers.map { IdentifierDocument(kind: $0.kind.rawValue, value: $0.masked) }
        network = profile.network.map { network in
            NetworkDocument(
                id: network.id.rawValue, size: network.members.count,
                members: profile.members.map {
                    MemberDocument(id: $0.id.rawValue, name: $0.name, grade: $0.grade.rawValue)
                },
                links: network.links.map {
                    LinkDocument(
                        kind: $0.kind.rawValue, values: $0.values, sellers: $0.sellers.map(\.rawValue),
                        distance: $0.distance, explanation: $0.explanation)
                })
        }
        networkRisk = profile.risk.map {
            RiskDocument(
                score: ($0.score * 1000).rounded() / 1000, reasons: $0.reasons, contributions: $0.contributions)
        }
        counts = CountsDocument(
            listings: profile.listings, clues: profile.clues, confirmedClues: profile.confirmedClues)
    }
}
