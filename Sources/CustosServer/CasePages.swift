import CustosCases
import CustosCore
import CustosStore
import Foundation
import Hummingbird

/// `/cases`: the case pages of every role. Rights holders file complaints (`/cases/new`, in
/// `CaseFilingPages`) and follow the cases they filed; platform reviewers and authority staff work their queue
/// (`/cases/queue`) and take actions on a case's page (`/cases/{id}`), which shows the complaint, the state, the
/// deadlines, the history and the findings to everyone whose organisation may see the case.
///
/// Every read goes through `CaseService`, which scopes it to the principal's organisation: a case another
/// organisation cannot see answers 404 exactly like one that does not exist. The action forms offered are the
/// workflow's available actions for the principal; an action the workflow refuses re-renders the case page with the
/// workflow's sentence and changes nothing.
struct CasePages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        let filing = CaseFilingPages(services: services)
        router.page("cases", needs: .readCases, use: list)
        router.page("cases/queue", needs: .handleCases, use: queue)
        router.page("cases/new", needs: .fileComplaints, use: filing.form)
        router.post("cases/new", use: filing.file)
        router.page("cases/:id", needs: .readCases, use: detail)
        router.post("cases/:id/actions", use: act)
    }

    /// The page length of the case list.
    static let pageLength = 25

    @Sendable func list(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let parameters = QueryParameters(request)
        let filters = try CaseListFilters(parameters, role: principal.role)
        var cursor: CaseCursor?
        if let token = parameters.text("cursor"), !token.isEmpty {
            guard let parsed = CaseCursor(token: token) else {
                throw APIError(.badRequest, "cursor must be a next-page link from an earlier page.")
            }
            cursor = parsed
        }
        let result = try await services.cases.cases(
            matching: filters.query, after: cursor, limit: Self.pageLength, for: principal)
        let names = try await CaseNames.load(services.store)
        let rows = result.page.cases.map { subject in
            CaseListPage.Row(
                subject, names: names, overdue: services.cases.isOverdue(subject))
        }
        var next: String?
        if let token = result.page.next?.token {
            next = "/cases?" + PageFormat.query(filters.queryItems + [("cursor", token)])
        }
        let isRightsHolder = principal.role.organisationKind == .rightsHolder
        let title = isRightsHolder ? "My cases" : "Case intake"
        let page = CaseListPage(
            chrome: Chrome(context: context, title: title, section: "cases", notice: CaseNotice.message(for: request)),
            heading: title,
            lead: isRightsHolder
                ? "The complaints your organisation filed and where each case stands."
                : "The cases your organisation handles or handled, newest first.",
            canFile: principal.role.grants(.fileComplaints), canWorkQueue: principal.role.grants(.handleCases),
            states: [PageOption(value: "", label: "Any state", selected: filters.state == nil)]
                + CaseState.allCases.map {
                    PageOption(value: $0.rawValue, label: CaseLabels.state($0), selected: $0 == filters.state)
                },
            channels: [PageOption(value: "", label: "Either channel", selected: filters.channel == nil)]
                + CaseChannel.allCases.map {
                    PageOption(value: $0.rawValue, label: CaseLabels.channel($0), selected: $0 == filters.channel)
                },
            relations: CaseListFilters.relationChoices.map {
                PageOption(value: $0.value, label: $0.label, selected: $0.value == filters.relationValue)
            },
            cases: rows, total: result.total,
            summary: result.total == 0
                ? "No case matches." : "\(rows.count) shown of \(result.total) matching, newest first.",
            next: next)
        return try services.pages.render("case-list", page)
    }

    @Sendable func queue(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let items = try await services.cases.workQueue(for: principal)
        let overdue = items.filter(\.isOverdue).count
        let page = CaseQueuePage(
            chrome: Chrome(context: context, title: "Work queue", section: "cases"),
            items: items.map(CaseQueuePage.Row.init), total: items.count, overdue: overdue,
            summary: items.isEmpty
                ? "Nothing waits for your organisation."
                : "\(items.count) open case\(items.count == 1 ? "" : "s"), \(overdue) overdue; most urgent first.")
        return try services.pages.render("case-queue", page)
    }

    @Sendable func detail(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let id = Case.ID(try PageFormat.decodedParameter("id", context))
        let subject = try await services.cases.case(id, for: principal)
        let page = try await CaseDetailBuilder(services: services).page(
            subject, principal: principal, context: context, notice: CaseNotice.message(for: request))
        return try services.pages.render("case-detail", page)
    }

    @Sendable func act(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readCases)
        let id = Case.ID(try PageFormat.decodedParameter("id", context))
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        form.discardFiles()
        // The case must be visible before anything about the form is said, so that nothing leaks.
        let subject = try await services.cases.case(id, for: principal)
        let submitted = CaseActionInput(form)
        let failure: CaseActionFailure
        switch submitted.parsed() {
        case .failure(let problem):
            failure = problem
        case .success(let action):
            do throws(APIError) {
                let updated = try await services.cases.act(
                    action, on: id, by: principal, note: submitted.note, evidence: submitted.evidence)
                services.metrics.recordEvent("case_action")
                return PageRedirect.to(
                    "/cases/\(PageFormat.segment(updated.id.rawValue))?notice=\(CaseNotice.actionTaken.rawValue)")
            } catch {
                if error.code == .notFound { throw error }
                failure = CaseActionFailure(
                    kind: submitted.kind, message: error.message, details: error.details, status: error.status)
            }
        }
        let page = try await CaseDetailBuilder(services: services).page(
            subject, principal: principal, context: context, notice: nil, failure: failure, input: submitted)
        return try services.pages.render("case-detail", page, status: failure.status)
    }
}

