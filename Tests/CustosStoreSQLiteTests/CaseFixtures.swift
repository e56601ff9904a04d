import CustosCases
import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

/// Organisations, actors and complaints for case storage tests, and a driver that runs cases through the real
/// workflow and the store together.
enum CaseFixture {
    /// 2026-03-01T08:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_772_352_000)
    /// The rights holder that files complaints.
    static let brand: Organisation.ID = "acme"
    /// The marketplace that handles complaints first.
    static let platform: Organisation.ID = "shopmall"
    /// The IP protection center cases are transferred to.
    static let authority: Organisation.ID = "ipcenter"
    /// An organisation with no part in any case.
    static let stranger: Organisation.ID = "elsewhere"

    static func hours(_ count: Double) -> TimeInterval { count * 3_600 }
    static func days(_ count: Double) -> TimeInterval { count * 86_400 }

    /// A user with `role` in `organisation`.
    static func actor(_ role: Role, of organisation: Organisation.ID) -> CaseActor {
        CaseActor(user: User.ID("u-\(role.rawValue)-\(organisation.rawValue)"), role: role, organisation: organisation)
    }

    /// The brand's owner user.
    static let owner = actor(.owner, of: brand)
    /// The platform's reviewer.
    static let reviewer = actor(.reviewer, of: platform)
    /// The authority's admin.
    static let admin = actor(.admin, of: authority)
    /// The authority's investigator.
    static let investigator = actor(.investigator, of: authority)

    /// A complaint by the brand against one listing, filed at `date`.
    static func complaint(filedAt date: Date = start, claimed: Decimal? = nil) -> Complaint {
        Complaint(
            complainant: brand, filedBy: owner.user, rights: ["TM-ACME"], targets: [.listing("L-100")],
            evidence: ["E1", "E2"], goodFaithStatement: "I state in good faith that the listed goods are counterfeit.",
            goodsClass: NiceClass(25), category: "shoes", claimedValue: claimed.map { CaseAmount($0, currency: "CNY") },
            filedAt: date)
    }

    /// A store holding the four organisations.
    static func store() async throws -> SQLiteStore {
        let store = try SQLiteStore.inMemory()
        for organisation in [
            Organisation(id: brand, name: "Acme Ltd"), Organisation(id: platform, name: "ShopMall", kind: .platform),
            Organisation(id: authority, name: "IP Protection Center", kind: .authority),
            Organisation(id: stranger, name: "Elsewhere Ltd"),
        ] {
            try await store.organisations.save(organisation)
        }
        return store
    }
}

/// Runs cases through `CaseWorkflow` and stores every step, reading the case back from the store before each
/// action as a service would.
struct CaseDriver {
    let store: SQLiteStore
    let workflow = CaseWorkflow()

    /// Opens case `id`, filed by the brand's owner, handled by the platform, and stores it.
    @discardableResult
    func open(
        _ id: Case.ID, at date: Date = CaseFixture.start, channel: CaseChannel = .standard,
        handler: Organisation.ID = CaseFixture.platform
    ) async throws -> Case {
        let opened = try workflow.open(
            id, complaint: CaseFixture.complaint(filedAt: date), channel: channel, handler: handler,
            by: CaseFixture.owner, at: date, note: "Filed through the portal.", evidence: ["E1"])
        try await store.cases.open(opened)
        return opened
    }

    /// Reads case `id` as `actor`'s organisation sees it, applies `action` and appends the new event.
    @discardableResult
    func apply(
        _ action: CaseAction, to id: Case.ID, by actor: CaseActor, at date: Date, evidence: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> Case {
        let current = try #require(
            try await store.cases.case(id, visibleTo: actor.organisation), sourceLocation: sourceLocation)
        let updated = try workflow.apply(action, to: current, by: actor, at: date, evidence: evidence)
        try await store.cases.append(
            Array(updated.history.suffix(1)), to: id, expecting: current.history.count, updated: updated)
        return updated
    }

    /// Drives case `id` from opening through a takedown, a counter-notice, a transfer to the authority, an
    /// investigation and a final decision to closure; returns the case after each step, the opened case first.
    @discardableResult
    func runToClosure(_ id: Case.ID, from start: Date = CaseFixture.start) async throws -> [Case] {
        var steps = [try await open(id, at: start)]
        var date = start
        let script: [(CaseAction, CaseActor, [String])] = [
            (.verify, CaseFixture.reviewer, []),
            (.notifyRespondent, CaseFixture.reviewer, []),
            (.decide(.takedown), CaseFixture.reviewer, ["E3"]),
            (.fileCounterNotice(summary: "Bought from an authorised distributor."), CaseFixture.reviewer, ["E4"]),
            (.transfer(to: CaseFixture.authority, region: "CN-31"), CaseFixture.reviewer, []),
            (.assignInvestigator(CaseFixture.investigator.user), CaseFixture.admin, []),
            (.recordFinding("The soles carry a copied mould number."), CaseFixture.investigator, ["E5"]),
            (.decide(.takedown), CaseFixture.admin, []),
        ]
        for (action, actor, evidence) in script {
            date += CaseFixture.hours(2)
            steps.append(try await apply(action, to: id, by: actor, at: date, evidence: evidence))
        }
        date += CaseFixture.days(16)
        steps.append(try await apply(.close(summary: "Listing removed."), to: id, by: CaseFixture.admin, at: date))
        return steps
    }
}
