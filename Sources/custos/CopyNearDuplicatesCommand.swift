import ArgumentParser
import CustosCopy
import Foundation

/// `custos copy near-duplicates PATH... [--each DIR] [--lang L] [--threshold 0.8] [--shingle 5]
/// [--permutations 128] [--json]`: clusters of near-identical texts in a corpus, by MinHash-LSH.
struct CopyNearDuplicatesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "near-duplicates",
        abstract: "Cluster near-identical texts (pirated chapters, pasted listings) across a corpus by MinHash-LSH.",
        discussion: """
            Every submission (a file, or a folder's files together) is tokenized like custos copy compare does \
            (text by folded words, CJK by characters; code with identifiers and literals abstracted) and reduced \
            to its set of --shingle-token runs. MinHash-LSH proposes the pairs whose sets may overlap by \
            --threshold (Jaccard similarity) without comparing every pair; each proposal is checked on the exact \
            sets (or, with --estimate, on the signatures), and the pairs that pass are joined into clusters. \
            Unreadable, binary, wrongly encoded and oversized files, and submissions shorter than one shingle, \
            are named on standard error and skipped. Exit status 0 whether or not anything is found.
            """)

    @Argument(help: "Submissions: files or folders (a folder's files form one submission).")
    var paths: [String] = []

    @Option(name: .customLong("each"), help: "Every entry of this folder is one submission; repeatable.")
    var eachFolders: [String] = []

    @OptionGroup var input: CopyInputOptions

    @Option(help: "Jaccard similarity of the shingle sets at which two submissions are near-duplicates (0 < J ≤ 1).")
    var threshold = 0.8

    @Option(help: "Tokens (words, CJK characters) per shingle.") var shingle = 5

    @Option(help: "MinHash signature length (1…4096).") var permutations = 128

    @Flag(help: "Accept a candidate pair by its signature estimate instead of its exact shingle sets (less memory).")
    var estimate = false

    @Option(name: .customLong("max-listed"), help: "Documents listed per cluster in the table (all in --json).")
    var maximumListed = 20

    @Flag(help: "Print {\"clusters\", \"pairs\", \"problems\", \"settings\"} as JSON on standard output (no progress).")
    var json = false

    func validate() throws {
        guard !paths.isEmpty || !eachFolders.isEmpty else {
            throw ValidationError("name the submissions, or a folder of submissions with --each")
        }
        if input.k != nil || input.window != nil {
            throw ValidationError("--k and --window set winnowing, which near-duplicates does not use; see --shingle")
        }
        guard maximumListed >= 1 else { throw ValidationError("--max-listed must be at least 1") }
        do { _ = try finder() } catch { throw ValidationError(error.message) }
    }

    func finder() throws(CopyError) -> NearDuplicateFinder {
        try NearDuplicateFinder(
            threshold: threshold, shingleSize: shingle, numPermutations: permutations,
            verification: estimate ? .estimate : .exact)
    }

    func run() async throws {
        var submissions = paths
        for folder in eachFolders {
            do {
                submissions += try CopyCompareCommand.entries(of: folder)
            } catch {
                throw ValidationError("\(folder): cannot list the folder (\(error.localizedDescription))")
            }
        }
        let finder = try finder()
        let reading = SharedProgressBar(label: "reading", enabled: !json)
        let loaded = input.load(submissions, progress: reading)
        reading.finish(note: "\(submissions.count) submissions")
        let documents = loaded.documents.compactMap { $0 }

        let signing = SharedProgressBar(label: "signing", enabled: !json)
        let verifying = SharedProgressBar(label: "verifying", enabled: !json)
        let result = finder.find(documents.map(\.symbols)) { phase, done, total in
            (phase == .signing ? signing : verifying).update(done: done, total: total, note: "documents")
        }
        signing.finish(note: "\(documents.count) documents")
        verifying.finish(note: "\(result.candidatePairs) candidate pairs, \(result.pairs.count) near-duplicate pairs")

        var problems = loaded.problems
        for index in result.tooShort {
            let name = documents[index].name
            let error = CopyError(
                .empty, "\(name): has \(documents[index].tokenCount) tokens, fewer than one \(shingle)-token shingle")
            problems.append(SubmissionProblem(path: name, error: error))
        }
        problems.sort { $0.path < $1.path }
        for problem in problems { Terminal.diagnostic("custos: skipped \(problem.error.message)") }
        if documents.count - result.tooShort.count < 2 {
            Terminal.diagnostic("custos: fewer than two submissions could be compared")
        }

        let names = documents.map(\.name)
        let output = NearDuplicatesOutput(
            clusters: result.clusters.map {
                NearDuplicatesOutput.Cluster(documents: $0.documents.map { names[$0] }, jaccardMin: $0.minimumJaccard)
            },
            pairs: result.pairs.map { NearDuplicatesOutput.Pair(a: names[$0.a], b: names[$0.b], jaccard: $0.jaccard) },
            problems: problems.map(CopyReport.Problem.init),
            settings: NearDuplicatesOutput.Settings(
                documents: documents.count, threshold: threshold, shingle: shingle, permutations: permutations,
                bands: result.banding.bands, rows: result.banding.rows,
                verification: finder.verification.rawValue, candidatePairs: result.candidatePairs))
        if json {
            try Terminal.printJSON(output)
        } else {
            print(table(output))
        }
    }

    /// The clusters as aligned columns, at most `maximumListed` documents each.
    func table(_ output: NearDuplicatesOutput) -> String {
        let settings = output.settings
        let heading =
            "\(settings.documents) submissions, threshold \(threshold), \(shingle)-token shingles, "
            + "\(settings.permutations) permutations (\(settings.bands) bands × \(settings.rows) rows): "
            + "\(settings.candidatePairs) candidate pairs, \(output.pairs.count) near-duplicate pairs"
        guard !output.clusters.isEmpty else { return heading + "\nNo near-duplicates found." }
        var lines = [heading, "CLUSTER   SIZE  MIN JACCARD  DOCUMENTS"]
        for (number, cluster) in output.clusters.enumerated() {
            let figures =
                String(number + 1).padded(7) + "  " + String(cluster.documents.count).padded(5) + "  "
                + CopyCompareCommand.percent(cluster.jaccardMin).padded(11) + "  "
            for (row, name) in cluster.documents.prefix(maximumListed).enumerated() {
                lines.append((row == 0 ? figures : String(repeating: " ", count: figures.count)) + name)
            }
            if cluster.documents.count > maximumListed {
                lines.append(
                    String(repeating: " ", count: figures.count)
                        + "… and \(cluster.documents.count - maximumListed) more (--json lists all)")
            }
        }
        return lines.joined(separator: "\n")
    }
}

