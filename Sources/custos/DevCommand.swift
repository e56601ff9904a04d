import ArgumentParser
import CustosCore
import CustosImport
import CustosMarks
import CustosSamples
import CustosScreening
import CustosStore
import CustosStoreSQLite
import Foundation

/// `custos dev …`: tools for benchmarks and evaluation.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Generators and evaluation for benchmarks.",
        subcommands: [
            GenerateRegisterCommand.self, GenerateListingsCommand.self, EvaluateCommand.self, BenchMarksCommand.self,
            BenchScreeningCommand.self, EvaluateScreeningCommand.self, EvidenceBurstCommand.self,
            SweepProofsCommand.self,
            BenchEvidenceCommand.self,
            BenchImageHashCommand.self,
            BenchImageIndexCommand.self,
            BenchCopyIndexCommand.self, BenchCopyLSHCommand.self,
        ])
}

/// `custos dev generate-register --count N -o FILE`.
struct GenerateRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-register", abstract: "Write a deterministic synthetic trademark register as CSV.")

    @Option(help: "How many marks.") var count = 100_000
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "Output CSV file.") var output: String

    func run() throws {
        try RegisterGenerator(seed: seed).writeCSV(count: count, to: URL(fileURLWithPath: output))
    }
}

/// `custos dev generate-listings --count N -o FILE`.
struct GenerateListingsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-listings",
        abstract: "Write a deterministic listing feed mentioning the bundled portfolio's marks.")

    @Option(help: "How many listings.") var count = 100_000
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(name: .shortAndLong, help: "Output JSON Lines file.") var output: String

    func run() throws {
        let names = try SamplePortfolio.load().compactMap { $0.kind == .trademark ? $0.name : nil }
        try ListingGenerator(seed: seed, markNames: names).writeJSONL(count: count, to: URL(fileURLWithPath: output))
    }
}

/// `custos dev evaluate`: recall and false positives of mark search on the labelled set.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate mark search on the bundled labelled queries against portfolio + synthetic register.")

    @Option(help: "Synthetic marks added to the bundled portfolio.") var register = 50_000
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(name: .customLong("min-score"), help: "Threshold.") var minimumScore = MarkQuery.defaultMinimumScore
    @Flag(help: "Print JSON only.") var json = false

    func run() throws {
        var builder = MarkIndex.Builder()
        builder.add(rights: try SamplePortfolio.load())
        RegisterGenerator(seed: seed).forEachRight(count: register, organisation: Organisation.defaultID) {
            builder.add(MarkEntry(right: $0))
        }
        let index = builder.build()
        let queries = try Self.labelledQueries()
        let evaluation = SearchEvaluation(queries: queries)
        let figures = evaluation.run(on: index, minimumScore: minimumScore)
        let sweep = evaluation.sweep(on: index, thresholds: stride(from: 0.5, through: 0.9, by: 0.05).map { $0 })
        if json {
            try Terminal.printJSON(
                EvaluationReport(
                    marks: index.count, threshold: minimumScore, categories: figures,
                    sweep: sweep))
            return
        }
        print("Register: \(index.count) marks; \(queries.count) labelled queries; threshold \(minimumScore)")
        print("category          queries  recall@1  recall@5  recall@10  FP (any mark)  FP (labelled marks)")
        for row in figures {
            print(
                row.category.padding(toLength: 18, withPad: " ", startingAt: 0)
                    + String(
                        format: "%7d  %8.3f  %8.3f  %9.3f  %13.3f  %19.3f", row.queries, row.recallAt1, row.recallAt5,
                        row.recallAt10, row.falsePositiveRate, row.labelledFalsePositiveRate))
        }
        print("\nthreshold  recall (expected mark in top 10 at or above)  negatives with any hit at or above")
        for row in sweep {
            print(String(format: "%9.2f  %46.3f  %35.3f", row.threshold, row.recall, row.falsePositiveRate))
        }
        for row in figures where !row.misses.isEmpty && row.category != "all positives" {
            print("misses in \(row.category): " + row.misses.prefix(12).joined(separator: " | "))
        }
    }
}

/// The bundled sample portfolio, parsed with the importer's reader.
enum SamplePortfolio {
    static func load() throws -> [Right] {
        var rights: [Right] = []
        var problems: [ImportProblem] = []
        try RightRecordReader(
            url: SampleData.portfolioURL, format: .csv, organisation: Organisation.defaultID,
            displayName: "portfolio.csv"
        ).forEachRecord { record in
            if let right = record.right { rights.append(right) } else { problems.append(contentsOf: record.problems) }
        }
        if let first = problems.first { throw ValidationError("bundled portfolio is invalid: \(first)") }
        return rights
    }
}

/// The JSON of `dev evaluate`.
struct EvaluationReport: Encodable {
    var marks: Int
    var threshold: Double
    var categories: [SearchEvaluation.Figures]
    var sweep: [SearchEvaluation.SweepPoint]
}

