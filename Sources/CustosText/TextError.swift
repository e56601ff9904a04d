/// A failure of the text engine, in the struct-plus-code shape used across Custos.
///
/// The engine itself never fails on input text; errors come only from loading reference tables.
public struct TextError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A bundled reference table cannot be found or read.
        public static let missingTable = Code("missing reference table")
        /// A line of a reference table does not have the expected shape.
        public static let malformedTable = Code("malformed reference table")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming the file and line at fault.
    public var message: String
    /// The table file at fault.
    public var file: String
    /// The 1-based line at fault, or `nil` when the whole file is at fault.
    public var line: Int?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - file: The table file at fault.
    ///   - line: The 1-based line at fault, or `nil` for the whole file.
    ///   - reason: Why the line or file was rejected.
    public init(_ code: Code, file: String, line: Int? = nil, reason: String) {
        self.code = code
        self.file = file
        self.line = line
        if let line {
            self.message = "\(file):\(line): \(reason)"
        } else {
            self.message = "\(file): \(reason)"
        }
    }

    /// The human sentence, `file:line: reason`.
    public var description: String { message }
}
