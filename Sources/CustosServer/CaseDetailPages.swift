import CustosCases
import CustosCore
import CustosStore
import Foundation
import Hummingbird

/// What an action form sent, as typed, so that a refused action comes back with its text.
struct CaseActionInput: Sendable {
    /// The action the form names, or `nil` when it names none the portal knows.
    var kind: CaseAction.Kind?
    /// Text fields by name.
    var texts: [String: String]
    /// The ticked checkboxes.
    var checked: Set<String>

    /// The text fields an action form may send.
    static let textNames = [
        "reason", "summary", "outcome", "grounds", "forum", "organisation", "region", "investigator", "finding",
        "evidence", "channel", "note",
    ]
    /// The checkboxes an action form may send.
    static let checkNames = ["malicious", "wilful", "counterfeit"]

    init(_ form: PortalForm) {
        kind = CaseAction.Kind(rawValue: form.text("action"))
        var texts: [String: String] = [:]
        for name in Self.textNames { texts[name] = form.text(name) }
        self.texts = texts
        checked = Set(Self.checkNames.filter { form.isChecked($0) })
    }

    /// A field as typed.
    func text(_ name: String) -> String { texts[name] ?? "" }

    /// A field trimmed, or `nil` when blank.
    func optional(_ name: String) -> String? {
        let value = text(name).trimmingCharacters(in: .whitespacesAndNewlines)
        return value.isEmpty ? nil : value
    }

    /// The actor's note, when one was written.
    var note: String? { optional("note") }

    /// The evidence entries named in the finding form: identifiers separated by spaces, commas or lines.
    var evidence: [String] {
        guard kind == .recordFinding else { return [] }
        return text("evidence").split(whereSeparator: { $0 == "," || $0.isWhitespace }).map(String.init)
    }

    /// The action the form asks for. Blank reasons and the like are left to the workflow, whose sentences say what
    /// is missing; only choices the form itself offers are checked here.
    func parsed() -> Result<CaseAction, CaseActionFailure> {
        func refuse(_ field: String, _ message: String) -> Result<CaseAction, CaseActionFailure> {
            .failure(CaseActionFailure(kind: kind, message: message, field: field, status: .unprocessableContent))
        }
        guard let kind else {
            return .failure(
                CaseActionFailure(
                    kind: nil, message: "The form names no action this page offers; reload the case and try again.",
                    status: .badRequest))
        }
        switch kind {
        case .open:
            return .failure(
                CaseActionFailure(
                    kind: kind, message: "A case is opened by filing a complaint at /cases/new.", status: .badRequest))
        case .verify: return .success(.verify)
        case .reject:
            return .success(.reject(reason: text("reason"), maliciousComplaint: checked.contains("malicious")))
        case .notifyRespondent: return .success(.notifyRespondent)
        case .fileCounterNotice: return .success(.fileCounterNotice(summary: text("summary")))
        case .closeCounterNoticeWindow: return .success(.closeCounterNoticeWindow)
        case .decide:
            guard let outcome = CaseOutcome(rawValue: text("outcome")) else {
                return refuse("outcome", "Choose the outcome: takedown, restore or dismissed.")
            }
            return .success(
                .decide(
                    outcome, maliciousComplaint: checked.contains("malicious"), wilful: checked.contains("wilful"),
                    counterfeit: checked.contains("counterfeit")))
        case .appeal: return .success(.appeal(grounds: text("grounds")))
        case .divert:
            guard let forum = DiversionForum(rawValue: text("forum")) else {
                return refuse("forum", "Choose the forum the case goes to.")
            }
            return .success(.divert(to: forum))
        case .transfer:
            return .success(.transfer(to: Organisation.ID(text("organisation")), region: optional("region")))
        case .assignInvestigator: return .success(.assignInvestigator(User.ID(text("investigator"))))
        case .recordFinding: return .success(.recordFinding(text("finding")))
        case .changeChannel:
            guard let channel = CaseChannel(rawValue: text("channel")) else {
                return refuse("channel", "Choose the channel: standard or fast track.")
            }
            return .success(.changeChannel(to: channel, reason: text("reason")))
        case .withdraw: return .success(.withdraw(reason: text("reason")))
        case .close: return .success(.close(summary: optional("summary")))
        }
    }
}

