import CustosCore
import CustosDamages
import Foundation
import Hummingbird

/// `/damages`: a damage calculator for every signed-in role. The form states a claim (jurisdiction, right,
/// figures, findings); the answer shows the amount or range, how the estimate was chosen, and every step of the
/// computation with its explanation, formula, running amount and the provisions it applies.
///
/// Nothing is stored, so the post answers the page itself rather than redirecting. A refused claim re-renders
/// the form with what was typed and the engine's sentence next to the field it names.
struct DamagesPages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.page("damages", needs: .assessDamages, use: form)
        router.post("damages", use: assess)
    }

    @Sendable func form(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let page = DamagesPage(
            context: context, rules: services.damages.rules, values: DamageFormValues(), problem: nil,
            assessment: nil)
        return try services.pages.render("damages", page)
    }

    @Sendable func assess(_ request: Request, context: PortalContext) async throws -> Response {
        _ = try context.require(.assessDamages)
        let form = try await FormReader(services: services).read(request, context: context, protection: .session)
        // The calculator takes no files; a multipart post's spooled parts go at once.
        form.discardFiles()
        let values = DamageFormValues(form)
        let rules = services.damages.rules
        let assessment: DamageAssessment
        do throws(DamagesError) {
            assessment = try services.damages.assess(try values.claim())
        } catch {
            let page = DamagesPage(context: context, rules: rules, values: values, problem: error, assessment: nil)
            return try services.pages.render("damages", page, status: .unprocessableContent)
        }
        services.metrics.recordEvent("damage_assessment")
        let page = DamagesPage(context: context, rules: rules, values: values, problem: nil, assessment: assessment)
        return try services.pages.render("damages", page)
    }
}

/// What the damages form sent, as typed, so a refused claim comes back unchanged.
struct DamageFormValues: Sendable {
    typealias Key = DamageClaim.CodingKeys

    /// Text fields by claim key (the form's field names are the claim's JSON keys).
    var texts: [Key: String]
    /// The ticked findings.
    var checked: Set<Key>

    /// The empty form: Chinese trademark law, the first entry of the bundled table.
    init() {
        texts = [.jurisdiction: "CN", .right: RightKind.trademark.rawValue]
        checked = []
    }

    /// The values of a posted form.
    init(_ form: PortalForm) {
        var texts: [Key: String] = [:]
        for key in Self.textKeys { texts[key] = form.text(key.rawValue) }
        self.texts = texts
        checked = Set(Self.flagKeys.filter { form.isChecked($0.rawValue) })
    }

    /// The claim's fields the form sends as text.
    static let textKeys: [Key] = [
        .jurisdiction, .right, .currency, .method, .actualLoss, .infringerProfit, .profitCountedInLoss, .licenceFee,
        .licenceMultiple, .moralPrejudice, .enforcementCosts, .statutoryAmount, .works, .counterfeitMarks, .goodsTypes,
        .punitiveMultiple,
    ]
    /// The claim's findings, sent as checkboxes.
    static let flagKeys: [Key] = [.isWilful, .isSerious, .isInnocent, .isCounterfeit]

    /// The value of `key` as typed.
    func text(_ key: Key) -> String { texts[key] ?? "" }

    /// The claim the form states.
    ///
    /// - Throws: `DamagesError` naming the field when a choice is missing or a figure is not a number; the
    ///   engine checks everything else.
    func claim() throws(DamagesError) -> DamageClaim {
        let jurisdiction = text(.jurisdiction).trimmingCharacters(in: .whitespaces)
        guard !jurisdiction.isEmpty else {
            throw DamagesError(.invalidClaim, "choose a jurisdiction", field: Key.jurisdiction.rawValue)
        }
        guard let right = RightKind(rawValue: text(.right)) else {
            throw DamagesError(.invalidClaim, "choose a kind of right", field: Key.right.rawValue)
        }
        return DamageClaim(
            jurisdiction: jurisdiction, right: right, currency: optional(.currency),
            actualLoss: try decimal(.actualLoss), infringerProfit: try decimal(.infringerProfit),
            profitCountedInLoss: try decimal(.profitCountedInLoss), licenceFee: try decimal(.licenceFee),
            licenceMultiple: try decimal(.licenceMultiple), moralPrejudice: try decimal(.moralPrejudice),
            works: try count(.works), counterfeitMarks: try count(.counterfeitMarks),
            goodsTypes: try count(.goodsTypes),
            statutoryAmount: try decimal(.statutoryAmount), isWilful: checked.contains(.isWilful),
            isSerious: checked.contains(.isSerious), isInnocent: checked.contains(.isInnocent),
            isCounterfeit: checked.contains(.isCounterfeit), punitiveMultiple: try decimal(.punitiveMultiple),
            enforcementCosts: try decimal(.enforcementCosts), method: optional(.method))
    }

