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
        /// A signed note, checkpoint, key or proof text does not follow its format.
        public static let malformed = Code("malformed")
        /// A signature does not verify, or no trusted key signed a note.
        public static let badSignature = Code("bad signature")
        /// Stored data (a blob, an entry, a hash file, a checkpoint) differs from what the log committed to.
        public static let tampered = Code("tampered")
        /// A file, blob or entry that was asked for does not exist.
        public static let notFound = Code("not found")
        /// Reading or writing the store failed (disk full, permissions, I/O error).
        public static let io = Code("i/o")
        /// An evidence bundle is incomplete, or one of its items does not verify.
        public static let badBundle = Code("bad bundle")

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
