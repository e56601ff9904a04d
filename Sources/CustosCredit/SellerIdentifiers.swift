import CustosCore

/// The kinds of identifier that link seller accounts into networks.
public enum SellerIdentifierKind: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// An email address.
    case email
    /// A phone number.
    case phone
    /// A payment or payout account (bank account, wallet, merchant id).
    case paymentAccount = "payment_account"
    /// A postal, return or shipping address.
    case address
    /// A PDQ hash of a shop image (logo, banner, storefront photo).
    case shopImage = "shop_image"

    /// Words for people, e.g. "payment account".
    public var label: String {
        switch self {
        case .email: return "email address"
        case .phone: return "phone number"
        case .paymentAccount: return "payment account"
        case .address: return "address"
        case .shopImage: return "shop image"
        }
    }

    /// Orders kinds as declared.
    public static func < (lhs: SellerIdentifierKind, rhs: SellerIdentifierKind) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// What a marketplace knows about one seller account, as given (not yet normalized).
public struct SellerIdentifiers: Hashable, Sendable, Codable {
    /// The seller account.
    public var seller: Party.ID
    /// Email addresses.
    public var emails: [String]
    /// Phone numbers, in any format.
    public var phones: [String]
    /// Payment or payout accounts.
    public var paymentAccounts: [String]
    /// Postal, return or shipping addresses.
    public var addresses: [String]
    /// PDQ hashes of shop images, 64 hexadecimal digits each.
    public var shopImageHashes: [String]

    /// Creates a seller's identifiers.
    ///
    /// - Parameters:
    ///   - seller: the seller account.
    ///   - emails: email addresses.
    ///   - phones: phone numbers.
    ///   - paymentAccounts: payment accounts.
    ///   - addresses: addresses.
    ///   - shopImageHashes: PDQ hashes of shop images.
    public init(
        seller: Party.ID, emails: [String] = [], phones: [String] = [], paymentAccounts: [String] = [],
        addresses: [String] = [], shopImageHashes: [String] = []
    ) {
        self.seller = seller
        self.emails = emails
        self.phones = phones
        self.paymentAccounts = paymentAccounts
        self.addresses = addresses
        self.shopImageHashes = shopImageHashes
    }

    /// Every raw value with its kind, in declaration order.
    public var values: [(kind: SellerIdentifierKind, value: String)] {
        emails.map { (.email, $0) } + phones.map { (.phone, $0) } + paymentAccounts.map { (.paymentAccount, $0) }
            + addresses.map { (.address, $0) } + shopImageHashes.map { (.shopImage, $0) }
    }

    /// Decodes identifiers; absent lists are empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seller = try container.decode(Party.ID.self, forKey: .seller)
        emails = try container.decodeIfPresent([String].self, forKey: .emails) ?? []
        phones = try container.decodeIfPresent([String].self, forKey: .phones) ?? []
        paymentAccounts = try container.decodeIfPresent([String].self, forKey: .paymentAccounts) ?? []
        addresses = try container.decodeIfPresent([String].self, forKey: .addresses) ?? []
        shopImageHashes = try container.decodeIfPresent([String].self, forKey: .shopImageHashes) ?? []
    }

    enum CodingKeys: String, CodingKey {
        case seller, emails, phones
        case paymentAccounts = "payment_accounts"
        case addresses
        case shopImageHashes = "shop_image_hashes"
    }
}
