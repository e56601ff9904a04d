/// A storage failure, in the struct-plus-code shape used across Custos.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The database cannot be opened or created.
        public static let cannotOpen = Code("cannot open store")
        /// The database was written by a newer Custos or is damaged.
        public static let incompatibleSchema = Code("incompatible schema")
        /// A write conflicts with what is stored (e.g. a referenced organisation is missing).
        public static let constraint = Code("constraint violated")
        /// The store failed while reading or writing.
        public static let io = Code("storage failure")
        /// A write was based on a version of a record that is no longer the stored one (e.g. another writer appended
        /// to a case first); nothing was written. Read the record again and retry.
        public static let conflict = Code("conflicting write")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where.
    public var message: String
    /// Details for logs (never secrets or document contents).
    public var underlying: String?

    /// Creates an error.
    public init(_ code: Code, _ message: String, underlying: String? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    /// The human sentence.
    public var description: String { message }
}
