import CustosCore
import CustosMarks
import Foundation
import Hummingbird

/// `/marks`: search the organisation's register for marks confusingly similar to a name, with the score and
/// the reasons of each match.
struct MarkPages {
    let services: PortalServices

    func register(on router: Router<PortalContext>) {
        router.page("marks", needs: .searchMarks, use: search)
    }

    @Sendable func search(_ request: Request, context: PortalContext, principal: Principal) async throws -> Response {
        let chrome = Chrome(context: context, title: "Mark search", section: "marks")
        let query: MarkSearch
        do {
            query = try MarkSearch(request)
        } catch {
            let classes = Set(request.queryAll("class").compactMap(Int.init))
            let page = MarkSearchPage(
                chrome: chrome, query: request.query("q") ?? "", classes: MarkSearchPage.classOptions(classes),
                minimumScore: request.query("min_score") ?? "", message: error.message, searched: false,
                results: [], hasResults: false, marksIndexed: 0)
            return try services.pages.render("marks", page, status: .badRequest)
        }
        // An empty query shows the form alone; the index is built only when there is something to search for.
        var result = MarkSearchResult(query: "", marksIndexed: 0, results: [])
        if !query.text.isEmpty {
            result = query.run(on: try await services.marks.index(for: principal.organisation.id))
        }
        let page = MarkSearchPage(
            chrome: chrome, query: query.text,
            classes: MarkSearchPage.classOptions(Set(query.classes.map(\.number))),
            minimumScore: PageFormat.score(query.minimumScore), message: nil, searched: !query.text.isEmpty,
            results: result.results.map(MarkSearchPage.Row.init), hasResults: !result.results.isEmpty,
            marksIndexed: result.marksIndexed)
        return try services.pages.render("marks", page)
    }
}

/// The mark search form and its results.
struct MarkSearchPage: Sendable {
    /// One similar mark.
    struct Row: Sendable {
        var name: String
        var href: String
        var classes: String
        var owner: String
        var kind: String
        var status: String
        var score: String
        var reasons: [String]

        init(_ hit: MarkHit.Document) {
            name = hit.name
            href = "/portfolio/" + PageFormat.segment(hit.id)
            classes = hit.classes.map(String.init).joined(separator: ", ")
            owner = hit.owner
            kind = hit.kind
            status = hit.status
            score = PageFormat.score(hit.score)
            reasons = hit.reasons
        }
    }

    var chrome: Chrome
    var query: String
    var classes: [PageOption]
    var minimumScore: String
    var message: String?
    var searched: Bool
    var results: [Row]
    var hasResults: Bool
    var marksIndexed: Int

    /// The 45 Nice classes, those in `selected` selected.
    static func classOptions(_ selected: Set<Int>) -> [PageOption] {
        NiceClass.validRange.map {
            PageOption(value: String($0), label: "Class \($0)", selected: selected.contains($0))
        }
    }
}
