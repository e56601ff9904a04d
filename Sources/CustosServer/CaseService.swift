import Crypto
import CustosCases
import CustosCore
import CustosCredit
import CustosLedger
import CustosStore
import Foundation
import Logging

/// Runs complaints and cases for the server: intake, actions under the case workflow, the evidence-ledger record of
/// every event, credit findings on takedowns and the handlers' work queue.
///
/// The service is the only writer of cases. It applies ``CaseWorkflow`` to what the store holds, writes with
/// optimistic concurrency, and then deposits each new event's canonical JSON in the evidence ledger. A case write is
/// the commit point: when the deposit fails afterwards the event stays without a ledger entry and
/// ``retryLedgerDeposits(batchSize:)`` deposits it later (the server calls it at start).
///
/// Every read is scoped to the principal's organisation, and a case another organisation cannot see answers
/// `not_found`, never `forbidden`, so that its existence does not leak.
public struct CaseService: Sendable {
    /// The store that holds cases, rights, parties and findings.
    public var store: any CustosStore
    /// The evidence ledger every case event is deposited in.
    public var vault: EvidenceVault
    /// The case state machine and its deadline policy.
    public var workflow: CaseWorkflow
    /// The complaint checks run at intake.
    public var validator: ComplaintValidator
    /// Decides between the fast track and the standard channel.
    public var fastTrack: FastTrackPolicy
    /// Judges the complainant's standing from its past cases.
    public var standing: StandingPolicy
    /// The source of "now" for filings, actions and deadlines.
    public var clock: any CaseClock
    /// A directory on the vault's file system where event files are written before they are deposited.
    public var spool: URL
    /// The server's per-organisation evidence list, told about every deposit so that it lists event entries.
    var evidenceIndex: EvidenceIndex?
    /// Where refusals of the ledger and the credit record are reported.
    var logger: Logger

    /// Creates the service.
    ///
    /// - Parameters:
    ///   - store: the store.
    ///   - vault: the evidence ledger.
    ///   - spool: a writable directory on the vault's file system for event files awaiting deposit.
    ///   - workflow: the case workflow (its deadline policy drives deadlines and the work queue).
    ///   - validator: the complaint checks.
    ///   - fastTrack: the fast-track policy.
    ///   - standing: the complainant standing policy.
    ///   - clock: the source of "now".
    ///   - logger: where ledger and credit failures are reported.
    public init(
        store: any CustosStore, vault: EvidenceVault, spool: URL, workflow: CaseWorkflow = CaseWorkflow(),
        validator: ComplaintValidator = ComplaintValidator(), fastTrack: FastTrackPolicy = FastTrackPolicy(),
        standing: StandingPolicy = StandingPolicy(), clock: any CaseClock = SystemCaseClock(),
        logger: Logger = Logger(label: "custos.cases")
    ) {
        self.store = store
        self.vault = vault
        self.spool = spool
        self.workflow = workflow
        self.validator = validator
        self.fastTrack = fastTrack
        self.standing = standing
        self.clock = clock
        self.logger = logger
        evidenceIndex = nil
    }

    /// The case store, for brevity.
    private var cases: any CaseRepository { store.cases }

    /// The instant for a new event: the clock at the ledger's precision (whole milliseconds).
    private var now: Date { clock.now().roundedToMillisecond }
}

// MARK: - Filing

