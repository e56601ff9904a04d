import CustosCore

/// Measures mark search against labelled queries: recall@1, recall@5 and, for negatives, the false-positive rate.
public struct SearchEvaluation: Sendable {
    /// A query with the marks a correct search must return (none for a negative).
    public struct LabelledQuery: Hashable, Sendable {
        /// The name searched for.
        public var text: String
        /// The classes of the goods.
        public var classes: [NiceClass]
        /// The category of trick (typo, leet, homoglyph, …, negative).
        public var category: String
        /// The right ids a correct search returns; empty for a negative.
        public var expected: Set<Right.ID>

        /// Creates a labelled query.
        public init(text: String, classes: [NiceClass], category: String, expected: Set<Right.ID>) {
            self.text = text
            self.classes = classes
            self.category = category
            self.expected = expected
        }
    }

    /// Figures for one category.
    public struct Figures: Hashable, Sendable, Codable {
        /// The category.
        public var category: String
        /// Queries in it.
        public var queries: Int
        /// Positives whose first hit (at or above the threshold) is an expected mark.
        public var recallAt1: Double
        /// Positives with an expected mark among the first five hits.
        public var recallAt5: Double
        /// Positives with an expected mark among the first ten hits.
        public var recallAt10: Double
        /// Negatives with any hit at or above the threshold, as a share of negatives (0 for positive categories).
        public var falsePositiveRate: Double
        /// Queries that failed, for inspection.
        public var misses: [String]
    }

    /// The labelled queries.
    public var queries: [LabelledQuery]

    /// Creates an evaluation.
    public init(queries: [LabelledQuery]) { self.queries = queries }

    /// Runs every query against `index` with the threshold `minimumScore` and returns figures per category and
    /// for all positives (`"all positives"`), in category order.
    public func run(on index: MarkIndex, minimumScore: Double = MarkQuery.defaultMinimumScore) -> [Figures] {
        let results = queries.map { query in
            (query, index.search(MarkQuery(query.text, classes: query.classes, limit: 10, minimumScore: minimumScore)))
        }
        return Self.figures(results.map { ($0.0, $0.1.map(\.id)) })
    }

    /// Figures from ranked result ids per query (shared with peers measured outside Swift).
    public static func figures(_ results: [(LabelledQuery, [Right.ID])]) -> [Figures] {
        var categories: [String] = []
        var grouped: [String: [(LabelledQuery, [Right.ID])]] = [:]
        for result in results {
            if grouped[result.0.category] == nil { categories.append(result.0.category) }
            grouped[result.0.category, default: []].append(result)
        }
        var figures = categories.map { figure(for: $0, grouped[$0] ?? []) }
        let positives = results.filter { !$0.0.expected.isEmpty }
        if !positives.isEmpty { figures.append(figure(for: "all positives", positives)) }
        return figures
    }

    private static func figure(for category: String, _ results: [(LabelledQuery, [Right.ID])]) -> Figures {
        var at1 = 0
        var at5 = 0
        var at10 = 0
        var falsePositives = 0
        var positives = 0
        var negatives = 0
        var misses: [String] = []
        for (query, ids) in results {
            if query.expected.isEmpty {
                negatives += 1
                if !ids.isEmpty {
                    falsePositives += 1
                    misses.append("\(query.text) → \(ids[0])")
                }
                continue
            }
            positives += 1
            if let first = ids.first, query.expected.contains(first) { at1 += 1 }
            if ids.prefix(5).contains(where: query.expected.contains) { at5 += 1 }
            if ids.prefix(10).contains(where: query.expected.contains) {
                at10 += 1
            } else {
                misses.append(query.text)
            }
        }
        func share(_ count: Int, _ total: Int) -> Double {
            total == 0 ? 0 : (Double(count) / Double(total) * 1000).rounded() / 1000
        }
        return Figures(
            category: category, queries: results.count, recallAt1: share(at1, positives),
            recallAt5: share(at5, positives), recallAt10: share(at10, positives),
            falsePositiveRate: share(falsePositives, negatives), misses: misses)
    }
}
