import CustosCases
import CustosCore
import CustosStore
import Foundation
import Hummingbird

/// `/cases/new`: the complaint form of rights holders (owners and agents).
///
/// The form lists the organisation's rights as choices and the platforms and authorities as handlers; targets and
/// evidence are typed one per line. A complaint with problems comes back with what was typed and every problem next
/// to the field (and the line) it concerns: the form's own checks, then every problem the complaint validator and
/// the case service report. A complaint without problems is filed and the browser is sent to its case.
struct CaseFilingPages {
    let services: PortalServices

    /// How many rights of the portfolio are offered as checkboxes; others are typed by id.
    static let rightChoiceLimit = 200

    @Sendable func form(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let page = try await ComplaintFormPage.make(
            values: ComplaintFormValues(), problems: ComplaintFormProblems(), principal: principal, context: context,
            services: services)
        return try services.pages.render("case-new", page)
    }

    @Sendable func file(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.fileComplaints)
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        form.discardFiles()
        let values = ComplaintFormValues(form)
        var problems = ComplaintFormProblems()
        let draft = values.draft(problems: &problems)
        if problems.isEmpty {
            do throws(APIError) {
                let filing = try await services.cases.file(draft, by: principal)
                services.metrics.recordEvent("complaint_filed")
                return PageRedirect.to(
                    "/cases/\(PageFormat.segment(filing.filed.id.rawValue))?notice=\(CaseNotice.filed.rawValue)")
            } catch {
                guard error.code == .unprocessable else { throw error }
                for detail in error.details { problems.add(service: detail, values: values) }
                if error.details.isEmpty { problems.add("general", error.message) }
            }
        } else {
            // The form's own problems stop the filing; the validator's are shown with them, so that one round
            // trip lists everything it can.
            let complaint = Complaint(
                complainant: principal.organisation.id, filedBy: principal.user.id, rights: draft.rights,
                targets: draft.targets, evidence: draft.evidence, authorisationEvidence: draft.authorisationEvidence,
                goodFaithStatement: draft.goodFaithStatement, goodsClass: draft.goodsClass, category: draft.category,
                claimedValue: draft.claimedValue, filedAt: services.cases.clock.now())
            var rights: [Right.ID: Right] = [:]
            for id in Set(draft.rights) where !id.rawValue.isBlankText {
                if let right = try await stored({
                    try await services.store.rights.right(id, in: principal.organisation.id)
                }) {
                    rights[id] = right
                }
            }
            let found = services.cases.validator.problems(
                in: complaint,
                context: .init(
                    rights: rights, complainantName: principal.organisation.name,
                    capacity: principal.role == .agent ? .agent : .owner))
            for problem in found { problems.add(path: problem.path, problem.message, values: values) }
            try await addHandlerAndEvidenceProblems(draft, principal: principal, values: values, to: &problems)
        }
        let page = try await ComplaintFormPage.make(
            values: values, problems: problems, principal: principal, context: context, services: services)
        return try services.pages.render("case-new", page, status: .unprocessableContent)
    }
}

extension CaseFilingPages {
    /// The service's own checks of the handler and the evidence, for a form that does not reach the service: the
    /// handler must be a platform or authority, and each evidence entry one the organisation deposited.
    func addHandlerAndEvidenceProblems(
        _ draft: ComplaintDraft, principal: Principal, values: ComplaintFormValues,
        to problems: inout ComplaintFormProblems
    ) async throws(APIError) {
        if let handler = draft.handler {
            let stored = try await stored { try await services.store.organisations.organisation(handler) }
            if stored?.kind != .platform && stored?.kind != .authority {
                problems.add("handler", "\(handler) is not a platform or authority known here.")
            }
        } else {
            problems.add("handler", "Name the platform or authority that must handle the complaint.")
        }
        let organisation = principal.organisation.id.rawValue
        for (offset, reference) in draft.evidence.enumerated() {
            let index = try? EvidenceDeposits.index(reference)
            if index.flatMap({ try? services.vault.entry(at: $0, for: organisation) }) == nil {
                problems.add(
                    path: "evidence[\(offset)]", "No evidence entry \(reference) was deposited by your organisation.",
                    values: values)
            }
        }
    }
}

/// What the complaint form sent, as typed.
struct ComplaintFormValues: Sendable {
    var rights: [String] = []
    var otherRights = ""
    var listings = ""
    var urls = ""
    var sellers = ""
    var evidence = ""
    var authorisation = ""
    var goodFaith = false
    var statement = ""
    var goodsClass = ""
    var category = ""
    var claimedValue = ""
    var currency = ""
    var handler = ""
    var region = ""
    var note = ""

