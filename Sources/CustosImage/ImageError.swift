/// What went wrong while reading or hashing an image, in the struct-plus-code shape used across Custos.
///
/// Messages name the file (when known) and what is wrong with it; they never contain pixel data.
public struct ImageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The bytes are not a JPEG, PNG or WebP image.
        public static let unsupportedFormat = Code("unsupported format")
        /// The decoder refused the bytes: corrupt or truncated data.
        public static let corrupt = Code("corrupt image")
        /// The file, or the image it declares, is over a configured limit (a decompression bomb, say).
        public static let tooLarge = Code("too large")
        /// The file cannot be read.
        public static let unreadable = Code("unreadable")
        /// A hash or index argument is outside what the operation accepts.
        public static let invalidArgument = Code("invalid argument")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A human sentence naming what is wrong and where.
    public var message: String

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - message: the sentence shown to people.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The human sentence.
    public var description: String { message }
}
