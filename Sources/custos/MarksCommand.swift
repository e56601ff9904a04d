import ArgumentParser
import CustosCore
import CustosMarks
import CustosScreening
import Foundation

/// `custos marks …`: confusing-mark search.
struct MarksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "marks", abstract: "Search the register for confusingly similar marks.",
        subcommands: [MarksSearchCommand.self])
}

/// `custos marks search QUERY`.
struct MarksSearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find marks confusingly similar to a name, with scores and reasons.",
        discussion: """
            Results scoring below the threshold (default \(MarkQuery.defaultMinimumScore)) are not shown.
            With --batch FILE, reads JSON Lines {"query": "...", "classes": [25]} and prints one JSON line per
            query, {"query": "...", "results": [...]}, building the index once.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The name to search for.")
    var query: String?

    @Option(name: .customLong("class"), help: "Nice class of the goods or services (repeatable).")
    var classes: [Int] = []

    @Option(name: .customLong("top"), help: "At most this many results.")
    var top = 10

    @Option(name: .customLong("min-score"), help: "Hide results below this score (0…1).")
    var minimumScore = MarkQuery.defaultMinimumScore

    @Option(name: .customLong("batch"), help: "JSON Lines file of queries.")
    var batch: String?

    @Flag(help: "Print JSON only.")
    var json = false

    func validate() throws {
        guard (query == nil) != (batch == nil) else {
            throw ValidationError("Give either a QUERY or --batch FILE.")
        }
        guard top > 0 else { throw ValidationError("--top must be at least 1.") }
        guard (0...1).contains(minimumScore) else { throw ValidationError("--min-score must be within 0…1.") }
        for number in classes where NiceClass(number) == nil {
            throw ValidationError("--class \(number): a Nice class is 1…45.")
        }
    }

    func run() async throws {
        let database = try await store.openStore()
        let portfolio = try await Portfolio.load(
            from: database, organisation: store.organisationID, enforceableOnly: false)
        let index = portfolio.makeIndex()
        if let batch {
            try runBatch(URL(fileURLWithPath: batch), index: index)
            return
        }
        let hits = index.search(
            MarkQuery(query ?? "", classes: classes.compactMap(NiceClass.init), limit: top, minimumScore: minimumScore))
        if json {
            try Terminal.printJSON(SearchOutput(query: query ?? "", results: hits.map(MarkHit.Document.init)))
            return
        }
        guard !hits.isEmpty else {
            print("No mark in \(index.count) scores \(minimumScore) or more against \"\(query ?? "")\".")
            return
        }
        for (rank, hit) in hits.enumerated() {
            let classes = hit.classes.map(\.description).joined(separator: ",")
            print(
                String(format: "%2d. %.2f  ", rank + 1, hit.score)
                    + "\(hit.name)  [\(hit.id)] classes \(classes) · \(hit.owner) · \(hit.status.rawValue)")
            for reason in hit.reasons { print("      - \(reason)") }
        }
    }

    private func runBatch(_ url: URL, index: MarkIndex) throws {
        var reader = try LineReader(url: url)
        let decoder = JSONDecoder()
        var failures = 0
        while let line = try reader.next() {
            guard !line.bytes.allSatisfy({ $0 == 0x20 }) else { continue }
            let request: BatchQuery
            do {
                request = try decoder.decode(BatchQuery.self, from: Data(line.bytes))
            } catch {
                failures += 1
                Terminal.diagnostic(
                    "\(url.path):\(line.number): not a query object {\"query\": \"…\", \"classes\": […]}")
                continue
            }
            let hits = index.search(
                MarkQuery(
                    request.query, classes: (request.classes ?? []).compactMap(NiceClass.init),
                    limit: request.top ?? top,
                    minimumScore: minimumScore))
            try Terminal.printJSON(SearchOutput(query: request.query, results: hits.map(MarkHit.Document.init)))
        }
        if failures > 0 { throw ExitCode(1) }
    }
}

/// One line of a `--batch` file.
struct BatchQuery: Decodable {
    var query: String
    var classes: [Int]?
    var top: Int?
}

/// The JSON of one search.
struct SearchOutput: Encodable {
    var query: String
    var results: [MarkHit.Document]
}