    init() {}

    init(_ form: PortalForm) {
        rights = form.values("rights")
        otherRights = form.text("other_rights")
        listings = form.text("listings")
        urls = form.text("urls")
        sellers = form.text("sellers")
        evidence = form.text("evidence")
        authorisation = form.text("authorisation")
        goodFaith = form.isChecked("good_faith")
        statement = form.text("statement")
        goodsClass = form.text("goods_class")
        category = form.text("category")
        claimedValue = form.text("claimed_value")
        currency = form.text("currency")
        handler = form.text("handler")
        region = form.text("region")
        note = form.text("note")
    }

    /// The non-blank lines of a text area, trimmed.
    static func lines(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The rights named: the ticked choices, then the ids typed.
    var rightIDs: [String] {
        rights.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } + Self.lines(otherRights)
    }

    /// Where each target of the draft came from: the field and the line, in the draft's order.
    var targetSources: [(field: String, line: Int)] {
        Self.lines(listings).indices.map { ("listings", $0 + 1) } + Self.lines(urls).indices.map { ("urls", $0 + 1) }
            + Self.lines(sellers).indices.map { ("sellers", $0 + 1) }
    }

    /// The targets typed: listing ids, web addresses, and sellers as `seller id @ platform`.
    var targets: [ComplaintTarget] {
        Self.lines(listings).map { .listing(Listing.ID($0)) } + Self.lines(urls).map { .url($0) }
            + Self.lines(sellers).map { line in
                guard let at = line.lastIndex(of: "@") else { return .seller(Party.ID(line), platform: "") }
                return .seller(
                    Party.ID(line[..<at].trimmingCharacters(in: .whitespaces)),
                    platform: line[line.index(after: at)...].trimmingCharacters(in: .whitespaces))
            }
    }

    /// The draft the form states; problems only the form can see (the good-faith box, numbers that are not
    /// numbers) are added to `problems`.
    func draft(problems: inout ComplaintFormProblems) -> ComplaintDraft {
        if !goodFaith {
            problems.add("good_faith", "Tick the box to state that you file this complaint in good faith.")
        }
        var niceClass: NiceClass?
        let classText = goodsClass.trimmingCharacters(in: .whitespaces)
        if !classText.isEmpty {
            if let number = Int(classText), let value = NiceClass(number) {
                niceClass = value
            } else {
                problems.add("goods_class", "The Nice class is a whole number from 1 to 45, not \"\(classText)\".")
            }
        }
        var amount: CaseAmount?
        let valueText = claimedValue.filter { !", _\u{00A0}".contains($0) }
        let currencyText = currency.trimmingCharacters(in: .whitespaces).uppercased()
        if !valueText.isEmpty {
            if valueText.count <= 30, valueText.wholeMatch(of: /[0-9]+(\.[0-9]+)?/) != nil,
                let value = Decimal(string: valueText, locale: Locale(identifier: "en_US_POSIX"))
            {
                if currencyText.isEmpty {
                    problems.add("currency", "Name the currency of the claimed value, such as CNY or EUR.")
                } else {
                    amount = CaseAmount(value, currency: currencyText)
                }
            } else {
                problems.add("claimed_value", "The claimed value is a number such as 12000 or 1,200.50.")
            }
        }
        func optional(_ text: String) -> String? {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        return ComplaintDraft(
            rights: rightIDs.map { Right.ID($0) }, targets: targets, evidence: Self.lines(evidence),
            authorisationEvidence: optional(authorisation), goodFaithStatement: statement, goodsClass: niceClass,
            category: optional(category), claimedValue: amount, handler: optional(handler).map { Organisation.ID($0) },
            region: optional(region), note: optional(note))
    }
}

/// The problems of a complaint, by form field, in the order found.
struct ComplaintFormProblems: Sendable {
    /// Sentences by field name (`general` for those no field owns).
    private(set) var byField: [String: [String]] = [:]
    /// Every problem with the field it belongs to, for the summary at the top.
    private(set) var all: [(field: String, message: String)] = []

    var isEmpty: Bool { all.isEmpty }

    /// The sentences of `field`.
    func messages(_ field: String) -> [String] { byField[field] ?? [] }

    mutating func add(_ field: String, _ message: String) {
        guard !(byField[field] ?? []).contains(message) else { return }
        byField[field, default: []].append(message)
        all.append((field, message))
    }

