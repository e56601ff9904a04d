import ArgumentParser
import CustosCases
import CustosCore
import CustosLedger
import CustosServer
import CustosStore
import CustosStoreSQLite
import Foundation

/// `custos case …`: the cases a user's organisation filed or handles, their history, actions and the work queue.
struct CaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case", abstract: "List, show and act on cases, and show a handler's work queue.",
        discussion: """
            Every case command acts as a named user (--as LOGIN, else $CUSTOS_USER) through the same case service
            the server runs: the user's organisation sees only the cases it filed or handles, the user's role
            decides which actions it may take, and every action is recorded in the evidence ledger.
            """,
        subcommands: [
            CaseListCommand.self, CaseShowCommand.self, CaseActCommand.self, CaseQueueCommand.self,
        ])
}

/// The user a case command acts as.
struct ActingUserOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "The login of the user to act as (default: $CUSTOS_USER).")
    var login: String?

    /// `--as`, else `CUSTOS_USER`.
    var resolvedLogin: String? {
        if let login, !login.isEmpty { return login }
        if let login = ProcessInfo.processInfo.environment["CUSTOS_USER"], !login.isEmpty { return login }
        return nil
    }
}

/// The case service over the data directory, acting as one user.
struct CaseDesk {
    /// The store.
    let store: SQLiteStore
    /// The case service, with the data directory's evidence ledger.
    let service: CaseService
    /// The user the commands act as, with their organisation.
    let principal: Principal

    /// Opens the store and the ledger and signs in `login` as a local principal.
    ///
    /// The principal carries a transient token credential that is never stored: whoever can read the data
    /// directory may already act as any of its users, as `custos token create` shows.
    ///
    /// - Throws: `ExitCode(1)` with a message when no user is named or found, or the ledger cannot be opened.
    static func open(_ options: StoreOptions, as acting: ActingUserOptions) async throws -> CaseDesk {
        guard let login = acting.resolvedLogin else {
            Terminal.diagnostic("custos: name the user to act as with --as LOGIN (or set CUSTOS_USER)")
            throw ExitCode(1)
        }
        let store = try SQLiteStore.open(dataDirectory: options.resolvedDirectory)
        guard let user = try await store.users.user(login: login.lowercased()),
            let organisation = try await store.organisations.organisation(user.organisation)
        else {
            Terminal.diagnostic("custos: no user signs in as \"\(login)\"")
            throw ExitCode(1)
        }
        let vault: EvidenceVault
        do {
            vault = try EvidenceVault(dataDirectory: options.resolvedDirectory)
        } catch {
            Terminal.diagnostic("custos: the evidence ledger cannot be opened: \(error)")
            throw ExitCode(1)
        }
        let spool = options.resolvedDirectory.appendingPathComponent("uploads", isDirectory: true)
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        let token = APIToken(
            id: "cli", user: user.id, organisation: user.organisation, name: "command line", secretHash: "",
            createdAt: Date())
        return CaseDesk(
            store: store, service: CaseService(store: store, vault: vault, spool: spool),
            principal: Principal(user: user, organisation: organisation, credential: .token(token)))
    }

    /// Releases the evidence ledger.
    func close() { service.vault.log.close() }

    /// Runs `body`, turning a service refusal into its message on standard error and exit status 1.
    func run<T>(_ body: () async throws(APIError) -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            Self.report(error)
            throw ExitCode(1)
        }
    }

    /// Writes a refusal and its details to standard error.
    static func report(_ error: APIError) {
        Terminal.diagnostic("custos: \(error.message) (\(error.code.name))")
        for detail in error.details { Terminal.diagnostic("  - \(detail)") }
    }
}

