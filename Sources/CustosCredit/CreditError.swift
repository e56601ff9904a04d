/// A failure of the credit engine, in the struct-plus-code shape used across Custos.
///
/// `description` is a safe sentence for users; `debugDescription` adds the detail for logs.
public struct CreditError: Error, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// A period is not a positive ISO 8601 duration of days, weeks, months or years.
        public static let invalidPeriod = Code("invalid period")
        /// A finding names a party that the caller did not supply.
        public static let unknownParty = Code("unknown party")
        /// An index holds as many sellers or identifiers as it can address.
        public static let capacityExceeded = Code("capacity exceeded")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where.
    public var message: String
    /// Details for logs (never secrets or personal data beyond what `message` already shows).
    public var underlying: String?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: the stable code.
    ///   - message: a safe, human sentence.
    ///   - underlying: details for logs.
    public init(_ code: Code, _ message: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// The human sentence.
    public var description: String { message }

    /// The code, the sentence and the details, for logs.
    public var debugDescription: String {
        "CreditError(\(code)): \(message)" + (underlying.map { " [\($0)]" } ?? "")
    }
}