    private func optional(_ key: Key) -> String? {
        let value = text(key).trimmingCharacters(in: .whitespaces)
        return value.isEmpty ? nil : value
    }

    /// A decimal figure: digits with an optional sign and fraction, thousands separated by commas or spaces as
    /// people type them (`1,200.50`, `1 200.50`); `nil` when left empty. A sign is kept so that the engine can
    /// say that the figure must not be negative.
    private func decimal(_ key: Key) throws(DamagesError) -> Decimal? {
        let compact = String(text(key).filter { !",_ \u{00A0}\u{202F}\t".contains($0) })
        guard !compact.isEmpty else { return nil }
        guard compact.count <= 40, compact.wholeMatch(of: /[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)/) != nil,
            let value = Decimal(string: compact, locale: Locale(identifier: "en_US_POSIX"))
        else {
            throw DamagesError(
                .invalidClaim,
                "the \(DamageCalculator.label(key)) must be a number such as 120000 or 1,200.50, not \"\(text(key))\"",
                field: key.rawValue)
        }
        return value
    }

    /// A whole count; `nil` when left empty.
    private func count(_ key: Key) throws(DamagesError) -> Int? {
        let compact = String(text(key).filter { !",_ \u{00A0}\u{202F}\t".contains($0) })
        guard !compact.isEmpty else { return nil }
        guard compact.count <= 18, compact.wholeMatch(of: /[+-]?[0-9]+/) != nil, let value = Int(compact) else {
            throw DamagesError(
                .invalidClaim, "the \(DamageCalculator.label(key)) must be a whole number, not \"\(text(key))\"",
                field: key.rawValue)
        }
        return value
    }
}

/// The damages page: the result of an assessment when there is one, then the form, then what the rules cover.
struct DamagesPage: Sendable {
    /// A text input with its label, hint and error.
    struct Input: Sendable {
        var name: String
        var label: String
        var value: String
        var inputMode: String
        var fieldHint: String?
        var fieldError: String?
        var describedBy: String?
        var isInvalid: Bool
    }

    /// A finding's checkbox.
    struct Check: Sendable {
        var name: String
        var label: String
        var isChecked: Bool
        var fieldHint: String?
        var fieldError: String?
        var describedBy: String?
        var isInvalid: Bool
    }

    /// A `<select>` of the form.
    struct Select: Sendable {
        var name: String
        var options: [PageOption]
        var fieldError: String?
        var describedBy: String?
        var isInvalid: Bool
    }

    /// The methods of one rules-table entry, as an `<optgroup>`.
    struct MethodGroup: Sendable {
        var groupLabel: String
        var options: [PageOption]
    }

    /// One provision cited.
    struct CitationView: Sendable {
        var reference: String
        var quotation: String
        var originalText: String?
        /// `zh` for Chinese text, empty (unknown) otherwise.
        var originalLanguage: String
        var link: String?

        init(_ citation: Citation) {
            reference = citation.reference
            quotation = citation.text
            originalText = citation.originalText.flatMap { $0.isEmpty ? nil : $0 }
            originalLanguage = citation.originalText.map(DamagesPage.language) ?? ""
            // Only web addresses become links; a custom table could hold anything in `url`.
            link = citation.url.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
        }
    }

    /// One step of the computation.
    struct StepView: Sendable {
        var number: Int
        var anchor: String
        var stepTitle: String
        var explanation: String
        var formula: String
        var runningAmount: String
        var runningRange: String?
        var citations: [CitationView]
        var hasCitations: Bool
    }

    /// The assessment as the page shows it.
    struct AssessmentView: Sendable {
        var summary: String
        var amount: String
        var range: String?
        var isExact: Bool
        var estimateBasis: String
        var rule: String
        var law: String
        var effectiveFrom: String
        var method: String
        var jurisdiction: String
        var right: String
        var currency: String
        var steps: [StepView]
        var stepCount: Int
        /// Every provision cited, each reference once, in order of first citation.
        var references: [String]
        var notes: [String]
        var hasNotes: Bool

