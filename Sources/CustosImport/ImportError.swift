/// An import failure, in the struct-plus-code shape used across Custos.
public struct ImportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, as a stable code.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }

        /// The file cannot be opened or read.
        public static let cannotRead = Code("cannot read file")
        /// The format cannot be told from the file name; name it explicitly.
        public static let unknownFormat = Code("unknown format")
        /// The file as a whole cannot be read as its format (CSV header, XML well-formedness, an endless record).
        public static let malformedFile = Code("malformed file")
        /// Some records are invalid, so (in the default, atomic mode) nothing was imported.
        public static let invalidRecords = Code("invalid records")

        /// The code's name.
        public var description: String { name }
    }

    /// What went wrong.
    public var code: Code
    /// A safe, human sentence naming what is wrong and where.
    public var message: String
    /// The problems found, in file order, at most the importer's problem limit.
    public var problems: [ImportProblem]
    /// Problems found beyond those listed in `problems`.
    public var unreportedProblemCount: Int

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What went wrong.
    ///   - message: A safe, human sentence.
    ///   - problems: The problems found, when there are any.
    ///   - unreportedProblemCount: Problems found but not listed.
    public init(_ code: Code, _ message: String, problems: [ImportProblem] = [], unreportedProblemCount: Int = 0) {
        self.code = code
        self.message = message
        self.problems = problems
        self.unreportedProblemCount = unreportedProblemCount
    }

    /// Every listed problem on its own line (`FILE:LINE: field: …`), then `… and N more problems` when some were
    /// left out, then the message.
    public var description: String {
        var lines = problems.map(\.description)
        if unreportedProblemCount > 0 {
            lines.append("… and \(unreportedProblemCount) more problem\(unreportedProblemCount == 1 ? "" : "s")")
        }
        lines.append(message)
        return lines.joined(separator: "\n")
    }
}