/// The fixed messages a redirect to a case page may ask it to show.
enum CaseNotice: String, Sendable {
    case filed = "case-filed"
    case actionTaken = "case-action-taken"

    /// The sentence shown.
    var message: String {
        switch self {
        case .filed: "The complaint is filed and its case opened; the opening is recorded in the evidence ledger."
        case .actionTaken: "The action is recorded in the case history and in the evidence ledger."
        }
    }

    /// The message a request's `notice` key names, or `nil`.
    static func message(for request: Request) -> String? {
        request.query("notice").flatMap(CaseNotice.init(rawValue:))?.message
    }
}

/// The filters of the case list: state, channel and how the organisation relates to the case. Rights holders see
/// the cases they filed unless they ask otherwise; handlers see the cases they handle or handled.
struct CaseListFilters: Sendable {
    var state: CaseState?
    var channel: CaseChannel?
    var relation: CaseRelation?
    /// The relation as the select sends it (`all` for any relation).
    var relationValue: String

    /// The relation choices of the filter form.
    static let relationChoices: [(value: String, label: String)] = [
        ("complainant", "Filed by us"), ("handler", "Handled by us"),
        ("current_handler", "Handled by us now"), ("all", "Any"),
    ]

    init(_ parameters: QueryParameters, role: Role) throws(APIError) {
        if let text = parameters.text("state"), !text.isEmpty {
            guard let value = CaseState(rawValue: text) else {
                throw APIError(.badRequest, "state must be one of \(Self.names(CaseState.allCases)), not \"\(text)\".")
            }
            state = value
        }
        if let text = parameters.text("channel"), !text.isEmpty {
            guard let value = CaseChannel(rawValue: text) else {
                throw APIError(.badRequest, "channel must be standard or fast_track, not \"\(text)\".")
            }
            channel = value
        }
        let sent = parameters.text("relation").flatMap { $0.isEmpty ? nil : $0 }
        relationValue = sent ?? (role.organisationKind == .rightsHolder ? "complainant" : "handler")
        if relationValue == "all" {
            relation = nil
        } else {
            guard let value = CaseRelation(rawValue: relationValue) else {
                throw APIError(
                    .badRequest,
                    "relation must be complainant, handler, current_handler or all, not \"\(relationValue)\".")
            }
            relation = value
        }
    }

    /// The store query.
    var query: CaseQuery {
        CaseQuery(states: state.map { [$0] }, channel: channel, relation: relation)
    }

    /// The filters as query items, for the next-page link.
    var queryItems: [(String, String)] {
        [("state", state?.rawValue ?? ""), ("channel", channel?.rawValue ?? ""), ("relation", relationValue)].filter {
            !$0.1.isEmpty
        }
    }

    private static func names(_ states: [CaseState]) -> String { states.map(\.rawValue).joined(separator: ", ") }
}

/// Organisation names by identifier, read once per page (there are few organisations; they are accounts).
struct CaseNames: Sendable {
    var organisations: [Organisation.ID: Organisation]

    static func load(_ store: any CustosStore) async throws(APIError) -> CaseNames {
        let all = try await stored { try await store.organisations.organisations() }
        return CaseNames(organisations: Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }))
    }

    /// `Market Place`, or the identifier when the organisation is unknown.
    func name(_ id: Organisation.ID) -> String { organisations[id]?.name ?? id.rawValue }
}

/// Words for the case vocabulary.
enum CaseLabels {
    /// `Respondent notified`.
    static func state(_ state: CaseState) -> String { sentence(state.rawValue) }