extension CaseService {
    /// Files a complaint for the principal's organisation and opens its case.
    ///
    /// The complainant is the principal's organisation, filing as owner or as agent by the principal's role. The
    /// rights are looked up in the complainant's register, the evidence in its ledger entries, and the handler must
    /// be a stored platform or authority. Every problem is reported at once; when there is none, the standing and
    /// the channel are decided, the case is opened and stored, and its opening event is deposited in the ledger.
    ///
    /// - Parameters:
    ///   - draft: what the complainant filed.
    ///   - principal: who files.
    /// - Returns: the new case with the fast-track decision and the standing it rests on.
    /// - Throws: `APIError` `forbidden` when the role may not file complaints; `unprocessable` with one detail per
    ///   problem (`path: message [code]`) when the complaint is invalid (nothing is stored); `internal` when the
    ///   store fails.
    public func file(_ draft: ComplaintDraft, by principal: Principal) async throws(APIError) -> CaseFiling {
        try principal.require(.fileComplaints)
        let capacity: ComplainantCapacity
        switch principal.role {
        case .owner: capacity = .owner
        case .agent: capacity = .agent
        default: throw APIError(.forbidden, "The \(principal.role.rawValue) role may not file complaints.")
        }
        let organisation = principal.organisation.id
        let filedAt = now
        let complaint = Complaint(
            complainant: organisation, filedBy: principal.user.id, rights: draft.rights, targets: draft.targets,
            evidence: draft.evidence, authorisationEvidence: draft.authorisationEvidence,
            goodFaithStatement: draft.goodFaithStatement, goodsClass: draft.goodsClass, category: draft.category,
            claimedValue: draft.claimedValue, filedAt: filedAt)

        var rights: [Right.ID: Right] = [:]
        for id in Set(draft.rights) where !id.rawValue.isBlankText {
            if let right = try await stored({ try await store.rights.right(id, in: organisation) }) {
                rights[id] = right
            }
        }
        var problems = validator.problems(
            in: complaint,
            context: .init(rights: rights, complainantName: principal.organisation.name, capacity: capacity)
        ).map { "\($0.path): \($0.message) [\($0.code.rawValue)]" }
        problems += evidenceProblems(complaint, organisation: organisation)
        problems += try await handlerProblems(draft.handler, region: draft.region)
        if let note = draft.note, note.count > Self.maximumNoteLength {
            problems.append("note: The note is longer than \(Self.maximumNoteLength) characters. [note_too_long]")
        }
        guard problems.isEmpty, let handler = draft.handler else {
            throw APIError(
                .unprocessable,
                "The complaint has \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was filed.",
                details: problems)
        }

        let record = ComplainantRecord(organisation: organisation, cases: try await pastCases(of: organisation))
        let standing = standing.standing(of: record, at: filedAt)
        let decision = fastTrack.decide(complaint, rights: rights, standing: standing)
        let opened: Case
        do {
            opened = try workflow.open(
                Self.makeCaseID(), complaint: complaint, channel: decision.channel, handler: handler,
                region: draft.region, by: CaseActor(principal), at: filedAt, note: draft.note)
        } catch {
            throw Self.apiError(error)
        }
        try await stored { try await cases.open(opened) }
        await depositLogged(opened.history)
        logger.debug(
            "case opened",
            metadata: [
                "case.id": "\(opened.id)", "case.channel": "\(opened.channel.rawValue)", "case.handler": "\(handler)",
            ])
        return CaseFiling(filed: opened, fastTrack: decision, standing: standing)
    }

    /// The longest note an event may carry.
    static let maximumNoteLength = 4_000

    /// A fresh case identifier: `C-` and 20 hexadecimal digits (80 random bits, so collisions stay negligible at
    /// hundreds of millions of cases).
    static func makeCaseID() -> Case.ID {
        let hex = UUID().uuidString.replacingOccurrences(of: "-", with: "")
        return Case.ID("C-\(hex.prefix(20))")
    }

    /// Evidence and authorisation identifiers that are not ledger entries deposited by the complainant.
    private func evidenceProblems(_ complaint: Complaint, organisation: Organisation.ID) -> [String] {
        var references = complaint.evidence.enumerated().map { ("evidence[\($0.offset)]", $0.element) }
        if let authorisation = complaint.authorisationEvidence {
            references.append(("authorisationEvidence", authorisation))
        }
        return references.compactMap { path, reference in
            guard !reference.isBlankText, !isDeposited(reference, by: organisation) else { return nil }
            return "\(path): No evidence entry \(reference) was deposited by your organisation. [evidence_not_found]"
        }
    }

    /// Whether `reference` (`E12` or `12`) names a ledger entry deposited by `organisation`.
    private func isDeposited(_ reference: String, by organisation: Organisation.ID) -> Bool {
        guard let index = try? EvidenceDeposits.index(reference) else { return false }
        return (try? vault.entry(at: index, for: organisation.rawValue)) != nil
    }

    /// Why the named handler cannot take the case: it must be a stored platform or authority.
    private func handlerProblems(_ handler: Organisation.ID?, region: String?) async throws(APIError) -> [String] {
        var problems: [String] = []
        if let region, region.isBlankText || region.count > 64 {
            problems.append("region: The region must be a short code or name. [invalid_region]")
        }
        guard let handler, !handler.rawValue.isBlankText else {
            return problems + [
                "handler: Name the platform or authority that must handle the complaint. [missing_handler]"
            ]
        }
        let stored = try await stored { try await store.organisations.organisation(handler) }
        guard let stored, stored.kind == .platform || stored.kind == .authority else {
            return problems + [
                "handler: \(handler) is not a platform or authority known here. [handler_not_found]"
            ]
        }
        return problems
    }

