import CustosCore
import Foundation

/// Checks a decoded rules table for what JSON decoding cannot: identifiers, ranges, cross-references and citations.
///
/// Every failure names the entry (by `id`, or `entries[N]`) and the field path within it, so whoever edits a
/// custom table can find the mistake.
struct RulesValidator {
    /// The table's name in messages.
    var source: String

    func validate(_ rules: DamageRules) throws(DamagesError) {
        guard rules.version == DamageRules.formatVersion else {
            throw DamagesError(
                .invalidRules,
                "\(source): version \(rules.version) is not supported (this build reads version "
                    + "\(DamageRules.formatVersion))",
                field: "version")
        }
        guard !rules.entries.isEmpty else {
            throw DamagesError(.invalidRules, "\(source): the table has no entries", field: "entries")
        }
        var identifiers: [String: Int] = [:]
        var covered: [String: String] = [:]
        for (index, rule) in rules.entries.enumerated() {
            let name = rule.id.isEmpty ? "entries[\(index)]" : rule.id
            let check = EntryCheck(source: source, entry: name)
            try check.nonEmpty(rule.id, "id")
            if let earlier = identifiers[rule.id] {
                throw check.failure("id", "repeats the id of entries[\(earlier)]")
            }
            identifiers[rule.id] = index
            try check.entry(rule)
            for right in rule.rights {
                let key = "\(rule.jurisdiction)/\(right.rawValue)"
                if let other = covered[key] {
                    throw check.failure(
                        "rights", "\(right.rawValue) in \(rule.jurisdiction) is already covered by \(other)")
                }
                covered[key] = name
            }
        }
    }
}

/// The checks on one entry.
private struct EntryCheck {
    var source: String
    var entry: String

    func failure(_ field: String, _ problem: String) -> DamagesError {
        DamagesError(
            .invalidRules, "\(source): entry \"\(entry)\", field \"\(field)\" \(problem)", field: field, entry: entry)
    }