    /// `Fast track`.
    static func channel(_ channel: CaseChannel) -> String { sentence(channel.rawValue) }

    /// `Takedown`.
    static func outcome(_ outcome: CaseOutcome) -> String { sentence(outcome.rawValue) }

    /// `Administrative enforcement`.
    static func forum(_ forum: DiversionForum) -> String { sentence(forum.rawValue) }

    /// `Counter notice window`: the raw value with spaces and a capital.
    static func sentence(_ raw: String) -> String {
        let words = raw.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// What a deadline asks for.
    static func deadline(_ kind: CaseDeadline.Kind) -> String {
        switch kind {
        case .verification: "Verify or reject the complaint"
        case .decision: "Decide"
        case .respondentResponse: "Respondent's response"
        case .counterNoticeWindow: "Counter-notice window ends"
        case .restoration: "Restore or decide after the counter-notice"
        case .appealWindow: "Appeal window ends"
        case .closure: "Close the case"
        case .appealDecision: "Decide the appeal"
        case .diversionReview: "Review the diversion"
        }
    }

    /// The time left before a deadline, or how late it is: `2 d 4 h left`, `overdue by 35 min`.
    static func remaining(_ seconds: Double) -> String {
        let magnitude = Int(abs(seconds) / 60)
        let days = magnitude / 1_440
        let hours = magnitude % 1_440 / 60
        let minutes = magnitude % 60
        let text =
            days > 0 ? "\(days) d \(hours) h" : hours > 0 ? "\(hours) h \(minutes) min" : "\(max(minutes, 0)) min"
        return seconds < 0 ? "overdue by \(text)" : "\(text) left"
    }

    /// The action's name on its button and heading.
    static func action(_ kind: CaseAction.Kind) -> String {
        switch kind {
        case .open: "Open the case"
        case .verify: "Verify the complaint"
        case .reject: "Reject the complaint"
        case .notifyRespondent: "Notify the respondent"
        case .fileCounterNotice: "Record a counter-notice"
        case .closeCounterNoticeWindow: "Close the counter-notice window"
        case .decide: "Decide"
        case .appeal: "Appeal"
        case .divert: "Divert to another forum"
        case .transfer: "Transfer the case"
        case .assignInvestigator: "Assign an investigator"
        case .recordFinding: "Record a technical finding"
        case .changeChannel: "Change the channel"
        case .withdraw: "Withdraw the complaint"
        case .close: "Close the case"
        }
    }
}

/// The case list.
struct CaseListPage: Sendable {
    /// One case in the table.
    struct Row: Sendable {
        var id: String
        var href: String
        var state: String
        var stateKey: String
        var channel: String
        var outcome: String?
        var complainant: String
        var handler: String
        var received: String
        var overdue: Bool

        init(_ subject: Case, names: CaseNames, overdue: Bool) {
            id = subject.id.rawValue
            href = "/cases/" + PageFormat.segment(subject.id.rawValue)
            state = CaseLabels.state(subject.state)
            stateKey = subject.state.rawValue
            channel = CaseLabels.channel(subject.channel)
            outcome = subject.outcome.map(CaseLabels.outcome)
            complainant = names.name(subject.complaint.complainant)
            handler = names.name(subject.handler.organisation)
            received = PageFormat.instant(subject.receivedAt)
            self.overdue = overdue
        }
    }

    var chrome: Chrome
    var heading: String
    var lead: String
    var canFile: Bool
    var canWorkQueue: Bool
    var states: [PageOption]
    var channels: [PageOption]
    var relations: [PageOption]
    var cases: [Row]
    var total: Int
    var summary: String
    var next: String?
}

/// The handler's work queue.
struct CaseQueuePage: Sendable {
    /// One open case with its most pressing deadline.
    struct Row: Sendable {
        var id: String
        var href: String
        var state: String
        var stateKey: String
        var channel: String
        var task: String
        var due: String
        var remaining: String
        var overdue: Bool

        init(_ item: CaseWorkItem) {
            id = item.caseID.rawValue
            href = "/cases/" + PageFormat.segment(item.caseID.rawValue)
            state = CaseLabels.state(item.state)
            stateKey = item.state.rawValue
            channel = CaseLabels.channel(item.channel)
            task = CaseLabels.deadline(item.deadline.kind)
            due = PageFormat.instant(item.deadline.due)
            remaining = CaseLabels.remaining(Double(item.timeRemaining.components.seconds))
            overdue = item.isOverdue
        }
    }

    var chrome: Chrome
    var items: [Row]
    var total: Int
    var overdue: Int
    var summary: String
}
