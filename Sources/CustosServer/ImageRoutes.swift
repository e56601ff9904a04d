import Crypto
import CustosCore
import CustosImage
import CustosScreening
import CustosStore
import Foundation
import Hummingbird

/// The registered images of rights and image search:
///
/// - `POST /api/v1/images/search?max_distance=D`: the body is an image; answers its fingerprint and the
///   organisation's registered images that match it in any orientation.
/// - `GET /api/v1/rights/{id}/images`: a right's registered images.
/// - `PUT /api/v1/rights/{id}/images/{position}`: registers (or replaces) one image of a right; the body is the image.
/// - `DELETE /api/v1/rights/{id}/images/{position}`: removes one.
/// - `GET /api/v1/rights/{id}/images/{position}/thumbnail`: its JPEG thumbnail.
///
/// Every route answers only for the caller's organisation: another organisation's right is "not here" (404).
struct ImageRoutes {
    let services: PortalServices

    /// The most images one right may have registered.
    static let maximumImagesPerRight = 100

    func register(on api: RouterGroup<PortalContext>) {
        api.post("images/search", use: search)
        api.get("rights/:id/images", use: list)
        api.put("rights/:id/images/:position", use: upload)
        api.delete("rights/:id/images/:position", use: delete)
        api.get("rights/:id/images/:position/thumbnail", use: thumbnail)
    }

