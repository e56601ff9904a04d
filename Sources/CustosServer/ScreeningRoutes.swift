import CustosCore
import CustosScreening
import Foundation
import Hummingbird

/// `POST /api/v1/screenings`: screens a JSON Lines feed of listings (the body, streamed) against the
/// organisation's portfolio, stores the listings and clues, and answers the report with per-line problems.
struct ScreeningRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.post("screenings", use: screen)
    }

    @Sendable func screen(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.screenListings)
        let spool = try await UploadSpool.write(
            request.body, to: services.uploads, limit: services.configuration.maxUploadBytes)
        defer { spool.discard() }
        var screening = FeedScreening(store: services.store, organisation: principal.organisation.id)
        // The feed's image paths name files on the sender's machine; reading them here would open server files.
        // Platforms send the hashes instead (`image_pdq`).
        screening.readsLocalImages = false
        let report: ScreeningReport
        do {
            report = try await screening.run(feed: spool.url, displayName: "feed") { _ in }
        } catch {
            throw APIError(.unprocessable, "The feed cannot be screened: \(error)")
        }
        return try JSONResponse.make(
            report, status: report.badLines > 0 && report.listingsScreened == 0 ? .unprocessableContent : .ok)
    }
}
