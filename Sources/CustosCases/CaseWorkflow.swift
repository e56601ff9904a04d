import CustosCore
import Foundation

/// The case state machine: opens cases, applies actions under the role table (``rules``) and records every accepted
/// action as an event.
///
/// The workflow is a pure value: it holds only its configuration, reads no clock (every action carries its date)
/// and keeps no state between calls. A refused action throws a ``CaseError`` naming the state, the action and the
/// role, and the case is left exactly as it was.
///
/// An action is checked in this order, and the first failure is thrown: the role may take the action
/// (``CaseError/Code/roleNotAllowed``); the state allows it (``CaseError/Code/invalidTransition``); the actor belongs
/// to the complainant or the handling organisation, and findings come from the assigned investigator
/// (``CaseError/Code/actorNotPermitted``); the case's facts allow it (``CaseError/Code/invalidTransition``,
/// ``CaseError/Code/appealsExhausted``); the arguments are sound and the date is not before the latest event
/// (``CaseError/Code/invalidArgument``); windows are respected (``CaseError/Code/tooEarly``,
/// ``CaseError/Code/tooLate``).
public struct CaseWorkflow: Hashable, Sendable {
    /// The deadline policy; the workflow uses its counter-notice and appeal windows.
    public var deadlines: DeadlinePolicy
    /// How many appeals a case allows (default 1: one review of a rejection or decision).
    public var maximumAppeals: Int

    /// Creates a workflow.
    ///
    /// - Parameters:
    ///   - deadlines: the deadline policy whose windows the workflow enforces.
    ///   - maximumAppeals: how many appeals a case allows (not negative).
    public init(deadlines: DeadlinePolicy = DeadlinePolicy(), maximumAppeals: Int = 1) {
        precondition(maximumAppeals >= 0, "maximumAppeals must not be negative")
        self.deadlines = deadlines
        self.maximumAppeals = maximumAppeals
    }

    /// Opens a case for a complaint: the case is ``CaseState/received`` and its history holds the opening event.
    ///
    /// Validate the complaint with ``ComplaintValidator`` and choose the channel with ``FastTrackPolicy`` first; the
    /// workflow does not look rights up.
    ///
    /// - Parameters:
    ///   - id: the new case's identifier.
    ///   - complaint: the complaint.
    ///   - channel: the channel.
    ///   - handler: the organisation that will handle the case (a platform or an authority).
    ///   - region: the region it handles the case in, when known.
    ///   - actor: who opens the case: the filing owner or agent, or a reviewer or admin of the handler.
    ///   - date: when the case is received.
    ///   - note: a note for the opening event.
    ///   - evidence: evidence deposited with the opening.
    /// - Returns: the new case.
    /// - Throws: ``CaseError`` when the role may not open cases, the actor belongs to neither the complainant nor the
    ///   handler as its role requires, or an identifier is blank.
    public func open(
        _ id: Case.ID, complaint: Complaint, channel: CaseChannel, handler: Organisation.ID, region: String? = nil,
        by actor: CaseActor, at date: Date, note: String? = nil, evidence: [String] = []
    ) throws(CaseError) -> Case {
        let rule = Self.rule(for: .open)
        guard rule.roles.contains(actor.role) else { throw .roleNotAllowed(.open, in: nil, by: actor.role) }
        let expected = actor.role.actsForComplainant ? complaint.complainant : handler
        guard actor.organisation == expected else {
            throw .refused(
                .actorNotPermitted,
                actor.role.actsForComplainant
                    ? "Only a member of the complainant organisation may file its complaint."
                    : "Only a member of the handling organisation may open a case for it.",
                .open, in: nil, by: actor.role)
        }
        for (value, name) in [(id.rawValue, "case identifier"), (handler.rawValue, "handling organisation")]
        where value.isBlank {
            throw .refused(.invalidArgument, "The \(name) is blank.", .open, in: nil, by: actor.role)
        }
        try checkRegion(region, .open, in: nil, by: actor.role)
        try checkEvidence(evidence, .open, in: nil, by: actor.role)
        var opened = Case(
            id: id, complaint: complaint, channel: channel,
            handler: CaseHandling(organisation: handler, region: region, since: date))
        opened.record(
            .open(channel: channel, handler: handler, region: region), from: nil, by: actor, at: date, note: note,
            evidence: evidence)
        return opened
    }

