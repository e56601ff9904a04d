import Crypto
import CustosCore
import CustosCredit
import CustosStore
import Foundation
import Synchronization

/// Makes the public disclosure list of repeat and wilful infringers from every stored finding, for the page
/// `GET /disclosure`, the documents `GET /public/disclosure.json` and `GET /public/disclosure.csv`, and
/// `custos disclosure export`.
///
/// The list is computed afresh from one consistent snapshot of the findings each time it is asked for, so an
/// overturned finding leaves it at once and an expired listing drops off at its expiry. What an entry shows is what
/// ``DisclosurePolicy`` publishes: the party's name, region and platform, the findings' case references, public
/// summaries and deciding bodies, the listing's dates and the appeal path; never notes, evidence or users.
public struct DisclosurePublisher: Sendable {
    /// The formats the list is exported in.
    public enum Format: String, Sendable, CaseIterable {
        /// The JSON document of ``CustosCredit/DisclosureList/jsonData()``.
        case json
        /// The CSV export of ``CustosCredit/DisclosureList/csv()`` for joint discipline.
        case csv
    }

    /// The store that holds findings and parties.
    public var store: any CustosStore
    /// The rules for listing a party.
    public var policy: DisclosurePolicy
    /// The rules that grade each listed party.
    public var creditPolicy: CreditPolicy

    /// Creates a publisher.
    ///
    /// - Parameters:
    ///   - store: the store.
    ///   - policy: the disclosure rules (default ``CustosCredit/DisclosurePolicy/standard``).
    ///   - creditPolicy: the credit rules (default ``CustosCredit/CreditPolicy/standard``).
    public init(store: any CustosStore, policy: DisclosurePolicy = .standard, creditPolicy: CreditPolicy = .standard) {
        self.store = store
        self.policy = policy
        self.creditPolicy = creditPolicy
    }

    /// The list at `now`.
    ///
    /// - Parameter now: the listing date.
    /// - Returns: every party that qualifies at `now`, newest listing first.
    /// - Throws: `APIError` `internal` when the store fails or a finding names a party that is not stored.
    /// - Complexity: O(f log f) for f stored findings, plus one party lookup per party with findings.
    public func list(asOf now: Date) async throws(APIError) -> DisclosureList {
        let collector = FindingCollector()
        try await stored {
            try await store.findings.forEachFinding(batchSize: 1_000) { batch in collector.append(batch) }
        }
        let findings = collector.findings
        var keys: [DisclosedPartyKey] = []
        var seen: Set<DisclosedPartyKey> = []
        for finding in findings {
            let key = DisclosedPartyKey(organisation: finding.organisation, party: finding.party)
            if seen.insert(key).inserted { keys.append(key) }
        }
        var parties: [Party] = []
        for key in keys {
            if let party = try await stored({ try await store.parties.party(key.party, in: key.organisation) }) {
                parties.append(party)
            }
        }
        do {
            return try DisclosureList.make(
                parties: parties, findings: findings, policy: policy, creditPolicy: creditPolicy, asOf: now)
        } catch {
            throw APIError(.internal, "The disclosure list cannot be made: \(error)")
        }
    }

    /// The list at `now` in `format`, as UTF-8 bytes.
    ///
    /// - Parameters:
    ///   - format: JSON or CSV.
    ///   - now: the listing date.
    /// - Returns: the document.
    /// - Throws: `APIError` `internal` when the list cannot be made or encoded.
    public func export(_ format: Format, asOf now: Date) async throws(APIError) -> Data {
        try Self.encode(try await list(asOf: now), as: format)
    }

    /// Encodes a list in `format`.
    static func encode(_ list: DisclosureList, as format: Format) throws(APIError) -> Data {
        switch format {
        case .csv:
            return list.csvData()
        case .json:
            do {
                return try list.jsonData()
            } catch {
                throw APIError(.internal, "The disclosure list cannot be encoded: \(error)")
            }
        }
    }

    /// A weak entity tag for the list: a digest of its policy and entries, leaving out the generation time, so that
    /// an unchanged list keeps its tag from one request to the next.
    static func entityTag(of list: DisclosureList, format: Format) -> String {
        let unchanged = DisclosureList(
            generatedAt: Date(timeIntervalSince1970: 0), policy: list.policy, entries: list.entries)
        let bytes = (try? unchanged.jsonData()) ?? Data()
        let digest = SHA256.hash(data: bytes + Data(format.rawValue.utf8))
        return "W/\"" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "\""
    }
}

/// The findings of a walk over the store, gathered from its batches.
private final class FindingCollector: Sendable {
    private let batches = Mutex<[Finding]>([])

    func append(_ batch: [Finding]) { batches.withLock { $0.append(contentsOf: batch) } }

    var findings: [Finding] { batches.withLock { $0 } }
}

/// A party's key in the store: its tenant and identifier.
private struct DisclosedPartyKey: Hashable {
    var organisation: Organisation.ID
    var party: Party.ID
}
