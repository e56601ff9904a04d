import Foundation

/// A multiple the law lets a court apply on top of the measured damages: Chinese punitive damages, US treble or
/// enhanced damages.
///
/// A *fixed* enhancement (``fixedMultiple`` set, e.g. 15 U.S.C. § 1117(b)) applies by itself whenever its
/// conditions hold. A *discretionary* one applies at the multiple the claimant requests, or, when none is
/// requested and its conditions hold, turns the amount into a range unless ``isAssessedOnlyOnRequest``.
public struct DamageEnhancement: Hashable, Sendable, Codable {
    /// Which part of the measured damages the multiple applies to.
    public enum Target: String, Hashable, Sendable, Codable, CaseIterable {
        /// The whole amount the method produced (Chinese punitive damages, 35 U.S.C. § 284).
        case base
        /// Only the actual-loss component, the profits staying as they are (15 U.S.C. § 1117(a)).
        case actualLoss = "actual_loss"
        /// The greater of the actual loss and the infringer's profit, which replaces the sum (15 U.S.C. § 1117(b)).
        case greaterOfLossAndProfit = "greater_of_loss_and_profit"
    }

    /// How the multiple combines with its target.
    public enum Combination: String, Hashable, Sendable, Codable, CaseIterable {
        /// The target becomes target × multiple (a multiple of 1 adds nothing).
        case multiply
        /// The target becomes target + target × multiple (the punitive part is added to the compensatory part).
        case addMultiple = "add_multiple"
    }

    /// The enhancement's identifier, unique within its entry.
    public var id: String
    /// A short title for the assessment's step.
    public var title: String
    /// Whether the law treats the increase as a penalty rather than as compensation.
    public var isPunitive: Bool
    /// The least multiple allowed.
    public var minimumMultiple: Decimal
    /// The greatest multiple allowed.
    public var maximumMultiple: Decimal
    /// The multiple the law imposes by itself, for mandatory enhancements.
    public var fixedMultiple: Decimal?
    /// Whether the claim must state wilful (intentional, malicious) infringement.
    public var requiresWilful: Bool
    /// Whether the claim must state serious circumstances.
    public var requiresSerious: Bool
    /// Whether the claim must concern a counterfeit mark.
    public var requiresCounterfeit: Bool
    /// Whether the enhancement is left out unless the claimant requests a multiple, because it turns on the
    /// court's view of circumstances the claim cannot state (15 U.S.C. § 1117(a)).
    public var isAssessedOnlyOnRequest: Bool
    /// Which part of the damages the multiple applies to.
    public var target: Target
    /// How the multiple combines with its target.
    public var combination: Combination
    /// The identifiers of the methods whose result the enhancement may multiply.
    public var methods: [String]
    /// What the law allows and how Custos reads it, in plain English.
    public var explanation: String
    /// The provisions that establish the enhancement; never empty in a validated table.
    public var citations: [Citation]

    /// Creates an enhancement.
    ///
    /// - Parameters:
    ///   - id: The enhancement's identifier within its entry.
    ///   - title: A short title.
    ///   - isPunitive: Whether the law treats it as a penalty.
    ///   - minimumMultiple: The least multiple.
    ///   - maximumMultiple: The greatest multiple.
    ///   - fixedMultiple: The multiple the law imposes, for mandatory enhancements.
    ///   - requiresWilful: Whether wilfulness is required.
    ///   - requiresSerious: Whether serious circumstances are required.
    ///   - requiresCounterfeit: Whether a counterfeit mark is required.
    ///   - isAssessedOnlyOnRequest: Whether it is left out unless a multiple is requested.
    ///   - target: Which part of the damages it multiplies.
    ///   - combination: How the multiple combines with its target.
    ///   - methods: The methods whose result it may multiply.
    ///   - explanation: What the law allows, in plain English.
    ///   - citations: The provisions that establish it.
    public init(
        id: String, title: String, isPunitive: Bool, minimumMultiple: Decimal, maximumMultiple: Decimal,
        fixedMultiple: Decimal? = nil, requiresWilful: Bool = false, requiresSerious: Bool = false,
        requiresCounterfeit: Bool = false, isAssessedOnlyOnRequest: Bool = false, target: Target = .base,
        combination: Combination = .multiply, methods: [String], explanation: String, citations: [Citation]
    ) {
        self.id = id
        self.title = title
        self.isPunitive = isPunitive
        self.minimumMultiple = minimumMultiple
        self.maximumMultiple = maximumMultiple
        self.fixedMultiple = fixedMultiple
        self.requiresWilful = requiresWilful
        self.requiresSerious = requiresSerious
        self.requiresCounterfeit = requiresCounterfeit
        self.isAssessedOnlyOnRequest = isAssessedOnlyOnRequest
        self.target = target
        self.combination = combination
        self.methods = methods
        self.explanation = explanation
        self.citations = citations
    }

    enum CodingKeys: String, CodingKey {
        case id, title, combination, methods, explanation, citations
        case isPunitive = "is_punitive"
        case minimumMultiple = "minimum_multiple"
        case maximumMultiple = "maximum_multiple"
        case fixedMultiple = "fixed_multiple"
        case requiresWilful = "requires_wilful"
        case requiresSerious = "requires_serious"
        case requiresCounterfeit = "requires_counterfeit"
        case isAssessedOnlyOnRequest = "assessed_only_on_request"
        case target = "applies_to"
    }

    /// Decodes an enhancement; the condition flags default to `false`, the target to `base` and the combination
    /// to `multiply` when absent.
    ///
    /// - Throws: `DecodingError` when a required key is missing or a value has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        title = try container.decode(String.self, forKey: .title)
        isPunitive = try container.decode(Bool.self, forKey: .isPunitive)
        minimumMultiple = try container.decode(Decimal.self, forKey: .minimumMultiple)
        maximumMultiple = try container.decode(Decimal.self, forKey: .maximumMultiple)
        fixedMultiple = try container.decodeIfPresent(Decimal.self, forKey: .fixedMultiple)
        requiresWilful = try container.decodeIfPresent(Bool.self, forKey: .requiresWilful) ?? false
        requiresSerious = try container.decodeIfPresent(Bool.self, forKey: .requiresSerious) ?? false
        requiresCounterfeit = try container.decodeIfPresent(Bool.self, forKey: .requiresCounterfeit) ?? false
        isAssessedOnlyOnRequest =
            try container.decodeIfPresent(Bool.self, forKey: .isAssessedOnlyOnRequest) ?? false
        target = try container.decodeIfPresent(Target.self, forKey: .target) ?? .base
        combination = try container.decodeIfPresent(Combination.self, forKey: .combination) ?? .multiply
        methods = try container.decode([String].self, forKey: .methods)
        explanation = try container.decode(String.self, forKey: .explanation)
        citations = try container.decode([Citation].self, forKey: .citations)
    }
}