    /// Every case the organisation filed, for its complainant record.
    private func pastCases(of organisation: Organisation.ID) async throws(APIError) -> [Case] {
        try await allCases(visibleTo: organisation, matching: CaseQuery(relation: .complainant))
    }

    /// Every case of a query, page by page.
    private func allCases(visibleTo organisation: Organisation.ID, matching query: CaseQuery) async throws(APIError)
        -> [Case]
    {
        var all: [Case] = []
        var cursor: CaseCursor?
        repeat {
            let page = try await stored {
                try await cases.cases(visibleTo: organisation, matching: query, after: cursor, limit: 500)
            }
            all += page.cases
            cursor = page.next
        } while cursor != nil
        return all
    }
}

// MARK: - Actions

extension CaseService {
    /// Takes an action on a case the principal's organisation can see.
    ///
    /// The action is applied by ``CaseWorkflow`` with the principal as actor and appended with optimistic
    /// concurrency: when someone else appended first, the case is reloaded and the action tried once more. The new
    /// event is then deposited in the evidence ledger. A takedown decision records a finding against each seller the
    /// complaint targets (counterfeiting, wilful infringement or infringement, as the decision finds); a later
    /// restore or dismissal sets those findings aside. A complaint found malicious is a finding against the
    /// complainant.
    ///
    /// - Parameters:
    ///   - action: what to do.
    ///   - id: the case.
    ///   - principal: who does it.
    ///   - note: the actor's note.
    ///   - evidence: ledger entries deposited by the principal's organisation that support the action.
    /// - Returns: the updated case.
    /// - Throws: `APIError` `not_found` when the organisation cannot see the case; `forbidden` when the role or the
    ///   actor may not take the action; `conflict` when the state, the case's facts or a window rule it out, or a
    ///   concurrent change won twice; `unprocessable` for an unsound argument or evidence that is not the
    ///   organisation's ledger entry.
    public func act(
        _ action: CaseAction, on id: Case.ID, by principal: Principal, note: String? = nil, evidence: [String] = []
    ) async throws(APIError) -> Case {
        try principal.require(.readCases)
        let organisation = principal.organisation.id
        var problems = evidence.enumerated().compactMap { offset, reference in
            isDeposited(reference, by: organisation)
                ? nil : "evidence[\(offset)]: No evidence entry \(reference) was deposited by your organisation."
        }
        if let note, note.count > Self.maximumNoteLength {
            problems.append("note: The note is longer than \(Self.maximumNoteLength) characters.")
        }
        let actor = CaseActor(principal)
        for attempt in 1...2 {
            let current = try await visibleCase(id, to: organisation)
            // Evidence problems are reported only once the case is known to be visible, so they leak nothing.
            guard problems.isEmpty else {
                throw APIError(.unprocessable, "The action's note or evidence is invalid.", details: problems)
            }
            let updated: Case
            do {
                updated = try workflow.apply(action, to: current, by: actor, at: now, note: note, evidence: evidence)
            } catch {
                throw Self.apiError(error)
            }
            let events = Array(updated.history.dropFirst(current.history.count))
            do {
                try await cases.append(
                    events, to: id, expecting: current.history.last?.sequence ?? 0, updated: updated)
            } catch let error as StoreError where error.code == .conflict {
                if attempt < 2 { continue }
                throw APIError(
                    .conflict, "Case \(id) was changed by someone else at the same time; reload it and retry.")
            } catch let error as StoreError where error.code == .constraint {
                throw APIError(.unprocessable, error.message)
            } catch {
                throw APIError(.internal, "The store failed: \(error)")
            }
            await depositLogged(events)
            await recordFindings(from: current, to: updated, by: actor)
            logger.debug(
                "case action",
                metadata: [
                    "case.id": "\(id)", "case.action": "\(action.kind.rawValue)",
                    "case.state": "\(updated.state.rawValue)",
                ])
            return updated
        }
        throw APIError(.conflict, "Case \(id) was changed by someone else at the same time; reload it and retry.")
    }

