import Foundation

/// The method chosen for a claim, why, and what it measured.
struct MethodChoice {
    var method: DamageMethod
    /// Why this method and not an earlier one, in plain English.
    var reason: String
    var outcome: MethodOutcome
}

/// What one method measured.
struct MethodOutcome {
    var estimate: Estimate
    var formula: String
    /// How the figure was obtained, beyond the method's own explanation.
    var detail: String = ""
    /// Discretionary choices behind the point estimate.
    var choices: [String] = []
    /// The actual-loss component, for enhancements that multiply only it.
    var loss: Decimal?
    /// The infringer's profit, for enhancements that multiply the greater of loss and profit.
    var profit: Decimal?
}

extension AssessmentRun {
    /// Chooses the method: the claimant's election where the law allows it, otherwise the first tier with a
    /// method the claim determines, taking the larger of alternatives that share a tier.
    func chooseMethod() throws(DamagesError) -> MethodChoice {
        if let elected = claim.method?.trimmingCharacters(in: .whitespaces) {
            return try electedMethod(elected)
        }
        var skipped: [String] = []
        for tier in Set(rule.methods.map(\.tier)).sorted() {
            var usable: [DamageMethod] = []
            for method in rule.methods where method.tier == tier {
                if let reason = unusable(method) {
                    skipped.append("\(method.title) is not used: \(reason).")
                } else {
                    usable.append(method)
                }
            }
            guard let first = usable.first else { continue }
            let earlier = skipped.isEmpty ? "" : "Earlier measures could not be used. " + skipped.joined(separator: " ")
            if usable.count == 1 {
                return MethodChoice(method: first, reason: earlier, outcome: try measure(first))
            }
            var best = MethodChoice(method: first, reason: "", outcome: try measure(first))
            var compared = ["\(first.title.lowercased()) (\(best.outcome.estimate.text(currency)))"]
            for method in usable.dropFirst() {
                let outcome = try measure(method)
                compared.append("\(method.title.lowercased()) (\(outcome.estimate.text(currency)))")
                if outcome.estimate.point > best.outcome.estimate.point {
                    best = MethodChoice(method: method, reason: "", outcome: outcome)
                }
            }
            best.reason =
                earlier + (earlier.isEmpty ? "" : " ") + "The law lets the right holder choose between "
                + compared.joined(separator: " and ") + "; Custos takes the larger, as a right holder would, "
                + "unless the claim elects a method."
            return best
        }
        throw DamagesError(
            .missingFacts,
            "\(rule.law) cannot measure damages from this claim. " + skipped.joined(separator: " "))
    }

    /// Why `method` cannot be used for the claim, or `nil` when it can.
    func unusable(_ method: DamageMethod) -> String? {
        if method.requiresCounterfeit, !claim.isCounterfeit {
            return "it applies only where a counterfeit mark was used"
        }
        if method.requiresKnowledge, claim.isInnocent {
            return "it applies only to an infringer who knew or had reasonable grounds to know, "
                + "and the claim states the infringer was innocent"
        }
        if method.requiresInnocence, !claim.isInnocent {
            return "it applies only to an innocent infringer"
        }
        return missingFigures(method)
    }

    private func missingFigures(_ method: DamageMethod) -> String? {
        switch method.kind {
        case .actualLoss:
            claim.actualLoss == nil ? "no actual loss was given" : nil
        case .infringerProfit:
            claim.infringerProfit == nil ? "no infringer's profit was given" : nil
        case .licenceFee:
            claim.licenceFee == nil ? "no licence fee or royalty was given" : nil
        case .lossPlusProfit:
            claim.actualLoss == nil && claim.infringerProfit == nil
                ? "neither an actual loss nor an infringer's profit was given" : nil
        case .greaterOfLossAndProfit:
            claim.actualLoss == nil && claim.infringerProfit == nil && claim.moralPrejudice == nil
                ? "no actual loss, infringer's profit or moral prejudice was given" : nil
        case .royaltyFloor:
            claim.actualLoss == nil && claim.licenceFee == nil
                ? "neither an actual loss nor a reasonable royalty (licence fee) was given" : nil
        case .statutory:
            nil
        }
    }

