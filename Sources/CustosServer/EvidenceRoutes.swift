import CustosCore
import CustosLedger
import Foundation
import Hummingbird

/// `/api/v1/evidence`: deposits, entries, files, receipts, proofs and bundles of the organisation, and the log's
/// public checkpoint and key.
struct EvidenceRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.get("evidence", use: list)
        api.post("evidence", use: deposit)
        api.post("evidence/bundle", use: bundle)
        api.post("evidence/captures", use: capture)
        api.get("evidence/consistency", use: consistency)
        api.get("evidence/:id", use: read)
        api.get("evidence/:id/file", use: file)
        api.get("evidence/:id/receipt", use: receipt)
        api.get("evidence/:id/proof", use: proof)
        api.get("checkpoint", use: checkpoint)
        api.get("log-key", use: logKey)
    }

    @Sendable func list(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readEvidence)
        let paging = try Paging(request)
        let page = try await EvidenceDeposits(services: services).page(principal: principal, paging: paging)
        return try JSONResponse.make(page)
    }

    /// `POST /api/v1/evidence?file_name=…&description=…&right=…&clue=…`: the body is the file, streamed.
    @Sendable func deposit(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.depositEvidence)
        let spool = try await UploadSpool.write(
            request.body, to: services.uploads, limit: services.configuration.maxUploadBytes)
        defer { spool.discard() }
        let contentType = request.headers[.contentType].flatMap { $0.split(separator: ";").first }.map(String.init)
        let deposit = try EvidenceDeposits.request(
            file: spool.url, fileName: request.query("file_name"),
            mediaType: contentType == "application/octet-stream" ? nil : contentType,
            description: request.query("description"), right: request.query("right"), clue: request.query("clue"),
            principal: principal)
        let receipts = try await EvidenceDeposits(services: services).deposit([deposit], principal: principal)
        return try JSONResponse.make(EvidenceDeposited(receipts[0]), status: .created)
    }

    /// `POST /api/v1/evidence/captures` with `{"url": "https://…", "note": "…"}`: captures the page as a WARC and
    /// deposits it, answering as a deposit does.
    @Sendable func capture(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.depositEvidence)
        let body = try await JSONResponse.decode(CaptureRequest.self, from: request, limit: 64 << 10)
        let receipt = try await EvidenceDeposits(services: services).capture(
            body.url, description: body.note, right: body.right, clue: body.clue, principal: principal)
        return try JSONResponse.make(EvidenceDeposited(receipt), status: .created)
    }

    @Sendable func read(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readEvidence)
        let index = try EvidenceDeposits.index(try context.parameter("id"))
        let entry = try EvidenceDeposits(services: services).entry(index, principal: principal)
        return try JSONResponse.make(EvidenceItem(index: index, entry: entry))
    }

    @Sendable func file(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readEvidence)
        let index = try EvidenceDeposits.index(try context.parameter("id"))
        let entry = try EvidenceDeposits(services: services).entry(index, principal: principal)
        return try FileResponse.make(
            services.vault.blobs.url(forSHA256: entry.sha256), mediaType: entry.mediaType, fileName: entry.fileName)
    }

    @Sendable func receipt(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readEvidence)
        let index = try EvidenceDeposits.index(try context.parameter("id"))
        let receipt = try ledger { () throws(LedgerError) in
            try services.vault.receipt(for: index, organisation: principal.organisation.id.rawValue)
        }
        return try JSONResponse.make(receipt)
    }

    @Sendable func proof(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readEvidence)
        let index = try EvidenceDeposits.index(try context.parameter("id"))
        _ = try EvidenceDeposits(services: services).entry(index, principal: principal)
        let logSize = services.vault.log.size
        let size = UInt64(
            try request.integer("tree_size", default: Int(logSize), in: Int(index) + 1...Int(max(logSize, index + 1))))
        let proof = try ledger { () throws(LedgerError) in
            try EvidenceBundle.InclusionProofFile.make(log: services.vault.log, index: index, size: size)
        }
        return try JSONResponse.make(proof)
    }

    @Sendable func consistency(_ request: Request, context: PortalContext) async throws -> Response {
        _ = try context.require(.readEvidence)
        let size = Int(services.vault.log.size)
        guard size > 0 else { throw APIError(.badRequest, "The log is empty: there is nothing to prove.") }
        let new = try request.integer("new", default: size, in: 1...size)
        let old = try request.integer("old", default: 1, in: 1...new)
        let proof = try ledger { () throws(LedgerError) in
            try EvidenceBundle.ConsistencyProofFile.make(log: services.vault.log, old: UInt64(old), new: UInt64(new))
        }
        return try JSONResponse.make(proof)
    }

    /// `POST /api/v1/evidence/bundle` with `{"entries": ["E1", 2]}`: a zip anyone verifies offline.
    @Sendable func bundle(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readEvidence)
        let body = try await JSONResponse.decode(BundleRequest.self, from: request)
        let indexes = try body.entries.map { reference throws(APIError) in try EvidenceDeposits.index(reference.text) }
        return try await EvidenceDeposits(services: services).bundle(indexes, principal: principal)
    }

    /// The latest signed checkpoint, in C2SP signed-note form: public, so anyone can watch the log grow.
    @Sendable func checkpoint(_ request: Request, context: PortalContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: services.vault.log.latestCheckpoint.formatted)))
    }

    /// The log's verifier key (`name+hash+base64`): public.
    @Sendable func logKey(_ request: Request, context: PortalContext) async throws -> Response {
        let url = services.vault.directory.appendingPathComponent("keys").appendingPathComponent(
            LedgerKeys.verifierKeyFile)
        guard let key = try? String(contentsOf: url, encoding: .utf8) else {
            throw APIError(.unavailable, "The log's verifier key is missing.")
        }
        return Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: key)))
    }
}