    /// Adds a problem the service reported as `path: message [code]`.
    mutating func add(service detail: String, values: ComplaintFormValues) {
        guard let colon = detail.range(of: ": ") else { return add("general", detail) }
        var message = String(detail[colon.upperBound...])
        if message.hasSuffix("]"), let open = message.range(of: " [", options: .backwards) {
            message = String(message[..<open.lowerBound])
        }
        add(path: String(detail[..<colon.lowerBound]), message, values: values)
    }

    /// Adds a problem at a complaint path (`targets[2].url`, `evidence[0]`, `goodFaithStatement`), placed next to
    /// the field and line it came from.
    mutating func add(path: String, _ message: String, values: ComplaintFormValues) {
        let root = String(path.prefix { $0 != "[" && $0 != "." })
        var index: Int?
        if let open = path.firstIndex(of: "["), let close = path.firstIndex(of: "]"), open < close {
            index = Int(path[path.index(after: open)..<close])
        }
        switch root {
        case "rights":
            let named = values.rightIDs
            if let index, named.indices.contains(index) {
                add("rights", "\(named[index]): \(message)")
            } else {
                add("rights", message)
            }
        case "targets":
            let sources = values.targetSources
            if let index, sources.indices.contains(index) {
                add(sources[index].field, "Line \(sources[index].line): \(message)")
            } else {
                add("listings", message)
            }
        case "evidence":
            add("evidence", index.map { "Line \($0 + 1): \(message)" } ?? message)
        case "authorisationEvidence": add("authorisation", message)
        case "goodFaithStatement": add("statement", message)
        case "goodsClass": add("goods_class", message)
        case "category": add("category", message)
        case "claimedValue": add(path.hasSuffix("currency") ? "currency" : "claimed_value", message)
        case "handler": add("handler", message)
        case "region": add("region", message)
        case "note": add("note", message)
        default: add("general", message)
        }
    }
}

/// The complaint form.
struct ComplaintFormPage: Sendable {
    /// A text field or area with its label, hint and problems.
    struct Input: Sendable {
        var name: String
        var label: String
        var value: String
        var hint: String?
        var errors: [String]
        var isInvalid: Bool
        var describedBy: String?
        var isArea: Bool
        var required: Bool
        var inputMode: String

        init(
            _ name: String, _ label: String, value: String, hint: String? = nil, problems: ComplaintFormProblems,
            area: Bool = false, required: Bool = false, inputMode: String = "text"
        ) {
            self.name = name
            self.label = label
            self.value = value
            self.hint = hint
            errors = problems.messages(name)
            isInvalid = !errors.isEmpty
            let ids = (hint == nil ? [] : ["\(name)-hint"]) + (errors.isEmpty ? [] : ["\(name)-error"])
            describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
            isArea = area
            self.required = required
            self.inputMode = inputMode
        }
    }

    /// A right offered as a checkbox.
    struct RightChoice: Sendable {
        var id: String
        var value: String
        var label: String
        var checked: Bool
    }

    /// One problem in the summary, linked to its field.
    struct ProblemLink: Sendable {
        var anchor: String
        var message: String
    }

    var chrome: Chrome
    var isAgent: Bool
    var problemCount: Int
    var hasProblems: Bool
    var problemSummary: [ProblemLink]
    var rightChoices: [RightChoice]
    var hasRightChoices: Bool
    var moreRights: String?
    var rightErrors: [String]
    var rightsInvalid: Bool
    var otherRights: Input
    var listings: Input
    var urls: Input
    var sellers: Input
    var targetsInvalid: Bool
    var evidence: Input
    var authorisation: Input
    var goodFaith: Bool
    var goodFaithErrors: [String]
    var goodFaithInvalid: Bool
    var statement: Input
    var goodsClass: Input
    var category: Input
    var claimedValue: Input
    var currency: Input
    var handlerOptions: [PageOption]
    var handlerErrors: [String]
    var handlerInvalid: Bool
    var region: Input
    var note: Input
    var generalErrors: [String]

    static func make(
        values: ComplaintFormValues, problems: ComplaintFormProblems, principal: Principal, context: PortalContext,
        services: PortalServices
    ) async throws(APIError) -> ComplaintFormPage {
        let organisation = principal.organisation.id
        let portfolio = try await stored {
            try await services.store.rights.rights(
                in: organisation, kinds: nil, after: nil, limit: CaseFilingPages.rightChoiceLimit)
        }
        let count = try await stored { try await services.store.rights.countRights(in: organisation) }
        let handlers = try await stored { try await services.store.organisations.organisations() }.filter {
            $0.kind == .platform || $0.kind == .authority
        }.sorted { $0.name < $1.name }
        return ComplaintFormPage(
            values: values, problems: problems, principal: principal, context: context, portfolio: portfolio,
            portfolioCount: count, handlers: handlers)
    }

