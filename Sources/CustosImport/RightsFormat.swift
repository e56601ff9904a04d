import Foundation

/// The file formats rights are imported from (DESIGN.md §1).
public enum RightsFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// Comma-separated values (RFC 4180) with a header row naming the columns.
    case csv
    /// JSON Lines: one JSON object per line, with the CSV column names as keys.
    case jsonLines = "jsonl"
    /// WIPO ST.66 trademark XML.
    case st66Trademarks = "st66"

    /// The format a file name's extension implies: `.csv`; `.jsonl` or `.ndjson`; `.xml`.
    ///
    /// - Parameter url: The file.
    /// - Returns: The format, or `nil` when the extension names none.
    public init?(inferringFrom url: URL) {
        switch url.pathExtension.lowercased() {
        case "csv": self = .csv
        case "jsonl", "ndjson": self = .jsonLines
        case "xml": self = .st66Trademarks
        default: return nil
        }
    }
}
