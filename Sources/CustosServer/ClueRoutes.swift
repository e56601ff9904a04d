import CustosCore
import CustosLedger
import CustosStore
import Foundation
import Hummingbird

/// `/api/v1/clues`: the organisation's infringement clues: the queue with filters, detail, review, deposit.
struct ClueRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.get("clues", use: list)
        api.get("clues/:id", use: read)
        api.post("clues/:id/confirm") { request, context in
            try await review(request, context: context, status: .confirmed)
        }
        api.post("clues/:id/dismiss") { request, context in
            try await review(request, context: context, status: .dismissed)
        }
        api.post("clues/:id/evidence", use: deposit)
    }

    @Sendable func list(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readClues)
        let paging = try Paging(request)
        let query = try Self.query(request, paging: paging)
        let organisation = principal.organisation.id
        let clues = try await stored { try await services.store.clues.clues(in: organisation, matching: query) }
        let total = try await stored { try await services.store.clues.countClues(in: organisation, matching: query) }
        return try JSONResponse.make(ListPage(items: clues.map { ClueDocument($0) }, total: total, paging: paging))
    }

    @Sendable func read(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readClues)
        let detail = try await ClueLookup(services: services).detail(try context.parameter("id"), principal: principal)
        return try JSONResponse.make(detail)
    }

    func review(_ request: Request, context: PortalContext, status: Clue.Status) async throws -> Response {
        let principal = try context.require(.reviewClues)
        let clue = try await ClueLookup(services: services).review(
            try context.parameter("id"), status: status, principal: principal)
        return try JSONResponse.make(ClueDocument(clue))
    }

    @Sendable func deposit(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.depositEvidence)
        let receipt = try await ClueLookup(services: services).deposit(
            try context.parameter("id"), principal: principal)
        return try JSONResponse.make(EvidenceDeposited(receipt), status: .created)
    }

    /// The clue filters of the API and the portal's queue.
    static func query(_ request: Request, paging: Paging) throws(APIError) -> ClueQuery {
        var query = ClueQuery(limit: paging.limit, offset: paging.offset)
        if let status = request.query("status"), !status.isEmpty {
            guard let parsed = Clue.Status(rawValue: status) else {
                throw APIError(.badRequest, "status must be open, confirmed or dismissed, not \"\(status)\".")
            }
            query.status = parsed
        }
        query.minimumScore = try request.number("min_score", default: 0, in: 0...1)
        if let seller = request.query("seller"), !seller.isEmpty { query.seller = Party.ID(seller) }
        if let right = request.query("right"), !right.isEmpty { query.right = Right.ID(right) }
        return query
    }
}

/// Clue reads and writes shared by the API and the portal, always scoped to the principal's organisation.
struct ClueLookup {
    let services: PortalServices

    func clue(_ id: String, principal: Principal) async throws(APIError) -> Clue {
        let organisation = principal.organisation.id
        guard let clue = try await stored({ try await services.store.clues.clue(Clue.ID(id), in: organisation) })
        else { throw APIError.notFound("clue \(id)") }
        return clue
    }

    func detail(_ id: String, principal: Principal) async throws(APIError) -> ClueDetail {
        let clue = try await clue(id, principal: principal)
        let organisation = principal.organisation.id
        let listing = try await stored { try await services.store.listings.listing(clue.listing, in: organisation) }
        let right = try await stored { try await services.store.rights.right(clue.right, in: organisation) }
        return ClueDetail(
            clue: ClueDocument(clue), listing: listing.map(ListingDocument.init), right: right.map(RightDocument.init))
    }

    func review(_ id: String, status: Clue.Status, principal: Principal) async throws(APIError) -> Clue {
        let organisation = principal.organisation.id
        guard
            let clue = try await stored({
                try await services.store.clues.setStatus(status, of: Clue.ID(id), in: organisation, at: Date())
            })
        else { throw APIError.notFound("clue \(id)") }
        services.metrics.recordEvent("clue_review")
        return clue
    }