    init(
        values: ComplaintFormValues, problems: ComplaintFormProblems, principal: Principal, context: PortalContext,
        portfolio: [Right], portfolioCount: Int, handlers: [Organisation]
    ) {
        chrome = Chrome(context: context, title: "File a complaint", section: "cases")
        isAgent = principal.role == .agent
        problemCount = problems.all.count
        hasProblems = !problems.isEmpty
        let anchors = [
            "rights": "rights-heading", "good_faith": "good_faith", "handler": "handler", "general": "complaint-form",
        ]
        problemSummary = problems.all.map { ProblemLink(anchor: anchors[$0.field] ?? $0.field, message: $0.message) }
        let chosen = Set(values.rights)
        rightChoices = portfolio.enumerated().map { offset, right in
            RightChoice(
                id: "right-\(offset)", value: right.id.rawValue,
                label: "\(right.name) — \(PortfolioPage.label(right.kind)), \(right.id.rawValue)",
                checked: chosen.contains(right.id.rawValue))
        }
        hasRightChoices = !portfolio.isEmpty
        moreRights =
            portfolioCount > portfolio.count
            ? "Your portfolio holds \(portfolioCount) rights; the first \(portfolio.count) are listed. Type others below."
            : nil
        rightErrors = problems.messages("rights")
        rightsInvalid = !rightErrors.isEmpty
        otherRights = Input(
            "other_rights", "Other rights, by id (one per line)", value: values.otherRights, problems: problems,
            area: true)
        listings = Input(
            "listings", "Listings (one listing id per line)", value: values.listings, problems: problems, area: true)
        urls = Input(
            "urls", "Web addresses (one per line)", value: values.urls,
            hint: "Full addresses starting with https:// or http://.", problems: problems, area: true)
        sellers = Input(
            "sellers", "Sellers (one per line)", value: values.sellers,
            hint: "The seller's id, then @ and the platform: shady-shoes @ market.", problems: problems, area: true)
        targetsInvalid = listings.isInvalid || urls.isInvalid || sellers.isInvalid
        evidence = Input(
            "evidence", "Evidence entries (one per line)", value: values.evidence,
            hint: "Ledger entries your organisation deposited, such as E12: see Evidence.", problems: problems,
            area: true, required: true)
        authorisation = Input(
            "authorisation", principal.role == .agent ? "Authorisation evidence" : "Authorisation evidence (agents)",
            value: values.authorisation,
            hint: "The ledger entry of the owner's authorisation, when you file as an agent.", problems: problems)
        goodFaith = values.goodFaith
        goodFaithErrors = problems.messages("good_faith")
        goodFaithInvalid = !goodFaithErrors.isEmpty
        statement = Input(
            "statement", "Statement of good faith", value: values.statement,
            hint:
                "In your words: that you believe in good faith the goods infringe, and that the complaint is accurate.",
            problems: problems, area: true, required: true)
        goodsClass = Input(
            "goods_class", "Nice class of the goods (optional)", value: values.goodsClass, problems: problems,
            inputMode: "numeric")
        category = Input("category", "Category of goods (optional)", value: values.category, problems: problems)
        claimedValue = Input(
            "claimed_value", "Claimed value (optional)", value: values.claimedValue, problems: problems,
            inputMode: "decimal")
        currency = Input("currency", "Currency", value: values.currency, hint: "CNY, EUR, USD…", problems: problems)
        handlerOptions =
            [PageOption(value: "", label: "Choose…", selected: values.handler.isEmpty)]
            + handlers.map {
                PageOption(
                    value: $0.id.rawValue, label: "\($0.name) (\(CaseLabels.sentence($0.kind.rawValue)))",
                    selected: $0.id.rawValue == values.handler)
            }
        handlerErrors = problems.messages("handler")
        handlerInvalid = !handlerErrors.isEmpty
        region = Input(
            "region", "Region (optional)", value: values.region, hint: "Where the handler should act, when it matters.",
            problems: problems)
        note = Input("note", "Note (optional)", value: values.note, problems: problems, area: true)
        generalErrors = problems.messages("general")
    }
}