    /// Applies an action to a case and returns the changed case, with the action recorded as its newest event.
    ///
    /// - Parameters:
    ///   - action: what to do.
    ///   - subject: the case as it stands.
    ///   - actor: who does it.
    ///   - date: when; not before the case's latest event.
    ///   - note: the actor's note.
    ///   - evidence: ledger entry identifiers of evidence deposited with the action.
    /// - Returns: the changed case.
    /// - Throws: ``CaseError`` naming the state, action and role when the action is refused (see the type's
    ///   documentation for the order of checks).
    public func apply(
        _ action: CaseAction, to subject: Case, by actor: CaseActor, at date: Date, note: String? = nil,
        evidence: [String] = []
    ) throws(CaseError) -> Case {
        try check(action, on: subject, by: actor, at: date, evidence: evidence)
        var next = subject
        next.transition(action, by: actor, at: date)
        next.record(action, from: subject.state, by: actor, at: date, note: note, evidence: evidence)
        return next
    }

    /// Applies an action to a case in place, with the strong guarantee: when the action is refused, `subject` is
    /// unchanged.
    ///
    /// - Parameters:
    ///   - action: what to do.
    ///   - subject: the case, changed only when the action is accepted.
    ///   - actor: who does it.
    ///   - date: when; not before the case's latest event.
    ///   - note: the actor's note.
    ///   - evidence: ledger entry identifiers of evidence deposited with the action.
    /// - Throws: ``CaseError`` when the action is refused.
    public func apply(
        _ action: CaseAction, to subject: inout Case, by actor: CaseActor, at date: Date, note: String? = nil,
        evidence: [String] = []
    ) throws(CaseError) {
        subject = try apply(action, to: subject, by: actor, at: date, note: note, evidence: evidence)
    }

    /// The actions `actor` may take on the case now, judging by role, state, organisation and the case's facts.
    ///
    /// Arguments and windows are not judged (an appeal may still be too late), so the list is what a portal offers
    /// as buttons, not a promise that every action will be accepted.
    ///
    /// - Parameters:
    ///   - subject: the case.
    ///   - actor: the user asking.
    /// - Returns: the action kinds, in declaration order.
    public func availableActions(for subject: Case, by actor: CaseActor) -> [CaseAction.Kind] {
        CaseAction.Kind.allCases.filter { kind in
            let rule = Self.rule(for: kind)
            return rule.roles.contains(actor.role) && rule.from.contains(subject.state)
                && actorProblem(kind, on: subject, by: actor) == nil && factProblem(kind, on: subject, by: actor) == nil
        }
    }

    /// Rebuilds a case from its recorded events and checks that the rebuilt history equals the record.
    ///
    /// Use it to load a case from the evidence ledger, or to audit a stored case: every event is re-applied under
    /// this workflow's rules.
    ///
    /// - Parameters:
    ///   - events: the case's events, oldest first, the first being the opening.
    ///   - complaint: the complaint the case was opened for.
    /// - Returns: the rebuilt case.
    /// - Throws: ``CaseError/Code/corruptHistory`` when the events do not start with an opening, an event is
    ///   refused, or the rebuilt events differ from the record (numbering, states or case identifier).
    public func replay(_ events: [CaseEvent], complaint: Complaint) throws(CaseError) -> Case {
        guard let first = events.first, case .open(let channel, let handler, let region) = first.action else {
            throw CaseError(.corruptHistory, "A case history must start with its opening event.")
        }
        var rebuilt: Case
        do {
            rebuilt = try open(
                first.caseID, complaint: complaint, channel: channel, handler: handler, region: region, by: first.actor,
                at: first.at, note: first.note, evidence: first.evidence)
            for event in events.dropFirst() {
                rebuilt = try apply(
                    event.action, to: rebuilt, by: event.actor, at: event.at, note: event.note, evidence: event.evidence
                )
            }
        } catch {
            throw CaseError(
                .corruptHistory, "The case history of \(first.caseID) cannot be replayed: \(error.message)",
                state: error.state, action: error.action, role: error.role, underlying: error.underlying)
        }
        guard rebuilt.history == events else {
            let index =
                zip(rebuilt.history, events).enumerated().first { $0.element.0 != $0.element.1 }?.offset
                ?? min(rebuilt.history.count, events.count)
            throw CaseError(
                .corruptHistory, "The case history of \(first.caseID) differs from its replay at event \(index + 1).")
        }
        return rebuilt
    }
}

