import ArgumentParser
import CustosCore
import CustosDamages
import Foundation

/// `custos damages`: assess infringement damages under a jurisdiction's rules, step by step, with citations.
struct DamagesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "damages",
        abstract: "Assess infringement damages step by step, with the law cited for every step.",
        discussion: """
            Give the figures that can be determined; leave out the rest. The law's order decides the measure
            (e.g. in China: actual loss, then the infringer's profit, then a multiple of the licence fee, then the
            statutory range), unless --method elects one the law lets the right holder choose. Where the law
            leaves the amount to the court, the result is a range with a point estimate and the rule used to
            choose it. Amounts are decimal numbers in the rule's currency (CNY, USD; any currency for EU).
            The bundled rules cover CN (trademark, patent, utility_model, design, copyright), US (trademark,
            copyright, patent, design) and EU (Directive 2004/48/EC); --rules FILE supplies another table in
            the same format (see docs/damages.md).

            Example: custos damages --jurisdiction CN --right trademark --actual-loss 120000 --wilful --serious \\
                       --punitive 3 --costs 20000
            """)

    @Option(help: "The jurisdiction's code in the rules table: CN, US or EU.")
    var jurisdiction: String

    @Option(help: "The kind of right infringed.")
    var right: RightKind

    @Option(help: "The ISO 4217 currency of every amount (default: the rule's).")
    var currency: String?

    @Option(name: .customLong("actual-loss"), help: "The right holder's actual loss.")
    var actualLoss: String?

    @Option(
        name: .customLong("infringer-profit"), help: "The infringer's profit (unlawful gains) from the infringement.")
    var infringerProfit: String?

    @Option(
        name: .customLong("profit-in-loss"),
        help: "The part of the infringer's profit already counted in the actual loss (not counted twice).")
    var profitInLoss: String?

    @Option(name: .customLong("licence-fee"), help: "The licence fee or royalty for the use made.")
    var licenceFee: String?

    @Option(name: .customLong("licence-multiple"), help: "The multiple of the licence fee claimed.")
    var licenceMultiple: String?

    @Option(name: .customLong("moral-prejudice"), help: "Moral prejudice, where the law compensates it (EU).")
    var moralPrejudice: String?

    @Option(help: "The number of works infringed (statutory damages per work).")
    var works: Int?

    @Option(help: "The number of counterfeit marks (statutory damages per mark per type of goods).")
    var marks: Int?

    @Option(name: .customLong("goods-types"), help: "The number of types of goods or services the marks were used on.")
    var goodsTypes: Int?

    @Option(
        name: .customLong("statutory-amount"),
        help: "The statutory award per case, work or mark-and-goods-type claimed (default: the statutory floor).")
    var statutoryAmount: String?

    @Flag(help: "The infringement was wilful: intentional (故意) or malicious (恶意).")
    var wilful = false

    @Flag(help: "The circumstances were serious (情节严重).")
    var serious = false

    @Flag(help: "The infringer neither knew nor had reason to know it infringed.")
    var innocent = false

    @Flag(help: "A counterfeit mark was used (identical or substantially indistinguishable).")
    var counterfeit = false

    @Option(help: "The punitive or enhancement multiple claimed (e.g. 3); default: left to the court, as a range.")
    var punitive: String?

    @Option(help: "The reasonable costs of stopping the infringement and of the action.")
    var costs: String?

    @Option(help: "Elect a method by its id (e.g. statutory, lump-sum), where the law lets the right holder choose.")
    var method: String?

    @Option(help: "A rules table to use instead of the bundled one (JSON, see docs/damages.md).")
    var rules: String?

    @Flag(help: "Print JSON only.")
    var json = false

    /// The command-line flag for each claim field, so engine errors name what the user typed.
    static let flags: [String: String] = [
        "jurisdiction": "--jurisdiction", "right": "--right", "currency": "--currency",
        "actual_loss": "--actual-loss", "infringer_profit": "--infringer-profit",
        "profit_counted_in_loss": "--profit-in-loss", "licence_fee": "--licence-fee",
        "licence_multiple": "--licence-multiple", "moral_prejudice": "--moral-prejudice", "works": "--works",
        "counterfeit_marks": "--marks", "goods_types": "--goods-types", "statutory_amount": "--statutory-amount",
        "wilful": "--wilful", "serious": "--serious", "innocent": "--innocent", "counterfeit": "--counterfeit",
        "punitive_multiple": "--punitive", "enforcement_costs": "--costs", "method": "--method",
    ]

    func validate() throws {
        _ = try claim()
    }

    func run() throws {
        let claim = try claim()
        let table: DamageRules
        do throws(DamagesError) {
            if let rules {
                table = try DamageRules(contentsOf: URL(fileURLWithPath: rules))
            } else {
                table = try DamageRules.bundled()
            }
        } catch {
            Terminal.diagnostic("Error: \(rules.map { "--rules \($0): " } ?? "")\(error.message)")
            throw ExitCode.failure
        }
        let assessment: DamageAssessment
        do throws(DamagesError) {
            assessment = try DamageAssessor(rules: table).assess(claim)
        } catch {
            let flag = error.field.flatMap { Self.flags[$0] }
            Terminal.diagnostic("Error: \(flag.map { "\($0): " } ?? "")\(error.message)")
            throw ExitCode.validationFailure
        }
        if json {
            try Terminal.printJSON(assessment)
        } else {
            print(DamagesReport(assessment: assessment).text, terminator: "")
        }
    }

    /// The claim the flags describe.
    ///
    /// - Throws: `ValidationError` naming the flag whose value is not an amount.
    func claim() throws -> DamageClaim {
        DamageClaim(
            jurisdiction: jurisdiction, right: right, currency: currency,
            actualLoss: try Self.amount(actualLoss, "--actual-loss"),
            infringerProfit: try Self.amount(infringerProfit, "--infringer-profit"),
            profitCountedInLoss: try Self.amount(profitInLoss, "--profit-in-loss"),
            licenceFee: try Self.amount(licenceFee, "--licence-fee"),
            licenceMultiple: try Self.amount(licenceMultiple, "--licence-multiple"),
            moralPrejudice: try Self.amount(moralPrejudice, "--moral-prejudice"), works: works,
            counterfeitMarks: marks, goodsTypes: goodsTypes,
            statutoryAmount: try Self.amount(statutoryAmount, "--statutory-amount"), isWilful: wilful,
            isSerious: serious, isInnocent: innocent, isCounterfeit: counterfeit,
            punitiveMultiple: try Self.amount(punitive, "--punitive"),
            enforcementCosts: try Self.amount(costs, "--costs"), method: method)
    }

    /// Parses an amount strictly: digits with an optional decimal part, `,` or `_` allowed between digit groups.
    static func amount(_ text: String?, _ flag: String) throws -> Decimal? {
        guard let text else { return nil }
        let digits = text.replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
        let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let isNumber =
            !parts[0].isEmpty && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("0"..."9").contains($0) } }
        guard isNumber, let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else {
            let problem = text.hasPrefix("-") ? "must not be negative" : "is not an amount"
            throw ValidationError(
                "\(flag): \"\(text)\" \(problem); give a number such as 120000 or 1500.50.")
        }
        return value
    }
}

