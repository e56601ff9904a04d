import ArgumentParser
import Crypto
import CustosCopy
import CustosLedger
import Foundation

/// `custos copy compare PATH... [--each DIR] [--base DIR] [--json] [--report out.html] [--deposit]`.
struct CopyCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare every pair of submissions (files or folders) and rank the copies.",
        discussion: """
            Identifiers, literals, layout and comments do not matter: source code is compared as normalised \
            tokens (Java, C, C++, C#, Go, JavaScript, TypeScript, Python, Swift, Rust) and text by words, or by \
            characters in Chinese, Japanese and Korean. Code found in --base, or in more than --max-share of the \
            submissions, is boilerplate and never counts. Unreadable, binary, wrongly encoded and oversized files \
            are named on standard error and skipped; the rest are still compared.
            """)

    @Argument(help: "Submissions: files or folders (a folder's files form one submission).")
    var paths: [String] = []

    @Option(name: .customLong("each"), help: "Every entry of this folder is one submission.")
    var eachFolders: [String] = []

    @Option(name: .customLong("base"), help: "Code every submission was given (template, starter code); repeatable.")
    var baseFolders: [String] = []

    @OptionGroup var input: CopyInputOptions

    @Option(
        name: .customLong("max-share"),
        help: "Fingerprints in more than this share of the submissions are boilerplate (0 < S ≤ 1; 1 turns it off).")
    var maximumShare = 0.5

    @Option(name: .customLong("min-similarity"), help: "List only pairs at least this similar (0…1).")
    var minimumSimilarity = 0.0

    @Option(
        name: .customLong("top"),
        help: "List at most this many pairs, the most similar (memory stays bounded however many pairs share code).")
    var top = 10_000

    @Flag(help: "Print the JSON report on standard output (no progress).") var json = false

    @Option(name: .customLong("report"), help: "Also write an HTML report with side-by-side views to this file.")
    var reportPath: String?

    @Flag(help: "Deposit the match report (JSON, and the HTML report if written) in the evidence ledger.")
    var deposit = false

    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard !paths.isEmpty || !eachFolders.isEmpty else {
            throw ValidationError("name at least two submissions, or a folder of submissions with --each")
        }
        guard maximumShare > 0, maximumShare <= 1 else { throw ValidationError("--max-share must be in (0, 1]") }
        guard (0...1).contains(minimumSimilarity) else { throw ValidationError("--min-similarity must be in 0…1") }
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
    }

    func run() async throws {
        var problems: [SubmissionProblem] = []
        var submissions = paths
        for folder in eachFolders {
            do {
                submissions += try Self.entries(of: folder)
            } catch {
                throw ValidationError("\(folder): cannot list the folder (\(error.localizedDescription))")
            }
        }
        let progress = SharedProgressBar(label: "reading", enabled: !json)
        let loaded = input.load(submissions, progress: progress)
        progress.finish(note: "\(submissions.count) submissions")
        problems += loaded.problems
        let documents = loaded.documents.compactMap { $0 }
        let base = input.load(baseFolders, progress: nil)
        problems += base.problems
        for problem in problems { Terminal.diagnostic("custos: skipped \(problem.error.message)") }
        guard documents.count >= 2 else {
            Terminal.diagnostic("custos: fewer than two submissions could be read; nothing to compare")
            throw ExitCode(1)
        }
        let parameters = documents[0].parameters
        let comparer = CorpusComparer(
            maximumShare: maximumShare < 1 ? maximumShare : nil, minimumSimilarity: minimumSimilarity, limit: top)
        let alignment = SharedProgressBar(label: "comparing", enabled: !json)
        let result = comparer.compare(documents, base: base.documents.compactMap { $0 }) { done, total in
            alignment.update(done: done, total: total, note: "candidate pairs")
        }
        alignment.finish(note: "\(result.similarPairs) pairs with shared code")
        let ranked = result.pairs
        if result.similarPairs > ranked.count, !json {
            Terminal.diagnostic(
                "custos: listing the \(ranked.count) most similar of \(result.similarPairs) pairs with shared code "
                    + "(--top to list more)")
        }
        let settings = CopyReport.Settings(
            k: parameters.k, window: parameters.window, maxShare: maximumShare < 1 ? maximumShare : nil,
            base: baseFolders)
        var report = CopyReport(documents: documents, ranked: ranked, problems: problems, settings: settings)
        report.similarPairs = result.similarPairs
        if let reportPath {
            let page = CopyReportPage(
                report: report, documents: documents, ranked: ranked, language: input.forcedLanguage)
            try Data(page.render().utf8).write(to: URL(fileURLWithPath: reportPath))
        }
        if deposit {
            report.submissions = try documents.map { try Self.submission($0) }
            try await depositReport(report)
        }
        if json {
            try Terminal.printJSON(report)
        } else {
            show(report)
        }
    }

    private func show(_ report: CopyReport) {
        guard !report.pairs.isEmpty else {
            print("No pair of the \(report.submissions.count) submissions shares code or text.")
            return
        }
        print("SIMILARITY  A IN B  B IN A  MATCHES  A ↔ B")
        for pair in report.pairs {
            let figures = [pair.similarity, pair.aInB, pair.bInA].map { Self.percent($0) }
            print(
                "\(figures[0].padded(10))  \(figures[1].padded(6))  \(figures[2].padded(6))  "
                    + "\(String(pair.matches.count).padded(7))  \(pair.a) ↔ \(pair.b)")
        }
        if let reportPath { print("HTML report: \(reportPath)") }
    }

    static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

    /// The non-hidden entries of a folder, sorted: each is one submission.
    static func entries(of folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") }.sorted().map {
            (folder as NSString).appendingPathComponent($0)
        }
    }

    /// A submission's entry with the SHA-256 of its files' paths and contents.
    static func submission(_ document: CopyDocument) throws -> CopyReport.Submission {
        var isFolder: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: document.name, isDirectory: &isFolder)
        var digest = SHA256()
        for file in document.files {
            let path = isFolder.boolValue ? (document.name as NSString).appendingPathComponent(file.path) : file.path
            let contents = try Data(contentsOf: URL(fileURLWithPath: path))
            digest.update(data: Data("\(file.path)\n\(Hex.encode(SHA256.hash(data: contents)))\n".utf8))
        }
        return CopyReport.Submission(
            name: document.name, files: document.files.count, tokens: document.tokenCount,
            sha256: Hex.encode(digest.finalize()))
    }

    private func depositReport(_ report: CopyReport) async throws {
        let vault = try store.openVault(quiet: json)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "custos-copy-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let reportFile = folder.appendingPathComponent("copy-match-report.json")
        try encoder.encode(report).write(to: reportFile)
        let names = report.submissions.map(\.name).joined(separator: ", ")
        var deposits = [
            EvidenceVault.Deposit(
                file: reportFile, depositor: store.depositor, mediaType: "application/json",
                links: EvidenceEntry.Links(),
                description: "copy match report: \(report.pairs.count) pairs among \(names)")
        ]
        if let reportPath {
            deposits.append(
                EvidenceVault.Deposit(
                    file: URL(fileURLWithPath: reportPath), depositor: store.depositor, mediaType: "text/html",
                    links: EvidenceEntry.Links(),
                    description: "copy match report (HTML) among \(names)"))
        }
        let receipts = try await vault.deposit(deposits) { _, _ in }
        for receipt in receipts {
            Terminal.diagnostic(
                "custos: deposited \(EvidenceID.display(receipt.leafIndex)) (leaf \(receipt.leafIndex) of "
                    + "\(receipt.treeSize)); receipt: custos evidence receipt \(EvidenceID.display(receipt.leafIndex))")
        }
    }
}

extension String {
    /// The string right-aligned in `width` columns.
    fileprivate func padded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
