/// A failure while driving Chromium, in the struct-plus-code shape used across Custos.
public struct BrowserError: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// No Chromium executable was found where it was looked for.
        public static let notInstalled = Code("chromium not installed")
        /// Chromium could not be started, or exited before answering.
        public static let launchFailed = Code("launch failed")
        /// The DevTools connection has ended: the browser was closed or exited.
        public static let closed = Code("browser closed")
        /// Chromium refused a DevTools command or answered with something unexpected.
        public static let protocolError = Code("protocol error")
        /// A wait ran out of time; the message names what was awaited.
        public static let timeout = Code("timed out")
        /// Script evaluated in the page threw; the message carries the exception.
        public static let javaScriptError = Code("javascript error")
        /// A navigation or a download failed (unreachable address, missing file, cancelled download).
        public static let navigationFailed = Code("navigation failed")
        /// No element matches a selector, or the element cannot take the requested action.
        public static let elementNotFound = Code("element not found")
        /// A local file handed to the browser does not exist.
        public static let fileNotFound = Code("file not found")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where.
    public var message: String
    /// Details for logs, such as the tail of Chromium's own output or a script's stack trace.
    public var underlying: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - message: A human sentence naming what is wrong and where.
    ///   - underlying: Details for logs.
    public init(_ code: Code, _ message: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// The human sentence.
    public var description: String { message }

    /// The sentence followed by the details, for logs and test failures.
    public var debugDescription: String {
        guard let underlying, !underlying.isEmpty else { return "\(code): \(message)" }
        return "\(code): \(message)\n\(underlying)"
    }
}
