/// A failure of the mark engine, in the struct-plus-code shape used across Custos.
public struct MarkError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A bundled or supplied table is malformed.
        public static let malformedTable = Code("malformed table")
        /// A query cannot be searched (for example, it is empty after normalization).
        public static let invalidQuery = Code("invalid query")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The human sentence.
    public var description: String { message }
}
