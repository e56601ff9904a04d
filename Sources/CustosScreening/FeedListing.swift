import CustosCore
import CustosCredit
import Foundation

/// One decoded feed line: the listing, the seller identifiers the line gives, and the identifier values that were
/// left out.
///
/// A bad identifier never costs the listing: the listing is screened and stored, the value is left out and named
/// in ``identifierProblems`` (`seller.email[1]: not an email address …; left out`).
public struct FeedListing: Sendable {
    /// The listing.
    public var listing: Listing
    /// The seller identifiers the line gives (only the usable values), or `nil` when it gives none.
    public var sellerIdentifiers: SellerIdentifiers?
    /// What was wrong with identifier values that were left out, each naming its field.
    public var identifierProblems: [FeedProblem.Reason]
    /// PDQ hashes of the listing's images that the platform computed (`image_pdq`), with their index in the field.
    public var imageHashes: [ListingImageHash]
    /// What was wrong with `image_pdq` values that were left out, each naming its field (`image_pdq[1]`).
    public var imageProblems: [FeedProblem.Reason]

    /// Creates a decoded line.
    ///
    /// - Parameters:
    ///   - listing: the listing.
    ///   - sellerIdentifiers: the usable seller identifiers, if any.
    ///   - identifierProblems: the values left out.
    ///   - imageHashes: the platform's hashes of the listing's images.
    ///   - imageProblems: the `image_pdq` values left out.
    public init(
        listing: Listing, sellerIdentifiers: SellerIdentifiers? = nil, identifierProblems: [FeedProblem.Reason] = [],
        imageHashes: [ListingImageHash] = [], imageProblems: [FeedProblem.Reason] = []
    ) {
        self.listing = listing
        self.sellerIdentifiers = sellerIdentifiers
        self.identifierProblems = identifierProblems
        self.imageHashes = imageHashes
        self.imageProblems = imageProblems
    }
}

/// A PDQ hash of a listing image that the platform computed and sent in the feed's `image_pdq` field.
public struct ListingImageHash: Hashable, Sendable {
    /// The feed field holding it: `image_pdq` for a single string, `image_pdq[2]` for an array element.
    public var field: String
    /// The hash.
    public var hash: ImageHash

    /// Creates a listing image hash.
    ///
    /// - Parameters:
    ///   - field: the feed field.
    ///   - hash: the hash.
    public init(field: String, hash: ImageHash) {
        self.field = field
        self.hash = hash
    }
}

/// The `image_pdq` field of a feed line: a string or an array of strings, each 64 hexadecimal digits.
///
/// Decoding never fails on this field: a value that is not a PDQ hash is recorded as a problem and left out, so
/// the listing is still screened.
struct FeedImageHashes: Decodable {
    /// The usable hashes in feed order.
    var hashes: [ListingImageHash] = []
    /// The values left out.
    var problems: [FeedProblem.Reason] = []

    /// The feed key.
    static let field = "image_pdq"
    /// The most values read; a listing has a handful of images.
    static let maximumValues = 50

    init(from decoder: any Decoder) throws {
        let field = Self.field
        if let container = try? decoder.singleValueContainer(), container.decodeNil() { return }
        if let container = try? decoder.singleValueContainer(), let single = try? container.decode(String.self) {
            add(single, field: field)
            return
        }
        guard var list = try? decoder.unkeyedContainer() else {
            problems.append(.init(field: field, message: "expected a string or an array of strings; left out"))
            return
        }
        var index = 0
        while !list.isAtEnd {
            defer { index += 1 }
            if (try? list.decodeNil()) == true { continue }
            if let value = try? list.decode(String.self) {
                if index < Self.maximumValues {
                    add(value, field: "\(field)[\(index)]")
                } else if index == Self.maximumValues {
                    problems.append(
                        .init(field: field, message: "more than \(Self.maximumValues) values; the rest are left out"))
                }
                continue
            }
            _ = try? list.decode(AnyJSON.self)
            problems.append(.init(field: "\(field)[\(index)]", message: "expected a string; left out"))
        }
    }

    private mutating func add(_ value: String, field: String) {
        guard let hash = ImageHash(parsing: value.trimmingCharacters(in: .whitespaces)) else {
            problems.append(.init(field: field, message: "expected a PDQ hash of 64 hexadecimal digits; left out"))
            return
        }
        hashes.append(ListingImageHash(field: field, hash: hash))
    }

    /// Any JSON value, read and thrown away.
    private struct AnyJSON: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}

/// The seller identifier fields of a feed line's `seller` object, as given: each a string or an array of strings.
///
/// Decoding never fails on these fields: a value of the wrong type is recorded as a problem and left out, so the
/// rest of the line is still screened.
struct FeedSellerFields: Decodable {
    /// Raw values per kind, in feed order, with their index in the field (`nil` for a single string).
    var values: [(kind: SellerIdentifierKind, index: Int?, value: String)] = []
    /// Values of the wrong type.
    var problems: [FeedProblem.Reason] = []

    /// The feed key of each identifier kind, inside `seller`.
    enum Key: String, CodingKey, CaseIterable {
        case email
        case phone
        case paymentAccount = "payment_account"
        case address
        case shopImagePDQ = "shop_image_pdq"