extension CaseWorkflow {
    /// Throws the first reason `action` is refused, in the documented order.
    private func check(
        _ action: CaseAction, on subject: Case, by actor: CaseActor, at date: Date, evidence: [String]
    ) throws(CaseError) {
        let kind = action.kind
        let state = subject.state
        let rule = Self.rule(for: kind)
        guard rule.roles.contains(actor.role) else { throw .roleNotAllowed(kind, in: state, by: actor.role) }
        guard rule.from.contains(state) else {
            throw .invalidTransition(
                kind, in: state, by: actor.role, because: kind == .open ? "the case is already open" : nil)
        }
        if let problem = actorProblem(kind, on: subject, by: actor) { throw problem }
        if let problem = factProblem(kind, on: subject, by: actor) { throw problem }
        if let latest = subject.history.last?.at, date < latest {
            throw .refused(
                .invalidArgument, "The action is dated before the case's latest event.", kind, in: state,
                by: actor.role)
        }
        try checkEvidence(evidence, kind, in: state, by: actor.role)
        try checkArguments(action, on: subject, by: actor)
        try checkWindows(kind, on: subject, by: actor, at: date)
    }

    /// Why this actor (not just this role) may not take the action, or `nil`.
    private func actorProblem(_ kind: CaseAction.Kind, on subject: Case, by actor: CaseActor) -> CaseError? {
        if actor.role.actsForComplainant {
            guard actor.organisation == subject.complaint.complainant else {
                return .refused(
                    .actorNotPermitted, "Only members of the complainant organisation may act for the complainant.",
                    kind, in: subject.state, by: actor.role)
            }
        } else if actor.organisation != subject.handler.organisation {
            return .refused(
                .actorNotPermitted, "Only members of the organisation handling the case may take this action.", kind,
                in: subject.state, by: actor.role)
        }
        if kind == .recordFinding, subject.investigator != actor.user {
            return .refused(
                .actorNotPermitted,
                subject.investigator == nil
                    ? "No investigator is assigned to the case."
                    : "Only the assigned investigator may record findings.",
                kind, in: subject.state, by: actor.role)
        }
        return nil
    }

    /// Why the case's facts (beyond its state) rule the action out, or `nil`.
    private func factProblem(_ kind: CaseAction.Kind, on subject: Case, by actor: CaseActor) -> CaseError? {
        let state = subject.state
        switch kind {
        case .verify where state == .appealed && subject.appealedFrom != .rejected,
            .reject where state == .appealed && subject.appealedFrom != .rejected:
            return .invalidTransition(kind, in: state, by: actor.role, because: "the appeal is against a decision")
        case .decide where state == .appealed && subject.appealedFrom != .decided:
            return .invalidTransition(kind, in: state, by: actor.role, because: "the appeal is against a rejection")
        case .fileCounterNotice where subject.counterNoticeFiledAt != nil:
            return .invalidTransition(kind, in: state, by: actor.role, because: "a counter-notice was already filed")
        case .fileCounterNotice where state == .decided && subject.outcome != .takedown:
            return .invalidTransition(
                kind, in: state, by: actor.role, because: "only a takedown is answered with a counter-notice")
        case .appeal where state == .decided && subject.outcome == .takedown:
            return .invalidTransition(
                kind, in: state, by: actor.role,
                because: "a takedown upholds the complaint; the respondent answers with a counter-notice")
        case .appeal where subject.appealCount >= maximumAppeals:
            return .refused(
                .appealsExhausted, "The case has used the \(maximumAppeals) appeal(s) the workflow allows.", kind,
                in: state, by: actor.role)
        default:
            return nil
        }
    }