        init(_ assessment: DamageAssessment, rules: DamageRules) {
            let rule = rules.entries.first { $0.id == assessment.rule }
            summary = assessment.summary
            amount = assessment.text(for: assessment.amount)
            range = assessment.range.map { "\(assessment.text(for: $0.low)) … \(assessment.text(for: $0.high))" }
            isExact = assessment.range == nil
            estimateBasis = assessment.estimateBasis
            self.rule = assessment.rule
            law = assessment.law
            effectiveFrom = assessment.effectiveFrom
            let method = rule?.method(assessment.method)
            self.method = method.map { "\($0.title) (\(assessment.method))" } ?? assessment.method
            jurisdiction = rule.map { "\($0.jurisdictionName) (\(assessment.jurisdiction))" } ?? assessment.jurisdiction
            right = PortfolioPage.label(assessment.right)
            currency = assessment.currency
            steps = assessment.steps.map { step in
                StepView(
                    number: step.number, anchor: "step-\(step.number)", stepTitle: step.title,
                    explanation: step.explanation, formula: step.formula,
                    runningAmount: assessment.text(for: step.amount),
                    runningRange: step.range.map {
                        "\(assessment.text(for: $0.low)) … \(assessment.text(for: $0.high))"
                    },
                    citations: step.citations.map(CitationView.init), hasCitations: !step.citations.isEmpty)
            }
            stepCount = assessment.steps.count
            // The engine lists each distinct quotation once; a paragraph quoted for two steps is one reference.
            var seen: Set<String> = []
            references = assessment.citations.map(\.reference).filter { seen.insert($0).inserted }
            notes = assessment.notes
            hasNotes = !assessment.notes.isEmpty
        }
    }

    /// One entry of the rules table, for the summary under the form.
    struct RuleRow: Sendable {
        var jurisdiction: String
        var rights: String
        var law: String
        var lawOriginal: String?
        var lawLanguage: String
        var effectiveFrom: String
        var currency: String
    }

    var chrome: Chrome
    var problem: String?
    var problemField: String?
    var jurisdictionSelect: Select
    var rightSelect: Select
    var methodSelect: Select
    var methodGroups: [MethodGroup]
    var currencyInput: Input
    var amounts: [Input]
    var statutory: [Input]
    var findings: [Check]
    var punitive: Input
    var assessment: AssessmentView?
    var ruleRows: [RuleRow]

