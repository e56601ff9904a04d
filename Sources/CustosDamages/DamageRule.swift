import CustosCore

/// One entry of a rules table: how one jurisdiction measures damages for some kinds of right.
public struct DamageRule: Hashable, Sendable, Codable {
    /// The entry's identifier, unique within its table (e.g. `CN-trademark`).
    public var id: String
    /// The jurisdiction's code: ISO 3166 alpha-2, or `EU` for Union-wide rules, upper case.
    public var jurisdiction: String
    /// The jurisdiction's name for display.
    public var jurisdictionName: String
    /// The kinds of right the rule covers.
    public var rights: [RightKind]
    /// The law the rule implements, in English.
    public var law: String
    /// The law's name in its original language, when that is not English.
    public var lawOriginal: String?
    /// The date (ISO 8601, `YYYY-MM-DD`) from which the implemented text is in force.
    public var effectiveFrom: String
    /// The ISO 4217 currency the rule's statutory figures are stated in, and the default for claims.
    public var currency: String
    /// Whether claims may be stated in another currency (only where the rule states no money figures).
    public var acceptsOtherCurrencies: Bool
    /// The ways the law measures damages, in the table's order.
    public var methods: [DamageMethod]
    /// The multiples the law allows on top of the measured damages, fixed ones first.
    public var enhancements: [DamageEnhancement]
    /// How the costs of enforcement are recovered.
    public var costs: RuleProvision
    /// Why the law has no punitive damages, for rules without enhancements.
    public var punitiveUnavailable: RuleProvision?
    /// Caveats a reader of an assessment under this rule should know.
    public var notes: [String]

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - id: The entry's identifier.
    ///   - jurisdiction: The jurisdiction's code.
    ///   - jurisdictionName: The jurisdiction's name.
    ///   - rights: The kinds of right covered.
    ///   - law: The law implemented.
    ///   - lawOriginal: The law's original-language name.
    ///   - effectiveFrom: The date from which the text is in force, `YYYY-MM-DD`.
    ///   - currency: The ISO 4217 currency of the statutory figures.
    ///   - acceptsOtherCurrencies: Whether claims may use another currency.
    ///   - methods: The ways the law measures damages.
    ///   - enhancements: The multiples the law allows.
    ///   - costs: How enforcement costs are recovered.
    ///   - punitiveUnavailable: Why the law has no punitive damages.
    ///   - notes: Caveats.
    public init(
        id: String, jurisdiction: String, jurisdictionName: String, rights: [RightKind], law: String,
        lawOriginal: String? = nil, effectiveFrom: String, currency: String, acceptsOtherCurrencies: Bool = false,
        methods: [DamageMethod], enhancements: [DamageEnhancement] = [], costs: RuleProvision,
        punitiveUnavailable: RuleProvision? = nil, notes: [String] = []
    ) {
        self.id = id
        self.jurisdiction = jurisdiction
        self.jurisdictionName = jurisdictionName
        self.rights = rights
        self.law = law
        self.lawOriginal = lawOriginal
        self.effectiveFrom = effectiveFrom
        self.currency = currency
        self.acceptsOtherCurrencies = acceptsOtherCurrencies
        self.methods = methods
        self.enhancements = enhancements
        self.costs = costs
        self.punitiveUnavailable = punitiveUnavailable
        self.notes = notes
    }

    /// The method with identifier `id`, if the rule has one.
    public func method(_ id: String) -> DamageMethod? {
        methods.first { $0.id == id }
    }

    enum CodingKeys: String, CodingKey {
        case id, jurisdiction, rights, law, currency, methods, enhancements, costs, notes
        case jurisdictionName = "jurisdiction_name"
        case lawOriginal = "law_original"
        case effectiveFrom = "effective_from"
        case acceptsOtherCurrencies = "accepts_other_currencies"
        case punitiveUnavailable = "punitive_unavailable"
    }

    /// Decodes a rule; `accepts_other_currencies` defaults to `false` and `enhancements` and `notes` to empty.
    ///
    /// - Throws: `DecodingError` when a required key is missing or a value has the wrong type.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        jurisdiction = try container.decode(String.self, forKey: .jurisdiction)
        jurisdictionName = try container.decode(String.self, forKey: .jurisdictionName)
        rights = try container.decode([RightKind].self, forKey: .rights)
        law = try container.decode(String.self, forKey: .law)
        lawOriginal = try container.decodeIfPresent(String.self, forKey: .lawOriginal)
        effectiveFrom = try container.decode(String.self, forKey: .effectiveFrom)
        currency = try container.decode(String.self, forKey: .currency)
        acceptsOtherCurrencies = try container.decodeIfPresent(Bool.self, forKey: .acceptsOtherCurrencies) ?? false
        methods = try container.decode([DamageMethod].self, forKey: .methods)
        enhancements = try container.decodeIfPresent([DamageEnhancement].self, forKey: .enhancements) ?? []
        costs = try container.decode(RuleProvision.self, forKey: .costs)
        punitiveUnavailable = try container.decodeIfPresent(RuleProvision.self, forKey: .punitiveUnavailable)
        notes = try container.decodeIfPresent([String].self, forKey: .notes) ?? []
    }
}
