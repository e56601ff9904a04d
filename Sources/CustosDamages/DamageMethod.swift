import Foundation

/// One way a law measures damages, as a rules-table entry describes it.
///
/// Methods are tried tier by tier: a method in a later tier is used only when no method of an earlier tier can be
/// determined from the claim, unless it is ``isElective`` and the claimant elects it. Methods sharing a tier are
/// alternatives the right holder chooses between.
public struct DamageMethod: Hashable, Sendable, Codable {
    /// What a method computes; the engine implements each kind, the table chooses and orders them.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// The right holder's actual loss.
        case actualLoss = "actual_loss"
        /// The infringer's profit (or unlawful gains), not less than ``DamageMethod/minimumAward`` when set.
        case infringerProfit = "infringer_profit"
        /// The licence fee or royalty times a multiple the table bounds.
        case licenceFee = "licence_fee"
        /// Actual loss plus the infringer's profits not already counted in it (17 U.S.C. § 504(b), § 1117(a)).
        case lossPlusProfit = "loss_plus_profit"
        /// The greater of the actual loss and the infringer's profit, plus moral prejudice (Directive 2004/48/EC
        /// art. 13(1)(a)).
        case greaterOfLossAndProfit = "greater_of_loss_and_profit"
        /// Compensation (the actual loss) but not less than a reasonable royalty (35 U.S.C. § 284).
        case royaltyFloor = "royalty_floor"
        /// A statutory range fixed by the court per case, per work or per counterfeit mark and type of goods.
        case statutory
    }

    /// The method's identifier, unique within its entry (e.g. `actual-loss`); claimants elect a method by it.
    public var id: String
    /// What the method computes.
    public var kind: Kind
    /// A short title for the assessment's step (e.g. `Right holder's actual loss`).
    public var title: String
    /// The method's rank: lower tiers are tried first; methods sharing a tier are alternatives.
    public var tier: Int
    /// Whether the claimant may elect this method even when an earlier tier can be determined.
    public var isElective: Bool
    /// Whether the method applies only to counterfeit marks (15 U.S.C. § 1117(c)).
    public var requiresCounterfeit: Bool
    /// Whether the method applies only to infringers who knew or should have known (Directive art. 13(1)).
    public var requiresKnowledge: Bool
    /// Whether the method applies only to innocent infringers (Directive art. 13(2)).
    public var requiresInnocence: Bool
    /// The bounds on the licence-fee multiple, for `licence_fee` and `royalty_floor` methods.
    public var licenceMultiple: LicenceMultiple?
    /// The statutory range, for `statutory` methods.
    public var statutory: StatutoryDamages?
    /// The least the method awards (35 U.S.C. § 289's $250), when the law sets one.
    public var minimumAward: Decimal?
    /// Why the law uses this measure and where it stands in the order, in plain English.
    public var explanation: String
    /// The provisions that establish the method; never empty in a validated table.
    public var citations: [Citation]

    /// Creates a method.
    ///
    /// - Parameters:
    ///   - id: The method's identifier within its entry.
    ///   - kind: What the method computes.
    ///   - title: A short title.
    ///   - tier: The method's rank.
    ///   - isElective: Whether the claimant may elect it ahead of earlier tiers.
    ///   - requiresCounterfeit: Whether it applies only to counterfeit marks.
    ///   - requiresKnowledge: Whether it applies only to knowing infringers.
    ///   - requiresInnocence: Whether it applies only to innocent infringers.
    ///   - licenceMultiple: Bounds on the licence-fee multiple.
    ///   - statutory: The statutory range.
    ///   - minimumAward: The least the method awards.
    ///   - explanation: Why the law uses this measure.
    ///   - citations: The provisions that establish it.
    public init(
        id: String, kind: Kind, title: String, tier: Int, isElective: Bool = false,
        requiresCounterfeit: Bool = false, requiresKnowledge: Bool = false, requiresInnocence: Bool = false,
        licenceMultiple: LicenceMultiple? = nil, statutory: StatutoryDamages? = nil, minimumAward: Decimal? = nil,
        explanation: String, citations: [Citation]
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.tier = tier
        self.isElective = isElective
        self.requiresCounterfeit = requiresCounterfeit
        self.requiresKnowledge = requiresKnowledge
        self.requiresInnocence = requiresInnocence
        self.licenceMultiple = licenceMultiple
        self.statutory = statutory
        self.minimumAward = minimumAward
        self.explanation = explanation
        self.citations = citations
    }

    enum CodingKeys: String, CodingKey {
        case id, kind, title, tier, statutory, explanation, citations
        case isElective = "elective"
        case requiresCounterfeit = "requires_counterfeit"
        case requiresKnowledge = "requires_knowledge"
        case requiresInnocence = "requires_innocence"
        case licenceMultiple = "licence_multiple"
        case minimumAward = "minimum_award"
    }

    /// Decodes a method; the condition flags default to `false` when absent.
    ///
    /// - Throws: `DecodingError` when a required key is missing or a value has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        kind = try container.decode(Kind.self, forKey: .kind)
        title = try container.decode(String.self, forKey: .title)
        tier = try container.decode(Int.self, forKey: .tier)
        isElective = try container.decodeIfPresent(Bool.self, forKey: .isElective) ?? false
        requiresCounterfeit = try container.decodeIfPresent(Bool.self, forKey: .requiresCounterfeit) ?? false
        requiresKnowledge = try container.decodeIfPresent(Bool.self, forKey: .requiresKnowledge) ?? false
        requiresInnocence = try container.decodeIfPresent(Bool.self, forKey: .requiresInnocence) ?? false
        licenceMultiple = try container.decodeIfPresent(LicenceMultiple.self, forKey: .licenceMultiple)
        statutory = try container.decodeIfPresent(StatutoryDamages.self, forKey: .statutory)
        minimumAward = try container.decodeIfPresent(Decimal.self, forKey: .minimumAward)
        explanation = try container.decode(String.self, forKey: .explanation)
        citations = try container.decode([Citation].self, forKey: .citations)
    }
}
