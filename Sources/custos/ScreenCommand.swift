import ArgumentParser
import CustosCore
import CustosImport
import CustosScreening
import Foundation

/// `custos screen FEED.jsonl`.
struct ScreenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screen",
        abstract: "Screen a JSON Lines feed of listings against the portfolio and store the clues.",
        discussion: """
            A bad line is reported as FEED:LINE: what is wrong, counted, and skipped; the rest is screened.
            The exit status is 1 when any line was bad, 0 otherwise.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The feed (JSON Lines, one listing per line).")
    var feed: String

    @Option(name: .customLong("prices"), help: "CSV of reference prices: owner,category,reference_price,currency.")
    var prices: String?

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let database = try await store.openStore()
        var screening = FeedScreening(store: database, organisation: store.organisationID)
        if let prices {
            screening.categoryPrices = try CategoryPriceReader.read(URL(fileURLWithPath: prices), displayName: prices)
        }
        var bar = ProgressBar(label: "screening", enabled: !json)
        let report = try await screening.run(feed: URL(fileURLWithPath: feed), displayName: feed) { progress in
            bar.update(
                done: progress.bytesRead, total: progress.totalBytes,
                note: "\(progress.listings) listings, \(progress.clues) clues")
        }
        bar.finish(
            done: 1, total: 1,
            note: "\(report.listingsScreened) listings, \(report.cluesInserted + report.cluesUpdated) clues")
        if json {
            try Terminal.printJSON(report)
        } else {
            for problem in report.problems { Terminal.diagnostic(problem.description) }
            if report.badLines > report.problems.count {
                Terminal.diagnostic("… and \(report.badLines - report.problems.count) more bad lines")
            }
            print(ScreenCommand.summary(report))
        }
        if report.badLines > 0 { throw ExitCode(1) }
    }

    static func summary(_ report: ScreeningReport) -> String {
        let rate = report.seconds > 0 ? Int(Double(report.listingsScreened) / report.seconds) : 0
        return """
            Screened \(report.listingsScreened) listings against \(report.marksIndexed) marks in \
            \(String(format: "%.2f", report.seconds)) s (\(rate) listings/s).
            \(report.listingsWithClues) listings raised clues: \(report.cluesInserted) new, \(report.cluesUpdated) re-scored.
            \(report.badLines) bad line\(report.badLines == 1 ? "" : "s").
            """
    }
}
