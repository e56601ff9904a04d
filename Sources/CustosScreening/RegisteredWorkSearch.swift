import CustosCopy
import CustosCore
import CustosStore

/// A registered work or trade secret found by ``RegisteredWorkSearch``, with the right it belongs to.
public struct RegisteredWorkHit: Hashable, Sendable, Codable {
    /// The right.
    public var right: Right.ID
    /// The right's name.
    public var name: String
    /// The right's kind (`copyright` or `trade_secret`).
    public var kind: RightKind
    /// `work` for a work's content, `secret` for a trade secret's fingerprint file.
    public var registration: RightFingerprints.Kind
    /// Distinct fingerprints found on both sides.
    public var sharedFingerprints: Int
    /// Share of the registered work found in the suspect, 0…1, rounded to four decimals.
    public var registeredShare: Double
    /// Share of the suspect copied from the registered work, 0…1, rounded to four decimals.
    public var suspectShare: Double
    /// The matching regions, in suspect order.
    public var regions: [RegisteredWorkRegion]

    /// Creates a hit.
    ///
    /// - Parameters:
    ///   - right: the right.
    ///   - name: its name.
    ///   - kind: its kind.
    ///   - match: what the index found.
    public init(right: Right.ID, name: String, kind: RightKind, match: RegisteredWorkMatch) {
        self.right = right
        self.name = name
        self.kind = kind
        registration = match.registration
        sharedFingerprints = match.sharedFingerprints
        registeredShare = (match.registeredShare * 10_000).rounded() / 10_000
        suspectShare = (match.suspectShare * 10_000).rounded() / 10_000
        regions = match.regions
    }

    enum CodingKeys: String, CodingKey {
        case right = "right_id"
        case name, kind, registration
        case sharedFingerprints = "shared_fingerprints"
        case registeredShare = "registered_share"
        case suspectShare = "suspect_share"
        case regions
    }
}

/// Searches an organisation's registered works and trade secrets for a suspect: what `custos copy search` and
/// `POST /api/v1/copy/search` answer.
public enum RegisteredWorkSearch {
    /// The most hits a search returns.
    public static let maximumHits = 50

    /// The registered works `document` copies from, most shared fingerprints first, each with its right's name
    /// and kind. Rights of every status are searched (a search is a question, not a clue).
    ///
    /// - Parameters:
    ///   - document: the suspect.
    ///   - minimumShare: a hit must have at least this share of the registered work found or of the suspect
    ///     copied (the larger of the two), 0…1.
    ///   - minimumShared: a hit must share at least this many distinct fingerprints.
    ///   - store: the store.
    ///   - organisation: the organisation whose registry is searched.
    /// - Returns: the hits.
    /// - Throws: store errors.
    public static func search(
        _ document: CopyDocument, minimumShare: Double = 0, minimumShared: Int = 1, in store: any CustosStore,
        organisation: Organisation.ID
    ) async throws -> [RegisteredWorkHit] {
        let index = try await RegisteredWorkIndex.load(from: store, organisation: organisation)
        return try await search(
            document, minimumShare: minimumShare, minimumShared: minimumShared, index: index, in: store,
            organisation: organisation)
    }

    /// As ``search(_:minimumShare:minimumShared:in:organisation:)``, against an index already loaded.
    ///
    /// - Parameters:
    ///   - document: the suspect.
    ///   - minimumShare: the least of the larger share, 0…1.
    ///   - minimumShared: the least distinct shared fingerprints.
    ///   - index: the organisation's registry.
    ///   - store: the store, for the rights' names.
    ///   - organisation: the organisation.
    /// - Returns: the hits.
    /// - Throws: store errors.
    public static func search(
        _ document: CopyDocument, minimumShare: Double = 0, minimumShared: Int = 1, index: RegisteredWorkIndex,
        in store: any CustosStore, organisation: Organisation.ID
    ) async throws -> [RegisteredWorkHit] {
        let floor = min(max(minimumShare, 0), 1)
        var hits: [RegisteredWorkHit] = []
        for match in index.matches(for: document, minimumShared: minimumShared, limit: maximumHits)
        where max(match.registeredShare, match.suspectShare) >= floor {
            guard let right = try await store.rights.right(match.right, in: organisation) else { continue }
            hits.append(RegisteredWorkHit(right: right.id, name: right.name, kind: right.kind, match: match))
        }
        return hits
    }
}