    @Sendable func search(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readPortfolio)
        let maxDistance = try Self.maxDistance(request)
        let decoded = try await receiveImage(request)
        let fingerprint = ImageFingerprinter().fingerprint(decoded.image)
        let hits = try await stored {
            try await RightImageSearch.search(
                fingerprint, maxDistance: maxDistance, in: services.store, organisation: principal.organisation.id)
        }
        return try JSONResponse.make(
            ImageSearchDocument(fingerprint: fingerprint, maxDistance: maxDistance, hits: hits))
    }

    @Sendable func list(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readPortfolio)
        let right = try await existingRight(context, principal: principal)
        let images = try await stored {
            try await services.store.rightImages.images(of: right, in: principal.organisation.id)
        }
        return try JSONResponse.make(RightImageList(right: right, items: images.map(RightImageDocument.init)))
    }

    @Sendable func upload(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let right = try await existingRight(context, principal: principal)
        let position = try Self.position(context)
        let stored = try await register(request, right: right, position: position, principal: principal)
        return try JSONResponse.make(RightImageDocument(stored.image), status: stored.replaced ? .ok : .created)
    }

    @Sendable func delete(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let right = try await existingRight(context, principal: principal)
        let position = try Self.position(context)
        try await Self.removeImage(at: position, of: right, in: principal.organisation.id, store: services.store)
        return Response(status: .noContent)
    }

    @Sendable func thumbnail(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readPortfolio)
        let right = try await existingRight(context, principal: principal)
        let position = try Self.position(context)
        let images = try await stored {
            try await services.store.rightImages.images(of: right, in: principal.organisation.id)
        }
        guard let image = images.first(where: { $0.position == position }) else {
            throw APIError.notFound("image \(position) of right \(right)")
        }
        guard let thumbnail = image.thumbnail else {
            throw APIError.notFound("thumbnail of image \(position) of right \(right)")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "image/jpeg", .cacheControl: "private, max-age=300"],
            body: .init(byteBuffer: ByteBuffer(data: thumbnail)))
    }

    /// Fingerprints an uploaded image and stores it as image `position` of `right`, keeping the right's other
    /// images (the store replaces a right's images together).
    ///
    /// - Returns: the stored image, and whether it replaced one at that position.
    func register(
        _ request: Request, right: Right.ID, position: Int, principal: Principal
    ) async throws -> (image: RightImage, replaced: Bool) {
        let decoded = try await receiveImage(request)
        return try await Self.store(
            decoded, source: "upload", right: right, position: position, organisation: principal.organisation.id,
            store: services.store)
    }

    /// Stores a decoded upload as image `position` of `right`, merged with the right's other images.
    static func store(
        _ decoded: DecodedUpload, source: String, right: Right.ID, position: Int, organisation: Organisation.ID,
        store: any CustosStore
    ) async throws(APIError) -> (image: RightImage, replaced: Bool) {
        let fingerprint = ImageFingerprinter().fingerprint(decoded.image)
        // A thumbnail is a convenience for pages; an image that cannot be shrunk is still registered.
        let thumbnail = try? Thumbnailer().thumbnail(of: decoded.image)
        let image = RightImage(
            organisation: organisation, right: right, position: position, source: source,
            sha256: decoded.sha256, hash: fingerprint.hash, quality: fingerprint.quality,
            width: decoded.image.width, height: decoded.image.height, thumbnail: thumbnail, recordedAt: Date())
        let existing = try await stored { try await store.rightImages.images(of: right, in: organisation) }
        let replaced = existing.contains { $0.position == position }
        guard replaced || existing.count < maximumImagesPerRight else {
            throw APIError(
                .unprocessable, "Right \(right) already has \(maximumImagesPerRight) images; delete one first.")
        }
        let merged = (existing.filter { $0.position != position } + [image]).sorted { $0.position < $1.position }
        try await stored { try await store.rightImages.replaceImages(merged) }
        return (image, replaced)
    }

    /// Removes image `position` of `right`, keeping the others at their positions (clue signals name them).
    static func removeImage(
        at position: Int, of right: Right.ID, in organisation: Organisation.ID, store: any CustosStore
    ) async throws(APIError) {
        let existing = try await stored { try await store.rightImages.images(of: right, in: organisation) }
        guard existing.contains(where: { $0.position == position }) else {
            throw APIError.notFound("image \(position) of right \(right)")
        }
        let kept = existing.filter { $0.position != position }
        try await stored {
            if kept.isEmpty {
                try await store.rightImages.deleteImages(of: right, in: organisation)
            } else {
                try await store.rightImages.replaceImages(kept)
            }
        }
    }

    /// The right named in the path, when the caller's organisation holds it.
    private func existingRight(_ context: PortalContext, principal: Principal) async throws -> Right.ID {
        let id = Right.ID(try context.parameter("id"))
        guard try await stored({ try await services.store.rights.right(id, in: principal.organisation.id) }) != nil
        else { throw APIError.notFound("right \(id)") }
        return id
    }

    /// Streams the body to a spool file within the upload limit and decodes it.
    private func receiveImage(_ request: Request) async throws(APIError) -> DecodedUpload {
        let limit = services.configuration.maxUploadBytes
        let spool = try await UploadSpool.write(request.body, to: services.uploads, limit: limit)
        defer { spool.discard() }
        guard spool.size > 0 else { throw APIError(.badRequest, "The body is empty; send the image's bytes.") }
        let bytes: Data
        do {
            bytes = try Data(contentsOf: spool.url)
        } catch {
            throw APIError(.internal, "The upload cannot be read back.")
        }
        return try Self.decode(bytes, limits: ImageLimits(maximumFileBytes: limit))
    }

    /// Decodes uploaded bytes, mapping decoding errors to the API's: too large → 413, anything else → 422.
    static func decode(_ bytes: Data, limits: ImageLimits) throws(APIError) -> DecodedUpload {
        do {
            let image = try ImageDecoder(limits: limits).decode(bytes, source: "The image")
            let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            return DecodedUpload(image: image, sha256: digest)
        } catch let error as ImageError {
            throw APIError(error.code == .tooLarge ? .tooLarge : .unprocessable, error.message)
        } catch {
            throw APIError(.unprocessable, "The image cannot be decoded.")
        }
    }

    /// The `max_distance` query parameter, 31 by default.
    static func maxDistance(_ request: Request) throws(APIError) -> Int {
        guard let text = request.query("max_distance"), !text.isEmpty else { return PDQHasher.matchThreshold }
        guard let value = Int(text), (0...RightImageSearch.maximumDistance).contains(value) else {
            throw APIError(
                .badRequest, "max_distance must be a whole number from 0 to \(RightImageSearch.maximumDistance).")
        }
        return value
    }

    /// The `{position}` path parameter.
    static func position(_ context: PortalContext) throws -> Int {
        let text = try context.parameter("position")
        guard let value = Int(text), (0..<maximumImagesPerRight).contains(value) else {
            throw APIError(
                .badRequest, "The image position must be a whole number from 0 to \(maximumImagesPerRight - 1).")
        }
        return value
    }

    /// The path of an image's thumbnail.
    static func thumbnailPath(right: Right.ID, position: Int) -> String {
        "/api/v1/rights/\(PageFormat.segment(right.rawValue))/images/\(position)/thumbnail"
    }
}

