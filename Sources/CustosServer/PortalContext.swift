import CustosCore
import Hummingbird
import Logging

/// The request context of every Custos route: Hummingbird's core storage plus who is asking.
public struct PortalContext: RequestContext {
    /// Hummingbird's per-request storage (logger, parameters, endpoint).
    public var coreContext: CoreRequestContextStorage
    /// The signed-in user, set by `AuthenticationMiddleware`; `nil` for the public.
    public var principal: Principal?
    /// The client's address (for rate limiting), from the channel.
    public var remoteAddress: String

    /// Creates the context for a request.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// JSON bodies are small; uploads stream and check their own limits.
    public var maxUploadSize: Int { 1 << 20 }

    /// The signed-in principal, or `unauthenticated`.
    public func requirePrincipal() throws(APIError) -> Principal {
        guard let principal else { throw APIError(.unauthenticated, "Sign in first.") }
        return principal
    }

    /// The signed-in principal holding `permission`, else `unauthenticated` or `forbidden`.
    public func require(_ permission: Permission) throws(APIError) -> Principal {
        let principal = try requirePrincipal()
        try principal.require(permission)
        return principal
    }

    /// The request id Hummingbird put in the logger's metadata.
    public var requestID: String { logger[metadataKey: "hb.request.id"]?.description ?? "-" }
}