    /// Deposits the clue with its listing and right, as one JSON document, in the evidence ledger.
    func deposit(_ id: String, principal: Principal) async throws(APIError) -> EvidenceReceipt {
        let detail = try await detail(id, principal: principal)
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            data = try encoder.encode(detail)
        } catch {
            throw APIError(.internal, "The clue could not be encoded: \(error)")
        }
        let url = services.uploads.appendingPathComponent("clue-\(UUID().uuidString).json")
        do {
            try data.write(to: url)
        } catch {
            throw APIError(.internal, "Cannot spool the clue: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let deposit = EvidenceVault.Deposit(
            file: url, depositor: .init(organisation: principal.organisation.id.rawValue, user: principal.user.login),
            fileName: "clue-\(id).json", mediaType: "application/json",
            links: .init(right: detail.clue.right, clue: detail.clue.id),
            description: "Clue \(id): listing \(detail.clue.listing) against right \(detail.clue.right)")
        return try await EvidenceDeposits(services: services).deposit([deposit], principal: principal)[0]
    }
}

/// A clue as the API shows it.
struct ClueDocument: Codable, Sendable {
    struct SignalDocument: Codable, Sendable {
        var kind: String
        var strength: Double
        var reason: String
        var image: ImageDocument?
    }

    /// An `image_match` signal's facts, with the path of the matched registered image's thumbnail.
    struct ImageDocument: Codable, Sendable {
        var listingImage: String
        var right: String
        var rightImagePosition: Int
        var distance: Int
        var orientation: String
        var thumbnail: String

        init(_ evidence: ImageMatchEvidence) {
            listingImage = evidence.listingImage
            right = evidence.right.rawValue
            rightImagePosition = evidence.rightImagePosition
            distance = evidence.distance
            orientation = evidence.orientation
            thumbnail = ImageRoutes.thumbnailPath(right: evidence.right, position: evidence.rightImagePosition)
        }

        enum CodingKeys: String, CodingKey {
            case listingImage = "listing_image"
            case right = "right_id"
            case rightImagePosition = "right_image_position"
            case distance, orientation, thumbnail
        }
    }

    var id: String
    var listing: String
    var right: String
    var seller: String
    var score: Double
    var status: String
    var signals: [SignalDocument]
    var createdAt: Date
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, listing, right, seller, score, status, signals
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ clue: Clue) {
        id = clue.id.rawValue
        listing = clue.listing.rawValue
        right = clue.right.rawValue
        seller = clue.seller.rawValue
        score = (clue.score * 1000).rounded() / 1000
        status = clue.status.rawValue
        signals = clue.signals.map {
            SignalDocument(
                kind: $0.kind.rawValue, strength: ($0.strength * 1000).rounded() / 1000, reason: $0.reason,
                image: $0.image.map(ImageDocument.init))
        }
        createdAt = clue.createdAt
        updatedAt = clue.updatedAt
    }
}

/// A listing as the API shows it (the feed's field names).
struct ListingDocument: Codable, Sendable {
    struct Seller: Codable, Sendable {
        var id: String
        var name: String
        var region: String?
    }

    var id: String
    var platform: String
    var url: String?
    var title: String
    var description: String
    var price: Double?
    var currency: String?
    var seller: Seller
    var images: [String]
    var category: String?
    var observedAt: Date

    enum CodingKeys: String, CodingKey {
        case id, platform, url, title, description, price, currency, seller, images, category
        case observedAt = "observed_at"
    }

    init(_ listing: Listing) {
        id = listing.id.rawValue
        platform = listing.platform
        url = listing.url
        title = listing.title
        description = listing.description
        price = listing.price
        currency = listing.currency
        seller = Seller(id: listing.seller.id.rawValue, name: listing.seller.name, region: listing.seller.region)
        images = listing.images
        category = listing.category
        observedAt = listing.observedAt
    }
}

/// A clue with the listing and right it links.
struct ClueDetail: Encodable, Sendable {
    var clue: ClueDocument
    var listing: ListingDocument?
    var right: RightDocument?
}
