/// One record as a format reader found it, before validation: field names to text.
///
/// Every format is lowered to this shape (JSON arrays become `;`-separated text, ST.66 elements become the
/// CSV column names), so one validator serves them all and messages read the same whichever format was used.
struct RawRightRecord {
    /// The 1-based line where the record starts.
    var line: Int
    /// The record's source text, for the rejects file.
    var raw: String
    /// Field values by column name; an absent key and an empty value both mean "not given".
    var fields: [String: String]
    /// Problems the format reader already found (malformed quoting or JSON, unknown fields).
    var problems: [(field: String, message: String)] = []
    /// Bytes of the file read when the record was complete.
    var bytesRead: Int64 = 0
}

/// The largest record a reader accepts, in bytes: a larger one is almost always an unclosed quote swallowing the
/// rest of the file, and stopping early keeps memory bounded.
let maximumRecordBytes = 1 << 20

extension String {
    /// The text without leading and trailing white space and line breaks.
    ///
    /// Most fields have none, and Foundation's `trimmingCharacters(in:)` costs far more than checking the ends,
    /// which adds up over millions of fields.
    var trimmed: String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        let isSpace = { (scalar: Unicode.Scalar) in scalar.properties.isWhitespace }
        guard isSpace(first) || isSpace(last) else { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
