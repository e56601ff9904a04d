import CustosCore
import Foundation

/// How closely the goods and services of two Nice classes are related, from EUIPO "Similarity" tool outcomes.
///
/// Two classes are related when the EUIPO found similar goods or services across them: at least two similar term
/// pairs, or one pair of "similar" or "high" degree. The table is derived from `class_relatedness.csv` (see
/// `Resources/NOTICE.md`): counts of similar cross-class term pairs per class pair.
public struct ClassRelatedness: Sendable {
    /// How a mark's classes relate to the classes a query asks about.
    public enum Relation: Hashable, Sendable {
        /// The query named no classes, so the classes were not compared.
        case notCompared
        /// At least one class is the same.
        case sameClass(NiceClass)
        /// No class is the same, but a pair of classes is related.
        case relatedClasses(NiceClass, NiceClass)
        /// No class is the same or related.
        case unrelated
    }

    private var related: Set<UInt16>

    /// Creates a table from explicit related pairs (order within a pair does not matter).
    public init(pairs: [(NiceClass, NiceClass)]) {
        related = Set(pairs.flatMap { [Self.key($0.0, $0.1), Self.key($0.1, $0.0)] })
    }

    /// The table bundled with Custos.
    public static let standard: ClassRelatedness = {
        guard
            let url = Bundle.module.url(
                forResource: "class_relatedness", withExtension: "csv", subdirectory: "Resources"),
            let text = try? String(contentsOf: url, encoding: .utf8),
            let table = try? ClassRelatedness(csv: text)
        else {
            // The table ships inside the module; without it, only same-class evidence is used.
            return ClassRelatedness(pairs: [])
        }
        return table
    }()

    /// Parses the CSV table `class_a,class_b,n_similar_term_pairs,n_level1,n_level2,n_level3`.
    ///
    /// - Throws: `MarkError` naming the line of a malformed row.
    public init(csv: String) throws {
        var pairs: [(NiceClass, NiceClass)] = []
        for (index, line) in csv.split(whereSeparator: \.isNewline).enumerated() where index > 0 {
            let fields = line.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard fields.count == 6, let a = fields[0].flatMap(NiceClass.init),
                let b = fields[1].flatMap(NiceClass.init),
                let total = fields[2], let similar = fields[4], let high = fields[5]
            else {
                throw MarkError(.malformedTable, "class_relatedness.csv:\(index + 1): expected six integer columns")
            }
            if total >= 2 || similar + high >= 1 { pairs.append((a, b)) }
        }
        self.init(pairs: pairs)
    }

    /// Whether two different classes are related.
    public func areRelated(_ a: NiceClass, _ b: NiceClass) -> Bool {
        related.contains(Self.key(a, b))
    }

    /// How `markClasses` relate to `queryClasses`: a shared class wins over a related pair.
    ///
    /// - Complexity: O(m · q) for m mark classes and q query classes.
    public func relation(markClasses: [NiceClass], queryClasses: [NiceClass]) -> Relation {
        guard !queryClasses.isEmpty else { return .notCompared }
        for query in queryClasses where markClasses.contains(query) { return .sameClass(query) }
        for query in queryClasses {
            for mark in markClasses where areRelated(query, mark) { return .relatedClasses(query, mark) }
        }
        return .unrelated
    }

    private static func key(_ a: NiceClass, _ b: NiceClass) -> UInt16 { UInt16(a.number) << 8 | UInt16(b.number) }
}
