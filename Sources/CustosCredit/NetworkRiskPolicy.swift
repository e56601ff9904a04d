/// How a seller's network turns into a risk score for screening.
///
/// Every other member of the seller's network with a credit grade above A contributes
/// `gradeWeight(grade) × path strength`, where the path strength is the strongest chain of links from the seller
/// to that member: the product of the link weights of its identifiers, times ``hopDecay`` for every seller the chain
/// passes through. Contributions combine by noisy-OR: `score = 1 − Π (1 − contribution)`, in `0 ... 1`.
public struct NetworkRiskPolicy: Hashable, Sendable, Codable {
    /// How much a linked member's grade weighs (grade A weighs nothing).
    public struct GradeWeights: Hashable, Sendable, Codable {
        /// Weight of grade B.
        public var b: Double
        /// Weight of grade C.
        public var c: Double
        /// Weight of grade D.
        public var d: Double

        /// Creates grade weights, each in `0 ... 1`.
        ///
        /// - Parameters:
        ///   - b: weight of grade B.
        ///   - c: weight of grade C.
        ///   - d: weight of grade D.
        public init(b: Double = 0.3, c: Double = 0.6, d: Double = 0.9) {
            self.b = b
            self.c = c
            self.d = d
        }

        /// The weight of a grade, clamped to `0 ... 1`.
        ///
        /// - Parameter grade: the grade.
        /// - Returns: its weight.
        public func weight(of grade: CreditGrade) -> Double {
            let weight: Double
            switch grade {
            case .a: weight = 0
            case .b: weight = b
            case .c: weight = c
            case .d: weight = d
            }
            return min(1, max(0, weight))
        }
    }

    /// How strongly each kind of shared identifier ties two accounts to one operator.
    public struct LinkWeights: Hashable, Sendable, Codable {
        /// A shared email address.
        public var email: Double
        /// A shared phone number.
        public var phone: Double
        /// A shared payment account: money goes to the same place.
        public var paymentAccount: Double
        /// A shared address (shared warehouses make this weaker).
        public var address: Double
        /// A shared or near-identical shop image.
        public var shopImage: Double

        /// Creates link weights, each in `0 ... 1`.
        ///
        /// - Parameters:
        ///   - email: a shared email address.
        ///   - phone: a shared phone number.
        ///   - paymentAccount: a shared payment account.
        ///   - address: a shared address.
        ///   - shopImage: a shared or near-identical shop image.
        public init(
            email: Double = 0.9, phone: Double = 0.9, paymentAccount: Double = 1.0, address: Double = 0.6,
            shopImage: Double = 0.7
        ) {
            self.email = email
            self.phone = phone
            self.paymentAccount = paymentAccount
            self.address = address
            self.shopImage = shopImage
        }

        /// The weight of a kind, clamped to `0 ... 1`.
        ///
        /// - Parameter kind: the identifier kind.
        /// - Returns: its weight.
        public func weight(of kind: SellerIdentifierKind) -> Double {
            let weight: Double
            switch kind {
            case .email: weight = email
            case .phone: weight = phone
            case .paymentAccount: weight = paymentAccount
            case .address: weight = address
            case .shopImage: weight = shopImage
            }
            return min(1, max(0, weight))
        }

        enum CodingKeys: String, CodingKey {
            case email, phone
            case paymentAccount = "payment_account"
            case address
            case shopImage = "shop_image"
        }
    }

    /// Weights of the linked members' grades.
    public var gradeWeights: GradeWeights
    /// Weights of the kinds of link.
    public var linkWeights: LinkWeights
    /// The factor for each seller a chain of links passes through (`0 ... 1`).
    public var hopDecay: Double
    /// How many contributions are put into words in ``NetworkRisk/reasons``.
    public var maximumReasons: Int

    /// The default policy: grades B, C, D weigh 0.3, 0.6, 0.9; payment accounts 1.0, emails and phones 0.9,
    /// shop images 0.7, addresses 0.6; 0.6 per intermediate seller; five reasons.
    public static let standard = NetworkRiskPolicy()

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - gradeWeights: weights of the linked members' grades.
    ///   - linkWeights: weights of the kinds of link.
    ///   - hopDecay: the factor per intermediate seller.
    ///   - maximumReasons: how many contributions are put into words.
    public init(
        gradeWeights: GradeWeights = GradeWeights(), linkWeights: LinkWeights = LinkWeights(), hopDecay: Double = 0.6,
        maximumReasons: Int = 5
    ) {
        self.gradeWeights = gradeWeights
        self.linkWeights = linkWeights
        self.hopDecay = hopDecay
        self.maximumReasons = maximumReasons
    }

    /// The decay actually applied.
    var effectiveHopDecay: Double { min(1, max(0, hopDecay)) }

    enum CodingKeys: String, CodingKey {
        case gradeWeights = "grade_weights"
        case linkWeights = "link_weights"
        case hopDecay = "hop_decay"
        case maximumReasons = "maximum_reasons"
    }
}
