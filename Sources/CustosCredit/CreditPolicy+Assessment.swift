import CustosCore
import Foundation

extension CreditPolicy {
    /// Assesses one party's credit at `now`.
    ///
    /// - Parameters:
    ///   - findings: the party's findings; findings against another party or organisation are ignored, so a
    ///     caller may pass a larger set.
    ///   - party: the party.
    ///   - organisation: the party's tenant.
    ///   - now: the moment of assessment; nothing reads the clock.
    /// - Returns: the record with its grade, reasons and history.
    /// - Complexity: O(f log f) for f findings.
    public func assess(
        _ findings: some Sequence<Finding>, party: Party.ID, organisation: Organisation.ID, asOf now: Date
    ) -> CreditRecord {
        let own = findings.filter { $0.party == party && $0.organisation == organisation }
            .sorted(by: Finding.chronological)
        let history = own.map { entry(for: $0, asOf: now) }
        let (grade, reasons) = grade(history)
        return CreditRecord(
            party: party, organisation: organisation, assessedAt: now, grade: grade, reasons: reasons,
            history: history)
    }

    /// Assesses every party that has findings, one record per (organisation, party).
    ///
    /// - Parameters:
    ///   - findings: findings against any parties.
    ///   - now: the moment of assessment.
    /// - Returns: the records, ordered by organisation then party.
    /// - Complexity: O(f log f) for f findings.
    public func assessAll(_ findings: some Sequence<Finding>, asOf now: Date) -> [CreditRecord] {
        let groups = Dictionary(grouping: findings) { PartyKey(organisation: $0.organisation, party: $0.party) }
        return groups.keys.sorted().compactMap { key in
            groups[key].map { assess($0, party: key.party, organisation: key.organisation, asOf: now) }
        }
    }

    func entry(for finding: Finding, asOf now: Date) -> CreditRecord.Entry {
        let countsUntil = window.added(to: finding.decidedAt)
        let status: CreditRecord.Status
        if finding.decidedAt > now {
            status = .notYetEffective
        } else if finding.isOverturned(asOf: now) {
            status = .overturned
        } else if now >= countsUntil {
            status = .lapsed
        } else {
            status = .standing
        }
        return CreditRecord.Entry(
            finding: finding, status: status, effectiveKind: finding.effectiveKind(asOf: now),
            countsUntil: countsUntil)
    }

    private func grade(_ history: [CreditRecord.Entry]) -> (CreditGrade, [CreditRecord.Reason]) {
        let standing = history.filter { $0.status == .standing }
        let threshold = effectiveRepeatThreshold
        let severe = standing.filter { $0.effectiveKind.map(severeKinds.contains) ?? false }
        let wilful = standing.filter { $0.effectiveKind.map(wilfulKinds.contains) ?? false }
        let isRepeated = standing.count >= threshold

        var reasons: [CreditRecord.Reason] = []
        if !severe.isEmpty {
            reasons.append(
                reason(.severeFinding, severe, explanation: "\(kinds(severe)) found in \(cases(severe))"))
        }
        if !wilful.isEmpty, isRepeated {
            reasons.append(
                reason(
                    .wilfulAndRepeated, standing,
                    explanation: "\(standing.count) findings within \(window), including \(kinds(wilful)) "
                        + "(\(cases(standing)))"))
        }
        if !reasons.isEmpty { return (.d, reasons) }

        if isRepeated {
            reasons.append(
                reason(
                    .repeatedFindings, standing,
                    explanation: "\(standing.count) findings within \(window) (\(cases(standing)))"))
        }
        if !wilful.isEmpty {
            reasons.append(reason(.wilfulFinding, wilful, explanation: "\(kinds(wilful)) found in \(cases(wilful))"))
        }
        if !reasons.isEmpty { return (.c, reasons) }

        if !standing.isEmpty {
            return (
                .b,
                [
                    reason(
                        .singleFinding, standing,
                        explanation: "\(kinds(standing)) found in \(cases(standing)), within \(window)")
                ]
            )
        }

        let lapsed = history.count { $0.status == .lapsed }
        let overturned = history.count { $0.status == .overturned }
        var notes: [String] = []
        if lapsed > 0 { notes.append("\(lapsed) lapsed") }
        if overturned > 0 { notes.append("\(overturned) overturned on appeal") }
        let suffix = notes.isEmpty ? "" : " (" + notes.joined(separator: ", ") + ")"
        return (
            .a,
            [reason(.noStandingFindings, [], explanation: "no standing findings within \(window)\(suffix)")]
        )
    }

    private func reason(
        _ rule: CreditRecord.Rule, _ entries: [CreditRecord.Entry], explanation: String
    ) -> CreditRecord.Reason {
        CreditRecord.Reason(rule: rule, findings: entries.map(\.finding.id), explanation: explanation)
    }

    private func kinds(_ entries: [CreditRecord.Entry]) -> String {
        var seen: [Finding.Kind] = []
        for kind in entries.compactMap(\.effectiveKind) where !seen.contains(kind) { seen.append(kind) }
        return seen.map(\.label).joined(separator: " and ")
    }

    private func cases(_ entries: [CreditRecord.Entry]) -> String {
        CaseList.describe(entries.map(\.finding.basis.caseReference))
    }
}

/// An (organisation, party) pair, ordered by organisation then party.
struct PartyKey: Hashable, Comparable {
    var organisation: Organisation.ID
    var party: Party.ID

    static func < (lhs: PartyKey, rhs: PartyKey) -> Bool {
        lhs.organisation != rhs.organisation ? lhs.organisation < rhs.organisation : lhs.party < rhs.party
    }
}

/// Names case references in a sentence: "case C-1", "cases C-1, C-2".
enum CaseList {
    static func describe(_ references: [String]) -> String {
        var unique: [String] = []
        for reference in references where !unique.contains(reference) { unique.append(reference) }
        return (unique.count == 1 ? "case " : "cases ") + unique.joined(separator: ", ")
    }
}
