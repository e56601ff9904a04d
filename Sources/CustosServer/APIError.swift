import Foundation
import Hummingbird

/// A request that cannot be served, in the struct-plus-code shape used across Custos.
///
/// Every failure of the JSON API is answered with one shape,
/// `{"error": {"code": "not_found", "message": "…", "request_id": "…"}}`, and pages render the same message in
/// an HTML error page. Messages are safe to show: they never carry secrets, stack traces or another
/// organisation's data.
public struct APIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code with its HTTP status.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's name in responses (`not_found`).
        public let name: String
        /// The HTTP status it is answered with.
        public let status: Int

        private init(_ name: String, _ status: Int) {
            self.name = name
            self.status = status
        }

        /// The request is malformed: a bad parameter, body or file.
        public static let badRequest = Code("bad_request", 400)
        /// Nobody is signed in, or the credentials are wrong.
        public static let unauthenticated = Code("unauthenticated", 401)
        /// The signed-in role may not do this.
        public static let forbidden = Code("forbidden", 403)
        /// There is no such object, or it belongs to another organisation.
        public static let notFound = Code("not_found", 404)
        /// The method is not allowed on this path.
        public static let methodNotAllowed = Code("method_not_allowed", 405)
        /// The request conflicts with what is stored (a duplicate login, say).
        public static let conflict = Code("conflict", 409)
        /// The body is larger than the route accepts.
        public static let tooLarge = Code("payload_too_large", 413)
        /// The body's media type is not one the route accepts.
        public static let unsupportedMediaType = Code("unsupported_media_type", 415)
        /// The body is well-formed but its content is invalid.
        public static let unprocessable = Code("unprocessable", 422)
        /// The account is locked after too many failed sign-ins.
        public static let locked = Code("locked", 423)
        /// Too many requests from this client; retry later.
        public static let rateLimited = Code("rate_limited", 429)
        /// The server failed; the request id finds the details in the log.
        public static let `internal` = Code("internal", 500)
        /// A dependency (the store, the ledger) is not ready.
        public static let unavailable = Code("unavailable", 503)

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where.
    public var message: String
    /// Per-field problems of an invalid request body, when there are any.
    public var details: [String]
    /// Seconds to wait before retrying (for `rateLimited` and `locked`).
    public var retryAfter: Int?

    /// Creates an error.
    public init(_ code: Code, _ message: String, details: [String] = [], retryAfter: Int? = nil) {
        self.code = code
        self.message = message
        self.details = details
        self.retryAfter = retryAfter
    }

    /// The human sentence.
    public var description: String { "\(code.name): \(message)" }

    /// "There is no such object": the answer for missing objects and for other organisations' objects alike.
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, "No \(what) here.")
    }

    /// The HTTP status.
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: code.status) }
}

/// The JSON body of every error response.
struct ErrorBody: Codable, Sendable {
    /// The error object.
    struct Detail: Codable, Sendable {
        var code: String
        var message: String
        var details: [String]?
        var requestID: String

        enum CodingKeys: String, CodingKey {
            case code, message, details
            case requestID = "request_id"
        }
    }

    var error: Detail
}
