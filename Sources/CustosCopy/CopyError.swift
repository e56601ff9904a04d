/// A copy-detection failure, in the struct-plus-code shape used across Custos.
public struct CopyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The file looks binary (NUL bytes or mostly control characters), so it is not text or source code.
        public static let binary = Code("binary file")
        /// The file is not valid UTF-8 (or UTF-16 with a byte-order mark).
        public static let invalidEncoding = Code("invalid encoding")
        /// The file's language cannot be told from its name and none was given.
        public static let unknownLanguage = Code("unknown language")
        /// The file or submission is larger than the configured limit.
        public static let tooLarge = Code("too large")
        /// The file or submission has no tokens to fingerprint.
        public static let empty = Code("empty")
        /// The file or folder cannot be read.
        public static let unreadable = Code("unreadable")
        /// A fingerprint file is damaged, truncated or of an unknown version.
        public static let corruptFingerprintFile = Code("corrupt fingerprint file")
        /// A parameter is out of range (k-gram length, window, threshold).
        public static let invalidArgument = Code("invalid argument")

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
