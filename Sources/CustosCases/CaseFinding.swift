import CustosCore
import Foundation

/// A technical investigator's finding on a case, with the evidence it rests on.
public struct CaseFinding: Hashable, Sendable, Codable {
    /// The investigator who recorded the finding.
    public var investigator: User.ID
    /// The finding in words.
    public var text: String
    /// Ledger entry identifiers of the evidence supporting the finding.
    public var evidence: [String]
    /// When the finding was recorded.
    public var at: Date

    /// Creates a finding.
    ///
    /// - Parameters:
    ///   - investigator: the investigator who recorded it.
    ///   - text: the finding in words.
    ///   - evidence: ledger entry identifiers of the supporting evidence.
    ///   - at: when it was recorded.
    public init(investigator: User.ID, text: String, evidence: [String] = [], at: Date) {
        self.investigator = investigator
        self.text = text
        self.evidence = evidence
        self.at = at
    }
}
