import Foundation

/// One labelled query of the mark-search evaluation set.
public struct EvaluationQuery: Sendable, Codable, Hashable {
    /// The name searched for, as an infringer or applicant would write it.
    public var query: String
    /// The Nice classes the query's goods or services fall in.
    public var classes: [Int]
    /// What kind of similarity the query tests; one of ``EvaluationQuery/categories``.
    public var category: String
    /// The identifiers of the portfolio rights a correct search must return; empty for negatives.
    public var expected: [String]

    /// Creates a query.
    public init(query: String, classes: [Int], category: String, expected: [String]) {
        self.query = query
        self.classes = classes
        self.category = category
        self.expected = expected
    }

    /// The categories of the evaluation set: eight kinds of confusing similarity, then `negative` for names that
    /// are not confusingly similar to any portfolio mark.
    public static let categories = [
        "typo", "leet", "homoglyph", "containment", "chinese_sound", "chinese_shape", "traditional",
        "transliteration", "negative",
    ]

    /// Whether the query expects no hit.
    public var isNegative: Bool { expected.isEmpty }
}

/// Reads the labelled mark-search evaluation set (JSON Lines, one ``EvaluationQuery`` per line).
public enum EvaluationSet {
    /// Loads every query of a JSON Lines file, skipping blank lines.
    ///
    /// - Parameter url: The file, e.g. ``SampleData/evaluationURL``.
    /// - Returns: The queries in file order.
    /// - Throws: ``SampleDataError/Code/io`` when the file cannot be read, ``SampleDataError/Code/invalidData``
    ///   naming the first line that is not a query.
    public static func load(from url: URL) throws -> [EvaluationQuery] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SampleDataError(.io, "cannot read \(url.lastPathComponent)", underlying: String(describing: error))
        }
        let decoder = JSONDecoder()
        var queries: [EvaluationQuery] = []
        for (offset, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
            .enumerated()
        {
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            do {
                queries.append(try decoder.decode(EvaluationQuery.self, from: Data(line)))
            } catch {
                throw SampleDataError(
                    .invalidData, "\(url.lastPathComponent) line \(offset + 1) is not an evaluation query",
                    underlying: String(describing: error))
            }
        }
        return queries
    }
}