/// `custos case list`.
struct CaseListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the cases the user's organisation filed or handles, newest first.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUserOptions

    @Option(
        help: "Only cases in this state (repeatable): \(CaseState.allCases.map(\.rawValue).joined(separator: ", ")).")
    var state: [CaseState] = []

    @Option(help: "Only cases the organisation is in this relation to: complainant, handler or current_handler.")
    var relation: CaseRelation?

    @Option(help: "At most this many cases.")
    var limit = 50

    @Flag(help: "Print JSON only.")
    var json = false

    func validate() throws {
        guard (1...500).contains(limit) else { throw ValidationError("--limit must be 1…500.") }
    }

    func run() async throws {
        let desk = try await CaseDesk.open(store, as: acting)
        defer { desk.close() }
        let query = CaseQuery(states: state.isEmpty ? nil : Set(state), relation: relation)
        let result = try await desk.run { () async throws(APIError) in
            try await desk.service.cases(matching: query, after: nil, limit: limit, for: desk.principal)
        }
        let cases = result.page.cases
        if json {
            try Terminal.printJSON(
                CaseListOutput(
                    items: cases.map { CaseSummary($0, service: desk.service) }, total: result.total))
            return
        }
        guard !cases.isEmpty else {
            print("No cases.")
            return
        }
        var rows = [["CASE", "STATE", "CHANNEL", "OUTCOME", "COMPLAINANT", "HANDLER", "RECEIVED", "DUE"]]
        for subject in cases {
            let summary = CaseSummary(subject, service: desk.service)
            rows.append([
                summary.id, summary.state, summary.channel, summary.outcome ?? "-", summary.complainant,
                summary.handler, CaseText.date(subject.receivedAt),
                summary.due.map { CaseText.date($0) + (summary.overdue ? " OVERDUE" : "") } ?? "-",
            ])
        }
        CaseText.printTable(rows)
        if result.total > cases.count { print("(\(cases.count) of \(result.total); use --limit for more)") }
    }
}

/// `custos case show ID`.
struct CaseShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a case: its complaint, deadlines, available actions and history.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUserOptions

    @Argument(help: "The case id (C-…).")
    var id: String

    @Flag(help: "Also list the case's events with their evidence-ledger entries.")
    var events = false

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let desk = try await CaseDesk.open(store, as: acting)
        defer { desk.close() }
        let caseID = Case.ID(id)
        let subject = try await desk.run { () async throws(APIError) in
            try await desk.service.case(caseID, for: desk.principal)
        }
        var recorded: [RecordedCaseEvent] = []
        if events {
            recorded = try await desk.run { () async throws(APIError) in
                try await desk.service.events(of: caseID, for: desk.principal)
            }
        }
        let detail = CaseDetail(subject, principal: desk.principal, service: desk.service)
        if json {
            try Terminal.printJSON(
                CaseShowOutput(case: detail, events: events ? recorded.map(CaseEventOutput.init) : nil))
            return
        }
        // People know each other by login; events and the case record user ids.
        var actors = [(subject.complaint.filedBy, subject.complaint.complainant)]
        actors += recorded.map { ($0.event.actor.user, $0.event.actor.organisation) }
        actors += subject.findings.map { ($0.investigator, subject.handler.organisation) }
        if let investigator = subject.investigator { actors.append((investigator, subject.handler.organisation)) }
        var logins: [User.ID: String] = [:]
        for (user, organisation) in actors where logins[user] == nil {
            logins[user] = try await desk.store.users.user(user, in: organisation)?.login
        }
        let name = { (user: User.ID) in logins[user] ?? user.rawValue }
        CaseText.printDetail(subject, detail: detail, name: name)
        if events {
            print("\nEvents:")
            for item in recorded {
                let event = item.event
                let move =
                    event.fromState.map { "\($0.rawValue) → \(event.toState.rawValue)" } ?? event.toState.rawValue
                print(
                    "  \(event.sequence). \(CaseText.date(event.at))  \(event.action.kind.rawValue)  \(move)  "
                        + "by \(name(event.actor.user)) (\(event.actor.role.rawValue), \(event.actor.organisation))  "
                        + "[\(item.ledgerEntry ?? "ledger entry pending")]")
                if let note = event.note { print("     note: \(note)") }
                if !event.evidence.isEmpty { print("     evidence: \(event.evidence.joined(separator: ", "))") }
            }
        }
    }
}

