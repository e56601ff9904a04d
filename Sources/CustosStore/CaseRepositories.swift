import CustosCases
import CustosCore
import CustosCredit
import Foundation

/// How an organisation is related to a case, to narrow a case list to one side of it.
///
/// An organisation sees a case when it is the complainant or has handled it at some time (see
/// ``CaseRepository``); the relations below pick among those.
public enum CaseRelation: String, Hashable, Sendable, Codable, CaseIterable {
    /// The organisation filed the complaint.
    case complainant
    /// The organisation handles the case now or handled it before a transfer.
    case handler
    /// The organisation handles the case now (``Case/handler``): its work queue.
    case currentHandler = "current_handler"
}

/// What to list or count of the cases an organisation sees.
public struct CaseQuery: Hashable, Sendable {
    /// Only cases in one of these states, or in any state when `nil`.
    public var states: Set<CaseState>?
    /// Only cases in this channel, or in either when `nil`.
    public var channel: CaseChannel?
    /// Only cases the organisation is related to in this way, or in any way when `nil`.
    public var relation: CaseRelation?

    /// Creates a query; the defaults select every case the organisation sees.
    ///
    /// - Parameters:
    ///   - states: only cases in one of these states (`nil`: any state; empty: none).
    ///   - channel: only cases in this channel.
    ///   - relation: only cases the organisation is related to in this way.
    public init(states: Set<CaseState>? = nil, channel: CaseChannel? = nil, relation: CaseRelation? = nil) {
        self.states = states
        self.channel = channel
        self.relation = relation
    }
}

/// A position in a case list, which is ordered newest received first, then by identifier descending.
///
/// A cursor names the last case of a page; the next page starts after it. Keyset pagination keeps pages stable
/// while cases are added or change state: no case is repeated, and no case that existed when the first page was
/// read is skipped unless it stopped matching the query.
public struct CaseCursor: Hashable, Sendable, Codable {
    /// When the last case of the page was received.
    public var receivedAt: Date
    /// The last case of the page.
    public var id: Case.ID

    /// Creates a cursor after the case received at `receivedAt` with identifier `id`.
    ///
    /// - Parameters:
    ///   - receivedAt: when the case was received (the store keeps milliseconds).
    ///   - id: the case's identifier.
    public init(receivedAt: Date, id: Case.ID) {
        self.receivedAt = receivedAt
        self.id = id
    }

    /// Creates the cursor just after `subject` in a case list.
    ///
    /// - Parameter subject: the last case of a page.
    public init(after subject: Case) {
        self.init(receivedAt: subject.receivedAt, id: subject.id)
    }

    /// The cursor as one opaque string for URLs: milliseconds since 1970, a period, then the case identifier
    /// (e.g. `1714555800000.C-1`).
    public var token: String {
        let milliseconds = (receivedAt.timeIntervalSince1970 * 1_000).rounded()
        // Instants beyond ±290 million years cannot be case dates; clamp rather than trap.
        let whole = Int64(exactly: milliseconds) ?? (milliseconds < 0 ? Int64.min / 2 : Int64.max / 2)
        return "\(whole).\(id.rawValue)"
    }

    /// Reads a cursor from its ``token``.
    ///
    /// - Parameter token: a string made by ``token``.
    /// - Returns: the cursor, or `nil` when `token` does not have the form ``token`` makes.
    public init?(token: String) {
        guard let period = token.firstIndex(of: "."), let milliseconds = Int64(token[..<period]) else { return nil }
        let id = token[token.index(after: period)...]
        guard !id.isEmpty else { return nil }
        self.init(receivedAt: Date(timeIntervalSince1970: Double(milliseconds) / 1_000), id: Case.ID(String(id)))
    }
}

/// One page of a case list.
public struct CasePage: Hashable, Sendable {
    /// The cases, newest received first.
    public var cases: [Case]
    /// Where the next page starts, or `nil` when this page is the last.
    public var next: CaseCursor?

    /// Creates a page.
    ///
    /// - Parameters:
    ///   - cases: the cases of the page.
    ///   - next: where the next page starts.
    public init(cases: [Case], next: CaseCursor?) {
        self.cases = cases
        self.next = next
    }
}

/// A case event as stored: the event and, once the caller has deposited it, its evidence-ledger entry.
public struct RecordedCaseEvent: Hashable, Sendable {
    /// The event, as read back from its canonical JSON.
    public var event: CaseEvent
    /// The evidence-ledger entry that holds the event's canonical JSON, or `nil` while it has not been deposited.
    public var ledgerEntry: String?