/// Why an action was not taken: the workflow's or the service's sentence, the form it concerns and the status.
struct CaseActionFailure: Error, Sendable {
    var kind: CaseAction.Kind?
    var message: String
    var details: [String] = []
    var field: String?
    var status: HTTPResponse.Status
}

/// Builds the case page for a principal: everything the principal's organisation may see, and the forms of the
/// actions the workflow offers the principal now.
struct CaseDetailBuilder {
    let services: PortalServices

    /// How many of the complainant's earlier cases are read to judge its standing for the fast-track explanation.
    static let standingCaseLimit = 2_000

    func page(
        _ subject: Case, principal: Principal, context: PortalContext, notice: String?,
        failure: CaseActionFailure? = nil, input: CaseActionInput? = nil
    ) async throws(APIError) -> CaseDetailPage {
        let store = services.store
        let names = try await CaseNames.load(store)
        let viewer = principal.organisation.id
        let complainant = subject.complaint.complainant
        let recorded = try await services.cases.events(of: subject.id, for: principal)
        var rights: [Right.ID: Right] = [:]
        for id in Set(subject.complaint.rights) {
            if let right = try await stored({ try await store.rights.right(id, in: complainant) }) {
                rights[id] = right
            }
        }
        let actors = try await actorNames(recorded.map(\.event.actor) + investigatorActors(subject))
        let available = services.cases.availableActions(on: subject, for: principal)
        var investigators: [User] = []
        if available.contains(.assignInvestigator) {
            investigators = try await stored { try await store.users.users(in: viewer) }.filter {
                $0.role == .investigator
            }
        }
        let handlesNow = subject.handler.organisation == viewer
        let diversion =
            handlesNow && principal.role.organisationKind == .authority && !subject.state.isTerminal
            ? DiversionAdvisor().recommend(for: facts(subject, rights: rights)) : nil
        let fastTrack = try await fastTrackDecision(subject, rights: rights)

        var page = CaseDetailPage(
            chrome: Chrome(
                context: context, title: "Case \(subject.id.rawValue)", section: "cases", notice: notice),
            subject: subject, names: names, viewer: viewer, rights: rights)
        page.fastTrack = CaseDetailPage.FastTrackView(subject, decision: fastTrack, history: recorded)
        page.deadlines = services.cases.deadlines(of: subject).map {
            CaseDetailPage.DeadlineRow(deadline: $0.deadline, overdue: $0.isOverdue, now: services.cases.clock.now())
        }
        page.hasDeadlines = !page.deadlines.isEmpty
        page.overdue = services.cases.isOverdue(subject)
        page.history = recorded.map {
            CaseDetailPage.EventRow($0, names: names, actors: actors, viewer: viewer)
        }
        page.findings = recorded.compactMap { record in
            guard case .recordFinding(let text) = record.event.action else { return nil }
            return CaseDetailPage.FindingRow(
                investigator: actors[record.event.actor.user] ?? record.event.actor.user.rawValue, text: text,
                at: PageFormat.instant(record.event.at),
                evidence: record.event.evidence.map {
                    CaseDetailPage.EvidenceLink($0, linked: record.event.actor.organisation == viewer)
                })
        }
        page.hasFindings = !page.findings.isEmpty
        page.investigator = subject.investigator.map { actors[$0] ?? $0.rawValue }
        page.diversion = diversion.map(CaseDetailPage.DiversionView.init)
        let forms = CaseActionForms(
            subject: subject, names: names, investigators: investigators, recommended: diversion?.forum,
            input: input, failure: failure)
        page.actions = available.filter { $0 != .open }.map(forms.form)
        page.hasActions = !page.actions.isEmpty
        if let failure {
            page.failure = failure.message
            page.failureDetails = failure.details
            page.hasFailureDetails = !failure.details.isEmpty
            page.failureAnchor = failure.kind.flatMap { kind in
                available.contains(kind) ? "action-\(kind.rawValue)" : nil
            }
        }
        return page
    }