    /// Maps a workflow refusal to the API: a refusal of who acts is `forbidden`, of when or in which state is
    /// `conflict`, of an argument is `unprocessable`, with the engine's sentence.
    static func apiError(_ error: CaseError) -> APIError {
        switch error.code {
        case .roleNotAllowed, .actorNotPermitted: APIError(.forbidden, error.message)
        case .invalidTransition, .tooEarly, .tooLate, .appealsExhausted: APIError(.conflict, error.message)
        case .invalidArgument: APIError(.unprocessable, error.message)
        default: APIError(.internal, "The case workflow failed: \(error.debugDescription)")
        }
    }
}

// MARK: - Reads

extension CaseService {
    /// The case, when the principal's organisation can see it.
    ///
    /// - Parameters:
    ///   - id: the case.
    ///   - principal: who asks.
    /// - Returns: the case with its history.
    /// - Throws: `APIError` `not_found` when it does not exist or is not visible; `forbidden` without `cases:read`.
    public func `case`(_ id: Case.ID, for principal: Principal) async throws(APIError) -> Case {
        try principal.require(.readCases)
        return try await visibleCase(id, to: principal.organisation.id)
    }

    /// The case's events with their ledger entries, when the principal's organisation can see it.
    ///
    /// - Parameters:
    ///   - id: the case.
    ///   - principal: who asks.
    /// - Returns: the events, oldest first.
    /// - Throws: `APIError` `not_found` when the case does not exist or is not visible.
    public func events(of id: Case.ID, for principal: Principal) async throws(APIError) -> [RecordedCaseEvent] {
        try principal.require(.readCases)
        let organisation = principal.organisation.id
        guard let events = try await stored({ try await cases.events(of: id, visibleTo: organisation) }) else {
            throw APIError.notFound("case \(id)")
        }
        return events
    }

    /// A page of the cases the principal's organisation sees, with how many match in all.
    ///
    /// - Parameters:
    ///   - query: which cases.
    ///   - cursor: where the page starts.
    ///   - limit: at most this many.
    ///   - principal: who asks.
    /// - Returns: the page and the total.
    /// - Throws: `APIError` `forbidden` without `cases:read`; `internal` when the store fails.
    public func cases(
        matching query: CaseQuery, after cursor: CaseCursor?, limit: Int, for principal: Principal
    ) async throws(APIError) -> (page: CasePage, total: Int) {
        try principal.require(.readCases)
        let organisation = principal.organisation.id
        let page = try await stored {
            try await cases.cases(visibleTo: organisation, matching: query, after: cursor, limit: limit)
        }
        let total = try await stored { try await cases.countCases(visibleTo: organisation, matching: query) }
        return (page, total)
    }

    /// The principal's organisation's work queue: the open cases it handles now, most urgent first.
    ///
    /// - Parameter principal: who asks; the role needs `cases:handle`.
    /// - Returns: one item per open case with its handler deadline, overdue flag and time left.
    /// - Throws: `APIError` `forbidden` without `cases:handle`; `internal` when the store fails.
    public func workQueue(for principal: Principal) async throws(APIError) -> [CaseWorkItem] {
        try principal.require(.handleCases)
        let open = try await allCases(
            visibleTo: principal.organisation.id,
            matching: CaseQuery(states: CaseState.nonTerminal, relation: .currentHandler))
        return workflow.deadlines.workQueue(open, at: clock.now())
    }

    /// The deadlines of a case with whether each is overdue now.
    ///
    /// - Parameter subject: the case.
    /// - Returns: the deadlines that bind the handler and the parties.
    public func deadlines(of subject: Case) -> [(deadline: CaseDeadline, isOverdue: Bool)] {
        let date = clock.now()
        return workflow.deadlines.deadlines(for: subject).map { ($0, $0.isOverdue(at: date)) }
    }

    /// Whether the case's handler deadline has passed.
    ///
    /// - Parameter subject: the case.
    /// - Returns: `true` when the handler is overdue.
    public func isOverdue(_ subject: Case) -> Bool {
        workflow.deadlines.isOverdue(subject, at: clock.now())
    }

    /// What the principal could do to the case now (by role, state, organisation and the case's facts), for
    /// buttons.
    ///
    /// - Parameters:
    ///   - subject: the case.
    ///   - principal: who asks.
    /// - Returns: the action kinds.
    public func availableActions(on subject: Case, for principal: Principal) -> [CaseAction.Kind] {
        workflow.availableActions(for: subject, by: CaseActor(principal))
    }

