import CustosCore
import Foundation

/// Decodes and validates one feed line into a `Listing`, with an error message that names what is wrong.
public struct ListingDecoder: Sendable {
    private let decoder: JSONDecoder

    /// Creates a decoder that accepts RFC 3339 times with or without fractional seconds.
    public init() {
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
        let listing: Listing
        do {
            listing = try decoder.decode(Listing.self, from: Data(bytes))
        } catch let error as DecodingError {
            return .failure(FeedProblem.Reason(describing: error))
        } catch {
            return .failure(FeedProblem.Reason(field: nil, message: "not valid JSON"))
        }
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
        return .success(listing)
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
