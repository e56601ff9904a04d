/// A capture, WARC writing or WARC reading failure, in the struct-plus-code shape used across Custos.
///
/// Failures found while reading a WARC file carry the one-based number of the record and the byte offset where the
/// record starts, so that a verifier can point at the damaged record.
public struct CaptureError: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The URL is not an absolute `http` or `https` URL with a host.
        public static let invalidURL = Code("invalid URL")
        /// The host resolves to a loopback, private, link-local or other non-public address and the configuration
        /// does not allow those; the message names the host and the address.
        public static let privateAddressRefused = Code("private address refused")
        /// The host could not be resolved or the connection was refused or reset.
        public static let unreachable = Code("unreachable")
        /// The exchange did not finish within the configured time.
        public static let timedOut = Code("timed out")
        /// The response grew past the configured maximum size.
        public static let tooLarge = Code("too large")
        /// Redirects went on past the configured limit.
        public static let tooManyRedirects = Code("too many redirects")
        /// The server's answer is not HTTP/1.x the decoder accepts.
        public static let protocolViolation = Code("protocol violation")
        /// The TLS handshake failed (for example, the certificate did not verify).
        public static let tlsFailure = Code("TLS failure")
        /// The capture was cancelled before it finished; no WARC file is left behind.
        public static let cancelled = Code("cancelled")
        /// The WARC file already exists; evidence files are never overwritten.
        public static let fileExists = Code("file exists")
        /// Reading or writing a file failed.
        public static let io = Code("I/O failure")
        /// A WARC record's header or framing is malformed or the file ends inside a record.
        public static let malformedRecord = Code("malformed WARC record")
        /// A recomputed block or payload digest differs from the digest the record declares.
        public static let digestMismatch = Code("digest mismatch")
        /// A record declares a digest in an algorithm or encoding this reader does not know.
        public static let unsupportedDigest = Code("unsupported digest")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where.
    public var message: String
    /// Details for logs (never secrets or page contents).
    public var underlying: String?
    /// The one-based number of the WARC record the failure is in, when reading a WARC file.
    public var recordNumber: Int?
    /// The byte offset of the start of that record in the file, when reading a WARC file.
    public var offset: Int?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - message: A safe, human sentence naming what is wrong and where.
    ///   - underlying: Details for logs.
    ///   - recordNumber: The one-based record number, for WARC reading failures.
    ///   - offset: The byte offset of the record, for WARC reading failures.
    public init(
        _ code: Code, _ message: String, underlying: String? = nil, recordNumber: Int? = nil, offset: Int? = nil
    ) {
        self.code = code
        self.message = message
        self.underlying = underlying
        self.recordNumber = recordNumber
        self.offset = offset
    }

    /// The human sentence.
    public var description: String { message }

    /// The sentence with the code and the underlying details.
    public var debugDescription: String {
        var text = "\(code): \(message)"
        if let underlying { text += " (\(underlying))" }
        return text
    }
}