    /// The case, or `not_found` when the organisation cannot see it.
    private func visibleCase(_ id: Case.ID, to organisation: Organisation.ID) async throws(APIError) -> Case {
        guard let found = try await stored({ try await cases.case(id, visibleTo: organisation) }) else {
            throw APIError.notFound("case \(id)")
        }
        return found
    }
}

// MARK: - Ledger

extension CaseService {
    /// Deposits the events that have no ledger entry yet (left by a failed deposit or a stop between writing a case
    /// and depositing its events), oldest first, in batches.
    ///
    /// - Parameter batchSize: events per deposit.
    /// - Returns: how many events were deposited.
    /// - Throws: `APIError` `internal` when the store or the ledger fails; events deposited before the failure keep
    ///   their entries.
    @discardableResult
    public func retryLedgerDeposits(batchSize: Int = 100) async throws(APIError) -> Int {
        precondition(batchSize > 0, "batchSize must be positive")
        var deposited = 0
        while true {
            let waiting = try await stored { try await cases.eventsAwaitingLedgerEntry(limit: batchSize) }
            guard !waiting.isEmpty else { return deposited }
            let missing = try await recordEarlierDeposits(of: waiting.map(\.event))
            try await deposit(missing)
            deposited += waiting.count
            if waiting.count < batchSize { return deposited }
        }
    }

    /// Records the entries of events the ledger already holds (deposited before a crash or a failed store write
    /// could record them), so that a retry never deposits an event twice; returns the events still to deposit.
    private func recordEarlierDeposits(of events: [CaseEvent]) async throws(APIError) -> [CaseEvent] {
        let digests = events.map { Hex.encode(Array(SHA256.hash(data: $0.canonicalJSONData))) }
        let found: [String: [(index: UInt64, organisation: String)]]
        do {
            found = try vault.entries(withSHA256: Set(digests))
        } catch {
            throw APIError(.internal, "The ledger cannot be searched for case events: \(error)")
        }
        var missing: [CaseEvent] = []
        for (event, digest) in zip(events, digests) {
            let organisation = event.actor.organisation.rawValue
            guard let earlier = found[digest]?.first(where: { $0.organisation == organisation }) else {
                missing.append(event)
                continue
            }
            _ = try await stored {
                try await cases.setLedgerEntry("E\(earlier.index)", for: event.caseID, sequence: event.sequence)
            }
        }
        return missing
    }

    /// Deposits events and records their entries; a failure is logged and left for ``retryLedgerDeposits(batchSize:)``,
    /// because the case write has already committed the action.
    private func depositLogged(_ events: [CaseEvent]) async {
        do {
            try await deposit(events)
        } catch {
            logger.warning(
                "case events await their ledger entries",
                metadata: [
                    "case.id": "\(events.first?.caseID.rawValue ?? "-")", "error": "\(error.message)",
                ])
        }
    }

    /// Deposits each event's canonical JSON as one evidence entry of the acting organisation, in one ledger commit,
    /// and records each entry on its event.
    private func deposit(_ events: [CaseEvent]) async throws(APIError) {
        guard !events.isEmpty else { return }
        var files: [URL] = []
        defer { for file in files { try? FileManager.default.removeItem(at: file) } }
        var deposits: [EvidenceVault.Deposit] = []
        for event in events {
            let file = spool.appendingPathComponent("case-event-\(UUID().uuidString).json")
            do {
                try event.canonicalJSONData.write(to: file)
            } catch {
                throw APIError(.internal, "Cannot spool case event \(event.caseID)#\(event.sequence): \(error)")
            }
            files.append(file)
            deposits.append(
                EvidenceVault.Deposit(
                    file: file,
                    depositor: .init(organisation: event.actor.organisation.rawValue, user: event.actor.user.rawValue),
                    fileName: "case-\(event.caseID.rawValue)-event-\(event.sequence).json",
                    mediaType: "application/json", links: .init(case: event.caseID.rawValue),
                    description: "Case \(event.caseID.rawValue) event \(event.sequence): \(event.action.kind.rawValue)"
                ))
        }
        let receipts: [EvidenceReceipt]
        do {
            receipts = try await vault.deposit(deposits)
        } catch {
            throw APIError(.internal, "The ledger refused case events: \(error)")
        }
        for (event, receipt) in zip(events, receipts) {
            await evidenceIndex?.add([receipt.leafIndex], for: event.actor.organisation.rawValue)
            let entry = "E\(receipt.leafIndex)"
            _ = try await stored { try await cases.setLedgerEntry(entry, for: event.caseID, sequence: event.sequence) }
        }
    }
}

