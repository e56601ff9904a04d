import CustosCore
import CustosCredit
import CustosStore
import Foundation
import Synchronization

/// One screening run's view of an organisation's seller networks: an index of the stored seller identifiers and
/// the credit records of the sellers with findings, loaded once per run, so that each listing costs a lookup.
///
/// Sellers the feed names with identifiers join the index as they are read (``add(_:)``), so a re-lister met in
/// the same feed as the account it shares a phone number with is recognised at once. Risks are cached per seller
/// and forgotten whenever a new identifier joins the index.
public struct SellerNetworkRisks: Sendable {
    /// The organisation's sellers, linked by shared identifiers.
    public private(set) var index: SellerNetworkIndex
    /// Credit records of the organisation's parties with findings, by party.
    public let credit: [Party.ID: CreditRecord]
    /// How linked members' grades weigh.
    public let policy: NetworkRiskPolicy
    private var cache: [Party.ID: NetworkRisk] = [:]

    /// Creates the risks over an index and credit records.
    ///
    /// - Parameters:
    ///   - index: the organisation's seller network index.
    ///   - credit: credit records by party.
    ///   - policy: the network risk weights.
    public init(index: SellerNetworkIndex, credit: [Party.ID: CreditRecord], policy: NetworkRiskPolicy = .standard) {
        self.index = index
        self.credit = credit
        self.policy = policy
    }

    /// Loads the organisation's seller identifiers and findings, or answers `nil` when no party of the
    /// organisation has a standing finding (grade above A): then no network can raise a score, and screening
    /// skips the index altogether.
    ///
    /// - Parameters:
    ///   - store: the store holding findings and seller identifiers.
    ///   - organisation: the tenant.
    ///   - now: the moment credit is assessed at.
    ///   - creditPolicy: the grading rules.
    ///   - networkPolicy: the linking rules.
    ///   - riskPolicy: the network risk weights.
    /// - Returns: the risks, or `nil` when nobody has a grade above A.
    /// - Throws: when the store fails, or the index is full (``CreditError`` `.capacityExceeded`).
    /// - Complexity: O(f log f + k) for f findings and k stored identifiers of the organisation.
    public static func load(
        from store: any CustosStore, organisation: Organisation.ID, asOf now: Date,
        creditPolicy: CreditPolicy = .standard, networkPolicy: SellerNetworkPolicy = .standard,
        riskPolicy: NetworkRiskPolicy = .standard
    ) async throws -> SellerNetworkRisks? {
        guard try await store.findings.countFindings(in: organisation) > 0 else { return nil }
        let findings = try await Self.findings(in: organisation, from: store)
        var credit: [Party.ID: CreditRecord] = [:]
        for record in creditPolicy.assessAll(findings, asOf: now) where record.grade > .a {
            credit[record.party] = record
        }
        guard !credit.isEmpty else { return nil }
        let index = try await Self.index(of: organisation, from: store, policy: networkPolicy)
        return SellerNetworkRisks(index: index, credit: credit, policy: riskPolicy)
    }

    /// Every finding against the organisation's parties.
    ///
    /// - Parameters:
    ///   - organisation: the tenant.
    ///   - store: the store.
    /// - Returns: the findings, ordered by identifier.
    public static func findings(in organisation: Organisation.ID, from store: any CustosStore) async throws
        -> [Finding]
    {
        var findings: [Finding] = []
        // Findings are ordered by organisation, so the organisation's own start right after (organisation, "").
        var cursor = FindingCursor(organisation: organisation, id: "")
        let page = 1_000
        while true {
            let batch = try await store.findings.findings(after: cursor, limit: page)
            let own = batch.prefix { $0.organisation == organisation }
            findings.append(contentsOf: own)
            guard own.count == page, let last = own.last else { break }
            cursor = FindingCursor(after: last)
        }
        return findings
    }

    /// An index of the organisation's stored seller identifiers, built in bulk.
    ///
    /// - Parameters:
    ///   - organisation: the tenant.
    ///   - store: the store.
    ///   - policy: the linking rules.
    /// - Returns: the index.
    /// - Throws: when the store fails, or the index is full.
    /// - Complexity: O(k) for k stored identifiers, plus the bounded image join (docs/credit.md).
    public static func index(
        of organisation: Organisation.ID, from store: any CustosStore, policy: SellerNetworkPolicy = .standard
    ) async throws -> SellerNetworkIndex {
        let sellers = Mutex<[SellerIdentifiers]>([])
        try await store.sellerIdentifiers.forEachSeller(in: organisation, batchSize: 5_000) { batch in
            sellers.withLock { $0.append(contentsOf: batch) }
        }
        return try SellerNetworkIndex(sellers.withLock { $0 }, policy: policy)
    }

    /// Adds a seller's identifiers to the index, linking it to every seller that shares one.
    ///
    /// - Parameter identifiers: the seller's identifiers as a feed line gives them.
    /// - Throws: ``CreditError`` `.capacityExceeded` when the index is full; it is unchanged then.
    public mutating func add(_ identifiers: SellerIdentifiers) throws {
        let insertion = try index.insert(identifiers)
        if !insertion.added.isEmpty { cache.removeAll(keepingCapacity: true) }
    }

    /// The network risk of `seller`, or `nil` when no other account in its network has a grade above A.
    ///
    /// - Parameter seller: the seller of a listing.
    /// - Returns: the risk with its reasons.
    /// - Complexity: a dictionary lookup once computed; the first time, O(p log p) for the p links of the seller's
    ///   network.
    public mutating func risk(of seller: Party.ID) -> NetworkRisk? {
        guard index.contains(seller) else { return nil }
        if let known = cache[seller] { return known.score > 0 ? known : nil }
        let risk = index.networkRisk(of: seller, credit: credit, policy: policy)
        cache[seller] = risk
        return risk.score > 0 ? risk : nil
    }
}
