/// A party's credit grade, from `A` (no standing findings) to `D` (the most serious record).
///
/// The rules that assign a grade are documented on ``CreditPolicy`` and in `docs/credit.md`. Grades compare by
/// severity: `.a < .d`.
public enum CreditGrade: String, Hashable, Sendable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// No standing findings within the window.
    case a = "A"
    /// One standing finding, not wilful.
    case b = "B"
    /// Repeated findings within the window, or one wilful finding.
    case c = "C"
    /// Wilful and repeated findings, or a severe finding (counterfeiting, criminal transfer).
    case d = "D"

    /// What the grade means, in words for the party page.
    public var meaning: String {
        switch self {
        case .a: return "no standing findings"
        case .b: return "one standing finding"
        case .c: return "repeated or wilful infringement"
        case .d: return "wilful and repeated infringement, counterfeiting or criminal transfer"
        }
    }

    /// The letter.
    public var description: String { rawValue }

    /// Orders grades by severity.
    public static func < (lhs: CreditGrade, rhs: CreditGrade) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}
