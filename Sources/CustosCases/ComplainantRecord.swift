import CustosCore
import Foundation

/// A complainant organisation's track record: how many complaints it filed and how they ended.
///
/// Build one from cases with ``init(organisation:cases:)`` or ``records(from:)``; judge it with ``StandingPolicy``.
/// A case counts by its standing decision: a takedown upholds the complaint; restore, dismissal and rejection do not;
/// an appeal leaves the decision under appeal counting until it is replaced.
public struct ComplainantRecord: Hashable, Sendable, Codable {
    /// The complainant organisation.
    public var organisation: Organisation.ID
    /// Complaints filed (cases opened).
    public var filed: Int
    /// Complaints upheld (takedown).
    public var upheld: Int
    /// Complaints not upheld: rejected at verification, dismissed, or restored after a counter-notice or appeal.
    public var rejected: Int
    /// Complaints withdrawn by the complainant.
    public var withdrawn: Int
    /// When a standing decision found a complaint malicious, oldest first.
    public var maliciousFindings: [Date]

    /// Complaints found malicious.
    public var malicious: Int { maliciousFindings.count }
    /// Complaints with a standing decision: upheld plus not upheld.
    public var decided: Int { upheld + rejected }
    /// Complaints still undecided (neither decided nor withdrawn).
    public var pending: Int { max(0, filed - decided - withdrawn) }
    /// The share of decided complaints that were upheld, 0…1, or `nil` before any decision.
    public var accuracy: Double? { decided == 0 ? nil : Double(upheld) / Double(decided) }

    /// Creates a record from counts.
    ///
    /// - Parameters:
    ///   - organisation: the complainant.
    ///   - filed: complaints filed.
    ///   - upheld: complaints upheld.
    ///   - rejected: complaints not upheld.
    ///   - withdrawn: complaints withdrawn.
    ///   - maliciousFindings: dates of malicious-complaint findings.
    public init(
        organisation: Organisation.ID, filed: Int = 0, upheld: Int = 0, rejected: Int = 0, withdrawn: Int = 0,
        maliciousFindings: [Date] = []
    ) {
        self.organisation = organisation
        self.filed = filed
        self.upheld = upheld
        self.rejected = rejected
        self.withdrawn = withdrawn
        self.maliciousFindings = maliciousFindings.sorted()
    }

    /// Builds the record of `organisation` from cases; cases of other complainants are ignored.
    ///
    /// - Parameters:
    ///   - organisation: the complainant.
    ///   - cases: cases of any complainants.
    /// - Complexity: O(n + m log m) for n cases and m malicious findings.
    public init(organisation: Organisation.ID, cases: some Sequence<Case>) {
        self.init(organisation: organisation)
        for subject in cases where subject.complaint.complainant == organisation { count(subject) }
        maliciousFindings.sort()
    }

    /// Builds one record per complainant found in `cases`.
    ///
    /// - Parameter cases: the cases.
    /// - Returns: the records, keyed by complainant organisation.
    /// - Complexity: O(n + m log m) for n cases and m malicious findings.
    public static func records(from cases: some Sequence<Case>) -> [Organisation.ID: ComplainantRecord] {
        var records: [Organisation.ID: ComplainantRecord] = [:]
        for subject in cases {
            let organisation = subject.complaint.complainant
            records[organisation, default: ComplainantRecord(organisation: organisation)].count(subject)
        }
        for organisation in records.keys { records[organisation]?.maliciousFindings.sort() }
        return records
    }

    private enum CodingKeys: String, CodingKey {
        case organisation, filed, upheld, rejected, withdrawn
        case maliciousFindings = "malicious_findings"
    }

    private mutating func count(_ subject: Case) {
        filed += 1
        if subject.state == .withdrawn {
            withdrawn += 1
        } else if let outcome = subject.outcome {
            if outcome.upholdsComplaint { upheld += 1 } else { rejected += 1 }
        } else if subject.rejectionReason != nil {
            rejected += 1
        }
        if let finding = subject.maliciousFindingAt { maliciousFindings.append(finding) }
    }
}