    /// Display names of the actors, by user: the name an organisation gave its user, with the role.
    private func actorNames(_ actors: [CaseActor]) async throws(APIError) -> [User.ID: String] {
        var names: [User.ID: String] = [:]
        for actor in actors where names[actor.user] == nil {
            let user = try await stored { try await services.store.users.user(actor.user, in: actor.organisation) }
            names[actor.user] = "\(user?.displayName ?? actor.user.rawValue) (\(actor.role.rawValue))"
        }
        return names
    }

    /// The assigned investigator as an actor of the handling organisation, for its display name.
    private func investigatorActors(_ subject: Case) -> [CaseActor] {
        guard let investigator = subject.investigator else { return [] }
        return [CaseActor(user: investigator, role: .investigator, organisation: subject.handler.organisation)]
    }

    /// What the diversion advisor is told about the case: the first right's kind, the claimed value, the decision's
    /// findings and the forum already tried.
    private func facts(_ subject: Case, rights: [Right.ID: Right]) -> DiversionFacts {
        let kind = subject.complaint.rights.lazy.compactMap { rights[$0]?.kind }.first
        return DiversionFacts(
            rightKind: kind, valueAtStake: subject.complaint.claimedValue, isWilful: subject.isWilful,
            isCounterfeit: subject.isCounterfeit, triedForums: subject.forum.map { [$0] } ?? [])
    }

    /// The fast-track policy's reading of the complaint, with the complainant's standing from its cases filed
    /// before this one.
    private func fastTrackDecision(_ subject: Case, rights: [Right.ID: Right]) async throws(APIError)
        -> FastTrackDecision
    {
        let complainant = subject.complaint.complainant
        var earlier: [Case] = []
        var cursor: CaseCursor?
        repeat {
            let page = try await stored {
                try await services.store.cases.cases(
                    visibleTo: complainant, matching: CaseQuery(relation: .complainant), after: cursor, limit: 500)
            }
            earlier += page.cases.filter { $0.id != subject.id && $0.receivedAt < subject.receivedAt }
            cursor = page.next
        } while cursor != nil && earlier.count < Self.standingCaseLimit
        let record = ComplainantRecord(organisation: complainant, cases: earlier)
        let standing = services.cases.standing.standing(of: record, at: subject.receivedAt)
        return services.cases.fastTrack.decide(subject.complaint, rights: rights, standing: standing)
    }
}

/// The forms of the actions a principal may take, each with the fields its action needs.
struct CaseActionForms {
    let subject: Case
    let names: CaseNames
    let investigators: [User]
    let recommended: DiversionForum?
    let input: CaseActionInput?
    let failure: CaseActionFailure?