/// `custos case act ID KIND …`.
struct CaseActCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "act", abstract: "Take an action on a case.",
        discussion: """
            KIND is one of \(CaseActCommand.kinds.map(\.rawValue).joined(separator: ", ")).
            Each kind takes its own options:
              reject: --reason [--malicious-complaint]       decide: --outcome [--wilful] [--counterfeit] [--malicious-complaint]
              file_counter_notice: --summary                 appeal: --grounds
              divert: --forum                                transfer: --to ORG [--region R]
              assign_investigator: --investigator USER-ID    record_finding: --finding TEXT
              change_channel: --channel --reason             withdraw: --reason
              close: [--summary]
            Every kind takes --note and --evidence ENTRY (repeatable, ledger entries of the user's organisation).

            Example: custos case act C-0123 decide --outcome takedown --wilful --counterfeit --as reviewer@market
            """)

    /// The kinds the command takes: every action but opening, which is filing a complaint.
    static let kinds = CaseAction.Kind.allCases.filter { $0 != .open }

    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUserOptions

    @Argument(help: "The case id (C-…).")
    var id: String

    @Argument(help: "The action.")
    var kind: CaseAction.Kind

    @Option(help: "decide: takedown, restore or dismissed.")
    var outcome: CaseOutcome?

    @Option(help: "reject, change_channel, withdraw: the reason.")
    var reason: String?

    @Option(help: "file_counter_notice: the counter-notice's summary; close: the closing summary.")
    var summary: String?

    @Option(help: "appeal: the grounds.")
    var grounds: String?

    @Option(help: "divert: \(DiversionForum.allCases.map(\.rawValue).joined(separator: ", ")).")
    var forum: DiversionForum?

    @Option(name: .customLong("to"), help: "transfer: the organisation taking the case over.")
    var organisation: String?

    @Option(help: "transfer: the region it handles the case in.")
    var region: String?

    @Option(help: "assign_investigator: the investigator's user id.")
    var investigator: String?

    @Option(help: "record_finding: the finding.")
    var finding: String?

    @Option(help: "change_channel: standard or fast_track.")
    var channel: CaseChannel?

    @Flag(name: .customLong("malicious-complaint"), help: "reject, decide: the complaint was knowingly false.")
    var maliciousComplaint = false

    @Flag(help: "decide (takedown): the infringement was wilful.")
    var wilful = false

    @Flag(help: "decide (takedown): the goods are counterfeit.")
    var counterfeit = false

    @Option(help: "A note recorded with the event.")
    var note: String?

    @Option(help: "An evidence entry supporting the action (E12; repeatable).")
    var evidence: [String] = []

    @Flag(help: "Print JSON only.")
    var json = false

    /// The JSON key and command-line flag of each action argument, with the kinds that take it.
    private var arguments: [(key: String, flag: String, value: ActionArgument?, kinds: Set<CaseAction.Kind>)] {
        [
            ("outcome", "--outcome", outcome.map { ActionArgument.text($0.rawValue) }, [.decide]),
            ("reason", "--reason", reason.map(ActionArgument.text), [.reject, .changeChannel, .withdraw]),
            ("summary", "--summary", summary.map(ActionArgument.text), [.fileCounterNotice, .close]),
            ("grounds", "--grounds", grounds.map(ActionArgument.text), [.appeal]),
            ("forum", "--forum", forum.map { ActionArgument.text($0.rawValue) }, [.divert]),
            ("organisation", "--to", organisation.map(ActionArgument.text), [.transfer]),
            ("region", "--region", region.map(ActionArgument.text), [.transfer]),
            ("investigator", "--investigator", investigator.map(ActionArgument.text), [.assignInvestigator]),
            ("finding", "--finding", finding.map(ActionArgument.text), [.recordFinding]),
            ("channel", "--channel", channel.map { ActionArgument.text($0.rawValue) }, [.changeChannel]),
            (
                "malicious_complaint", "--malicious-complaint", maliciousComplaint ? ActionArgument.flag : nil,
                [.reject, .decide]
            ),
            ("wilful", "--wilful", wilful ? ActionArgument.flag : nil, [.decide]),
            ("counterfeit", "--counterfeit", counterfeit ? ActionArgument.flag : nil, [.decide]),
        ]
    }

    func validate() throws {
        guard kind != .open else {
            throw ValidationError("A case is opened by filing a complaint: custos complaint file.")
        }
        for argument in arguments where argument.value != nil && !argument.kinds.contains(kind) {
            throw ValidationError("\(argument.flag) does not apply to \(kind.rawValue).")
        }
        _ = try action()
    }

    /// The action the options describe, decoded as the API decodes an action body.
    func action() throws -> CaseAction {
        var body: [String: ActionArgument] = ["kind": .text(kind.rawValue)]
        for argument in arguments { if let value = argument.value { body[argument.key] = value } }
        do {
            return try JSONDecoder().decode(CaseAction.self, from: JSONEncoder().encode(body))
        } catch DecodingError.keyNotFound(let key, _) {
            let flag = arguments.first { $0.key == key.stringValue }?.flag ?? key.stringValue
            throw ValidationError("\(kind.rawValue) needs \(flag).")
        }
    }

    func run() async throws {
        let action = try action()
        let desk = try await CaseDesk.open(store, as: acting)
        defer { desk.close() }
        let updated = try await desk.run { () async throws(APIError) in
            try await desk.service.act(
                action, on: Case.ID(id), by: desk.principal, note: note, evidence: evidence)
        }
        let detail = CaseDetail(updated, principal: desk.principal, service: desk.service)
        if json {
            try Terminal.printJSON(detail)
            return
        }
        let last = updated.history.last
        print(
            "\(updated.id): \(kind.rawValue) recorded as event \(last?.sequence ?? 0); the case is now "
                + "\(updated.state.rawValue)\(updated.outcome.map { " (\($0.rawValue))" } ?? "").")
        if !detail.availableActions.isEmpty {
            print("Next: \(detail.availableActions.joined(separator: ", "))")
        }
    }
}

