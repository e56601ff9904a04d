import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOSSL

/// Builds the Custos HTTP server: the JSON API under `/api/v1`, the portal's pages, operations routes, and the
/// middleware every request passes (request log and metrics, security headers, errors, authentication).
public enum PortalApplication {
    /// The router with every route and middleware.
    public static func router(services: PortalServices) -> Router<PortalContext> {
        // HEAD is answered wherever GET is (RFC 9110 § 9.3.2), through the same middleware and handler, so the
        // same checks decide it; only the body is dropped.
        let router = Router(context: PortalContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: RequestLogMiddleware(metrics: services.metrics))
        router.add(middleware: SecurityHeadersMiddleware(tls: services.configuration.usesTLS))
        router.add(middleware: ErrorMiddleware(pages: services.pages))
        router.add(middleware: AuthenticationMiddleware(accounts: services.accounts))
        OperationsRoutes(services: services).register(on: router)
        let api = router.group("api/v1")
        AccountRoutes(services: services).register(on: api)
        RightsRoutes(services: services).register(on: api)
        MarkRoutes(services: services).register(on: api)
        ScreeningRoutes(services: services).register(on: api)
        ClueRoutes(services: services).register(on: api)
        EvidenceRoutes(services: services).register(on: api)
        ReportRoutes(services: services).register(on: api)
        CaseRoutes(services: services).register(on: api)
        DamagesRoutes(services: services).register(on: api)
        PartyRoutes(services: services).register(on: api)
        ImageRoutes(services: services).register(on: api)
        CopyRoutes(services: services).register(on: api)
        PortalPages(services: services).register(on: router)
        DamagesPages(services: services).register(on: router)
        PartyPages(services: services).register(on: router)
        CasePages(services: services).register(on: router)
        return router
    }

    /// The application, listening where the configuration says, with graceful shutdown on SIGTERM and SIGINT.
    public static func make(
        services: PortalServices, logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    )
        throws(APIError) -> some ApplicationProtocol
    {
        let configuration = services.configuration
        let address = ApplicationConfiguration(
            address: .hostname(configuration.host, port: configuration.port), serverName: "Custos")
        let server: HTTPServerBuilder
        if let certificate = configuration.tlsCertificate, let key = configuration.tlsKey {
            do {
                let tls = TLSConfiguration.makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMFile(certificate).map { .certificate($0) },
                    privateKey: .privateKey(try NIOSSLPrivateKey(file: key, format: .pem)))
                server = try .tls(.http1(), tlsConfiguration: tls)
            } catch {
                throw APIError(.badRequest, "The TLS certificate or key cannot be loaded: \(error)")
            }
        } else {
            server = .http1()
        }
        return Application(
            router: router(services: services), server: server, configuration: address,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}
