import ArgumentParser
import CustosCore
import CustosImport
import CustosMarks
import CustosSamples
import Foundation

/// `custos dev …`: tools for benchmarks and evaluation.
struct DevCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev", abstract: "Generators and evaluation for benchmarks.",
        subcommands: [GenerateRegisterCommand.self, GenerateListingsCommand.self, EvaluateCommand.self])
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
        let queries = try EvaluationSet.load(from: SampleData.evaluationURL).map { (query: EvaluationQuery) in
            SearchEvaluation.LabelledQuery(
                text: query.query, classes: query.classes.compactMap { NiceClass($0) }, category: query.category,
                expected: Set(query.expected.map { Right.ID($0) }))
        }
        let figures = SearchEvaluation(queries: queries).run(on: index, minimumScore: minimumScore)
        if json {
            try Terminal.printJSON(figures)
            return
        }
        print("Register: \(index.count) marks; \(queries.count) labelled queries; threshold \(minimumScore)")
        print("category          queries  recall@1  recall@5  recall@10  false-positive rate")
        for row in figures {
            print(
                row.category.padding(toLength: 18, withPad: " ", startingAt: 0)
                    + String(
                        format: "%7d  %8.3f  %8.3f  %9.3f  %8.3f", row.queries, row.recallAt1, row.recallAt5,
                        row.recallAt10, row.falsePositiveRate))
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
