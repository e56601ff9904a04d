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
        return try JSONResponse.make(query.run(on: index))
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
        text = (query.text("q") ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
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
}