    init(
        context: PortalContext, rules: DamageRules, values: DamageFormValues, problem: DamagesError?,
        assessment: DamageAssessment?
    ) {
        typealias Key = DamageClaim.CodingKeys
        chrome = Chrome(context: context, title: "Damage assessment", section: "damages")
        let field = problem?.field.flatMap(Key.init(rawValue:))
        self.problem = problem.map { DamageCalculator.sentence($0.message) }
        problemField = field?.rawValue
        let errorText = self.problem

        func describedBy(_ key: Key, hint: Bool) -> String? {
            let ids = (hint ? ["\(key.rawValue)-hint"] : []) + (key == field ? ["\(key.rawValue)-error"] : [])
            return ids.isEmpty ? nil : ids.joined(separator: " ")
        }
        func select(_ key: Key, _ options: [PageOption]) -> Select {
            Select(
                name: key.rawValue, options: options, fieldError: key == field ? errorText : nil,
                describedBy: describedBy(key, hint: key == .method), isInvalid: key == field)
        }
        func input(_ key: Key, _ label: String, hint: String? = nil, mode: String = "decimal") -> Input {
            Input(
                name: key.rawValue, label: label, value: values.text(key), inputMode: mode,
                fieldHint: hint, fieldError: key == field ? errorText : nil,
                describedBy: describedBy(key, hint: hint != nil), isInvalid: key == field)
        }
        func check(_ key: Key, _ label: String, hint: String) -> Check {
            Check(
                name: key.rawValue, label: label, isChecked: values.checked.contains(key), fieldHint: hint,
                fieldError: key == field ? errorText : nil, describedBy: describedBy(key, hint: true),
                isInvalid: key == field)
        }

        let jurisdictions = DamageRulesListing.jurisdictions(of: rules)
        let chosenJurisdiction = values.text(.jurisdiction).uppercased()
        var jurisdictionOptions = jurisdictions.map {
            PageOption(value: $0.code, label: "\($0.name) (\($0.code))", selected: $0.code == chosenJurisdiction)
        }
        // A code the table lacks (sent by hand) stays visible, so the error next to it makes sense.
        if !chosenJurisdiction.isEmpty, !jurisdictions.contains(where: { $0.code == chosenJurisdiction }) {
            jurisdictionOptions.append(
                PageOption(value: values.text(.jurisdiction), label: values.text(.jurisdiction), selected: true))
        }
        jurisdictionSelect = select(.jurisdiction, jurisdictionOptions)
        let covered = Set(rules.entries.flatMap(\.rights))
        var rightOptions = RightKind.allCases.filter(covered.contains).map {
            PageOption(value: $0.rawValue, label: PortfolioPage.label($0), selected: $0.rawValue == values.text(.right))
        }
        if !values.text(.right).isEmpty, !rightOptions.contains(where: \.selected) {
            let label = RightKind(rawValue: values.text(.right)).map(PortfolioPage.label) ?? values.text(.right)
            rightOptions.append(PageOption(value: values.text(.right), label: label, selected: true))
        }
        rightSelect = select(.right, rightOptions)
        let chosenRule = RightKind(rawValue: values.text(.right)).flatMap {
            try? rules.rule(for: chosenJurisdiction, right: $0)
        }
        let chosenMethod = values.text(.method)
        methodSelect = select(
            .method, [PageOption(value: "", label: "As the law orders them", selected: chosenMethod.isEmpty)])
        methodGroups = rules.entries.map { entry in
            MethodGroup(
                groupLabel: "\(entry.jurisdiction): "
                    + entry.rights.map { PortfolioPage.label($0).lowercased() }.joined(separator: ", "),
                options: entry.methods.map { method in
                    PageOption(
                        value: method.id, label: method.title,
                        selected: method.id == chosenMethod && entry.id == chosenRule?.id)
                })
        }
        currencyInput = input(
            .currency, "Currency (optional)",
            hint: "An ISO 4217 code such as CNY, USD or EUR. Leave empty for the currency of the law's figures.",
            mode: "text")
        amounts = [
            input(
                .actualLoss, "Right holder's actual loss",
                hint: "Lost profits, price erosion… Leave empty when it cannot be determined."),
            input(
                .infringerProfit, "Infringer's profit",
                hint: "The infringer's profit or unlawful gains from the infringement."),
            input(
                .profitCountedInLoss, "Profit already counted in the loss (optional)",
                hint: "Where a law adds loss and profit (17 U.S.C. § 504(b)), the part not to count twice."),
            input(.licenceFee, "Licence fee or royalty", hint: "What the infringer would have paid for the use made."),
            input(
                .licenceMultiple, "Multiple of the licence fee (optional)",
                hint: "Within the law's bounds; empty uses its default."),
            input(
                .moralPrejudice, "Moral prejudice (optional)",
                hint: "Non-economic harm, where the law compensates it (Directive 2004/48/EC)."),
            input(
                .enforcementCosts, "Costs of enforcement",
                hint: "Reasonable costs of stopping the infringement: investigation, notarisation, fees. "
                    + "Added last, never multiplied."),
        ]
        statutory = [
            input(
                .statutoryAmount, "Statutory amount claimed per unit (optional)",
                hint: "Within the statutory range; empty estimates at its floor."),
            input(
                .works, "Works infringed", hint: "For statutory damages per work; empty counts one.", mode: "numeric"),
            input(
                .counterfeitMarks, "Counterfeit marks",
                hint: "For statutory damages per mark and type of goods; empty counts one.", mode: "numeric"),
            input(.goodsTypes, "Types of goods or services", hint: "Empty counts one.", mode: "numeric"),
        ]
        findings = [
            check(
                .isWilful, "Wilful",
                hint: "Intentional or malicious infringement under Chinese law; wilful under US law."),
            check(.isSerious, "Serious circumstances", hint: "As Chinese punitive damages require."),
            check(.isInnocent, "Innocent", hint: "The infringer neither knew nor had reason to know."),
            check(
                .isCounterfeit, "Counterfeit mark",
                hint: "A mark identical with or substantially indistinguishable from the registered one."),
        ]
        punitive = input(
            .punitiveMultiple, "Punitive or enhancement multiple (optional)",
            hint: "Empty leaves it to the court: the result is then a range where the facts allow a multiple.")
        self.assessment = assessment.map { AssessmentView($0, rules: rules) }
        ruleRows = rules.entries.map { entry in
            RuleRow(
                jurisdiction: "\(entry.jurisdictionName) (\(entry.jurisdiction))",
                rights: entry.rights.map(PortfolioPage.label).joined(separator: ", "), law: entry.law,
                lawOriginal: entry.lawOriginal, lawLanguage: entry.lawOriginal.map(Self.language) ?? "",
                effectiveFrom: entry.effectiveFrom, currency: entry.currency)
        }
    }

    /// `zh` when `text` is written in Han characters, else empty (an unknown language, which `lang=""` states).
    static func language(_ text: String) -> String {
        let isHan = text.unicodeScalars.contains {
            (0x4E00...0x9FFF).contains($0.value) || (0x3400...0x4DBF).contains($0.value)
                || (0x20000...0x2A6DF).contains($0.value)
        }
        return isHan ? "zh" : ""
    }
}
