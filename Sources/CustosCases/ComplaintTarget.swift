import CustosCore
import Foundation

/// What a complaint is aimed at: a listing, a web address, or a seller on a platform.
public enum ComplaintTarget: Hashable, Sendable, Codable {
    /// A marketplace listing known to Custos.
    case listing(Listing.ID)
    /// A web page (an `http` or `https` URL).
    case url(String)
    /// A seller (shop) on a named platform.
    case seller(Party.ID, platform: String)

    /// Whether the target is on an e-commerce platform (a listing or a seller), where a platform can take it down in
    /// one step. A bare URL may point anywhere, so it does not count; resolve it to a listing first.
    public var isECommerce: Bool {
        switch self {
        case .listing, .seller: true
        case .url: false
        }
    }

    /// A key equal for targets that name the same thing: URL scheme and host compare case-insensitively, platform
    /// names case-insensitively.
    var identityKey: String {
        switch self {
        case .listing(let id): "listing:\(id.rawValue)"
        case .url(let address): "url:\(Self.normalizedURL(address) ?? address)"
        case .seller(let id, let platform): "seller:\(platform.lowercased()):\(id.rawValue)"
        }
    }

    /// Whether `address` is an absolute `http`/`https` URL with a host and no whitespace.
    static func isWellFormedURL(_ address: String) -> Bool {
        normalizedURL(address) != nil
    }

    /// The URL with its scheme and host lower-cased, or `nil` when it is not a well-formed web address.
    static func normalizedURL(_ address: String) -> String? {
        guard !address.isEmpty, !address.unicodeScalars.contains(where: { $0.properties.isWhitespace }),
            var components = URLComponents(string: address),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return nil }
        components.scheme = scheme
        components.host = host.lowercased()
        return components.string
    }

    private enum CodingKeys: String, CodingKey {
        case kind, listing, url, seller, platform
    }

    /// Decodes `{"kind": "listing", "listing": …}`, `{"kind": "url", "url": …}` or
    /// `{"kind": "seller", "seller": …, "platform": …}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "listing": self = .listing(try container.decode(Listing.ID.self, forKey: .listing))
        case "url": self = .url(try container.decode(String.self, forKey: .url))
        case "seller":
            self = .seller(
                try container.decode(Party.ID.self, forKey: .seller),
                platform: try container.decode(String.self, forKey: .platform))
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container, debugDescription: "unknown target kind \(kind)")
        }
    }

    /// Encodes the target with a `kind` discriminator.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .listing(let id):
            try container.encode("listing", forKey: .kind)
            try container.encode(id, forKey: .listing)
        case .url(let address):
            try container.encode("url", forKey: .kind)
            try container.encode(address, forKey: .url)
        case .seller(let id, let platform):
            try container.encode("seller", forKey: .kind)
            try container.encode(id, forKey: .seller)
            try container.encode(platform, forKey: .platform)
        }
    }
}