    func nonEmpty(_ value: String, _ field: String) throws(DamagesError) {
        guard !value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw failure(field, "is empty")
        }
    }

    func entry(_ rule: DamageRule) throws(DamagesError) {
        guard (2...8).contains(rule.jurisdiction.count),
            rule.jurisdiction.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) })
        else {
            throw failure("jurisdiction", "must be an upper-case code such as CN, US or EU")
        }
        try nonEmpty(rule.jurisdictionName, "jurisdiction_name")
        try nonEmpty(rule.law, "law")
        guard !rule.rights.isEmpty else { throw failure("rights", "is empty") }
        if let repeated = firstRepeated(rule.rights) {
            throw failure("rights", "lists \(repeated.rawValue) twice")
        }
        guard CalendarDay.isValid(rule.effectiveFrom) else {
            throw failure("effective_from", "must be a calendar date YYYY-MM-DD")
        }
        guard rule.currency.count == 3, rule.currency.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw failure("currency", "must be an ISO 4217 code such as CNY, USD or EUR")
        }
        if rule.acceptsOtherCurrencies,
            let index = rule.methods.firstIndex(where: { $0.statutory != nil || $0.minimumAward != nil })
        {
            throw failure(
                "accepts_other_currencies",
                "must be false: methods[\(index)] states money figures in \(rule.currency)")
        }
        guard !rule.methods.isEmpty else { throw failure("methods", "is empty") }
        var methodIDs: Set<String> = []
        for (index, method) in rule.methods.enumerated() {
            let field = "methods[\(index)]"
            guard methodIDs.insert(method.id).inserted else { throw failure(field + ".id", "repeats \(method.id)") }
            try self.method(method, field)
        }
        var enhancementIDs: Set<String> = []
        for (index, enhancement) in rule.enhancements.enumerated() {
            let field = "enhancements[\(index)]"
            guard enhancementIDs.insert(enhancement.id).inserted else {
                throw failure(field + ".id", "repeats \(enhancement.id)")
            }
            try self.enhancement(enhancement, field, rule: rule)
        }
        try provision(rule.costs, "costs")
        if let reason = rule.punitiveUnavailable { try provision(reason, "punitive_unavailable") }
        for (index, note) in rule.notes.enumerated() { try nonEmpty(note, "notes[\(index)]") }
    }

    private func method(_ method: DamageMethod, _ field: String) throws(DamagesError) {
        try nonEmpty(method.id, field + ".id")
        try nonEmpty(method.title, field + ".title")
        try nonEmpty(method.explanation, field + ".explanation")
        guard method.tier >= 1 else { throw failure(field + ".tier", "must be 1 or more") }
        guard !(method.requiresKnowledge && method.requiresInnocence) else {
            throw failure(field + ".requires_innocence", "contradicts requires_knowledge")
        }
        try citations(method.citations, field + ".citations")
        let usesLicence = method.kind == .licenceFee || method.kind == .royaltyFloor
        if usesLicence, method.licenceMultiple == nil {
            throw failure(field + ".licence_multiple", "is required for a \(method.kind.rawValue) method")
        }
        if !usesLicence, method.licenceMultiple != nil {
            throw failure(field + ".licence_multiple", "applies only to licence_fee and royalty_floor methods")
        }
        if let multiple = method.licenceMultiple {
            let path = field + ".licence_multiple"
            guard multiple.minimum > 0 else { throw failure(path + ".minimum", "must be greater than 0") }
            if let maximum = multiple.maximum, maximum < multiple.minimum {
                throw failure(path + ".maximum", "is below the minimum")
            }
            guard multiple.allows(multiple.defaultMultiple) else {
                throw failure(path + ".default", "lies outside minimum…maximum")
            }
        }
        if method.kind == .statutory, method.statutory == nil {
            throw failure(field + ".statutory", "is required for a statutory method")
        }
        if method.kind != .statutory, method.statutory != nil {
            throw failure(field + ".statutory", "applies only to statutory methods")
        }
        if let range = method.statutory {
            let path = field + ".statutory"
            guard range.minimum >= 0 else { throw failure(path + ".minimum", "must not be negative") }
            guard range.maximum > 0, range.maximum >= range.minimum else {
                throw failure(path + ".maximum", "must be positive and at least the minimum")
            }
            if let wilful = range.wilfulMaximum, wilful < range.maximum {
                throw failure(path + ".wilful_maximum", "is below the maximum")
            }
            if let innocent = range.innocentMinimum, innocent < 0 || innocent > range.minimum {
                throw failure(path + ".innocent_minimum", "must lie between 0 and the minimum")
            }
        }
        if let floor = method.minimumAward {
            guard floor >= 0 else { throw failure(field + ".minimum_award", "must not be negative") }
        }
    }

    private func enhancement(_ enhancement: DamageEnhancement, _ field: String, rule: DamageRule) throws(DamagesError) {
        try nonEmpty(enhancement.id, field + ".id")
        try nonEmpty(enhancement.title, field + ".title")
        try nonEmpty(enhancement.explanation, field + ".explanation")
        try citations(enhancement.citations, field + ".citations")
        guard enhancement.minimumMultiple > 0 else {
            throw failure(field + ".minimum_multiple", "must be greater than 0")
        }
        guard enhancement.maximumMultiple >= enhancement.minimumMultiple else {
            throw failure(field + ".maximum_multiple", "is below minimum_multiple")
        }
        if let fixed = enhancement.fixedMultiple,
            fixed < enhancement.minimumMultiple || fixed > enhancement.maximumMultiple
        {
            throw failure(field + ".fixed_multiple", "lies outside minimum_multiple…maximum_multiple")
        }
        guard !enhancement.methods.isEmpty else { throw failure(field + ".methods", "is empty") }
        for (index, id) in enhancement.methods.enumerated() {
            let path = field + ".methods[\(index)]"
            guard let method = rule.method(id) else { throw failure(path, "names no method of this entry: \(id)") }
            let allowed: Set<DamageMethod.Kind>? =
                switch enhancement.target {
                case .base: nil
                case .actualLoss: [.actualLoss, .lossPlusProfit]
                case .greaterOfLossAndProfit: [.lossPlusProfit]
                }
            if let allowed, !allowed.contains(method.kind) {
                throw failure(
                    path, "is a \(method.kind.rawValue) method, which has no \(enhancement.target.rawValue) to multiply"
                )
            }
        }
    }

    private func provision(_ provision: RuleProvision, _ field: String) throws(DamagesError) {
        try nonEmpty(provision.title, field + ".title")
        try nonEmpty(provision.explanation, field + ".explanation")
        try citations(provision.citations, field + ".citations")
    }

    private func citations(_ citations: [Citation], _ field: String) throws(DamagesError) {
        guard !citations.isEmpty else { throw failure(field, "is empty: every rule needs its citation") }
        for (index, citation) in citations.enumerated() {
            try nonEmpty(citation.law, field + "[\(index)].law")
            try nonEmpty(citation.article, field + "[\(index)].article")
            try nonEmpty(citation.text, field + "[\(index)].text")
        }
    }

    private func firstRepeated<Element: Hashable>(_ values: [Element]) -> Element? {
        var seen: Set<Element> = []
        return values.first { !seen.insert($0).inserted }
    }
}

/// Strict `YYYY-MM-DD` calendar dates in the proleptic Gregorian calendar.
enum CalendarDay {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...lengths[month - 1]).contains(day)
    }
}
