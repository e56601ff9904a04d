import CustosCore

/// Maps a listing's product category to the Nice classes of the goods it offers, so that class relatedness can be
/// applied to mentions of marks.
public struct CategoryClasses: Sendable {
    private var table: [String: [NiceClass]]

    /// The bundled table (see docs/formats.md for the categories).
    public static func bundled() throws -> CategoryClasses {
        try CategoryClasses(tsv: TabularResource.bundled("category_classes", "tsv"))
    }

    /// Parses `category<TAB>classes` rows, classes separated by `;`.
    ///
    /// - Throws: `ScreeningError` naming the line of a malformed row.
    public init(tsv: String) throws {
        var table: [String: [NiceClass]] = [:]
        for (line, fields) in TabularResource.rows(tsv) {
            let classes =
                fields.count == 2 ? fields[1].split(separator: ";").compactMap { Int($0).flatMap(NiceClass.init) } : []
            guard fields.count == 2, !classes.isEmpty else {
                throw ScreeningError(.malformedTable, "category_classes.tsv:\(line): expected category and classes")
            }
            table[fields[0].lowercased()] = classes
        }
        self.table = table
    }

    /// The classes of `category`, or none when the category is unknown or absent.
    public func classes(of category: String?) -> [NiceClass] {
        guard let category else { return [] }
        return table[category.lowercased()] ?? []
    }

    /// Every known category.
    public var categories: [String] { table.keys.sorted() }
}