/// `custos dev bench-marks`: index build time, memory and search latency at scale.
struct BenchMarksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-marks",
        abstract: "Build the mark index over portfolio + synthetic register and time the labelled queries.")

    @Option(help: "Synthetic marks added to the bundled portfolio.") var register = 100_000
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(help: "Times each query is searched.") var repetitions = 5
    @Option(name: .customLong("export-names"), help: "Write the register as id<TAB>name lines (for peers).")
    var exportNames: String?
    @Option(
        name: .customLong("query"),
        help: "Time these queries instead of the labelled ones (repeatable; recall is still of the labelled ones).")
    var timedQueries: [String] = []
    @Option(name: .customLong("class"), help: "Nice class of the --query searches (repeatable).")
    var timedClasses: [Int] = []
    @Option(
        name: .customLong("dump-hits"),
        help: "Write every query's hits as JSON Lines to this file (to compare search results across changes).")
    var dumpHits: String?
    @Flag(help: "Print JSON only.") var json = false

    func run() throws {
        let clock = ContinuousClock()
        let started = clock.now
        var builder = MarkIndex.Builder()
        builder.reserveCapacity(register + 200)
        let portfolio = try SamplePortfolio.load()
        builder.add(rights: portfolio)
        var exported: [String] = []
        RegisterGenerator(seed: seed).forEachRight(count: register, organisation: Organisation.defaultID) {
            builder.add(MarkEntry(right: $0))
        }
        let index = builder.build()
        let buildSeconds = (clock.now - started).seconds
        if let exportNames {
            exported.reserveCapacity(index.count)
            for mark in index.marks {
                exported.append(mark.id.rawValue + "\t" + mark.name.replacingOccurrences(of: "\t", with: " "))
            }
            try Data((exported.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: exportNames))
            exported = []
        }
        let queries = try EvaluateCommand.labelledQueries()
        let evaluation = SearchEvaluation(queries: queries)
        let timed = timedQueries.map {
            SearchEvaluation.LabelledQuery(
                text: $0, classes: timedClasses.compactMap(NiceClass.init), category: "timed", expected: [])
        }
        let latency = (timed.isEmpty ? evaluation : SearchEvaluation(queries: timed))
            .measureLatency(on: index, repetitions: repetitions)
        if let dumpHits {
            var lines = ""
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for query in queries + timed {
                let hits = index.search(MarkQuery(query.text, classes: query.classes, limit: 10, minimumScore: 0))
                let line = DumpedSearch(query: query.text, hits: hits.map(MarkHit.Document.init))
                lines += String(decoding: try encoder.encode(line), as: UTF8.self) + "\n"
            }
            try Data(lines.utf8).write(to: URL(fileURLWithPath: dumpHits))
        }
        let atThreshold = evaluation.run(on: index).last
        let unthresholded = evaluation.run(on: index, minimumScore: 0).last
        let report = BenchMarksReport(
            marks: index.count, buildSeconds: buildSeconds, peakMemoryMB: ResourceUsage.peakResidentMegabytes,
            postingMB: Double(index.postingBytes) / 1_048_576, latency: latency,
            recallAt10: atThreshold?.recallAt10 ?? 0, recallAt10Unthresholded: unthresholded?.recallAt10 ?? 0)
        if json {
            try Terminal.printJSON(report)
            return
        }
        print(
            String(
                format: "%d marks: build %.1f s, peak RSS %.0f MB (postings %.0f MB); %d searches p50 %.3f ms, "
                    + "p99 %.3f ms, mean %.3f ms; recall@10 %.3f (threshold) %.3f (none)",
                report.marks, report.buildSeconds, report.peakMemoryMB, report.postingMB, latency.searches, latency.p50,
                latency.p99, latency.mean, report.recallAt10, report.recallAt10Unthresholded))
        print("slowest: " + latency.slowest.joined(separator: " | "))
    }
}

/// One line of `dev bench-marks --dump-hits`.
struct DumpedSearch: Encodable {
    var query: String
    var hits: [MarkHit.Document]
}

/// The JSON of `dev bench-marks`.
struct BenchMarksReport: Encodable {
    var marks: Int
    var buildSeconds: Double
    var peakMemoryMB: Double
    var postingMB: Double
    var latency: SearchEvaluation.Latency
    var recallAt10: Double
    var recallAt10Unthresholded: Double
}

/// `custos dev bench-screening`: listings screened per second against a synthetic portfolio.
struct BenchScreeningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-screening",
        abstract: "Screen generated listings against portfolio + synthetic register, in memory, and time it.")

    @Option(help: "Synthetic marks added to the bundled portfolio.") var register = 100_000
    @Option(help: "Listings to screen.") var listings = 50_000
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Flag(help: "Print JSON only.") var json = false

    func run() throws {
        let portfolio = try SamplePortfolio.load()
        var rights = portfolio.filter { $0.kind.isNameSearchable && $0.isEnforceable }
        RegisterGenerator(seed: seed).forEachRight(count: register, organisation: Organisation.defaultID) {
            if $0.isEnforceable { rights.append($0) }
        }
        let index = MarkIndex(rights: rights)
        let names = portfolio.compactMap { $0.kind == .trademark ? $0.name : nil }
        let feed = ListingGenerator(seed: seed, markNames: names).makeListings(count: listings)
        var screener = ListingScreener(
            index: index, prices: ReferencePrices(rights: rights), organisation: Organisation.defaultID,
            vocabulary: try .bundled(), categories: try .bundled())
        let history = SellerHistory()
        let now = Date()
        let clock = ContinuousClock()
        let started = clock.now
        var clues = 0
        for listing in feed { clues += screener.assess(listing, history: history, now: now).count }
        let seconds = (clock.now - started).seconds
        let report = BenchScreeningReport(
            marks: index.count, listings: feed.count, seconds: seconds, listingsPerSecond: Double(feed.count) / seconds,
            clues: clues)
        if json {
            try Terminal.printJSON(report)
        } else {
            print(
                String(
                    format: "%d listings against %d marks in %.2f s: %.0f listings/s, %d clues", report.listings,
                    report.marks, seconds, report.listingsPerSecond, clues))
        }
    }
}