    /// Creates a recorded event.
    ///
    /// - Parameters:
    ///   - event: the event.
    ///   - ledgerEntry: its ledger entry, when deposited.
    public init(event: CaseEvent, ledgerEntry: String? = nil) {
        self.event = event
        self.ledgerEntry = ledgerEntry
    }
}

/// Stores cases: each case's complaint, its events (the history, in canonical JSON) and its current snapshot.
///
/// **Visibility.** A case belongs to several tenants at once: the complainant organisation and every organisation
/// that has handled it (``Case/handlers``). Every read names the organisation asking and returns only cases visible
/// to it; a case that exists but is not visible reads exactly like a case that does not exist (`nil`, absent from
/// lists and counts), so a tenant cannot even learn that another's case exists.
///
/// **Writes.** ``open(_:)`` and ``append(_:to:expecting:updated:)`` write the snapshot, the events and the
/// visibility together, in one transaction, or nothing at all. Appends use optimistic concurrency: the caller names
/// the sequence number of the last event it built on, and a store that holds a later event refuses the write with
/// ``StoreError/Code-swift.struct/conflict``.
///
/// **History.** Events are stored in their canonical JSON (``CaseEvent/canonicalJSON``), the bytes that go into the
/// evidence ledger, so events must survive that encoding unchanged: dates must be whole milliseconds
/// (``Foundation/Date/roundedToMillisecond``). A stored case can always be rebuilt from its stored events with
/// ``CaseWorkflow/replay(_:complaint:)``.
public protocol CaseRepository: Sendable {
    /// Stores a newly opened case: its snapshot, its complaint, its events so far (at least the opening) and who
    /// may see it, in one transaction.
    ///
    /// - Parameter newCase: the case as ``CaseWorkflow`` made it; its history starts with the opening event.
    /// - Throws: `StoreError` `.constraint` when a case with the same identifier exists, the history is not a
    ///   well-formed opening (numbered from 1, the first event an opening, every event of this case), an event does
    ///   not survive its canonical encoding, or the complainant or a handler organisation is not stored; nothing is
    ///   written.
    func open(_ newCase: Case) async throws

    /// Appends events to a case and replaces its snapshot, in one transaction, if nobody has appended since the
    /// caller read it.
    ///
    /// - Parameters:
    ///   - events: the new events, oldest first, numbered from `sequence + 1`.
    ///   - id: the case.
    ///   - sequence: the sequence number of the case's last event as the caller read it.
    ///   - updated: the case after the events: its history is the stored history followed by `events`.
    /// - Throws: `StoreError` `.conflict` when the case's last stored event is not `sequence` (another writer got
    ///   there first); `.constraint` when the case is not stored, `events` is empty, misnumbered or of another
    ///   case, `updated` does not end with `events` or holds another complaint, an event does not survive its
    ///   canonical encoding, or a new handler organisation is not stored. Nothing is written in either case.
    func append(_ events: [CaseEvent], to id: Case.ID, expecting sequence: Int, updated: Case) async throws

    /// Records the evidence-ledger entry that holds an event's canonical JSON.
    ///
    /// Setting the entry an event already has is harmless, so a caller may retry after a failure.
    ///
    /// - Parameters:
    ///   - entry: the ledger entry identifier.
    ///   - id: the event's case.
    ///   - sequence: the event's sequence number.
    /// - Returns: `false` when no such event is stored.
    /// - Throws: `StoreError` `.conflict` when the event already has a different ledger entry.
    func setLedgerEntry(_ entry: String, for id: Case.ID, sequence: Int) async throws -> Bool

    /// Events not yet deposited in the evidence ledger, oldest first (by date, then case, then sequence), so a
    /// service that stopped between appending and depositing can finish the deposits.
    ///
    /// - Parameter limit: at most this many.
    /// - Returns: the events, each without a ledger entry.
    func eventsAwaitingLedgerEntry(limit: Int) async throws -> [RecordedCaseEvent]

    /// The case with `id`, if `organisation` may see it.
    ///
    /// - Parameters:
    ///   - id: the case.
    ///   - organisation: the organisation asking.
    /// - Returns: the case with its full history, or `nil` when it does not exist or is not visible.
    func `case`(_ id: Case.ID, visibleTo organisation: Organisation.ID) async throws -> Case?