/// `custos case queue`.
struct CaseQueueCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue", abstract: "The open cases the user's organisation handles, most urgent first.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var acting: ActingUserOptions

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let desk = try await CaseDesk.open(store, as: acting)
        defer { desk.close() }
        let items = try await desk.run { () async throws(APIError) in
            try await desk.service.workQueue(for: desk.principal)
        }
        if json {
            try Terminal.printJSON(
                CaseQueueOutput(
                    items: items.map(CaseQueueItem.init), total: items.count, overdue: items.filter(\.isOverdue).count))
            return
        }
        guard !items.isEmpty else {
            print("The work queue is empty.")
            return
        }
        var rows = [["CASE", "STATE", "CHANNEL", "DEADLINE", "DUE", "LEFT"]]
        for item in items {
            rows.append([
                item.caseID.rawValue, item.state.rawValue, item.channel.rawValue, item.deadline.kind.rawValue,
                CaseText.date(item.deadline.due),
                item.isOverdue
                    ? "OVERDUE \(CaseText.span(-item.timeRemaining.components.seconds))"
                    : CaseText.span(item.timeRemaining.components.seconds),
            ])
        }
        CaseText.printTable(rows)
        print("\(items.count) open, \(items.filter(\.isOverdue).count) overdue.")
    }
}

/// One scalar argument of an action body.
enum ActionArgument: Encodable, Equatable {
    case text(String)
    case flag

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .text(let text): try container.encode(text)
        case .flag: try container.encode(true)
        }
    }
}

/// A case in a list: its standing fields and its handler deadline.
struct CaseSummary: Encodable {
    var id: String
    var state: String
    var channel: String
    var outcome: String?
    var complainant: String
    var handler: String
    var receivedAt: Date
    var due: Date?
    var overdue: Bool

    enum CodingKeys: String, CodingKey {
        case id, state, channel, outcome, complainant, handler, due, overdue
        case receivedAt = "received_at"
    }

    init(_ subject: Case, service: CaseService) {
        id = subject.id.rawValue
        state = subject.state.rawValue
        channel = subject.channel.rawValue
        outcome = subject.outcome?.rawValue
        complainant = subject.complaint.complainant.rawValue
        handler = subject.handler.organisation.rawValue
        receivedAt = subject.receivedAt
        due = service.deadlines(of: subject).first { $0.deadline.kind.bindsHandler }?.deadline.due
        overdue = service.isOverdue(subject)
    }
}

/// The JSON of `custos case list`.
struct CaseListOutput: Encodable {
    var items: [CaseSummary]
    var total: Int
}

/// A case with what the acting user may do to it now.
struct CaseDetail: Encodable {
    struct Deadline: Encodable {
        var kind: String
        var due: Date
        var overdue: Bool
    }

    var `case`: Case
    var deadlines: [Deadline]
    var overdue: Bool
    var availableActions: [String]

    enum CodingKeys: String, CodingKey {
        case `case`, deadlines, overdue
        case availableActions = "available_actions"
    }

    init(_ subject: Case, principal: Principal, service: CaseService) {
        `case` = subject
        deadlines = service.deadlines(of: subject).map {
            Deadline(kind: $0.deadline.kind.rawValue, due: $0.deadline.due, overdue: $0.isOverdue)
        }
        overdue = service.isOverdue(subject)
        availableActions = service.availableActions(on: subject, for: principal).map(\.rawValue)
    }
}

/// One event of a case with its evidence-ledger entry.
struct CaseEventOutput: Encodable {
    var event: CaseEvent
    var ledgerEntry: String?

    enum CodingKeys: String, CodingKey {
        case event
        case ledgerEntry = "ledger_entry"
    }

    init(_ recorded: RecordedCaseEvent) {
        event = recorded.event
        ledgerEntry = recorded.ledgerEntry
    }
}