    /// The form of `kind`.
    func form(_ kind: CaseAction.Kind) -> CaseDetailPage.ActionForm {
        let prefix = kind.rawValue
        let typed = input?.kind == kind ? input : nil
        let failed = failure?.kind == kind ? failure : nil
        func id(_ name: String) -> String { "\(prefix)-\(name)" }
        func error(_ name: String) -> String? { failed?.field == name ? failed?.message : nil }
        func area(_ name: String, _ label: String, required: Bool, hint: String? = nil) -> CaseDetailPage.Field {
            CaseDetailPage.Field(
                id: id(name), name: name, label: label, hint: hint, value: typed?.text(name) ?? "", style: .area,
                required: required, fieldError: error(name))
        }
        func line(_ name: String, _ label: String, hint: String? = nil) -> CaseDetailPage.Field {
            CaseDetailPage.Field(
                id: id(name), name: name, label: label, hint: hint, value: typed?.text(name) ?? "", style: .line,
                required: false, fieldError: error(name))
        }
        func check(_ name: String, _ label: String, hint: String? = nil) -> CaseDetailPage.Field {
            var field = CaseDetailPage.Field(
                id: id(name), name: name, label: label, hint: hint, value: "on", style: .check, required: false,
                fieldError: error(name))
            field.checked = typed?.checked.contains(name) ?? false
            return field
        }
        func select(_ name: String, _ label: String, _ choices: [(String, String)], chosen: String?)
            -> CaseDetailPage.Field
        {
            let current = typed?.text(name) ?? chosen ?? ""
            var field = CaseDetailPage.Field(
                id: id(name), name: name, label: label, hint: nil, value: "", style: .select, required: true,
                fieldError: error(name))
            field.options =
                [PageOption(value: "", label: "Choose…", selected: current.isEmpty)]
                + choices.map { PageOption(value: $0.0, label: $0.1, selected: $0.0 == current) }
            return field
        }
        let note = area("note", "Note for the record (optional)", required: false)
        var explanation: String?
        var fields: [CaseDetailPage.Field]
        switch kind {
        case .open:
            fields = []
        case .verify:
            explanation = "The rights, the complainant's standing and the evidence check out."
            fields = [note]
        case .reject:
            fields = [
                area("reason", "Reason for the rejection", required: true),
                check(
                    "malicious", "The complaint is malicious (knowingly false)",
                    hint: "Recorded against the complainant; often-rejected complainants lose the fast track."),
                note,
            ]
        case .notifyRespondent:
            explanation = "The notice has been forwarded to the seller or uploader."
            fields = [note]
        case .fileCounterNotice:
            explanation = "The respondent declared that the listing does not infringe; the complainant's window opens."
            fields = [area("summary", "Summary of the counter-notice", required: true), note]
        case .closeCounterNoticeWindow:
            explanation = "The window has elapsed without the complainant escalating: the listing is restored."
            fields = [note]
        case .decide:
            fields = [
                select(
                    "outcome", "Outcome",
                    CaseOutcome.allCases.map { ($0.rawValue, CaseLabels.outcome($0)) }, chosen: nil),
                check("wilful", "The infringement is wilful", hint: "Puts the seller on the public disclosure list."),
                check(
                    "counterfeit", "The goods are counterfeit",
                    hint: "An identical mark on the same goods, or pirated copies."),
                check(
                    "malicious", "The complaint is malicious (knowingly false)",
                    hint: "Only with restore or dismissed; recorded against the complainant."),
                note,
            ]
        case .appeal:
            fields = [area("grounds", "Grounds of the appeal", required: true), note]
        case .divert:
            fields = [
                select(
                    "forum", "Forum", DiversionForum.allCases.map { ($0.rawValue, CaseLabels.forum($0)) },
                    chosen: recommended?.rawValue),
                note,
            ]
        case .transfer:
            let handlers = names.organisations.values.filter { $0.kind == .platform || $0.kind == .authority }
                .sorted { $0.name < $1.name }
            fields = [
                select(
                    "organisation", "Organisation taking the case over",
                    handlers.map { ($0.id.rawValue, "\($0.name) (\(CaseLabels.sentence($0.kind.rawValue)))") },
                    chosen: nil),
                line("region", "Region (optional)", hint: "When the same body handles it in another region."),
                note,
            ]
        case .assignInvestigator:
            fields = [
                select(
                    "investigator", "Investigator",
                    investigators.sorted { $0.displayName < $1.displayName }.map {
                        ($0.id.rawValue, "\($0.displayName) (\($0.login))")
                    }, chosen: nil),
                note,
            ]
        case .recordFinding:
            fields = [
                area("finding", "Finding", required: true),
                line(
                    "evidence", "Evidence entries (optional)",
                    hint: "Ledger entries your organisation deposited, such as E12, separated by spaces."),
                note,
            ]
        case .changeChannel:
            let other = CaseChannel.allCases.first { $0 != subject.channel }
            fields = [
                select(
                    "channel", "Channel", CaseChannel.allCases.map { ($0.rawValue, CaseLabels.channel($0)) },
                    chosen: other?.rawValue),
                area("reason", "Reason", required: true),
                note,
            ]
        case .withdraw:
            fields = [area("reason", "Reason for withdrawing", required: true), note]
        case .close:
            fields = [area("summary", "Summary (optional)", required: false), note]
        }
        return CaseDetailPage.ActionForm(
            kind: kind.rawValue, anchor: "action-\(kind.rawValue)", title: CaseLabels.action(kind),
            explanation: explanation, fields: fields,
            isSecondary: [.reject, .withdraw, .closeCounterNoticeWindow, .close].contains(kind),
            error: failed?.field == nil ? failed?.message : nil, errorDetails: failed?.details ?? [])
    }
}
