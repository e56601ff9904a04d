import CustosCore
import CustosImport
import CustosStore
import Foundation
import Hummingbird

/// `/api/v1/rights`: the organisation's portfolio: list and search, read, create or replace, delete, import.
struct RightsRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.get("rights", use: list)
        api.post("rights", use: create)
        api.post("rights/import", use: importFile)
        api.get("rights/:id", use: read)
        api.put("rights/:id", use: replace)
        api.delete("rights/:id", use: delete)
    }

    @Sendable func list(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readPortfolio)
        let paging = try Paging(request)
        let kinds = try Self.kinds(request)
        let text = request.query("q") ?? ""
        let organisation = principal.organisation.id
        let rights = try await stored {
            try await services.store.rights.searchRights(
                in: organisation, text: text, kinds: kinds, limit: paging.limit, offset: paging.offset)
        }
        let total = try await stored {
            try await services.store.rights.countRights(in: organisation, text: text, kinds: kinds)
        }
        return try JSONResponse.make(ListPage(items: rights.map(RightDocument.init), total: total, paging: paging))
    }

    @Sendable func read(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.readPortfolio)
        let id = Right.ID(try context.parameter("id"))
        guard let right = try await stored({ try await services.store.rights.right(id, in: principal.organisation.id) })
        else { throw APIError.notFound("right \(id)") }
        return try JSONResponse.make(RightDocument(right))
    }

    @Sendable func create(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let object = try await Self.object(request)
        guard object["id"] is String else { throw APIError(.unprocessable, "A right needs an \"id\" string.") }
        return try await write(object, principal: principal, status: .created)
    }

    @Sendable func replace(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let id = try context.parameter("id")
        var object = try await Self.object(request)
        if let bodyID = object["id"] as? String, bodyID != id {
            throw APIError(.unprocessable, "The body's id \"\(bodyID)\" differs from the path's \"\(id)\".")
        }
        object["id"] = id
        guard
            try await stored({ try await services.store.rights.right(Right.ID(id), in: principal.organisation.id) })
                != nil
        else { throw APIError.notFound("right \(id)") }
        return try await write(object, principal: principal, status: .ok)
    }

    @Sendable func delete(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let id = Right.ID(try context.parameter("id"))
        guard try await stored({ try await services.store.rights.delete(id, in: principal.organisation.id) }) else {
            throw APIError.notFound("right \(id)")
        }
        await services.marks.invalidate(principal.organisation.id)
        return Response(status: .noContent)
    }

    /// `POST /api/v1/rights/import?format=csv|jsonl|st66&skip_invalid=true`: the body is the file, streamed.
    @Sendable func importFile(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.writePortfolio)
        let format = try Self.format(request.query("format"), contentType: request.headers[.contentType])
        let skipInvalid = request.query("skip_invalid") == "true"
        let spool = try await UploadSpool.write(
            request.body, to: services.uploads, limit: services.configuration.maxUploadBytes)
        defer { spool.discard() }
        let report = try await RightsImport(services: services).run(
            spool.url, format: format, displayName: "upload", skipInvalid: skipInvalid,
            organisation: principal.organisation.id)
        services.metrics.recordEvent("rights_import")
        return try JSONResponse.make(report, status: report.imported ? .ok : .unprocessableContent)
    }

    /// Writes one right given as a JSON object in the import schema, through the importer's validation.
    private func write(_ object: [String: Any], principal: Principal, status: HTTPResponse.Status)
        async throws(APIError) -> Response
    {
        let line: Data
        do {
            line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        } catch {
            throw APIError(.badRequest, "The right is not a JSON object.")
        }
        let url = services.uploads.appendingPathComponent("right-\(UUID().uuidString).jsonl")
        do {
            try line.write(to: url)
        } catch {
            throw APIError(.internal, "Cannot spool the right: \(error)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try await RightsImport(services: services).run(
            url, format: .jsonLines, displayName: "body", skipInvalid: false, organisation: principal.organisation.id)
        guard report.imported else {
            throw APIError(
                .unprocessable, "The right is invalid.",
                details: report.problems.map { "\($0.field): \($0.message)" })
        }
        let id = Right.ID(object["id"] as? String ?? "")
        guard let right = try await stored({ try await services.store.rights.right(id, in: principal.organisation.id) })
        else { throw APIError(.internal, "The right \(id) was written but cannot be read back.") }
        return try JSONResponse.make(RightDocument(right), status: status)
    }

    private static func object(_ request: Request) async throws(APIError) -> [String: Any] {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: 1 << 20)
        } catch {
            throw APIError(.tooLarge, "A right's JSON is at most 1 MiB.")
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(buffer: buffer)) as? [String: Any] else {
            throw APIError(.badRequest, "The body must be one JSON object (a right in the import schema).")
        }
        return object
    }

    static func kinds(_ request: Request) throws(APIError) -> Set<RightKind>? {
        let values = request.queryAll("kind").filter { !$0.isEmpty }
        guard !values.isEmpty else { return nil }
        var kinds: Set<RightKind> = []
        for value in values {
            guard let kind = RightKind(rawValue: value) else {
                throw APIError(
                    .badRequest,
                    "kind \"\(value)\" is not one of \(RightKind.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            kinds.insert(kind)
        }
        return kinds
    }

    static func format(_ name: String?, contentType: String?) throws(APIError) -> RightsFormat {
        switch name?.lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonLines
        case "st66", "xml": return .st66Trademarks
        case nil, "":
            let type = contentType?.lowercased() ?? ""
            if type.hasPrefix("text/csv") { return .csv }
            if type.contains("xml") { return .st66Trademarks }
            if type.contains("ndjson") || type.contains("jsonl") || type.contains("json") { return .jsonLines }
            throw APIError(.badRequest, "Say the format: ?format=csv, jsonl or st66, or a matching Content-Type.")
        default:
            throw APIError(.badRequest, "format \"\(name ?? "")\" is not csv, jsonl or st66.")
        }
    }
}

/// An import's outcome as the API and the portal's validation report show it.
struct ImportReport: Encodable, Sendable {
    /// Whether anything was written (false when an atomic import found problems).
    var imported: Bool
    var read: Int
    var inserted: Int
    var updated: Int
    var rejected: Int
    var problems: [ImportProblem]
    var unreportedProblems: Int

    enum CodingKeys: String, CodingKey {
        case imported, read, inserted, updated, rejected, problems
        case unreportedProblems = "unreported_problems"
    }
}

/// Runs the rights importer for the server and refreshes the mark index after a write.
struct RightsImport {
    let services: PortalServices

    func run(
        _ url: URL, format: RightsFormat, displayName: String, skipInvalid: Bool, organisation: Organisation.ID
    ) async throws(APIError) -> ImportReport {
        let importer = RightsImporter(
            repository: services.store.rights, organisation: organisation, options: .init(skipInvalid: skipInvalid))
        do {
            let summary = try await importer.importRights(from: url, format: format, displayName: displayName)
            await services.marks.invalidate(organisation)
            return ImportReport(
                imported: true, read: summary.read, inserted: summary.inserted, updated: summary.updated,
                rejected: summary.rejected, problems: summary.problems,
                unreportedProblems: summary.unreportedProblemCount)
        } catch let error as ImportError {
            let problems =
                error.problems.isEmpty
                ? [ImportProblem(file: displayName, line: 0, field: "file", message: error.message)] : error.problems
            return ImportReport(
                imported: false, read: 0, inserted: 0, updated: 0, rejected: 0, problems: problems,
                unreportedProblems: error.unreportedProblemCount)
        } catch {
            throw APIError(.internal, "The import failed: \(error)")
        }
    }
}
