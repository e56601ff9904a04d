import CustosCore

/// A group of seller accounts linked, directly or through one another, by shared identifiers.
///
/// Shown on the party page and read by the screening score. Values are masked (``NormalizedIdentifier/masked``).
public struct SellerNetwork: Hashable, Sendable, Codable {
    /// What joins sellers: one shared identifier, or two shop images within the distance threshold.
    public struct Link: Hashable, Sendable, Codable {
        /// The identifier's kind.
        public var kind: SellerIdentifierKind
        /// The masked value; two values for a pair of near-identical shop images.
        public var values: [String]
        /// The sellers it joins, in identifier order.
        public var sellers: [Party.ID]
        /// For near-identical shop images, their Hamming distance; `nil` for an identical value.
        public var distance: Int?

        /// Creates a link.
        ///
        /// - Parameters:
        ///   - kind: the identifier's kind.
        ///   - values: the masked values.
        ///   - sellers: the sellers it joins.
        ///   - distance: the image distance, for near-identical images.
        public init(kind: SellerIdentifierKind, values: [String], sellers: [Party.ID], distance: Int? = nil) {
            self.kind = kind
            self.values = values
            self.sellers = sellers
            self.distance = distance
        }

        /// A sentence, e.g. "payment account ***1234 is shared by S-1, S-2".
        public var explanation: String {
            let names = sellers.map(\.rawValue).joined(separator: ", ")
            if let distance {
                return "\(kind.label)s \(values.joined(separator: " and ")) differ in \(distance) bits: \(names)"
            }
            return "\(kind.label) \(values.joined(separator: ", ")) is shared by \(names)"
        }

        /// Decodes a link.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            kind = try container.decode(SellerIdentifierKind.self, forKey: .kind)
            values = try container.decode([String].self, forKey: .values)
            sellers = try container.decode([Party.ID].self, forKey: .sellers)
            distance = try container.decodeIfPresent(Int.self, forKey: .distance)
        }

        /// Encodes a link; `distance` is `null` for an identical value.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(values, forKey: .values)
            try container.encode(sellers, forKey: .sellers)
            try container.encode(distance, forKey: .distance)
        }

        enum CodingKeys: String, CodingKey {
            case kind, values, sellers, distance
        }
    }

    /// The network's identifier: its smallest member id, stable while its membership is.
    public var id: Party.ID
    /// The member accounts, in id order; a seller linked to no one is a network of one.
    public var members: [Party.ID]
    /// What joins them: identical identifiers first by kind and value, then near-identical shop images.
    public var links: [Link]

    /// Creates a network.
    ///
    /// - Parameters:
    ///   - id: the smallest member id.
    ///   - members: the members in id order.
    ///   - links: what joins them.
    public init(id: Party.ID, members: [Party.ID], links: [Link]) {
        self.id = id
        self.members = members
        self.links = links
    }
}
