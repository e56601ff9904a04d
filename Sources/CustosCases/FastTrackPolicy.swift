import CustosCore
import Foundation

/// Decides whether a complaint takes the fast track ("rapid review, rapid confirmation and rapid rights
/// protection"), and says why.
///
/// A complaint takes the fast track when every rule holds:
///
/// 1. **E-commerce targets.** There is at least one target and every target is a listing or a seller on a platform,
///    where one platform can act at once. A bare URL may point anywhere; resolve it to a listing first.
/// 2. **Clear-cut rights.** There is at least one right, every right is in force at filing, and every right is a
///    registered trademark or copyright, or a design or utility-model patent with a positive patent evaluation
///    report (`RightDetails.hasEvaluationReport == true`; such patents are granted without substantive examination,
///    and the report stands in for it). Invention patents never qualify: infringement needs a technical comparison
///    of claims. Other kinds (geographical indications, plant varieties, IC layouts, trade secrets) do not qualify.
/// 3. **Evidence.** At least ``minimumEvidence`` evidence entries are cited (default 1).
/// 4. **Standing.** The complainant is in good standing (``StandingPolicy``), unless ``requiresGoodStanding`` is off.
public struct FastTrackPolicy: Hashable, Sendable, Codable {
    /// Evidence entries a fast-track complaint must cite (default 1).
    public var minimumEvidence: Int
    /// Whether the complainant must be in good standing (default `true`).
    public var requiresGoodStanding: Bool

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - minimumEvidence: evidence entries required (at least 1).
    ///   - requiresGoodStanding: whether good standing is required.
    public init(minimumEvidence: Int = 1, requiresGoodStanding: Bool = true) {
        precondition(minimumEvidence >= 1, "minimumEvidence must be at least 1")
        self.minimumEvidence = minimumEvidence
        self.requiresGoodStanding = requiresGoodStanding
    }

    private enum CodingKeys: String, CodingKey {
        case minimumEvidence = "minimum_evidence"
        case requiresGoodStanding = "requires_good_standing"
    }

    /// Decodes a policy; absent members take their defaults, and `minimum_evidence` must be at least 1.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let minimum = try container.decodeIfPresent(Int.self, forKey: .minimumEvidence) ?? 1
        guard minimum >= 1 else {
            throw DecodingError.dataCorruptedError(
                forKey: .minimumEvidence, in: container, debugDescription: "minimum_evidence must be at least 1")
        }
        self.init(
            minimumEvidence: minimum,
            requiresGoodStanding: try container.decodeIfPresent(Bool.self, forKey: .requiresGoodStanding) ?? true)
    }

    /// Chooses the channel for a complaint.
    ///
    /// - Parameters:
    ///   - complaint: the complaint.
    ///   - rights: the rights it names, as found in the registry.
    ///   - standing: the complainant's standing (``StandingPolicy/standing(of:at:)``).
    /// - Returns: the fast track with the rules met, or the standard channel with every rule not met.
    public func decide(
        _ complaint: Complaint, rights: [Right.ID: Right], standing: ComplainantStanding
    ) -> FastTrackDecision {
        var met: [FastTrackDecision.Reason] = []
        var unmet: [FastTrackDecision.Reason] = []

        let nonCommerce = complaint.targets.enumerated().filter { !$0.element.isECommerce }
        if complaint.targets.isEmpty {
            unmet.append(.init(.noTargets, path: "targets", "The complaint names no target."))
        } else if nonCommerce.isEmpty {
            met.append(.init(.eCommerceTargets, "Every target is an e-commerce listing or seller."))
        } else {
            unmet += nonCommerce.map {
                .init(
                    .targetNotECommerce, path: "targets[\($0.offset)]",
                    "A web address is not an e-commerce listing or seller; resolve it to a listing first.")
            }
        }

        if complaint.rights.isEmpty {
            unmet.append(.init(.noRights, path: "rights", "The complaint names no right."))
        }
        for (index, id) in complaint.rights.enumerated() {
            let verdict = Self.verdict(on: rights[id], id: id, filedAt: complaint.filedAt, path: "rights[\(index)]")
            if verdict.code == .rightQualifies { met.append(verdict) } else { unmet.append(verdict) }
        }

        if complaint.evidence.count >= minimumEvidence {
            met.append(.init(.evidenceSufficient, "\(complaint.evidence.count) evidence entries cited."))
        } else {
            unmet.append(
                .init(
                    .insufficientEvidence, path: "evidence",
                    "\(complaint.evidence.count) evidence entries cited; the fast track needs \(minimumEvidence)."))
        }

        if standing.isGood {
            met.append(.init(.goodStanding, "The complainant is in good standing."))
        } else if requiresGoodStanding {
            let why = standing.reasons.filter { !$0.isMet }.map(\.message).joined(separator: " ")
            unmet.append(.init(.poorStanding, "The complainant is not in good standing. \(why)"))
        }

        return unmet.isEmpty
            ? FastTrackDecision(channel: .fastTrack, reasons: met)
            : FastTrackDecision(channel: .standard, reasons: unmet)
    }

    /// Whether one right qualifies for the fast track, as a reason.
    private static func verdict(
        on right: Right?, id: Right.ID, filedAt: Date, path: String
    ) -> FastTrackDecision.Reason {
        guard let right else { return .init(.rightNotFound, path: path, "Right \(id) is not registered in Custos.") }
        if ComplaintValidator.forceProblem(right, at: filedAt, path: path) != nil {
            return .init(.rightNotInForce, path: path, "Right \(id) was not in force when the complaint was filed.")
        }
        switch right.kind {
        case .trademark, .copyright:
            return .init(.rightQualifies, path: path, "Right \(id) is a registered \(right.kind.rawValue).")
        case .design, .utilityModel:
            return right.details.hasEvaluationReport == true
                ? .init(.rightQualifies, path: path, "Right \(id) has a positive patent evaluation report.")
                : .init(
                    .missingEvaluationReport, path: path,
                    "Right \(id) is a \(right.kind.rawValue) patent without a positive evaluation report.")
        case .patent:
            return .init(
                .inventionPatent, path: path, "Right \(id) is an invention patent; infringement needs technical review."
            )
        case .geographicalIndication, .plantVariety, .icLayout, .tradeSecret:
            return .init(
                .rightKindNotEligible, path: path,
                "Right \(id) is a \(right.kind.rawValue); the fast track does not handle it.")
        }
    }
}