/// The body of a bundle request: entry ids as `"E3"`, `"3"` or `3`.
struct BundleRequest: Decodable, Sendable {
    struct Reference: Decodable, Sendable {
        var text: String
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                text = String(number)
            } else {
                text = try container.decode(String.self)
            }
        }
    }

    var entries: [Reference]
}

/// The body of a capture request.
struct CaptureRequest: Decodable, Sendable {
    /// The page's `http` or `https` URL.
    var url: String
    /// A note recorded as the entry's description.
    var note: String?
    /// A right the capture concerns.
    var right: String?
    /// A clue the capture concerns.
    var clue: String?
}

/// An evidence entry with its id.
struct EvidenceItem: Encodable, Sendable {
    var id: String
    var leafIndex: UInt64
    var entry: EvidenceEntry

    init(index: UInt64, entry: EvidenceEntry) {
        id = "E\(index)"
        leafIndex = index
        self.entry = entry
    }

    enum CodingKeys: String, CodingKey {
        case id, entry
        case leafIndex = "leaf_index"
    }
}

/// The answer to a deposit: the new id and its receipt.
struct EvidenceDeposited: Encodable, Sendable {
    var id: String
    var leafIndex: UInt64
    var receipt: EvidenceReceipt

    init(_ receipt: EvidenceReceipt) {
        id = "E\(receipt.leafIndex)"
        leafIndex = receipt.leafIndex
        self.receipt = receipt
    }

    enum CodingKeys: String, CodingKey {
        case id, receipt
        case leafIndex = "leaf_index"
    }
}

/// Runs a ledger call, turning "not found" (including another organisation's entry) into `notFound` and other
/// failures into `internal`.
func ledger<T>(_ body: () throws(LedgerError) -> T) throws(APIError) -> T {
    do {
        return try body()
    } catch {
        switch error.code {
        case .notFound, .outOfRange: throw APIError(.notFound, "No such evidence entry or tree size here.")
        default: throw APIError(.internal, "The ledger failed: \(error)")
        }
    }
}

/// Evidence operations shared by the API and the portal.
struct EvidenceDeposits {
    let services: PortalServices