    private func electedMethod(_ id: String) throws(DamagesError) -> MethodChoice {
        let field = DamageClaim.CodingKeys.method.rawValue
        guard let method = rule.method(id) else {
            throw DamagesError(
                .invalidClaim,
                "\(rule.law) has no method \"\(id)\"; its methods are "
                    + rule.methods.map(\.id).joined(separator: ", "),
                field: field)
        }
        if let reason = unusable(method) {
            let code: DamagesError.Code = missingFigures(method) == nil ? .methodNotAvailable : .missingFacts
            throw DamagesError(code, "\(method.title) cannot be used: \(reason)", field: field)
        }
        let preferred = rule.methods.filter { $0.tier < method.tier && unusable($0) == nil }
        if let earlier = preferred.first, !method.isElective {
            throw DamagesError(
                .methodNotAvailable,
                "\(rule.law) uses \(method.title.lowercased()) only when \(earlier.title.lowercased()) cannot be "
                    + "determined, and the claim determines it",
                field: field)
        }
        let reason =
            preferred.isEmpty
            ? "The claimant elected this method."
            : "The claimant elected this method, which the law lets the right holder choose instead of "
                + preferred.map { $0.title.lowercased() }.joined(separator: " or ") + "."
        return MethodChoice(method: method, reason: reason, outcome: try measure(method))
    }

    /// Records the chosen method's step, after checking that nothing the claim requests is left unused.
    mutating func record(_ choice: MethodChoice) throws(DamagesError) {
        if let amount = claim.statutoryAmount, choice.method.kind != .statutory {
            let elective = rule.methods.first { $0.kind == .statutory && $0.isElective && unusable($0) == nil }
            throw DamagesError(
                .methodNotAvailable,
                "a statutory amount of \(money(amount)) was given, but the damages are measured by "
                    + "\(choice.method.title.lowercased())"
                    + (elective.map { "; elect the \"\($0.id)\" method to claim statutory damages" } ?? ""),
                field: DamageClaim.CodingKeys.statutoryAmount.rawValue)
        }
        estimateChoices += choice.outcome.choices
        step(
            title: choice.method.title,
            explanation: [choice.method.explanation, choice.reason, choice.outcome.detail],
            formula: choice.outcome.formula, estimate: choice.outcome.estimate, citations: choice.method.citations)
    }

    /// Measures the damages by `method`, which the claim determines.
    func measure(_ method: DamageMethod) throws(DamagesError) -> MethodOutcome {
        let loss = claim.actualLoss ?? 0
        let profit = claim.infringerProfit ?? 0
        switch method.kind {
        case .actualLoss:
            return MethodOutcome(
                estimate: .exact(loss), formula: "actual loss = \(money(loss))", loss: claim.actualLoss)
        case .infringerProfit:
            if let floor = method.minimumAward, profit < floor {
                return MethodOutcome(
                    estimate: .exact(floor),
                    formula:
                        "max(infringer's profit \(money(profit)), minimum award \(money(floor))) = \(money(floor))",
                    detail: "The profit is below the least award the law allows, so that minimum applies.",
                    profit: claim.infringerProfit)
            }
            return MethodOutcome(
                estimate: .exact(profit), formula: "infringer's profit = \(money(profit))",
                profit: claim.infringerProfit)
        case .licenceFee:
            let (fee, multiple, choices) = try licence(method)
            let amount = fee * multiple
            return MethodOutcome(
                estimate: .exact(amount),
                formula: "licence fee × multiple = \(money(fee)) × \(multiple) = \(money(amount))",
                choices: choices)
        case .lossPlusProfit:
            let counted = claim.profitCountedInLoss ?? 0
            let amount = loss + profit - counted
            var detail = ""
            if claim.actualLoss != nil, claim.infringerProfit != nil, claim.profitCountedInLoss == nil {
                detail =
                    "The claim counts none of the profit as already included in the damages; if some is (profit "
                    + "on sales the right holder lost), state it so it is not counted twice."
            }
            return MethodOutcome(
                estimate: .exact(amount),
                formula: "actual damages + infringer's profit − profit already counted = "
                    + "\(money(loss)) + \(money(profit)) − \(money(counted)) = \(money(amount))",
                detail: detail, loss: claim.actualLoss, profit: claim.infringerProfit)
        case .greaterOfLossAndProfit:
            let moral = claim.moralPrejudice ?? 0
            let amount = max(loss, profit) + moral
            return MethodOutcome(
                estimate: .exact(amount),
                formula: "max(lost profits \(money(loss)), infringer's profits \(money(profit))) + moral prejudice "
                    + "\(money(moral)) = \(money(amount))",
                loss: claim.actualLoss, profit: claim.infringerProfit)
        case .royaltyFloor:
            var royalty = Decimal(0)
            var choices: [String] = []
            if claim.licenceFee != nil {
                let (fee, multiple, licenceChoices) = try licence(method)
                royalty = fee * multiple
                choices = licenceChoices
            }
            let amount = max(loss, royalty)
            let governs =
                loss >= royalty
                ? "The compensation for the loss is at least the reasonable royalty, so it governs."
                : "The reasonable royalty exceeds the compensation for the loss, so the royalty floor governs."
            return MethodOutcome(
                estimate: .exact(amount),
                formula: "max(compensation \(money(loss)), reasonable royalty \(money(royalty))) = \(money(amount))",
                detail: governs, choices: choices, loss: claim.actualLoss)
        case .statutory:
            return try statutory(method)
        }
    }

