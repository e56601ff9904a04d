/// A failure reading or writing sample data, in the struct-plus-code shape used across Custos.
public struct SampleDataError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A bundled resource is missing from the module's resource bundle.
        public static let missingResource = Code("missing resource")
        /// A file does not have the expected format.
        public static let invalidData = Code("invalid data")
        /// A file cannot be read or written.
        public static let io = Code("input/output failure")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where.
    public var message: String
    /// Details for logs (never file contents).
    public var underlying: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// The human sentence.
    public var description: String { message }
}