/// The output of `custos copy near-duplicates --json`.
struct NearDuplicatesOutput: Encodable {
    /// Near-duplicates joined by their pairs, largest first.
    struct Cluster: Encodable {
        /// Member submissions, in input order.
        var documents: [String]
        /// The lowest Jaccard similarity of the pairs linking the cluster.
        var jaccardMin: Double

        enum CodingKeys: String, CodingKey {
            case documents
            case jaccardMin = "jaccard_min"
        }
    }

    /// A verified pair.
    struct Pair: Encodable {
        /// The earlier submission.
        var a: String
        /// The later submission.
        var b: String
        /// Jaccard similarity of their shingle sets.
        var jaccard: Double
    }

    /// What was run.
    struct Settings: Encodable {
        var documents: Int
        var threshold: Double
        var shingle: Int
        var permutations: Int
        var bands: Int
        var rows: Int
        var verification: String
        var candidatePairs: Int

        enum CodingKeys: String, CodingKey {
            case documents, threshold, shingle, permutations, bands, rows, verification
            case candidatePairs = "candidate_pairs"
        }
    }

    var clusters: [Cluster]
    var pairs: [Pair]
    var problems: [CopyReport.Problem]
    var settings: Settings
}

extension String {
    /// The string right-aligned in `width` columns.
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
