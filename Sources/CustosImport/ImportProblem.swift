/// Something wrong with one record (or the header) of an import file, located by file, line and field.
///
/// Its `description` is the line the CLI prints: `FILE:LINE: field: what is wrong`, the shape compilers use, so
/// editors and `grep` jump straight to it.
public struct ImportProblem: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line where the record starts (CSV records may span lines).
    public var line: Int
    /// The column or field at fault; `header`, `record`, `json` or `xml` for problems not tied to one field.
    public var field: String
    /// What is wrong, and where it helps, what is accepted.
    public var message: String

    /// Creates a problem.
    ///
    /// - Parameters:
    ///   - file: The file as the user named it.
    ///   - line: The 1-based line where the record starts.
    ///   - field: The field at fault.
    ///   - message: What is wrong.
    public init(file: String, line: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `FILE:LINE: field: what is wrong`.
    public var description: String { "\(file):\(line): \(field): \(message)" }
}
