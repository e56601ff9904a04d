import CustosCore

/// What a seller's network says about it, for the screening score: a score in `0 ... 1` and its reasons.
///
/// Made by ``SellerNetworkIndex/networkRisk(of:credit:policy:)``. The seller's own record is not counted: screening
/// has its own signal for that.
public struct NetworkRisk: Hashable, Sendable, Codable {
    /// One link in a chain from the seller to a graded member.
    public struct Hop: Hashable, Sendable, Codable {
        /// The seller the hop starts from.
        public var from: Party.ID
        /// The seller it reaches.
        public var to: Party.ID
        /// The kind of identifier they share.
        public var kind: SellerIdentifierKind
        /// The masked value; two values for near-identical shop images.
        public var values: [String]
        /// For near-identical shop images, their Hamming distance; `nil` for an identical value.
        public var distance: Int?

        /// Creates a hop.
        ///
        /// - Parameters:
        ///   - from: the seller it starts from.
        ///   - to: the seller it reaches.
        ///   - kind: the shared identifier's kind.
        ///   - values: the masked values.
        ///   - distance: the image distance, for near-identical images.
        public init(from: Party.ID, to: Party.ID, kind: SellerIdentifierKind, values: [String], distance: Int?) {
            self.from = from
            self.to = to
            self.kind = kind
            self.values = values
            self.distance = distance
        }

        /// Decodes a hop.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            from = try container.decode(Party.ID.self, forKey: .from)
            to = try container.decode(Party.ID.self, forKey: .to)
            kind = try container.decode(SellerIdentifierKind.self, forKey: .kind)
            values = try container.decode([String].self, forKey: .values)
            distance = try container.decodeIfPresent(Int.self, forKey: .distance)
        }

        /// Encodes a hop; `distance` is `null` for an identical value.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(from, forKey: .from)
            try container.encode(to, forKey: .to)
            try container.encode(kind, forKey: .kind)
            try container.encode(values, forKey: .values)
            try container.encode(distance, forKey: .distance)
        }

        enum CodingKeys: String, CodingKey {
            case from, to, kind, values, distance
        }
    }

    /// One graded member's share of the score.
    public struct Contribution: Hashable, Sendable, Codable {
        /// The graded member.
        public var member: Party.ID
        /// The member's grade.
        public var grade: CreditGrade
        /// The member's credit summary, e.g. "D: counterfeiting found in case C-12".
        public var creditSummary: String
        /// The strongest chain of links from the seller to the member.
        public var path: [Hop]
        /// `gradeWeight × path strength`, in `0 ... 1`.
        public var strength: Double
        /// A sentence, e.g. "shares a payment account ***1234 with seller S-17, graded D: counterfeiting found in
        /// case C-12".
        public var explanation: String

        /// Creates a contribution.
        ///
        /// - Parameters:
        ///   - member: the graded member.
        ///   - grade: its grade.
        ///   - creditSummary: its credit summary.
        ///   - path: the chain of links.
        ///   - strength: its share.
        ///   - explanation: a sentence.
        public init(
            member: Party.ID, grade: CreditGrade, creditSummary: String, path: [Hop], strength: Double,
            explanation: String
        ) {
            self.member = member
            self.grade = grade
            self.creditSummary = creditSummary
            self.path = path
            self.strength = strength
            self.explanation = explanation
        }

        enum CodingKeys: String, CodingKey {
            case member, grade
            case creditSummary = "credit_summary"
            case path, strength, explanation
        }
    }

    /// The seller scored.
    public var seller: Party.ID
    /// The seller's network id, or `nil` when the seller is not in the index.
    public var network: Party.ID?
    /// The number of accounts in the network, the seller included.
    public var networkSize: Int
    /// `1 − Π (1 − contribution)`, in `0 ... 1`; 0 when no other member is graded above A.
    public var score: Double
    /// Every graded member's share, strongest first (ties by member id).
    public var contributions: [Contribution]
    /// The strongest contributions in words, at most the policy's ``NetworkRiskPolicy/maximumReasons``.
    public var reasons: [String]

    /// Creates a network risk.
    ///
    /// - Parameters:
    ///   - seller: the seller scored.
    ///   - network: the seller's network id.
    ///   - networkSize: the number of accounts in the network.
    ///   - score: the score.
    ///   - contributions: the graded members' shares.
    ///   - reasons: the strongest contributions in words.
    public init(
        seller: Party.ID, network: Party.ID?, networkSize: Int, score: Double, contributions: [Contribution],
        reasons: [String]
    ) {
        self.seller = seller
        self.network = network
        self.networkSize = networkSize
        self.score = score
        self.contributions = contributions
        self.reasons = reasons
    }

    enum CodingKeys: String, CodingKey {
        case seller, network
        case networkSize = "network_size"
        case score, contributions, reasons
    }
}