/// An uploaded image, decoded, with the SHA-256 of its bytes.
struct DecodedUpload: Sendable {
    var image: RGBImage
    var sha256: String
}

/// A registered image as the API shows it (without the thumbnail's bytes: `thumbnail` links to them).
struct RightImageDocument: Encodable, Sendable {
    var right: String
    var position: Int
    var source: String
    var sha256: String
    var pdq: String
    var quality: Int
    var usable: Bool
    var width: Int
    var height: Int
    var thumbnail: String?
    var recordedAt: Date

    init(_ image: RightImage) {
        right = image.right.rawValue
        position = image.position
        source = image.source
        sha256 = image.sha256
        pdq = image.hash.hex
        quality = image.quality
        usable = image.quality >= PDQHasher.minimumQuality
        width = image.width
        height = image.height
        thumbnail =
            image.thumbnail == nil ? nil : ImageRoutes.thumbnailPath(right: image.right, position: image.position)
        recordedAt = image.recordedAt
    }

    enum CodingKeys: String, CodingKey {
        case right = "right_id"
        case position, source, sha256, pdq, quality, usable, width, height, thumbnail
        case recordedAt = "recorded_at"
    }
}

/// `GET /api/v1/rights/{id}/images`.
struct RightImageList: Encodable, Sendable {
    var right: String
    var items: [RightImageDocument]

    init(right: Right.ID, items: [RightImageDocument]) {
        self.right = right.rawValue
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case right = "right_id"
        case items
    }
}

/// `POST /api/v1/images/search`.
struct ImageSearchDocument: Encodable, Sendable {
    struct Match: Encodable, Sendable {
        var right: String
        var name: String
        var kind: String
        var position: Int
        var distance: Int
        var orientation: String
        var pdq: String
        var quality: Int
        var thumbnail: String?

        enum CodingKeys: String, CodingKey {
            case right = "right_id"
            case name, kind, position, distance, orientation, pdq, quality, thumbnail
        }
    }

    var pdq: String
    var quality: Int
    var usable: Bool
    var width: Int
    var height: Int
    var maxDistance: Int
    var matches: [Match]

    init(fingerprint: ImageFingerprint, maxDistance: Int, hits: [RightImageSearchHit]) {
        pdq = fingerprint.hash.hex
        quality = fingerprint.quality
        usable = fingerprint.isUsable
        width = fingerprint.width
        height = fingerprint.height
        self.maxDistance = maxDistance
        matches = hits.map {
            Match(
                right: $0.right.rawValue, name: $0.name, kind: $0.kind.rawValue, position: $0.position,
                distance: $0.distance, orientation: $0.orientation, pdq: $0.pdq.hex, quality: $0.quality,
                thumbnail: $0.hasThumbnail ? ImageRoutes.thumbnailPath(right: $0.right, position: $0.position) : nil)
        }
    }

    enum CodingKeys: String, CodingKey {
        case pdq, quality, usable, width, height
        case maxDistance = "max_distance"
        case matches
    }
}