/// The JSON of `custos case show`.
struct CaseShowOutput: Encodable {
    var `case`: CaseDetail
    var events: [CaseEventOutput]?
}

/// One item of the work queue.
struct CaseQueueItem: Encodable {
    var caseID: String
    var state: String
    var channel: String
    var deadline: String
    var due: Date
    var overdue: Bool
    var secondsRemaining: Int64

    enum CodingKeys: String, CodingKey {
        case state, channel, deadline, due, overdue
        case caseID = "case"
        case secondsRemaining = "seconds_remaining"
    }

    init(_ item: CaseWorkItem) {
        caseID = item.caseID.rawValue
        state = item.state.rawValue
        channel = item.channel.rawValue
        deadline = item.deadline.kind.rawValue
        due = item.deadline.due
        overdue = item.isOverdue
        secondsRemaining = item.timeRemaining.components.seconds
    }
}

/// The JSON of `custos case queue`.
struct CaseQueueOutput: Encodable {
    var items: [CaseQueueItem]
    var total: Int
    var overdue: Int
}

/// Text output of the case commands.
enum CaseText {
    /// A date in UTC, to the minute.
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02d %02d:%02dZ", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    /// A span of seconds as days, hours or minutes.
    static func span(_ seconds: Int64) -> String {
        let magnitude = abs(seconds)
        if magnitude >= 86_400 { return "\(magnitude / 86_400)d \(magnitude % 86_400 / 3_600)h" }
        if magnitude >= 3_600 { return "\(magnitude / 3_600)h \(magnitude % 3_600 / 60)m" }
        return "\(magnitude / 60)m"
    }

    /// Prints rows as left-aligned columns two spaces apart; the first row is the header.
    static func printTable(_ rows: [[String]]) {
        guard let columns = rows.first?.count else { return }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { column, cell in
                column == columns - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }
            print(cells.joined(separator: "  "))
        }
    }

    /// Prints a case for people.
    static func printDetail(_ subject: Case, detail: CaseDetail, name: (User.ID) -> String) {
        let complaint = subject.complaint
        print("Case \(subject.id)")
        print("  state:        \(subject.state.rawValue)\(subject.outcome.map { " (\($0.rawValue))" } ?? "")")
        print("  channel:      \(subject.channel.rawValue)")
        print("  complainant:  \(complaint.complainant) (filed by \(name(complaint.filedBy)))")
        let region = subject.handler.region.map { ", \($0)" } ?? ""
        print("  handler:      \(subject.handler.organisation)\(region)")
        if subject.handlers.count > 1 {
            print("  handlers:     \(subject.handlers.map(\.organisation.rawValue).joined(separator: " → "))")
        }
        if let investigator = subject.investigator { print("  investigator: \(name(investigator))") }
        if let forum = subject.forum { print("  forum:        \(forum.rawValue)") }
        if let reason = subject.rejectionReason { print("  rejected:     \(reason)") }
        if subject.isFoundMalicious { print("  malicious complaint: found") }
        print("  received:     \(date(subject.receivedAt))")
        print("  rights:       \(complaint.rights.map(\.rawValue).joined(separator: ", "))")
        print("  targets:      \(complaint.targets.map(target).joined(separator: ", "))")
        print("  evidence:     \(complaint.evidence.joined(separator: ", "))")
        for finding in subject.findings {
            print("  finding by \(name(finding.investigator)) (\(date(finding.at))): \(finding.text)")
        }
        if !detail.deadlines.isEmpty {
            print("  deadlines:")
            for deadline in detail.deadlines {
                print("    \(deadline.kind) due \(date(deadline.due))\(deadline.overdue ? " OVERDUE" : "")")
            }
        }
        print(
            "  you may:      \(detail.availableActions.isEmpty ? "nothing now" : detail.availableActions.joined(separator: ", "))"
        )
    }

    /// A complaint target in words.
    static func target(_ target: ComplaintTarget) -> String {
        switch target {
        case .listing(let id): "listing \(id)"
        case .url(let address): address
        case .seller(let id, let platform): "seller \(id)@\(platform)"
        }
    }
}

extension CaseState: ExpressibleByArgument {}
extension CaseRelation: ExpressibleByArgument {}
extension CaseAction.Kind: ExpressibleByArgument {}
extension CaseOutcome: ExpressibleByArgument {}
extension DiversionForum: ExpressibleByArgument {}
extension CaseChannel: ExpressibleByArgument {}