    /// The events of the case with `id`, oldest first, if `organisation` may see it.
    ///
    /// - Parameters:
    ///   - id: the case.
    ///   - organisation: the organisation asking.
    /// - Returns: the events with their ledger entries, or `nil` when the case does not exist or is not visible.
    func events(of id: Case.ID, visibleTo organisation: Organisation.ID) async throws -> [RecordedCaseEvent]?

    /// A page of the cases `organisation` sees, newest received first.
    ///
    /// - Parameters:
    ///   - organisation: the organisation asking.
    ///   - query: which of its cases.
    ///   - cursor: where the page starts: `nil` for the first page, then the previous page's ``CasePage/next``.
    ///   - limit: at most this many cases.
    /// - Returns: the page, with the cursor of the next page when there may be more.
    func cases(
        visibleTo organisation: Organisation.ID, matching query: CaseQuery, after cursor: CaseCursor?, limit: Int
    ) async throws -> CasePage

    /// How many cases `organisation` sees that match `query`.
    ///
    /// - Parameters:
    ///   - organisation: the organisation asking.
    ///   - query: which of its cases.
    /// - Returns: the count.
    func countCases(visibleTo organisation: Organisation.ID, matching query: CaseQuery) async throws -> Int

    /// How many cases `organisation` sees in each state, for dashboards.
    ///
    /// - Parameters:
    ///   - organisation: the organisation asking.
    ///   - query: which of its cases; every state the query admits has an entry, zero included.
    /// - Returns: the count per state.
    func caseCountsByState(visibleTo organisation: Organisation.ID, matching query: CaseQuery) async throws
        -> [CaseState: Int]

    /// Calls `body` with every stored case, of every organisation, in batches ordered by identifier, from one
    /// consistent snapshot and without loading all at once: for work queues, deadline sweeps and credit rebuilds.
    ///
    /// - Parameters:
    ///   - states: only cases in one of these states, or all when `nil`.
    ///   - batchSize: cases per call (positive).
    ///   - body: called with each batch; an error it throws stops the walk and is rethrown.
    func forEachCase(
        states: Set<CaseState>?, batchSize: Int, _ body: @Sendable ([Case]) throws -> Void
    ) async throws
}

/// A position in the list of all findings, which is ordered by organisation, then finding identifier.
public struct FindingCursor: Hashable, Sendable, Codable {
    /// The organisation of the last finding of the page.
    public var organisation: Organisation.ID
    /// The last finding of the page.
    public var id: Finding.ID

    /// Creates a cursor after the finding `id` of `organisation`.
    ///
    /// - Parameters:
    ///   - organisation: the finding's organisation.
    ///   - id: the finding.
    public init(organisation: Organisation.ID, id: Finding.ID) {
        self.organisation = organisation
        self.id = id
    }

    /// Creates the cursor just after `finding`.
    ///
    /// - Parameter finding: the last finding of a page.
    public init(after finding: Finding) {
        self.init(organisation: finding.organisation, id: finding.id)
    }
}

/// Stores findings against parties: the record behind credit grades and the public disclosure list.
///
/// Findings are keyed by organisation (the party's tenant) and identifier; the party must be stored
/// (`PartyRepository`), because the disclosure list names it. They are not private to a tenant the way cases are
/// (they are published), but every write names the body that decides, and a finding can only be replaced by the
/// body that decided it.
public protocol FindingRepository: Sendable {
    /// Inserts the findings, or replaces those whose `(organisation, id)` exists, in one transaction.
    ///
    /// - Parameter findings: the findings, each naming its deciding body (``Finding/decidedBy``).
    /// - Throws: `StoreError` `.constraint` when a finding's party or organisation is not stored, or when a stored
    ///   finding with the same key was decided by another body (it may not be overwritten by this one); nothing
    ///   is written.
    func save(_ findings: [Finding]) async throws

    /// Records the decision on an appeal against a finding, replacing any earlier appeal decision.
    ///
    /// - Parameters:
    ///   - appeal: the appeal decision.
    ///   - id: the finding.
    ///   - organisation: the finding's organisation.
    ///   - decidingBody: the body that decided the appeal, kept with it for audit.
    /// - Returns: the finding with the appeal, or `nil` when no such finding is stored.
    func recordAppeal(
        _ appeal: Finding.Appeal, on id: Finding.ID, in organisation: Organisation.ID, by decidingBody: Organisation.ID
    ) async throws -> Finding?

