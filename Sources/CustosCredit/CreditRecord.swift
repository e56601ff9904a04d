import CustosCore
import Foundation

/// A party's credit at one moment: its grade, the reasons for it and the full history of findings.
///
/// Made by ``CreditPolicy/assess(_:party:organisation:asOf:)``; findings that lapsed or were overturned stay in
/// ``history`` with their status, so the party page can show the whole record.
public struct CreditRecord: Hashable, Sendable, Codable {
    /// Where a finding stands at the assessment date.
    public enum Status: String, Hashable, Sendable, Codable, CaseIterable {
        /// Counts towards the grade.
        case standing
        /// Older than the policy's window.
        case lapsed
        /// Set aside on appeal.
        case overturned
        /// Decided after the assessment date, so not yet in effect.
        case notYetEffective = "not_yet_effective"
    }

    /// One finding of the history with its status.
    public struct Entry: Hashable, Sendable, Codable {
        /// The finding as recorded.
        public var finding: Finding
        /// Where it stands.
        public var status: Status
        /// Its kind after any appeal in effect; `nil` when overturned or not yet effective.
        public var effectiveKind: Finding.Kind?
        /// The moment it stops counting (`decidedAt + window`).
        public var countsUntil: Date

        /// Creates an entry.
        ///
        /// - Parameters:
        ///   - finding: the finding.
        ///   - status: where it stands.
        ///   - effectiveKind: its kind after appeals.
        ///   - countsUntil: when it stops counting.
        public init(finding: Finding, status: Status, effectiveKind: Finding.Kind?, countsUntil: Date) {
            self.finding = finding
            self.status = status
            self.effectiveKind = effectiveKind
            self.countsUntil = countsUntil
        }

        enum CodingKeys: String, CodingKey {
            case finding, status
            case effectiveKind = "effective_kind"
            case countsUntil = "counts_until"
        }
    }

    /// A rule of the ``CreditPolicy`` that decided a grade.
    public enum Rule: String, Hashable, Sendable, Codable, CaseIterable {
        /// No standing findings: grade A.
        case noStandingFindings = "no_standing_findings"
        /// One standing finding, not wilful: grade B.
        case singleFinding = "single_finding"
        /// At least the repeat threshold of standing findings: grade C.
        case repeatedFindings = "repeated_findings"
        /// A standing wilful finding: grade C.
        case wilfulFinding = "wilful_finding"
        /// A standing wilful finding and repeated findings: grade D.
        case wilfulAndRepeated = "wilful_and_repeated"
        /// A standing severe finding: grade D.
        case severeFinding = "severe_finding"
    }

    /// Why the record has its grade: one satisfied rule and the findings that satisfy it.
    public struct Reason: Hashable, Sendable, Codable {
        /// The rule.
        public var rule: Rule
        /// The findings that satisfy it, oldest first.
        public var findings: [Finding.ID]
        /// A sentence for people, e.g. "counterfeiting found in case C-12".
        public var explanation: String

        /// Creates a reason.
        ///
        /// - Parameters:
        ///   - rule: the rule.
        ///   - findings: the findings that satisfy it.
        ///   - explanation: a sentence for people.
        public init(rule: Rule, findings: [Finding.ID], explanation: String) {
            self.rule = rule
            self.findings = findings
            self.explanation = explanation
        }
    }

    /// The party.
    public var party: Party.ID
    /// The party's tenant.
    public var organisation: Organisation.ID
    /// The moment of assessment.
    public var assessedAt: Date
    /// The grade.
    public var grade: CreditGrade
    /// Every rule that gives ``grade``; at least one.
    public var reasons: [Reason]
    /// All of the party's findings, oldest first, with their status.
    public var history: [Entry]

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - party: the party.
    ///   - organisation: the party's tenant.
    ///   - assessedAt: the moment of assessment.
    ///   - grade: the grade.
    ///   - reasons: the rules that give the grade.
    ///   - history: all findings with their status.
    public init(
        party: Party.ID, organisation: Organisation.ID, assessedAt: Date, grade: CreditGrade, reasons: [Reason],
        history: [Entry]
    ) {
        self.party = party
        self.organisation = organisation
        self.assessedAt = assessedAt
        self.grade = grade
        self.reasons = reasons
        self.history = history
    }

    /// The findings that count towards the grade, oldest first.
    public var standingFindings: [Finding] { history.filter { $0.status == .standing }.map(\.finding) }

    /// The grade and its first reason, e.g. "D: counterfeiting found in case C-12".
    public var summary: String {
        "\(grade.rawValue): " + (reasons.first?.explanation ?? grade.meaning)
    }

    enum CodingKeys: String, CodingKey {
        case party, organisation
        case assessedAt = "assessed_at"
        case grade, reasons, history
    }
}
