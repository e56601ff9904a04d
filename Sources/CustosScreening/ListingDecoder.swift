import CustosCore
import CustosCredit
import Foundation

/// Decodes and validates one feed line into a `Listing`, with an error message that names what is wrong.
public struct ListingDecoder: Sendable {
    private let decoder: JSONDecoder
    /// The rules seller identifiers must satisfy; values it refuses are left out and reported.
    public var normalizer: IdentifierNormalizer

    /// Creates a decoder that accepts RFC 3339 times with or without fractional seconds.
    ///
    /// - Parameter normalizer: the rules seller identifiers must satisfy to be kept.
    public init(normalizer: IdentifierNormalizer = .standard) {
        self.normalizer = normalizer
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Self.parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not an RFC 3339 time: \(text)")
            }
            return date
        }
        self.decoder = decoder
    }

    /// The listing on a line, or a message naming the field that is wrong.
    public func decode(_ bytes: [UInt8]) -> Result<Listing, FeedProblem.Reason> {
        decodeLine(bytes).map(\.listing)
    }

    /// The listing on a line with the seller identifiers it gives, or a message naming the field that is wrong.
    ///
    /// Seller identifier fields (`seller.email`, `seller.phone`, `seller.payment_account`, `seller.address`,
    /// `seller.shop_image_pdq`) never make a line bad: a value of the wrong type, or one the normalizer refuses, is
    /// left out and named in ``FeedListing/identifierProblems``. Neither does `image_pdq`: a value that is not a PDQ
    /// hash is left out and named in ``FeedListing/imageProblems``.
    ///
    /// - Parameter bytes: one feed line.
    /// - Returns: the decoded line, or why it cannot be screened.
    public func decodeLine(_ bytes: [UInt8]) -> Result<FeedListing, FeedProblem.Reason> {
        let line: FeedLine
        do {
            line = try decoder.decode(FeedLine.self, from: Data(bytes))
        } catch let error as DecodingError {
            return .failure(FeedProblem.Reason(describing: error))
        } catch {
            return .failure(FeedProblem.Reason(field: nil, message: "not valid JSON"))
        }
        let listing = line.listing
        if listing.id.rawValue.isEmpty { return .failure(.init(field: "id", message: "must not be empty")) }
        if listing.title.trimmingCharacters(in: .whitespaces).isEmpty {
            return .failure(.init(field: "title", message: "must not be empty"))
        }
        if listing.seller.id.rawValue.isEmpty {
            return .failure(.init(field: "seller.id", message: "must not be empty"))
        }
        if let price = listing.price, !(price.isFinite && price >= 0) {
            return .failure(.init(field: "price", message: "must be a number ≥ 0"))
        }
        if let currency = listing.currency, currency.count != 3 || !currency.allSatisfy(\.isLetter) {
            return .failure(.init(field: "currency", message: "must be a three-letter ISO 4217 code, got \(currency)"))
        }
        var decoded = FeedListing(
            listing: listing, imageHashes: line.imageHashes?.hashes ?? [],
            imageProblems: line.imageHashes?.problems ?? [])
        if let fields = line.seller {
            (decoded.sellerIdentifiers, decoded.identifierProblems) = fields.identifiers(
                of: listing.seller.id, normalizer: normalizer)
        }
        return .success(decoded)
    }

    /// A feed line: the listing, the seller identifier fields read leniently from the same `seller` object, and
    /// the platform's image hashes read leniently from `image_pdq`.
    private struct FeedLine: Decodable {
        var listing: Listing
        var seller: FeedSellerFields?
        var imageHashes: FeedImageHashes?

        init(from decoder: any Decoder) throws {
            listing = try Listing(from: decoder)
            let container = try decoder.container(keyedBy: Keys.self)
            seller = try? container.decodeIfPresent(FeedSellerFields.self, forKey: .seller)
            imageHashes = try? container.decodeIfPresent(FeedImageHashes.self, forKey: .imagePDQ)
        }

        enum Keys: String, CodingKey {
            case seller
            case imagePDQ = "image_pdq"
        }
    }

    static func parseDate(_ text: String) -> Date? {
        let plain = Date.ISO8601FormatStyle()
        if let date = try? plain.parse(text) { return date }
        return try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)
    }
}

/// A feed line that could not be screened.
public struct FeedProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What is wrong with a line.
    public struct Reason: Hashable, Sendable, Codable, Error {
        /// The field at fault, when one is (dotted path, e.g. `seller.id`).
        public var field: String?
        /// What is wrong.
        public var message: String

        /// Creates a reason.
        public init(field: String?, message: String) {
            self.field = field
            self.message = message
        }

        init(describing error: DecodingError) {
            func path(_ context: DecodingError.Context, adding key: (any CodingKey)? = nil) -> String? {
                let keys = context.codingPath + (key.map { [$0] } ?? [])
                let text = keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                return text.isEmpty ? nil : text.replacingOccurrences(of: ".[", with: "[")
            }
            switch error {
            case .keyNotFound(let key, let context):
                self.init(field: path(context, adding: key), message: "missing")
            case .typeMismatch(let type, let context):
                self.init(field: path(context), message: "expected \(Self.name(of: type))")
            case .valueNotFound(let type, let context):
                self.init(field: path(context), message: "expected \(Self.name(of: type)), got null")
            case .dataCorrupted(let context):
                let message = path(context) == nil ? "not valid JSON" : context.debugDescription
                self.init(field: path(context), message: message)
            @unknown default:
                self.init(field: nil, message: "cannot be decoded")
            }
        }

        private static func name(of type: Any.Type) -> String {
            switch type {
            case is String.Type: "a string"
            case is Double.Type, is Int.Type: "a number"
            case is [String].Type: "an array of strings"
            case is Date.Type: "an RFC 3339 time"
            default: "a value of type \(type)"
            }
        }
    }

    /// The feed's path as given.
    public var file: String
    /// 1-based line number.
    public var line: Int
    /// What is wrong.
    public var reason: Reason

    /// Creates a problem.
    public init(file: String, line: Int, reason: Reason) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `FEED:LINE: field: what is wrong`.
    public var description: String {
        "\(file):\(line): " + (reason.field.map { "\($0): " } ?? "") + reason.message
    }
}