    /// The licence fee and the multiple applied to it, with the choice behind a defaulted multiple.
    private func licence(_ method: DamageMethod) throws(DamagesError) -> (Decimal, Decimal, [String]) {
        let fee = claim.licenceFee ?? 0
        let bounds = method.licenceMultiple ?? LicenceMultiple(minimum: 1, maximum: 1, defaultMultiple: 1)
        let multiple = claim.licenceMultiple ?? bounds.defaultMultiple
        guard bounds.allows(multiple) else {
            let allowed =
                bounds.maximum.map { $0 == bounds.minimum ? "exactly \($0)" : "\(bounds.minimum) to \($0)" }
                ?? "at least \(bounds.minimum)"
            throw DamagesError(
                .licenceMultipleOutOfRange,
                "\(method.title) allows a multiple of \(allowed), not \(multiple)",
                field: DamageClaim.CodingKeys.licenceMultiple.rawValue)
        }
        var choices: [String] = []
        if claim.licenceMultiple == nil, bounds.maximum != bounds.minimum {
            choices.append(
                "a licence-fee multiple of \(multiple), the rule's default, because the claim names none "
                    + "(the court fixes a reasonable multiple)")
        }
        return (fee, multiple, choices)
    }

    private func statutory(_ method: DamageMethod) throws(DamagesError) -> MethodOutcome {
        let range = method.statutory ?? StatutoryDamages(per: .case, minimum: 0, maximum: 0)
        let (floor, ceiling) = range.bounds(isWilful: claim.isWilful, isInnocent: claim.isInnocent)
        var details: [String] = []
        if claim.isWilful, let raised = range.wilfulMaximum {
            details.append("Wilful infringement raises the ceiling to \(money(raised)).")
        }
        if claim.isInnocent, let lowered = range.innocentMinimum {
            details.append("An innocent infringer's floor is lowered to \(money(lowered)).")
        }
        let units: Int
        let unitName: String
        switch range.per {
        case .case:
            units = 1
            unitName = "case"
        case .work:
            units = claim.works ?? 1
            unitName = units == 1 ? "work" : "works"
            if claim.works == nil { details.append("The claim gives no number of works, so one is counted.") }
        case .markPerGoodsType:
            let marks = claim.counterfeitMarks ?? 1
            let types = claim.goodsTypes ?? 1
            units = marks * types
            unitName = units == 1 ? "counterfeit mark and type of goods" : "(counterfeit mark, type of goods) pairs"
            details.append(
                "\(marks) counterfeit mark\(marks == 1 ? "" : "s") on \(types) type\(types == 1 ? "" : "s") of "
                    + "goods or services make \(units) statutory award\(units == 1 ? "" : "s").")
        }
        let count = Decimal(units)
        let perUnit: Decimal
        var choices: [String] = []
        if let requested = claim.statutoryAmount {
            guard requested >= floor, requested <= ceiling else {
                throw DamagesError(
                    .statutoryAmountOutOfRange,
                    "\(method.title): the law allows \(money(floor)) to \(money(ceiling)) per \(range.per.noun) on "
                        + "these facts, not \(money(requested))",
                    field: DamageClaim.CodingKeys.statutoryAmount.rawValue)
            }
            perUnit = requested
            choices.append("the statutory amount the claim asks for, \(money(requested)) per \(range.per.noun)")
        } else {
            perUnit = floor
            choices.append(
                "the statutory floor, \(money(floor)) per \(range.per.noun), because the claim names no statutory "
                    + "amount (the court fixes it within the range according to the circumstances)")
        }
        let estimate = Estimate.range(low: count * floor, point: count * perUnit, high: count * ceiling)
        let formula =
            units == 1 && range.per == .case
            ? "statutory range \(money(floor)) … \(money(ceiling)); estimate \(money(perUnit))"
            : "\(units) \(unitName) × (\(money(floor)) … \(money(ceiling))) = \(Money.number(estimate.low)) … "
                + "\(money(estimate.high)); estimate \(units) × \(money(perUnit)) = \(money(estimate.point))"
        return MethodOutcome(
            estimate: estimate, formula: formula, detail: details.joined(separator: " "), choices: choices)
    }
}

extension StatutoryDamages.Unit {
    /// The unit in a sentence: "per case", "per work", "per counterfeit mark per type of goods".
    var noun: String {
        switch self {
        case .case: "case"
        case .work: "work"
        case .markPerGoodsType: "counterfeit mark per type of goods"
        }
    }
}
