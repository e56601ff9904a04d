import CustosCore
import Foundation
import Hummingbird

/// `/healthz` (the process answers), `/readyz` (the store and ledger answer), `/metrics` (Prometheus text, for an
/// authority's administrator or a scraper holding one's API token: its activity counters span every organisation),
/// `/openapi.json` (the API's description) and `/static/…` (the stylesheet).
struct OperationsRoutes {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.get("healthz") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        }
        router.get("readyz", use: ready)
        router.get("metrics") { _, context in
            _ = try context.require(.readMetrics)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: services.metrics.exposition())))
        }
        router.get("openapi.json") { _, _ in
            guard
                let url = Bundle.module.url(forResource: "Resources", withExtension: nil)?
                    .appendingPathComponent("openapi.json"), let data = try? Data(contentsOf: url)
            else { throw APIError(.internal, "The OpenAPI document is missing from the build.") }
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(data: data)))
        }
        router.get("static/:file") { _, context in
            let name = try context.parameter("file")
            guard name == "portal.css", let directory = PageRenderer.staticDirectory,
                let data = try? Data(contentsOf: directory.appendingPathComponent(name))
            else { throw APIError.notFound("static file") }
            return Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(data: data)))
        }
    }

    @Sendable func ready(_ request: Request, context: PortalContext) async throws -> Response {
        do {
            _ = try await services.store.organisations.organisations()
        } catch {
            throw APIError(.unavailable, "The store does not answer.")
        }
        _ = services.vault.log.size
        return Response(
            status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: "ready\n")))
    }
}
