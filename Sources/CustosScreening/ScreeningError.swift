/// A screening failure, in the struct-plus-code shape used across Custos.
public struct ScreeningError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A bundled or supplied table is malformed.
        public static let malformedTable = Code("malformed table")
        /// The feed cannot be read.
        public static let unreadableFeed = Code("unreadable feed")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where (`FILE:LINE: …` for table rows).
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The human sentence.
    public var description: String { message }
}