    /// Throws when an argument is blank, repeats the current value, or contradicts the case.
    private func checkArguments(_ action: CaseAction, on subject: Case, by actor: CaseActor) throws(CaseError) {
        let kind = action.kind
        let state = subject.state
        func require(_ condition: Bool, _ message: String) throws(CaseError) {
            guard condition else { throw .refused(.invalidArgument, message, kind, in: state, by: actor.role) }
        }
        switch action {
        case .open, .verify, .notifyRespondent, .closeCounterNoticeWindow, .close:
            break
        case .reject(let reason, _):
            try require(!reason.isBlank, "A rejection needs a reason.")
        case .fileCounterNotice(let summary):
            try require(!summary.isBlank, "Summarise the respondent's counter-notice.")
        case .decide(let outcome, let malicious, let wilful, let counterfeit):
            try require(
                !(malicious && outcome == .takedown), "A complaint that is upheld cannot be found malicious.")
            try require(
                !wilful || outcome == .takedown,
                "Only a takedown can find the infringement wilful; a \(outcome.rawValue) decision finds none.")
            try require(
                !counterfeit || outcome == .takedown,
                "Only a takedown can find the goods counterfeit; a \(outcome.rawValue) decision finds none.")
            try require(
                outcome != .restore || subject.counterNoticeFiledAt != nil || state == .appealed,
                "Nothing can be restored without a counter-notice or an appeal; dismiss the complaint instead.")
        case .appeal(let grounds):
            try require(!grounds.isBlank, "An appeal needs grounds.")
        case .divert(let forum):
            try require(
                state != .diverted || subject.forum != forum, "The case is already diverted to \(forum.rawValue).")
        case .transfer(let organisation, let region):
            try require(!organisation.rawValue.isBlank, "Name the organisation taking the case over.")
            try checkRegion(region, kind, in: state, by: actor.role)
            try require(
                organisation != subject.handler.organisation || region != subject.handler.region,
                "The case is already handled by \(organisation) in that region.")
        case .assignInvestigator(let user):
            try require(!user.rawValue.isBlank, "Name the investigator.")
            try require(user != subject.investigator, "\(user) is already the case's investigator.")
        case .recordFinding(let text):
            try require(!text.isBlank, "A finding must not be blank.")
        case .changeChannel(let channel, let reason):
            try require(channel != subject.channel, "The case is already in the \(channel.rawValue) channel.")
            try require(!reason.isBlank, "A channel change needs a reason.")
        case .withdraw(let reason):
            try require(!reason.isBlank, "A withdrawal needs a reason.")
        }
    }

    /// Throws when the action falls outside a window: an appeal after the appeal window, a closure before it, or the
    /// end of the counter-notice window before it has elapsed.
    private func checkWindows(
        _ kind: CaseAction.Kind, on subject: Case, by actor: CaseActor, at date: Date
    ) throws(CaseError) {
        let state = subject.state
        switch kind {
        case .appeal:
            if let window = deadlines.appealWindowEnd(for: subject), date > window.due {
                throw .refused(
                    .tooLate, "The appeal window closed on \(CanonicalDate.string(from: window.due)).", kind,
                    in: state, by: actor.role)
            }
        case .close where state == .decided || state == .rejected:
            if subject.appealCount < maximumAppeals, let window = deadlines.appealWindowEnd(for: subject),
                date < window.due
            {
                throw .refused(
                    .tooEarly,
                    "The case can be closed once its appeal window ends on \(CanonicalDate.string(from: window.due)).",
                    kind, in: state, by: actor.role)
            }
        case .closeCounterNoticeWindow:
            let end = (subject.counterNoticeFiledAt ?? subject.latestEventDate).adding(deadlines.counterNoticeWindow)
            if date < end {
                throw .refused(
                    .tooEarly, "The counter-notice window runs until \(CanonicalDate.string(from: end)).", kind,
                    in: state, by: actor.role)
            }
        default:
            break
        }
    }

