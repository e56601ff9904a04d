import CustosCore
import Foundation

/// Decides whether a complainant is in good standing, and so may use the fast track.
///
/// Trusted-reporter programmes work this way: a reporter whose notices are mostly upheld is handled faster, one who
/// files unfounded or abusive notices loses the privilege (compare EU Digital Services Act art. 22–23 on trusted
/// flaggers and misuse, and PRC E-Commerce Law art. 42 on wrongful and malicious notices). The defaults:
///
/// - a complainant with fewer than 5 decided complaints is in good standing (not enough history to judge);
/// - otherwise its accuracy (upheld ÷ decided) must be at least 60 %;
/// - and any malicious-complaint finding in the last 365 days loses good standing, whatever the count.
public struct StandingPolicy: Hashable, Sendable, Codable {
    /// Decided complaints needed before accuracy is judged (default 5).
    public var minimumDecided: Int
    /// The lowest acceptable accuracy, 0…1 (default 0.6).
    public var minimumAccuracy: Double
    /// How long a malicious-complaint finding counts against the complainant (default 365 days).
    public var maliciousLookback: Duration

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - minimumDecided: decided complaints needed before accuracy is judged (at least 1).
    ///   - minimumAccuracy: the lowest acceptable accuracy, 0…1.
    ///   - maliciousLookback: how long a malicious finding counts (positive).
    public init(
        minimumDecided: Int = 5, minimumAccuracy: Double = 0.6, maliciousLookback: Duration = .seconds(365 * 86_400)
    ) {
        precondition(minimumDecided >= 1, "minimumDecided must be at least 1")
        precondition((0...1).contains(minimumAccuracy), "minimumAccuracy must be within 0...1")
        precondition(maliciousLookback > .zero, "maliciousLookback must be positive")
        self.minimumDecided = minimumDecided
        self.minimumAccuracy = minimumAccuracy
        self.maliciousLookback = maliciousLookback
    }

    /// Judges a complainant's record at `date`.
    ///
    /// - Parameters:
    ///   - record: the complainant's record.
    ///   - date: the instant to judge at (the malicious-finding lookback ends here).
    /// - Returns: the standing with its reasons.
    public func standing(of record: ComplainantRecord, at date: Date) -> ComplainantStanding {
        var reasons: [ComplainantStanding.Reason] = []
        var isGood = true
        let since = date.adding(.zero - maliciousLookback)
        let recent = record.maliciousFindings.filter { $0 > since && $0 <= date }
        if !recent.isEmpty {
            isGood = false
            reasons.append(
                .init(
                    .recentMaliciousFinding,
                    "\(recent.count) complaint(s) found malicious in the lookback period; the latest on "
                        + "\(CanonicalDate.string(from: recent.max() ?? date)).", isMet: false))
        }
        let percent = { (value: Double) in "\(Int((value * 100).rounded())) %" }
        if record.decided < minimumDecided {
            reasons.append(
                .init(
                    .tooFewDecisions,
                    "\(record.decided) decided complaint(s), fewer than the \(minimumDecided) needed to judge accuracy.",
                    isMet: true))
        } else if let accuracy = record.accuracy, accuracy < minimumAccuracy {
            isGood = false
            reasons.append(
                .init(
                    .lowAccuracy,
                    "\(percent(accuracy)) of \(record.decided) decided complaints upheld, below \(percent(minimumAccuracy)).",
                    isMet: false))
        } else if let accuracy = record.accuracy {
            reasons.append(
                .init(
                    .accurate,
                    "\(percent(accuracy)) of \(record.decided) decided complaints upheld, at least \(percent(minimumAccuracy)).",
                    isMet: true))
        }
        if recent.isEmpty {
            reasons.append(
                .init(.noRecentMaliciousFinding, "No complaint found malicious in the lookback period.", isMet: true))
        }
        return ComplainantStanding(organisation: record.organisation, isGood: isGood, reasons: reasons)
    }

    private enum CodingKeys: String, CodingKey {
        case minimumDecided = "minimum_decided"
        case minimumAccuracy = "minimum_accuracy"
        case maliciousLookback = "malicious_lookback"
    }

    /// Decodes a policy whose lookback is a positive number of seconds.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let decided = try container.decode(Int.self, forKey: .minimumDecided)
        let accuracy = try container.decode(Double.self, forKey: .minimumAccuracy)
        guard decided >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .minimumDecided, in: container, debugDescription: "minimum_decided must be at least 1")
        }
        guard (0...1).contains(accuracy) else {
            throw DecodingError.dataCorruptedError(
                forKey: .minimumAccuracy, in: container, debugDescription: "minimum_accuracy must be within 0...1")
        }
        self.init(
            minimumDecided: decided, minimumAccuracy: accuracy,
            maliciousLookback: try DurationCoding.decode(forKey: .maliciousLookback, in: container))
    }

    /// Encodes the policy with its lookback as a number of seconds.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(minimumDecided, forKey: .minimumDecided)
        try container.encode(minimumAccuracy, forKey: .minimumAccuracy)
        try DurationCoding.encode(maliciousLookback, forKey: .maliciousLookback, in: &container)
    }
}
