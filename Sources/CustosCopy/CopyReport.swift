import Foundation

/// The result of comparing a set of submissions, in the JSON shape `custos copy compare --json` prints and the
/// evidence ledger stores as a match report:
///
/// ```json
/// {"pairs": [{"a": "alice/", "b": "bob/", "similarity": 0.82, "a_in_b": 0.9, "b_in_a": 0.75,
///   "matches": [{"a_file": "main.c", "a_lines": [3, 40], "b_file": "prog.c", "b_lines": [10, 47], "tokens": 310}]}],
///  "problems": [{"path": "carol/blob.bin", "error": "binary file", "message": "…"}],
///  "submissions": [{"name": "alice/", "files": 3, "tokens": 1200, "sha256": "…"}],
///  "parameters": {"k": 20, "window": 8, "max_share": 0.5, "base": ["template/"]}}
/// ```
public struct CopyReport: Hashable, Sendable, Codable {
    /// One compared pair.
    public struct Pair: Hashable, Sendable, Codable {
        /// The first submission's name.
        public var a: String
        /// The second submission's name.
        public var b: String
        /// The symmetric similarity, 0…1.
        public var similarity: Double
        /// Share of A inside B, 0…1.
        public var aInB: Double
        /// Share of B inside A, 0…1.
        public var bInA: Double
        /// The matching regions.
        public var matches: [Match]

        /// Creates a pair.
        public init(a: String, b: String, similarity: Double, aInB: Double, bInA: Double, matches: [Match]) {
            self.a = a
            self.b = b
            self.similarity = similarity
            self.aInB = aInB
            self.bInA = bInA
            self.matches = matches
        }

        enum CodingKeys: String, CodingKey {
            case a, b, similarity, matches
            case aInB = "a_in_b"
            case bInA = "b_in_a"
        }
    }

    /// One matching region, lines as `[from, to]`.
    public struct Match: Hashable, Sendable, Codable {
        /// File on side A.
        public var aFile: String
        /// `[from, to]` lines on side A.
        public var aLines: [Int]
        /// File on side B.
        public var bFile: String
        /// `[from, to]` lines on side B.
        public var bLines: [Int]
        /// Tokens the region covers.
        public var tokens: Int

        /// Creates a match from a comparison's region.
        public init(_ match: CopyMatch) {
            aFile = match.aFile
            aLines = [match.aLines.lowerBound, match.aLines.upperBound]
            bFile = match.bFile
            bLines = [match.bLines.lowerBound, match.bLines.upperBound]
            tokens = match.tokens
        }

        enum CodingKeys: String, CodingKey {
            case tokens
            case aFile = "a_file"
            case aLines = "a_lines"
            case bFile = "b_file"
            case bLines = "b_lines"
        }
    }

    /// A file or submission that was skipped.
    public struct Problem: Hashable, Sendable, Codable {
        /// The path.
        public var path: String
        /// The error code.
        public var error: String
        /// The human sentence.
        public var message: String

        /// Creates a problem entry.
        public init(_ problem: SubmissionProblem) {
            path = problem.path
            error = problem.error.code.description
            message = problem.error.message
        }
    }

    /// A compared submission.
    public struct Submission: Hashable, Sendable, Codable {
        /// Its name.
        public var name: String
        /// Files read.
        public var files: Int
        /// Tokens.
        public var tokens: Int
        /// SHA-256 over its files' paths and contents' SHA-256s, identifying exactly what was compared (filled in
        /// when a report is deposited as evidence).
        public var sha256: String?

        /// Creates a submission entry.
        public init(name: String, files: Int, tokens: Int, sha256: String? = nil) {
            self.name = name
            self.files = files
            self.tokens = tokens
            self.sha256 = sha256
        }
    }

    /// The settings of the run.
    public struct Settings: Hashable, Sendable, Codable {
        /// K-gram length.
        public var k: Int
        /// Winnowing window.
        public var window: Int
        /// Corpus share above which fingerprints are boilerplate, if any.
        public var maxShare: Double?
        /// Base submissions whose code never counts.
        public var base: [String]

        /// Creates settings.
        public init(k: Int, window: Int, maxShare: Double?, base: [String]) {
            self.k = k
            self.window = window
            self.maxShare = maxShare
            self.base = base
        }

        enum CodingKeys: String, CodingKey {
            case k, window, base
            case maxShare = "max_share"
        }
    }

    /// Pairs, most similar first.
    public var pairs: [Pair]

    enum CodingKeys: String, CodingKey {
        case pairs, problems, submissions, parameters
        case similarPairs = "similar_pairs"
    }
    /// Skipped files and submissions.
    public var problems: [Problem]
    /// The submissions compared.
    public var submissions: [Submission]
    /// The run's settings.
    public var parameters: Settings?
    /// How many pairs share code or text, listed or not (`pairs` holds at most the requested number).
    public var similarPairs: Int?

    /// Creates a report.
    public init(pairs: [Pair], problems: [Problem] = [], submissions: [Submission] = [], parameters: Settings? = nil) {
        self.pairs = pairs
        self.problems = problems
        self.submissions = submissions
        self.parameters = parameters
        self.similarPairs = pairs.count
    }

    /// Builds a report from a corpus run.
    public init(
        documents: [CopyDocument], ranked: [RankedPair], problems: [SubmissionProblem], settings: Settings?
    ) {
        self.init(
            pairs: ranked.map { pair in
                Pair(
                    a: documents[pair.a].name, b: documents[pair.b].name, similarity: pair.comparison.similarity,
                    aInB: pair.comparison.aInB, bInA: pair.comparison.bInA,
                    matches: pair.comparison.matches.map(Match.init))
            },
            problems: problems.map(Problem.init),
            submissions: documents.map {
                Submission(name: $0.name, files: $0.files.count, tokens: $0.tokenCount)
            },
            parameters: settings)
    }
}