        var kind: SellerIdentifierKind {
            switch self {
            case .email: .email
            case .phone: .phone
            case .paymentAccount: .paymentAccount
            case .address: .address
            case .shopImagePDQ: .shopImage
            }
        }
    }

    /// The most values one field may list; more are left out (a seller has a handful).
    static let maximumValuesPerField = 50

    /// Decodes whatever is usable, never throwing for these fields.
    init(from decoder: any Decoder) throws {
        guard let container = try? decoder.container(keyedBy: Key.self) else { return }
        for key in Key.allCases where container.contains(key) {
            let field = "seller." + key.rawValue
            if (try? container.decodeNil(forKey: key)) == true { continue }
            if let single = try? container.decode(String.self, forKey: key) {
                values.append((key.kind, nil, single))
                continue
            }
            guard var list = try? container.nestedUnkeyedContainer(forKey: key) else {
                problems.append(.init(field: field, message: "expected a string or an array of strings; left out"))
                continue
            }
            var index = 0
            while !list.isAtEnd {
                defer { index += 1 }
                if (try? list.decodeNil()) == true { continue }
                if let value = try? list.decode(String.self) {
                    if index < Self.maximumValuesPerField {
                        values.append((key.kind, index, value))
                    } else if index == Self.maximumValuesPerField {
                        problems.append(
                            .init(
                                field: field,
                                message: "more than \(Self.maximumValuesPerField) values; the rest are left out"))
                    }
                    continue
                }
                // A failed decode does not move an unkeyed container on; skipping the element does.
                _ = try? list.decode(Skipped.self)
                problems.append(.init(field: "\(field)[\(index)]", message: "expected a string; left out"))
            }
        }
    }

    /// Any JSON value, read and thrown away.
    private struct Skipped: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    /// The usable values as a seller's identifiers, and a problem for each value the normalizer refuses.
    ///
    /// - Parameters:
    ///   - seller: the seller the line names.
    ///   - normalizer: the rules values must satisfy to link sellers.
    func identifiers(of seller: Party.ID, normalizer: IdentifierNormalizer) -> (
        SellerIdentifiers?, [FeedProblem.Reason]
    ) {
        var problems = self.problems
        guard !values.isEmpty else { return (nil, problems) }
        var identifiers = SellerIdentifiers(seller: seller)
        for (kind, index, value) in values {
            let key = Key.allCases.first { $0.kind == kind }?.rawValue ?? kind.rawValue
            let field = "seller." + key + (index.map { "[\($0)]" } ?? "")
            if let reason = Self.rejection(of: value, as: kind, normalizer: normalizer) {
                problems.append(.init(field: field, message: Self.message(reason, kind: kind, normalizer: normalizer)))
                continue
            }
            switch kind {
            case .email: identifiers.emails.append(value)
            case .phone: identifiers.phones.append(value)
            case .paymentAccount: identifiers.paymentAccounts.append(value)
            case .address: identifiers.addresses.append(value)
            case .shopImage: identifiers.shopImageHashes.append(value)
            }
        }
        return (identifiers.values.isEmpty ? nil : identifiers, problems)
    }

    /// The longest raw value accepted, in UTF-8 bytes: no identifier is longer, and a huge one would be stored.
    static let maximumValueLength = 1_000

    /// Why the normalizer refuses `value`, or `nil` when it accepts it.
    static func rejection(
        of value: String, as kind: SellerIdentifierKind, normalizer: IdentifierNormalizer
    ) -> IdentifierNormalizer.RejectionReason? {
        guard value.utf8.count <= maximumValueLength else { return .malformed }
        let probe: SellerIdentifiers
        switch kind {
        case .email: probe = SellerIdentifiers(seller: "probe", emails: [value])
        case .phone: probe = SellerIdentifiers(seller: "probe", phones: [value])
        case .paymentAccount: probe = SellerIdentifiers(seller: "probe", paymentAccounts: [value])
        case .address: probe = SellerIdentifiers(seller: "probe", addresses: [value])
        case .shopImage: probe = SellerIdentifiers(seller: "probe", shopImageHashes: [value])
        }
        return normalizer.normalize(probe).rejected.first?.reason
    }

    /// What is wrong with a refused value, in words; the value itself is not repeated (it may be personal data).
    static func message(
        _ reason: IdentifierNormalizer.RejectionReason, kind: SellerIdentifierKind, normalizer: IdentifierNormalizer
    ) -> String {
        switch reason {
        case .ignored:
            return "a value on the ignore list (a placeholder or one unrelated sellers share); left out"
        case .malformed, .tooShort:
            let expected: String
            switch kind {
            case .email: expected = "an email address (name@domain.example)"
            case .phone: expected = "a phone number of at least \(normalizer.minimumPhoneDigits) digits"
            case .paymentAccount:
                expected = "a payment account of at least \(normalizer.minimumPaymentAccountLength) characters"
            case .address: expected = "an address of at least \(normalizer.minimumAddressLength) letters and digits"
            case .shopImage: expected = "a PDQ hash of 64 hexadecimal digits"
            }
            return "expected \(expected) (at most \(maximumValueLength) bytes); left out"
        }
    }
}