extension RightKind: ExpressibleByArgument {}

/// The human-readable report of an assessment: a numbered explanation with citations, then the result.
struct DamagesReport {
    var assessment: DamageAssessment

    var text: String {
        var lines: [String] = []
        lines.append(
            "Damages for \(assessment.right.rawValue) infringement in \(assessment.jurisdiction) "
                + "(rule \(assessment.rule))")
        lines.append("Law: \(assessment.law), in force from \(assessment.effectiveFrom)")
        lines.append("")
        for step in assessment.steps {
            lines.append("\(step.number). \(step.title)")
            lines += wrap(step.explanation, indent: "   ")
            lines.append("   Formula: \(step.formula)")
            let running =
                step.range.map {
                    "\(assessment.text(for: $0.low)) … \(assessment.text(for: $0.high)), estimate "
                        + assessment.text(for: step.amount)
                } ?? assessment.text(for: step.amount)
            lines.append("   Running amount: \(running)")
            for citation in step.citations {
                lines += wrap(
                    "\(citation.reference): \"\(citation.text)\"", indent: "   Cites ", continuation: "         ")
                if let original = citation.originalText { lines.append("         \(original)") }
            }
            lines.append("")
        }
        lines.append("Result: \(assessment.summary)")
        lines += wrap(assessment.estimateBasis, indent: "   ")
        if !assessment.notes.isEmpty {
            lines.append("Notes:")
            for note in assessment.notes { lines += wrap(note, indent: "   - ", continuation: "     ") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Wraps words at 110 columns; text without spaces (Chinese) stays on one line.
    private func wrap(_ text: String, indent: String, continuation: String? = nil) -> [String] {
        let width = 110
        var lines: [String] = []
        var line = indent
        var isLineEmpty = true
        for word in text.split(separator: " ") {
            if !isLineEmpty, line.count + 1 + word.count > width {
                lines.append(line)
                line = (continuation ?? indent) + word
            } else {
                line += (isLineEmpty ? "" : " ") + word
            }
            isLineEmpty = false
        }
        lines.append(line)
        return lines
    }
}
