import CustosCore
import Foundation

/// Stores and finds organisations.
public protocol OrganisationRepository: Sendable {
    /// Inserts the organisation, or updates its name and kind when its id exists.
    func save(_ organisation: Organisation) async throws
    /// The organisation with `id`, or `nil`.
    func organisation(_ id: Organisation.ID) async throws -> Organisation?
    /// Every organisation, ordered by id.
    func organisations() async throws -> [Organisation]
}

/// Stores and finds owners and sellers, always within one organisation.
public protocol PartyRepository: Sendable {
    /// Inserts the parties, or updates those whose `(organisation, id)` exists.
    func save(_ parties: [Party]) async throws
    /// The party with `id` in `organisation`, or `nil`.
    func party(_ id: Party.ID, in organisation: Organisation.ID) async throws -> Party?
}

/// The outcome of writing a batch of rights.
public struct RightsWriteSummary: Hashable, Sendable, Codable {
    /// Rights that did not exist before.
    public var inserted: Int
    /// Rights whose id existed and were replaced.
    public var updated: Int

    /// Creates a summary.
    public init(inserted: Int = 0, updated: Int = 0) {
        self.inserted = inserted
        self.updated = updated
    }
}

/// Stores and finds rights, always within one organisation.
public protocol RightRepository: Sendable {
    /// Writes all `rights` in one transaction: new ids are inserted, existing ids updated (never duplicated).
    /// Either every right is written or none is.
    func upsert(_ rights: [Right]) async throws -> RightsWriteSummary
    /// Runs `body` with a writer that adds batches inside one transaction; if `body` throws, nothing is written.
    ///
    /// Imports of hundreds of MB stream through this without holding the file in memory.
    func withImportTransaction<T: Sendable>(
        _ body: @Sendable (any RightBatchWriter) throws -> T
    ) async throws -> T
    /// The right with `id` in `organisation`, or `nil`.
    func right(_ id: Right.ID, in organisation: Organisation.ID) async throws -> Right?
    /// Rights of `organisation`, optionally only of some `kinds`, ordered by id, a page at a time.
    func rights(in organisation: Organisation.ID, kinds: Set<RightKind>?, after: Right.ID?, limit: Int)
        async throws -> [Right]
    /// Calls `body` with every right of `organisation` in batches, ordered by id, without loading all at once.
    func forEachRight(
        in organisation: Organisation.ID, batchSize: Int, _ body: @Sendable ([Right]) throws -> Void
    ) async throws
    /// How many rights `organisation` holds.
    func countRights(in organisation: Organisation.ID) async throws -> Int
    /// Rights of `organisation` whose id, name, owner or registration number contains `text` (case-insensitive;
    /// every right when `text` is empty), optionally only of some `kinds`, ordered by id, a page at a time.
    func searchRights(
        in organisation: Organisation.ID, text: String, kinds: Set<RightKind>?, limit: Int, offset: Int
    ) async throws -> [Right]
    /// How many rights `searchRights` would return without paging.
    func countRights(in organisation: Organisation.ID, text: String, kinds: Set<RightKind>?) async throws -> Int
    /// Deletes the right with `id` in `organisation` (and its clues); returns whether it existed.
    func delete(_ id: Right.ID, in organisation: Organisation.ID) async throws -> Bool
}

/// Adds rights inside an import transaction (see `RightRepository.withImportTransaction`).
public protocol RightBatchWriter {
    /// Writes a batch; returns how many were inserted and updated.
    func write(_ rights: [Right]) throws -> RightsWriteSummary
}

/// Stores observed listings.
public protocol ListingRepository: Sendable {
    /// Inserts the listings, or replaces those whose `(organisation, id)` exists.
    func save(_ listings: [Listing], in organisation: Organisation.ID) async throws
    /// The listing with `id`, or `nil`.
    func listing(_ id: Listing.ID, in organisation: Organisation.ID) async throws -> Listing?
    /// How many listings `organisation` has stored.
    func countListings(in organisation: Organisation.ID) async throws -> Int
    /// How many listings of `seller` `organisation` has stored, for the party page.
    ///
    /// - Parameters:
    ///   - seller: the seller the listings name.
    ///   - organisation: the tenant.
    /// - Returns: the count.
    func countListings(of seller: Party.ID, in organisation: Organisation.ID) async throws -> Int
}

/// What to list of clues.
public struct ClueQuery: Hashable, Sendable {
    /// Only clues in this status, or all when `nil`.
    public var status: Clue.Status?
    /// Only clues with at least this score.
    public var minimumScore: Double
    /// Only clues of this seller.
    public var seller: Party.ID?
    /// Only clues against this right.
    public var right: Right.ID?
    /// At most this many, best score first.
    public var limit: Int
    /// Skip this many.
    public var offset: Int

    /// Creates a query.
    public init(
        status: Clue.Status? = nil, minimumScore: Double = 0, seller: Party.ID? = nil, right: Right.ID? = nil,
        limit: Int = 100, offset: Int = 0
    ) {
        self.status = status
        self.minimumScore = minimumScore
        self.seller = seller
        self.right = right
        self.limit = limit
        self.offset = offset
    }
}

/// The outcome of writing a batch of clues.
public struct CluesWriteSummary: Hashable, Sendable, Codable {
    /// Clues raised for the first time.
    public var inserted: Int
    /// Clues that existed and were re-scored (their status and `createdAt` are kept).
    public var updated: Int

    /// Creates a summary.
    public init(inserted: Int = 0, updated: Int = 0) {
        self.inserted = inserted
        self.updated = updated
    }
}

