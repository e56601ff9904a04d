import CustosCore

/// What the mark index knows of one right: enough to find it and to show a hit.
public struct MarkEntry: Hashable, Sendable, Codable {
    /// The right's identifier.
    public var id: Right.ID
    /// The mark's words as registered.
    public var name: String
    /// The right's Nice classes.
    public var classes: [NiceClass]
    /// The owner's name.
    public var owner: String
    /// The kind of right (trademark, geographical indication, plant variety).
    public var kind: RightKind
    /// Where the right stands.
    public var status: RightStatus

    /// Creates an entry.
    public init(
        id: Right.ID, name: String, classes: [NiceClass], owner: String, kind: RightKind = .trademark,
        status: RightStatus = .registered
    ) {
        self.id = id
        self.name = name
        self.classes = classes
        self.owner = owner
        self.kind = kind
        self.status = status
    }

    /// Creates the entry of a right.
    public init(right: Right) {
        self.init(
            id: right.id, name: right.name, classes: right.classes, owner: right.owner, kind: right.kind,
            status: right.status)
    }
}

/// One search result: a mark, how confusingly similar it is, and why.
public struct MarkHit: Hashable, Sendable, Codable {
    /// The right's identifier.
    public var id: Right.ID
    /// The mark's words as registered.
    public var name: String
    /// The right's Nice classes.
    public var classes: [NiceClass]
    /// The owner's name.
    public var owner: String
    /// The kind of right.
    public var kind: RightKind
    /// Where the right stands.
    public var status: RightStatus
    /// Confusing similarity in 0…1; see `MarkScorer` for how it is combined.
    public var score: Double
    /// Sentences a person understands, strongest evidence first (e.g. `sounds alike: "naike" ~ "nike"`).
    public var reasons: [String]

    /// Creates a hit.
    public init(entry: MarkEntry, score: Double, reasons: [String]) {
        self.id = entry.id
        self.name = entry.name
        self.classes = entry.classes
        self.owner = entry.owner
        self.kind = entry.kind
        self.status = entry.status
        self.score = score
        self.reasons = reasons
    }
}

/// What to search for.
public struct MarkQuery: Hashable, Sendable {
    /// The name to compare against the register.
    public var text: String
    /// The classes of the goods or services the name is (to be) used for; empty compares no classes.
    public var classes: [NiceClass]
    /// At most this many hits, best first.
    public var limit: Int
    /// Hits scoring below this are not returned.
    public var minimumScore: Double

    /// The documented default threshold: below it, a name is not confusingly similar enough to report.
    ///
    /// Chosen on the labelled evaluation set (BENCHMARKS.md): it keeps recall on every positive category while
    /// holding the false-positive rate on unrelated names low.
    public static let defaultMinimumScore = 0.75

    /// Creates a query.
    public init(
        _ text: String, classes: [NiceClass] = [], limit: Int = 10, minimumScore: Double = Self.defaultMinimumScore
    ) {
        self.text = text
        self.classes = classes
        self.limit = limit
        self.minimumScore = minimumScore
    }
}

extension MarkHit {
    /// A hit as the CLI's `--json` and the API print it: identifiers and enumerations as their raw strings,
    /// classes as numbers.
    public struct Document: Encodable, Sendable, Hashable {
        /// The right's id.
        public var id: String
        /// The mark.
        public var name: String
        /// Its Nice classes.
        public var classes: [Int]
        /// Its owner.
        public var owner: String
        /// The right's kind.
        public var kind: String
        /// The right's status.
        public var status: String
        /// The score in 0…1.
        public var score: Double
        /// Why it matched.
        public var reasons: [String]

        /// The document of `hit`.
        public init(_ hit: MarkHit) {
            id = hit.id.rawValue
            name = hit.name
            classes = hit.classes.map(\.number)
            owner = hit.owner
            kind = hit.kind.rawValue
            status = hit.status.rawValue
            score = hit.score
            reasons = hit.reasons
        }
    }
}
