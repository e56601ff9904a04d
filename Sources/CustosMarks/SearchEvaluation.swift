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

    /// Recall and false positives at one threshold.
    public struct SweepPoint: Hashable, Sendable, Codable {
        /// The threshold.
        public var threshold: Double
        /// Positives with an expected mark in the top ten at or above the threshold.
        public var recall: Double
        /// Negatives with any hit at or above the threshold.
        public var falsePositiveRate: Double
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
        /// Negatives with a hit on a labelled mark (one some query expects), as a share of negatives: the
        /// register's other marks are unlabelled, so a hit on them may be a true conflict.
        public var labelledFalsePositiveRate: Double
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

    /// For each threshold, the share of positives with an expected mark in the top ten at or above it, and the
    /// share of negatives with any hit at or above it.
    public func sweep(on index: MarkIndex, thresholds: [Double]) -> [SweepPoint] {
        let results = queries.map { query in
            (query, index.search(MarkQuery(query.text, classes: query.classes, limit: 10, minimumScore: 0)))
        }
        let positives = results.filter { !$0.0.expected.isEmpty }
        let negatives = results.filter { $0.0.expected.isEmpty }
        return thresholds.map { threshold in
            let found = positives.filter { query, hits in
                hits.contains { $0.score >= threshold && query.expected.contains($0.id) }
            }.count
            let flagged = negatives.filter { _, hits in hits.contains { $0.score >= threshold } }.count
            return SweepPoint(
                threshold: threshold, recall: Double(found) / Double(max(positives.count, 1)),
                falsePositiveRate: Double(flagged) / Double(max(negatives.count, 1)))
        }
    }

    /// Figures from ranked result ids per query (shared with peers measured outside Swift).
    public static func figures(_ results: [(LabelledQuery, [Right.ID])]) -> [Figures] {
        var categories: [String] = []
        var grouped: [String: [(LabelledQuery, [Right.ID])]] = [:]
        for result in results {
            if grouped[result.0.category] == nil { categories.append(result.0.category) }
            grouped[result.0.category, default: []].append(result)
        }
        let labelled = Set(results.flatMap(\.0.expected))
        var figures = categories.map { figure(for: $0, grouped[$0] ?? [], labelled: labelled) }
        let positives = results.filter { !$0.0.expected.isEmpty }
        if !positives.isEmpty { figures.append(figure(for: "all positives", positives, labelled: labelled)) }
        return figures
    }

    private static func figure(
        for category: String, _ results: [(LabelledQuery, [Right.ID])], labelled: Set<Right.ID>
    ) -> Figures {
        var at1 = 0
        var at5 = 0
        var at10 = 0
        var falsePositives = 0
        var labelledFalsePositives = 0
        var positives = 0
        var negatives = 0
        var misses: [String] = []
        for (query, ids) in results {
            if query.expected.isEmpty {
                negatives += 1
                if ids.contains(where: labelled.contains) { labelledFalsePositives += 1 }
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
            falsePositiveRate: share(falsePositives, negatives),
            labelledFalsePositiveRate: share(labelledFalsePositives, negatives), misses: misses)
    }
}

extension SearchEvaluation {
    /// Latency figures of searching the labelled queries.
    public struct Latency: Hashable, Sendable, Codable {
        /// Searches timed.
        public var searches: Int
        /// Median latency, milliseconds.
        public var p50: Double
        /// 99th-percentile latency, milliseconds.
        public var p99: Double
        /// Mean latency, milliseconds.
        public var mean: Double
        /// The slowest queries with their median latency in milliseconds, slowest first.
        public var slowest: [String]
    }

    /// Times every query `repetitions` times (after one untimed warm-up pass) at the default threshold.
    public func measureLatency(on index: MarkIndex, repetitions: Int) -> Latency {
        let requests = queries.map { MarkQuery($0.text, classes: $0.classes, limit: 10) }
        for request in requests { _ = index.search(request) }
        var samples: [Double] = []
        samples.reserveCapacity(requests.count * repetitions)
        var perQuery = [[Double]](repeating: [], count: requests.count)
        let clock = ContinuousClock()
        for _ in 0..<max(1, repetitions) {
            for (position, request) in requests.enumerated() {
                let started = clock.now
                let hits = index.search(request)
                let elapsed = clock.now - started
                withExtendedLifetime(hits) {}
                let milliseconds =
                    Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
                samples.append(milliseconds)
                perQuery[position].append(milliseconds)
            }
        }
        samples.sort()
        func percentile(_ p: Double) -> Double {
            samples.isEmpty ? 0 : samples[min(samples.count - 1, Int((Double(samples.count) * p).rounded(.down)))]
        }
        let mean = samples.isEmpty ? 0 : samples.reduce(0, +) / Double(samples.count)
        let medians = perQuery.enumerated().map { ($0.offset, $0.element.sorted()[$0.element.count / 2]) }
        let slowest = medians.sorted { $0.1 > $1.1 }.prefix(16).map {
            String(format: "%@ (%.2f ms)", requests[$0.0].text, $0.1)
        }
        return Latency(
            searches: samples.count, p50: percentile(0.5), p99: percentile(0.99), mean: mean, slowest: slowest)
    }
}
