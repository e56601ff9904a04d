import Foundation

/// Reads the module's tab-separated tables: `#` starts a comment line, blank lines are skipped.
enum TabularResource {
    /// The rows of `text`, each with its 1-based line number.
    static func rows(_ text: String) -> [(line: Int, fields: [String])] {
        var rows: [(Int, [String])] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            rows.append((index + 1, line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
        }
        return rows
    }

    /// The text of a bundled resource.
    static func bundled(_ name: String, _ extension: String) throws -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: `extension`, subdirectory: "Resources")
        else {
            throw ScreeningError(.malformedTable, "\(name).\(`extension`): missing from the CustosScreening bundle")
        }
        return try String(contentsOf: url, encoding: .utf8)
    }
}
