/// RFC 4180 fields with a guard against spreadsheet formula injection.
///
/// A cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return could run as a formula when a
/// spreadsheet opens the file (OWASP, "CSV Injection"), so it gets a leading `'`, which spreadsheets show as text.
/// A field containing a comma, a double quote, a carriage return or a line feed is quoted, with quotes doubled.
enum CSVField {
    private static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    static func escape(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, formulaStarts.contains(first) { value = "'" + value }
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }

    /// One record, its fields escaped, ending in CRLF as RFC 4180 asks.
    static func record(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }
}
