import Foundation

/// A marketplace listing observed in a feed (DESIGN.md "Listing feed").
public struct Listing: Hashable, Sendable, Codable {
    /// The listing's identifier as the platform gives it.
    public typealias ID = Identifier<Listing>

    /// The seller as the listing names them.
    public struct Seller: Hashable, Sendable, Codable {
        /// The seller's identifier on the platform.
        public var id: Party.ID
        /// The seller's display name.
        public var name: String
        /// Region or country code, when known.
        public var region: String?

        /// Creates a seller.
        public init(id: Party.ID, name: String, region: String? = nil) {
            self.id = id
            self.name = name
            self.region = region
        }
    }

    /// Stable identifier.
    public var id: ID
    /// The platform the listing was observed on.
    public var platform: String
    /// The listing's address.
    public var url: String?
    /// The listing's title.
    public var title: String
    /// The listing's description.
    public var description: String
    /// The asking price, when given.
    public var price: Double?
    /// ISO 4217 currency of `price`.
    public var currency: String?
    /// Who sells it.
    public var seller: Seller
    /// Paths or URLs of the listing's images.
    public var images: [String]
    /// The platform's product category.
    public var category: String?
    /// When the listing was observed.
    public var observedAt: Date

    /// Creates a listing.
    public init(
        id: ID, platform: String, url: String? = nil, title: String, description: String = "", price: Double? = nil,
        currency: String? = nil, seller: Seller, images: [String] = [], category: String? = nil, observedAt: Date
    ) {
        self.id = id
        self.platform = platform
        self.url = url
        self.title = title
        self.description = description
        self.price = price
        self.currency = currency
        self.seller = seller
        self.images = images
        self.category = category
        self.observedAt = observedAt
    }

    /// Decodes a feed line; `description` and `images` may be absent (empty), the other optional fields null.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(ID.self, forKey: .id)
        platform = try container.decode(String.self, forKey: .platform)
        url = try container.decodeIfPresent(String.self, forKey: .url)
        title = try container.decode(String.self, forKey: .title)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        price = try container.decodeIfPresent(Double.self, forKey: .price)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
        seller = try container.decode(Seller.self, forKey: .seller)
        images = try container.decodeIfPresent([String].self, forKey: .images) ?? []
        category = try container.decodeIfPresent(String.self, forKey: .category)
        observedAt = try container.decode(Date.self, forKey: .observedAt)
    }

    enum CodingKeys: String, CodingKey {
        case id, platform, url, title, description, price, currency, seller, images, category
        case observedAt = "observed_at"
    }
}