/// Stores infringement clues, idempotent per listing and right.
public protocol ClueRepository: Sendable {
    /// Inserts new clues and re-scores existing ones (same id): the score, signals and `updatedAt` change; the
    /// review status and `createdAt` are kept.
    func upsert(_ clues: [Clue]) async throws -> CluesWriteSummary
    /// The clue with `id`, or `nil`.
    func clue(_ id: Clue.ID, in organisation: Organisation.ID) async throws -> Clue?
    /// Clues of `organisation` matching `query`, best score first, then by id.
    func clues(in organisation: Organisation.ID, matching query: ClueQuery) async throws -> [Clue]
    /// Sets a clue's review status; returns the updated clue, or `nil` when it does not exist.
    func setStatus(_ status: Clue.Status, of id: Clue.ID, in organisation: Organisation.ID, at date: Date)
        async throws -> Clue?
    /// For each seller, how many clues it has and how many of those were confirmed (for seller history).
    func sellerRecords(in organisation: Organisation.ID) async throws -> [Party.ID: SellerRecord]
    /// How many clues of `organisation` match `query` (its `limit` and `offset` are ignored).
    func countClues(in organisation: Organisation.ID, matching query: ClueQuery) async throws -> Int
    /// Counts of the organisation's clues for the dashboard: per day raised, per right, per platform (of the
    /// listing, `"unknown"` when the listing is not stored), per status.
    ///
    /// - Parameters:
    ///   - organisation: Whose clues.
    ///   - since: Only clues raised at or after this instant count towards `perDay`; every clue counts elsewhere.
    ///   - top: At most this many rights and platforms, largest first; the rest are summed into `otherRights` and
    ///     `otherPlatforms`.
    func statistics(in organisation: Organisation.ID, since: Date, top: Int) async throws -> ClueStatistics
}

/// One bar of a chart: a label and how many.
public struct LabelledCount: Hashable, Sendable, Codable {
    /// What is counted (a day `yyyy-MM-dd`, a right id, a platform, a status).
    public var label: String
    /// How many.
    public var count: Int

    /// Creates a count.
    public init(label: String, count: Int) {
        self.label = label
        self.count = count
    }
}

/// Counts of an organisation's clues, as the dashboard charts them.
public struct ClueStatistics: Hashable, Sendable, Codable {
    /// Clues raised per UTC day (`yyyy-MM-dd`), oldest first, days without clues omitted.
    public var perDay: [LabelledCount]
    /// Clues per right id, largest first.
    public var perRight: [LabelledCount]
    /// Clues on rights beyond the `top` shown in `perRight`.
    public var otherRights: Int
    /// Clues per listing platform, largest first.
    public var perPlatform: [LabelledCount]
    /// Clues on platforms beyond the `top` shown in `perPlatform`.
    public var otherPlatforms: Int
    /// Clues per review status, in `Clue.Status.allCases` order, zero counts included.
    public var byStatus: [LabelledCount]

    /// Creates statistics.
    public init(
        perDay: [LabelledCount] = [], perRight: [LabelledCount] = [], otherRights: Int = 0,
        perPlatform: [LabelledCount] = [], otherPlatforms: Int = 0, byStatus: [LabelledCount] = []
    ) {
        self.perDay = perDay
        self.perRight = perRight
        self.otherRights = otherRights
        self.perPlatform = perPlatform
        self.otherPlatforms = otherPlatforms
        self.byStatus = byStatus
    }

    /// All clues counted.
    public var total: Int { byStatus.reduce(0) { $0 + $1.count } }
}

/// A seller's earlier clues.
public struct SellerRecord: Hashable, Sendable, Codable {
    /// Clues raised against the seller's listings.
    public var clues: Int
    /// Of those, how many a reviewer confirmed.
    public var confirmed: Int

    /// Creates a record.
    public init(clues: Int = 0, confirmed: Int = 0) {
        self.clues = clues
        self.confirmed = confirmed
    }
}

/// Everything the platform stores, behind one value: the embedded SQLite store and the later PostgreSQL store
/// both provide it.
public protocol CustosStore: Sendable {
    /// Organisations.
    var organisations: any OrganisationRepository { get }
    /// Owners and sellers.
    var parties: any PartyRepository { get }
    /// Rights of every kind.
    var rights: any RightRepository { get }
    /// Observed listings.
    var listings: any ListingRepository { get }
    /// Infringement clues.
    var clues: any ClueRepository { get }
    /// People who sign in.
    var users: any UserRepository { get }
    /// Signed-in browser sessions.
    var sessions: any SessionRepository { get }
    /// API tokens.
    var tokens: any TokenRepository { get }
    /// Counterfeit reports from the public.
    var reports: any PublicReportRepository { get }
    /// Cases with their complaints and events, visible to the organisations involved.
    var cases: any CaseRepository { get }
    /// Findings against parties, behind credit grades and the disclosure list.
    var findings: any FindingRepository { get }
    /// What marketplaces know about their sellers, to link seller networks.
    var sellerIdentifiers: any SellerIdentifierRepository { get }
    /// Registered images of rights, with their PDQ hashes.
    var rightImages: any RightImageRepository { get }
    /// Copy-detection fingerprints of registered works and trade secrets.
    var rightFingerprints: any RightFingerprintRepository { get }
    /// The API token whose secret hashes to `secretHash` with its user and organisation (see `SignedIn`).
    func signedIn(tokenHash secretHash: String) async throws -> SignedIn<APIToken>?
    /// The unexpired session whose secret hashes to `secretHash` with its user and organisation.
    func signedIn(sessionHash secretHash: String, at date: Date) async throws -> SignedIn<UserSession>?
}