// MARK: - Credit

extension CaseService {
    /// Records what a decision means for credit: the sellers' infringement findings and the complainant's
    /// malicious-complaint finding.
    ///
    /// The case is the record: a failure here is logged, and the findings can be rebuilt from the stored cases.
    private func recordFindings(from previous: Case, to updated: Case, by actor: CaseActor) async {
        do {
            try await recordInfringementFindings(from: previous, to: updated, by: actor)
        } catch {
            logger.warning(
                "case findings not recorded", metadata: ["case.id": "\(updated.id)", "error": "\(error)"])
        }
        do {
            try await recordMaliciousComplaintFinding(from: previous, to: updated, by: actor)
        } catch {
            logger.warning(
                "malicious-complaint finding not recorded",
                metadata: ["case.id": "\(updated.id)", "error": "\(error)"])
        }
    }

    /// A new takedown is a finding against each seller the complaint targets, of the kind ``findingKind(for:)``
    /// gives; a takedown replaced by a restore or dismissal sets those findings aside (overturned on appeal), so
    /// they leave the credit grade and the disclosure list.
    private func recordInfringementFindings(from previous: Case, to updated: Case, by actor: CaseActor) async throws {
        let upheld = updated.outcome == .takedown && updated.decidedAt != previous.decidedAt
        let setAside = previous.outcome == .takedown && updated.outcome != nil && updated.outcome != .takedown
        guard upheld || setAside, let decidedAt = updated.decidedAt else { return }
        let sellers = try await sellers(targetedBy: updated.complaint)
        if upheld {
            let kind = Self.findingKind(for: updated)
            var findings: [Finding] = []
            for seller in sellers {
                let organisation = try await partyOrganisation(for: seller, of: updated, creating: true)
                findings.append(
                    Finding(
                        id: Self.findingID(updated.id, seller.id), party: seller.id, organisation: organisation,
                        kind: kind,
                        basis: .init(caseReference: updated.id.rawValue, summary: Self.findingSummary(for: updated)),
                        decidedBy: actor.organisation, decidedAt: decidedAt))
            }
            try await store.findings.save(findings)
        } else {
            for seller in sellers {
                let organisation = try await partyOrganisation(for: seller, of: updated, creating: false)
                _ = try await store.findings.recordAppeal(
                    .init(outcome: .overturned, decidedAt: decidedAt, reference: updated.id.rawValue),
                    on: Self.findingID(updated.id, seller.id), in: organisation, by: actor.organisation)
            }
        }
    }

    /// The kind of the findings a takedown records: the most serious the decision supports, counterfeiting (severe:
    /// grade D and listing) over wilful infringement (intent: grade C and listing) over plain infringement (listed
    /// only when repeated). A decision that finds both is recorded as counterfeiting and says so in its summary.
    static func findingKind(for decided: Case) -> Finding.Kind {
        decided.isCounterfeit ? .counterfeiting : decided.isWilful ? .wilfulInfringement : .infringement
    }

    /// The public summary of a takedown's finding: what was found, never the handler's notes.
    static func findingSummary(for decided: Case) -> String {
        let reference = decided.id.rawValue
        switch (decided.isCounterfeit, decided.isWilful) {
        case (true, true):
            return "Wilful sale of counterfeit goods: complaint upheld with a takedown (case \(reference))."
        case (true, false):
            return "Counterfeit goods: complaint upheld with a takedown (case \(reference))."
        case (false, true):
            return "Wilful infringement: complaint upheld with a takedown (case \(reference))."
        case (false, false):
            return "Infringement complaint upheld with a takedown (case \(reference))."
        }
    }