/// The JSON of `dev bench-screening`.
struct BenchScreeningReport: Encodable {
    var marks: Int
    var listings: Int
    var seconds: Double
    var listingsPerSecond: Double
    var clues: Int
}

extension EvaluateCommand {
    /// The bundled labelled queries.
    static func labelledQueries() throws -> [SearchEvaluation.LabelledQuery] {
        try EvaluationSet.load(from: SampleData.evaluationURL).map { (query: EvaluationQuery) in
            SearchEvaluation.LabelledQuery(
                text: query.query, classes: query.classes.compactMap { NiceClass($0) }, category: query.category,
                expected: Set(query.expected.map { Right.ID($0) }))
        }
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}

/// `custos dev evaluate-screening`: precision and recall of screening on the labelled sample listings.
struct EvaluateScreeningCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-screening",
        abstract:
            "Screen the bundled listings in memory (portfolio images and works registered) and compare the clues with"
            + " their labels.")

    @Flag(help: "Print JSON only.") var json = false

    func run() async throws {
        let store = try SQLiteStore.inMemory()
        try await store.organisations.save(Organisation(id: Organisation.defaultID, name: "Evaluation"))
        // As the demo does: the portfolio's images and text works are registered, so image and copy matches count.
        _ = try await RightsImporter(
            repository: store.rights, images: RightImageRegistration(repository: store.rightImages),
            works: RightWorkRegistration(repository: store.rightFingerprints)
        ).importRights(from: try SampleData.portfolioURL)
        var screening = FeedScreening(store: store, organisation: Organisation.defaultID)
        screening.categoryPrices = try CategoryPriceReader.read(try SampleData.categoryPricesURL)
        let report = try await screening.run(feed: try SampleData.listingsURL)
        let clues = try await store.clues.clues(in: Organisation.defaultID, matching: ClueQuery(limit: 1_000_000))
        var flagged: [Listing.ID: Set<Right.ID>] = [:]
        for clue in clues { flagged[clue.listing, default: []].insert(clue.right) }

        var result = ScreeningEvaluation(listings: report.listingsScreened)
        var reader = try LineReader(url: try SampleData.listingLabelsURL)
        _ = try reader.next()  // header: listing_id,label,right_id
        while let line = try reader.next(), let text = line.text {
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3 else { continue }
            let isInfringing = fields[1] == "suspicious"
            let rights = flagged[Listing.ID(fields[0])]
            switch (isInfringing, rights) {
            case (true, let rights?):
                result.truePositives += 1
                if rights.contains(Right.ID(fields[2])) { result.rightNamed += 1 }
            case (true, nil): result.falseNegatives += 1
            case (false, _?): result.falsePositives += 1
            case (false, nil): result.trueNegatives += 1
            }
        }
        if json {
            try Terminal.printJSON(result)
            return
        }
        print(
            String(
                format: "%d listings: %d suspicious flagged, %d missed, %d legitimate flagged, %d left alone\n"
                    + "precision %.3f, recall %.3f; the labelled right is among the clues for %.3f of flagged suspicious",
                result.listings, result.truePositives, result.falseNegatives, result.falsePositives,
                result.trueNegatives, result.precision, result.recall,
                Double(result.rightNamed) / Double(max(result.truePositives, 1))))
    }
}

/// The figures of `dev evaluate-screening`.
struct ScreeningEvaluation: Encodable {
    var listings: Int
    var truePositives = 0
    var falsePositives = 0
    var falseNegatives = 0
    var trueNegatives = 0
    var rightNamed = 0
    var precision: Double { Double(truePositives) / Double(max(truePositives + falsePositives, 1)) }
    var recall: Double { Double(truePositives) / Double(max(truePositives + falseNegatives, 1)) }

    enum CodingKeys: String, CodingKey {
        case listings, truePositives, falsePositives, falseNegatives, trueNegatives, rightNamed, precision, recall
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(listings, forKey: .listings)
        try container.encode(truePositives, forKey: .truePositives)
        try container.encode(falsePositives, forKey: .falsePositives)
        try container.encode(falseNegatives, forKey: .falseNegatives)
        try container.encode(trueNegatives, forKey: .trueNegatives)
        try container.encode(rightNamed, forKey: .rightNamed)
        try container.encode(precision, forKey: .precision)
        try container.encode(recall, forKey: .recall)
    }
}