    /// The finding `id` of `organisation`, or `nil`.
    ///
    /// - Parameters:
    ///   - id: the finding.
    ///   - organisation: its organisation.
    /// - Returns: the finding.
    func finding(_ id: Finding.ID, in organisation: Organisation.ID) async throws -> Finding?

    /// A party's findings, oldest decision first (then by identifier), with appeals, for its credit record.
    ///
    /// - Parameters:
    ///   - party: the party.
    ///   - organisation: the party's organisation.
    /// - Returns: the findings.
    func findings(of party: Party.ID, in organisation: Organisation.ID) async throws -> [Finding]

    /// A page of all findings, of every organisation, ordered by organisation then identifier.
    ///
    /// - Parameters:
    ///   - cursor: where the page starts: `nil` first, then the last finding of the previous page.
    ///   - limit: at most this many.
    /// - Returns: the findings.
    func findings(after cursor: FindingCursor?, limit: Int) async throws -> [Finding]

    /// Calls `body` with every finding in batches, ordered by organisation then identifier, from one consistent
    /// snapshot: for the disclosure list and credit rebuilds.
    ///
    /// - Parameters:
    ///   - batchSize: findings per call (positive).
    ///   - body: called with each batch; an error it throws stops the walk and is rethrown.
    func forEachFinding(batchSize: Int, _ body: @Sendable ([Finding]) throws -> Void) async throws

    /// How many findings are stored against `organisation`'s parties, or against everyone's when `nil`.
    ///
    /// - Parameter organisation: the organisation, or `nil` for all.
    /// - Returns: the count.
    func countFindings(in organisation: Organisation.ID?) async throws -> Int
}

/// Stores what a marketplace knows about each seller account (emails, phones, payment accounts, addresses, shop
/// images), per organisation, to build a `SellerNetworkIndex` for each tenant at start-up.
///
/// Identifiers are stored as given; normalisation happens when the index is built, so a better normaliser takes
/// effect at the next start without rewriting the store.
public protocol SellerIdentifierRepository: Sendable {
    /// Inserts the sellers' identifiers, or replaces the lists of those already stored, in one transaction.
    ///
    /// - Parameters:
    ///   - sellers: each seller's identifiers; a seller named twice keeps the last.
    ///   - organisation: the tenant the sellers belong to.
    /// - Throws: `StoreError` `.constraint` when the organisation is not stored or a seller identifier is blank;
    ///   nothing is written.
    func upsert(_ sellers: [SellerIdentifiers], in organisation: Organisation.ID) async throws

    /// The identifiers of `seller` in `organisation`, or `nil`.
    ///
    /// - Parameters:
    ///   - seller: the seller account.
    ///   - organisation: its tenant.
    /// - Returns: the stored identifiers.
    func identifiers(of seller: Party.ID, in organisation: Organisation.ID) async throws -> SellerIdentifiers?

    /// Calls `body` with every seller of `organisation` in batches ordered by seller identifier, from one
    /// consistent snapshot and without loading all at once.
    ///
    /// - Parameters:
    ///   - organisation: the tenant.
    ///   - batchSize: sellers per call (positive).
    ///   - body: called with each batch; an error it throws stops the walk and is rethrown.
    func forEachSeller(
        in organisation: Organisation.ID, batchSize: Int, _ body: @Sendable ([SellerIdentifiers]) throws -> Void
    ) async throws

    /// How many sellers of `organisation` have identifiers stored.
    ///
    /// - Parameter organisation: the tenant.
    /// - Returns: the count.
    func countSellers(in organisation: Organisation.ID) async throws -> Int

    /// Forgets the identifiers of `seller` in `organisation`.
    ///
    /// - Parameters:
    ///   - seller: the seller account.
    ///   - organisation: its tenant.
    /// - Returns: whether any were stored.
    func delete(_ seller: Party.ID, in organisation: Organisation.ID) async throws -> Bool
}

extension Date {
    /// The instant rounded to the nearest millisecond: the precision of case events in the evidence ledger
    /// (``CaseEvent/canonicalJSON``) and of every stored timestamp. Date case actions with it, so that a stored
    /// event reads back equal to the one written.
    public var roundedToMillisecond: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1_000).rounded() / 1_000)
    }
}