    private func checkEvidence(
        _ evidence: [String], _ kind: CaseAction.Kind, in state: CaseState?, by role: Role
    ) throws(CaseError) {
        if evidence.contains(where: \.isBlank) {
            throw .refused(.invalidArgument, "An evidence identifier is blank.", kind, in: state, by: role)
        }
    }

    private func checkRegion(
        _ region: String?, _ kind: CaseAction.Kind, in state: CaseState?, by role: Role
    ) throws(CaseError) {
        if let region, region.isBlank {
            throw .refused(
                .invalidArgument, "The region is blank; leave it out when unknown.", kind, in: state, by: role)
        }
    }
}

extension Case {
    /// Changes the case's fields for an action the workflow has accepted.
    fileprivate mutating func transition(_ action: CaseAction, by actor: CaseActor, at date: Date) {
        switch action {
        case .open:
            break
        case .verify:
            state = .verified
            verifiedAt = date
            rejectionReason = nil
            maliciousFindingAt = nil
            appealedFrom = nil
        case .reject(let reason, let malicious):
            state = .rejected
            rejectedAt = date
            rejectionReason = reason
            maliciousFindingAt = malicious ? date : nil
            appealedFrom = nil
        case .notifyRespondent:
            state = .respondentNotified
            respondentNotifiedAt = date
        case .fileCounterNotice:
            state = .counterNoticeWindow
            counterNoticeFiledAt = date
        case .closeCounterNoticeWindow:
            decide(.restore, malicious: false, wilful: false, counterfeit: false, at: date)
        case .decide(let outcome, let malicious, let wilful, let counterfeit):
            decide(outcome, malicious: malicious, wilful: wilful, counterfeit: counterfeit, at: date)
        case .appeal:
            appealedFrom = state
            state = .appealed
            appealedAt = date
            appealCount += 1
        case .divert(let destination):
            state = .diverted
            forum = destination
            divertedAt = date
            appealedFrom = nil
        case .transfer(let organisation, let region):
            let handling = CaseHandling(organisation: organisation, region: region, since: date)
            handler = handling
            handlers.append(handling)
            investigator = nil
        case .assignInvestigator(let user):
            investigator = user
        case .recordFinding(let text):
            findings.append(CaseFinding(investigator: actor.user, text: text, evidence: [], at: date))
        case .changeChannel(let newChannel, _):
            channel = newChannel
        case .withdraw:
            state = .withdrawn
            closedAt = date
        case .close:
            state = .closed
            closedAt = date
        }
    }

    /// Records a decision; its findings replace the previous decision's, so a restore on appeal clears them.
    private mutating func decide(
        _ decision: CaseOutcome, malicious: Bool, wilful: Bool, counterfeit: Bool, at date: Date
    ) {
        state = .decided
        outcome = decision
        decidedAt = date
        maliciousFindingAt = malicious ? date : nil
        wilfulFindingAt = wilful ? date : nil
        counterfeitFindingAt = counterfeit ? date : nil
        appealedFrom = nil
    }

    /// Appends the event for an accepted action; the finding of a ``CaseAction/recordFinding(_:)`` takes the event's
    /// evidence.
    fileprivate mutating func record(
        _ action: CaseAction, from previousState: CaseState?, by actor: CaseActor, at date: Date, note: String?,
        evidence: [String]
    ) {
        if case .recordFinding = action, !findings.isEmpty {
            findings[findings.count - 1].evidence = evidence
        }
        let previous = history.last?.sequence
        history.append(
            CaseEvent(
                caseID: id, sequence: (previous ?? 0) + 1, previousSequence: previous, action: action, actor: actor,
                at: date, note: note.flatMap { $0.isBlank ? nil : $0 }, evidence: evidence, fromState: previousState,
                toState: state))
    }
}