    /// Parses `E12` or `12`.
    static func index(_ text: String) throws(APIError) -> UInt64 {
        let digits = text.hasPrefix("E") || text.hasPrefix("e") ? String(text.dropFirst()) : text
        guard let index = UInt64(digits) else {
            throw APIError(.badRequest, "\"\(text)\" is not an evidence id (E12 or 12).")
        }
        return index
    }

    /// A deposit request with its links, checked.
    static func request(
        file: URL, fileName: String?, mediaType: String?, description: String?, right: String?, clue: String?,
        principal: Principal
    ) throws(APIError) -> EvidenceVault.Deposit {
        if let fileName, fileName.count > 255 || fileName.contains("/") || fileName.contains("\0") {
            throw APIError(.badRequest, "file_name must be a plain name of at most 255 characters.")
        }
        if let description, description.count > 4_000 {
            throw APIError(.badRequest, "description is at most 4000 characters.")
        }
        if let mediaType, !MediaTypeCheck.isValid(mediaType) {
            throw APIError(.badRequest, "Content-Type \"\(mediaType)\" is not a media type.")
        }
        let links = EvidenceEntry.Links(right: right.nonEmpty, clue: clue.nonEmpty)
        return EvidenceVault.Deposit(
            file: file, depositor: .init(organisation: principal.organisation.id.rawValue, user: principal.user.login),
            fileName: fileName.nonEmpty ?? "upload.bin", mediaType: mediaType, links: links.isEmpty ? nil : links,
            description: description.nonEmpty)
    }

    func deposit(_ deposits: [EvidenceVault.Deposit], principal: Principal) async throws(APIError) -> [EvidenceReceipt]
    {
        let receipts: [EvidenceReceipt]
        do {
            receipts = try await services.vault.deposit(deposits)
        } catch {
            throw APIError(.internal, "The deposit failed: \(error)")
        }
        await services.evidence.add(receipts.map(\.leafIndex), for: principal.organisation.id.rawValue)
        for _ in receipts { services.metrics.recordEvent("evidence_deposit") }
        return receipts
    }

    func entry(_ index: UInt64, principal: Principal) throws(APIError) -> EvidenceEntry {
        try ledger { () throws(LedgerError) in
            try services.vault.entry(at: index, for: principal.organisation.id.rawValue)
        }
    }

    func page(principal: Principal, paging: Paging) async throws(APIError) -> ListPage<EvidenceItem> {
        let organisation = principal.organisation.id.rawValue
        let indexes = await services.evidence.page(for: organisation, limit: paging.limit, offset: paging.offset)
        var items: [EvidenceItem] = []
        for index in indexes { items.append(EvidenceItem(index: index, entry: try entry(index, principal: principal))) }
        return ListPage(items: items, total: await services.evidence.count(for: organisation), paging: paging)
    }

    func bundle(_ indexes: [UInt64], principal: Principal) async throws(APIError) -> Response {
        guard !indexes.isEmpty, indexes.count <= 10_000 else {
            throw APIError(.badRequest, "A bundle holds 1–10000 entries.")
        }
        for index in indexes { _ = try entry(index, principal: principal) }
        let url = services.uploads.appendingPathComponent("bundle-\(UUID().uuidString).zip")
        _ = try ledger { () throws(LedgerError) in
            try EvidenceBundle.export(
                indexes, from: services.vault, organisation: principal.organisation.id.rawValue, to: url)
        }
        return try FileResponse.make(
            url, mediaType: "application/zip", fileName: "custos-evidence-\(indexes.count).zip",
            deleteAfterOpening: true)
    }
}

/// A loose check that text is `type/subtype` (RFC 6838 characters), so stored media types stay sane.
enum MediaTypeCheck {
    static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, text.count <= 127 else { return false }
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "!#$&^_.+-"))
        return parts.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { allowed.contains($0) && $0.isASCII } }
    }
}

extension Optional where Wrapped == String {
    /// `nil` for `nil` and for empty or blank text.
    var nonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
