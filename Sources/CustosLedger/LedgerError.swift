/// A failure of the evidence ledger, in the struct-plus-code shape used across Custos.
public struct LedgerError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A proof does not prove what it claims (wrong hashes, wrong length, wrong sizes).
        public static let invalidProof = Code("invalid proof")
        /// A request names a leaf or tree size the log does not have.
        public static let outOfRange = Code("out of range")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The human sentence.
    public var description: String { message }
}