    /// A decision that finds the complaint malicious is a ``Finding/Kind/maliciousComplaint`` finding against the
    /// complainant, kept by the handling organisation (the body that decided it) with the complainant stored there
    /// as an owner party; a later decision that no longer finds it malicious sets the finding aside.
    ///
    /// The complainant's standing does not read this finding: ``StandingPolicy`` counts malicious findings from the
    /// cases themselves. The finding puts the complaint on the complainant's credit record.
    private func recordMaliciousComplaintFinding(
        from previous: Case, to updated: Case, by actor: CaseActor
    ) async throws {
        let complainant = updated.complaint.complainant
        let id = Self.maliciousComplaintFindingID(updated.id)
        if let foundAt = updated.maliciousFindingAt, foundAt != previous.maliciousFindingAt {
            let keeper = updated.handler.organisation
            let party = Party.ID(complainant.rawValue)
            if try await store.parties.party(party, in: keeper) == nil {
                let name = try await store.organisations.organisation(complainant)?.name ?? complainant.rawValue
                try await store.parties.save([Party(id: party, organisation: keeper, role: .owner, name: name)])
            }
            try await store.findings.save([
                Finding(
                    id: id, party: party, organisation: keeper, kind: .maliciousComplaint,
                    basis: .init(
                        caseReference: updated.id.rawValue,
                        summary: "Complaint found knowingly false (case \(updated.id.rawValue))."),
                    decidedBy: actor.organisation, decidedAt: foundAt)
            ])
        } else if previous.maliciousFindingAt != nil, updated.maliciousFindingAt == nil {
            let clearedAt = updated.history.last?.at ?? now
            for keeper in updated.handlingOrganisations {
                let overturned = try await store.findings.recordAppeal(
                    .init(outcome: .overturned, decidedAt: clearedAt, reference: updated.id.rawValue), on: id,
                    in: keeper, by: actor.organisation)
                if overturned != nil { return }
            }
        }
    }

    /// The malicious-complaint finding of case `id`: one per case, so a finding repeated on appeal replaces it.
    static func maliciousComplaintFindingID(_ id: Case.ID) -> Finding.ID {
        Finding.ID("\(id.rawValue)/malicious-complaint")
    }

    /// A seller a complaint targets, as far as the complaint and the complainant's listings tell.
    private struct TargetedSeller {
        var id: Party.ID
        var name: String?
        var region: String?
        var platform: String?
    }

    /// The finding against `seller` in case `id`: one per seller and case, so a decision repeated on appeal replaces
    /// it.
    static func findingID(_ id: Case.ID, _ seller: Party.ID) -> Finding.ID {
        Finding.ID("\(id.rawValue)/\(seller.rawValue)")
    }

    /// The sellers named by the complaint's targets: seller targets directly, listing targets through the
    /// complainant's stored listings; bare URLs name no seller.
    private func sellers(targetedBy complaint: Complaint) async throws -> [TargetedSeller] {
        var sellers: [TargetedSeller] = []
        for target in complaint.targets {
            switch target {
            case .seller(let id, let platform):
                sellers.append(TargetedSeller(id: id, platform: platform))
            case .listing(let id):
                if let listing = try await store.listings.listing(id, in: complaint.complainant) {
                    sellers.append(
                        TargetedSeller(
                            id: listing.seller.id, name: listing.seller.name, region: listing.seller.region,
                            platform: listing.platform))
                }
            case .url:
                continue
            }
        }
        var seen: Set<Party.ID> = []
        return sellers.filter { seen.insert($0.id).inserted }
    }

    /// The tenant that holds the seller as a party: the complainant (whose listings name it), else a handler of
    /// the case; when neither does and `creating` is set, the seller is stored as a party of the complainant.
    private func partyOrganisation(
        for seller: TargetedSeller, of subject: Case, creating: Bool
    ) async throws -> Organisation.ID {
        let candidates = [subject.complaint.complainant] + subject.handlingOrganisations
        for organisation in candidates {
            if try await store.parties.party(seller.id, in: organisation) != nil { return organisation }
        }
        if creating {
            try await store.parties.save([
                Party(
                    id: seller.id, organisation: subject.complaint.complainant, role: .seller,
                    name: seller.name ?? seller.id.rawValue, region: seller.region, platform: seller.platform)
            ])
        }
        return subject.complaint.complainant
    }
}

