/// The errors of the domain layer, in the struct-plus-code shape used across Custos.
public struct CustosError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A value is outside what the domain accepts.
        public static let invalidValue = Code("invalid value")
        /// A referenced record does not exist.
        public static let notFound = Code("not found")
        /// The data directory or a file in it cannot be used.
        public static let dataDirectory = Code("data directory")

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
