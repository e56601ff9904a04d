import CustosCore
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Logs every request once it is answered (method, route, status, duration, request id, never the query string,
/// cookies or credentials), counts it in the metrics, and returns the request id in `X-Request-Id`.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let start = ContinuousClock.now
        var response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let route = context.endpointPath ?? "unmatched"
        response.headers[HTTPField.Name("X-Request-Id")!] = context.requestID
        metrics.recordRequest(
            method: request.method.rawValue, route: route, status: response.status.code, duration: elapsed)
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
        context.logger.log(
            level: response.status.code >= 500 ? .error : .info, "request",
            metadata: [
                "http.method": "\(request.method.rawValue)", "http.path": "\(request.uri.path)",
                "http.route": "\(route)", "http.status": "\(response.status.code)",
                "duration_ms": "\(String(format: "%.2f", milliseconds))",
                "user": "\(context.principal?.user.id.rawValue ?? "-")",
                "organisation": "\(context.principal?.organisation.id.rawValue ?? "-")",
            ])
        return response
    }
}

/// Turns every error into a response: the one JSON error shape under `/api/` and for clients that ask for JSON,
/// an HTML error page elsewhere. Internal failures are logged with their detail and answered with a generic
/// message and the request id.
struct ErrorMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let pages: PageRenderer

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let apiError = translate(error, context: context)
            if request.wantsJSON {
                return Self.jsonResponse(apiError, requestID: context.requestID)
            }
            var response = pages.errorPage(apiError, context: context)
            if let retry = apiError.retryAfter { response.headers[.retryAfter] = String(retry) }
            return response
        }
    }

    private func translate(_ error: any Error, context: Context) -> APIError {
        switch error {
        case let error as APIError where error.code == .internal:
            context.logger.error("internal error", metadata: ["error": "\(error.message)"])
            return APIError(.internal, "The server failed; quote request id \(context.requestID) when reporting it.")
        case let error as APIError:
            return error
        case let error as HTTPError:
            switch error.status.code {
            case 404: return APIError(.notFound, "No such page or resource.")
            case 405: return APIError(.methodNotAllowed, "That method is not allowed here.")
            case 413: return APIError(.tooLarge, "The request body is larger than this route accepts.")
            case 400..<500:
                return APIError(.badRequest, error.body ?? "The request is malformed.")
            default:
                context.logger.error("http error", metadata: ["error": "\(error)"])
                return APIError(
                    .internal, "The server failed; quote request id \(context.requestID) when reporting it.")
            }
        case is DecodingError:
            return APIError(.badRequest, "The JSON body does not match the schema: \(DecodingProblem(error))")
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return APIError(.internal, "The server failed; quote request id \(context.requestID) when reporting it.")
        }
    }

    /// The JSON error response.
    static func jsonResponse(_ error: APIError, requestID: String) -> Response {
        let body = ErrorBody(
            error: .init(
                code: error.code.name, message: error.message, details: error.details.isEmpty ? nil : error.details,
                requestID: requestID))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(body)) ?? Data("{\"error\":{\"code\":\"internal\"}}".utf8)
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        if let retry = error.retryAfter { headers[.retryAfter] = String(retry) }
        if error.code == .unauthenticated { headers[.wwwAuthenticate] = "Bearer realm=\"custos\"" }
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(data: data)))
    }
}

/// A readable sentence for a JSON decoding failure: which field, what was expected.
struct DecodingProblem: CustomStringConvertible {
    let error: any Error
    init(_ error: any Error) { self.error = error }

    var description: String {
        guard let error = error as? DecodingError else { return "unreadable JSON" }
        func path(_ context: DecodingError.Context) -> String {
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return path.isEmpty ? "the body" : path
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(path(context) == "the body" ? "" : path(context) + ".")\(key.stringValue) is missing"
        case .typeMismatch(let type, let context): return "\(path(context)) is not a \(type)"
        case .valueNotFound(let type, let context): return "\(path(context)) needs a \(type)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)) is invalid"
        @unknown default: return "unreadable JSON"
        }
    }
}

/// Adds the security headers to every response: a strict Content-Security-Policy (no scripts at all; the portal
/// needs none), `frame-ancestors 'none'`, `nosniff`, no referrer to other sites, no caching of signed-in pages, and HSTS under TLS.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let tls: Bool

    static let contentSecurityPolicy =
        "default-src 'none'; img-src 'self' data:; style-src 'self'; form-action 'self'; frame-ancestors 'none'; "
        + "base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] = "same-origin"
        response.headers[HTTPField.Name("Permissions-Policy")!] = "camera=(), microphone=(), geolocation=()"
        if response.headers[.cacheControl] == nil {
            response.headers[.cacheControl] = context.principal == nil ? "no-cache" : "no-store"
        }
        if tls { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}

/// Finds who is asking: an `Authorization: Bearer` API token or the portal's session cookie.
///
/// A bearer token that is wrong is refused at once (401); a stale cookie is ignored (the request continues as the
/// public, and pages that need a user redirect to the sign-in page). Unsafe methods sent with a session cookie
/// must prove they come from the portal: a cross-origin `Origin` is refused, and API calls need the session's
/// `X-CSRF-Token` header (forms carry the token in a field, checked by `FormReader`).
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = PortalContext
    let accounts: AccountService

    static let sessionCookie = "custos_session"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var context = context
        if let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer",
                let principal = try await accounts.principal(bearer: String(parts[1]))
            else {
                throw APIError(.unauthenticated, "The API token is unknown, expired or revoked.")
            }
            context.principal = principal
        } else if let secret = request.cookies[Self.sessionCookie]?.value, !secret.isEmpty, secret.utf8.count < 100 {
            context.principal = try await accounts.principal(sessionSecret: secret)
            if let principal = context.principal, request.method.isUnsafe {
                try Self.checkOrigin(request)
                if request.uri.path.hasPrefix("/api/") {
                    guard let header = request.headers[HTTPField.Name("X-CSRF-Token")!],
                        let expected = principal.csrfToken, SecretToken.equal(header, expected)
                    else {
                        throw APIError(.forbidden, "A session-authenticated API call needs the X-CSRF-Token header.")
                    }
                }
            }
        }
        return try await next(request, context)
    }

    /// Refuses an unsafe request whose `Origin` names another site.
    ///
    /// An absent or opaque (`null`) origin, which privacy settings and some redirects produce, is left to the
    /// CSRF token, which every form and session API call must carry anyway.
    static func checkOrigin(_ request: Request) throws(APIError) {
        guard let origin = request.headers[.origin], origin != "null" else { return }
        let host = request.head.authority ?? ""
        guard let url = URL(string: origin), let originHost = url.host else {
            throw APIError(.forbidden, "The request's Origin is malformed.")
        }
        let originAuthority = url.port.map { "\(originHost):\($0)" } ?? originHost
        guard originAuthority == host || originHost == host else {
            throw APIError(.forbidden, "Cross-origin form posts are refused.")
        }
    }
}

extension HTTPRequest.Method {
    /// Whether the method changes state (and so needs CSRF protection).
    var isUnsafe: Bool { self != .get && self != .head && self != .options }
}

extension Request {
    /// Whether the error answer should be JSON: API paths, and clients that accept JSON but not HTML.
    var wantsJSON: Bool {
        if uri.path.hasPrefix("/api/") || uri.path == "/openapi.json" { return true }
        let accept = headers[.accept] ?? ""
        return accept.contains("application/json") && !accept.contains("text/html")
    }
}