/// A complaint as a complainant files it: the complaint's content and the body that must handle it. The complainant,
/// the filer and the filing date come from the signed-in principal and the clock.
public struct ComplaintDraft: Hashable, Sendable, Decodable {
    /// The rights relied on, in the complainant's register.
    public var rights: [Right.ID]
    /// The listings, URLs or sellers complained of.
    public var targets: [ComplaintTarget]
    /// Evidence ledger entries (`E12`) deposited by the complainant.
    public var evidence: [String]
    /// The ledger entry of the agent's authorisation, when an agent files.
    public var authorisationEvidence: String?
    /// The complainant's statement of good faith.
    public var goodFaithStatement: String
    /// The Nice class of the goods complained of.
    public var goodsClass: NiceClass?
    /// The goods' category.
    public var category: String?
    /// The value the complainant claims.
    public var claimedValue: CaseAmount?
    /// The platform or authority that must handle the complaint.
    public var handler: Organisation.ID?
    /// The region it handles the complaint in, when known.
    public var region: String?
    /// A note for the opening event.
    public var note: String?

    /// Creates a draft.
    ///
    /// - Parameters:
    ///   - rights: the rights relied on.
    ///   - targets: what is complained of.
    ///   - evidence: evidence ledger entries.
    ///   - authorisationEvidence: the agent's authorisation entry.
    ///   - goodFaithStatement: the statement of good faith.
    ///   - goodsClass: the goods' Nice class.
    ///   - category: the goods' category.
    ///   - claimedValue: the value claimed.
    ///   - handler: the handling platform or authority.
    ///   - region: the handling region.
    ///   - note: a note for the opening event.
    public init(
        rights: [Right.ID], targets: [ComplaintTarget], evidence: [String], authorisationEvidence: String? = nil,
        goodFaithStatement: String, goodsClass: NiceClass? = nil, category: String? = nil,
        claimedValue: CaseAmount? = nil, handler: Organisation.ID?, region: String? = nil, note: String? = nil
    ) {
        self.rights = rights
        self.targets = targets
        self.evidence = evidence
        self.authorisationEvidence = authorisationEvidence
        self.goodFaithStatement = goodFaithStatement
        self.goodsClass = goodsClass
        self.category = category
        self.claimedValue = claimedValue
        self.handler = handler
        self.region = region
        self.note = note
    }

    private enum CodingKeys: String, CodingKey {
        case rights, targets, evidence, category, handler, region, note
        case authorisationEvidence = "authorisation_evidence"
        case goodFaithStatement = "good_faith_statement"
        case goodsClass = "goods_class"
        case claimedValue = "claimed_value"
    }

    /// Decodes the snake-case JSON of `POST /api/v1/complaints`. Missing lists and the statement read as empty, so
    /// that the validator reports them with every other problem instead of the decoder stopping at the first.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rights = try container.decodeIfPresent([Right.ID].self, forKey: .rights) ?? []
        targets = try container.decodeIfPresent([ComplaintTarget].self, forKey: .targets) ?? []
        evidence = try container.decodeIfPresent([String].self, forKey: .evidence) ?? []
        authorisationEvidence = try container.decodeIfPresent(String.self, forKey: .authorisationEvidence)
        goodFaithStatement = try container.decodeIfPresent(String.self, forKey: .goodFaithStatement) ?? ""
        goodsClass = try container.decodeIfPresent(NiceClass.self, forKey: .goodsClass)
        category = try container.decodeIfPresent(String.self, forKey: .category)
        claimedValue = try container.decodeIfPresent(CaseAmount.self, forKey: .claimedValue)
        handler = try container.decodeIfPresent(Organisation.ID.self, forKey: .handler)
        region = try container.decodeIfPresent(String.self, forKey: .region)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }
}

/// The result of filing a complaint: the new case and the decisions it was opened with.
public struct CaseFiling: Sendable {
    /// The new case, received, with its opening event.
    public var filed: Case
    /// Why the case is on its channel.
    public var fastTrack: FastTrackDecision
    /// The complainant's standing at filing.
    public var standing: ComplainantStanding
}

/// A ``CaseClock`` that reads the server's injected clock function.
struct FunctionCaseClock: CaseClock {
    /// The server's clock.
    let read: @Sendable () -> Date

    func now() -> Date { read() }
}

extension CaseActor {
    /// The actor for a signed-in principal: its user, role and organisation.
    init(_ principal: Principal) {
        self.init(user: principal.user.id, role: principal.role, organisation: principal.organisation.id)
    }
}

extension String {
    /// Whether the text is empty or only whitespace.
    var isBlankText: Bool { allSatisfy(\.isWhitespace) }
}
