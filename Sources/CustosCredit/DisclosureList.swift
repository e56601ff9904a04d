import CustosCore
import Foundation

/// The public list of repeat and wilful infringers at one moment: the document behind
/// `GET /public/disclosure.json`, the public page and the CSV export for joint discipline.
///
/// The JSON document is a top-level object `{"generated_at", "policy", "entries"}` with snake_case keys and
/// `YYYY-MM-DDTHH:MM:SSZ` dates (`docs/credit.md`). Entries are ordered newest listing first, then by organisation
/// and party, so the same inputs always give the same bytes.
public struct DisclosureList: Hashable, Sendable, Codable {
    /// The moment the list describes.
    public var generatedAt: Date
    /// The rules the list was made with, published so readers can check an entry.
    public var policy: DisclosurePolicy
    /// The listed parties.
    public var entries: [DisclosureEntry]

    /// Creates a list from entries, putting them in the documented order.
    ///
    /// - Parameters:
    ///   - generatedAt: the moment the list describes.
    ///   - policy: the rules it was made with.
    ///   - entries: the listed parties, in any order.
    public init(generatedAt: Date, policy: DisclosurePolicy, entries: [DisclosureEntry]) {
        self.generatedAt = generatedAt
        self.policy = policy
        self.entries = entries.sorted(by: Self.documentOrder)
    }

    /// Makes the list at `now` from parties and their findings.
    ///
    /// - Parameters:
    ///   - parties: the parties findings may name.
    ///   - findings: findings against any of `parties`.
    ///   - policy: the disclosure rules.
    ///   - creditPolicy: the rules that grade each listed party.
    ///   - now: the listing date; nothing reads the clock.
    /// - Returns: the list of parties that qualify at `now`.
    /// - Throws: ``CreditError`` `.unknownParty` when a finding names a party not in `parties`, so that no
    ///   listing is silently lost.
    /// - Complexity: O(p + f log f) for p parties and f findings.
    public static func make(
        parties: some Sequence<Party>, findings: some Sequence<Finding>, policy: DisclosurePolicy = .standard,
        creditPolicy: CreditPolicy = .standard, asOf now: Date
    ) throws -> DisclosureList {
        var byKey: [PartyKey: Party] = [:]
        for party in parties { byKey[PartyKey(organisation: party.organisation, party: party.id)] = party }
        let groups = Dictionary(grouping: findings) { PartyKey(organisation: $0.organisation, party: $0.party) }
        var entries: [DisclosureEntry] = []
        for key in groups.keys.sorted() {
            guard let party = byKey[key] else {
                throw CreditError(
                    .unknownParty,
                    "A finding names party \(key.party) of organisation \(key.organisation), which was not supplied.")
            }
            if let entry = policy.entry(
                for: party, findings: groups[key] ?? [], creditPolicy: creditPolicy, asOf: now)
            {
                entries.append(entry)
            }
        }
        return DisclosureList(generatedAt: now, policy: policy, entries: entries)
    }

    /// The JSON document for `GET /public/disclosure.json`: pretty-printed, keys sorted, slashes unescaped, so
    /// equal lists give equal bytes.
    ///
    /// - Returns: UTF-8 JSON.
    /// - Throws: `EncodingError` only if Foundation's encoder fails.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }

    /// Reads a document written by ``jsonData()``.
    ///
    /// - Parameter data: UTF-8 JSON.
    /// - Returns: the list.
    /// - Throws: `DecodingError` when the document does not have the documented shape.
    public static func decode(json data: Data) throws -> DisclosureList {
        try JSONDecoder().decode(DisclosureList.self, from: data)
    }

    /// Decodes the documented shape; the entries keep the document's order.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        generatedAt = try container.decodeTimestamp(forKey: .generatedAt)
        policy = try container.decode(DisclosurePolicy.self, forKey: .policy)
        entries = try container.decode([DisclosureEntry].self, forKey: .entries)
    }

    /// Encodes the documented shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeTimestamp(generatedAt, forKey: .generatedAt)
        try container.encode(policy, forKey: .policy)
        try container.encode(entries, forKey: .entries)
    }

    /// Newest listing first, then organisation, then party.
    static func documentOrder(_ lhs: DisclosureEntry, _ rhs: DisclosureEntry) -> Bool {
        if lhs.listedOn != rhs.listedOn { return lhs.listedOn > rhs.listedOn }
        if lhs.organisation != rhs.organisation { return lhs.organisation < rhs.organisation }
        return lhs.party < rhs.party
    }

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at"
        case policy, entries
    }
}
