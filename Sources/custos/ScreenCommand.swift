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

            Seller identifiers on the lines (seller.email, seller.phone, seller.payment_account, seller.address,
            seller.shop_image_pdq) are stored for the organisation and link seller networks. A value that is not
            usable is reported as FEED:LINE: field: what is wrong; left out, and its listing is screened all the
            same (it does not make the exit status 1).

            Listing images are matched against the organisation's registered images (custos import hashes the \
            images of figurative marks, designs and copyrighted works): local paths are read relative to the \
            feed's directory, URLs are not fetched (counted), hashes the platform computed can be given as \
            image_pdq (64 hexadecimal digits, a string or an array). An image that cannot be decoded is reported \
            as FEED:LINE: images[N]: what is wrong; skipped, and its listing is screened all the same.
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
            for problem in report.identifierProblems { Terminal.diagnostic(problem.description) }
            if report.identifiersLeftOut > report.identifierProblems.count {
                Terminal.diagnostic(
                    "… and \(report.identifiersLeftOut - report.identifierProblems.count) more identifier values left out"
                )
            }
            for problem in report.imageProblems { Terminal.diagnostic(problem.description) }
            if report.imagesLeftOut > report.imageProblems.count {
                Terminal.diagnostic(
                    "… and \(report.imagesLeftOut - report.imageProblems.count) more listing images left out")
            }
            print(ScreenCommand.summary(report))
        }
        if report.badLines > 0 { throw ExitCode(1) }
    }

    /// The seller-network lines of the summary, only when the feed gave seller identifiers or a network counted.
    static func networkSummary(_ report: ScreeningReport) -> String {
        guard report.sellersIdentified > 0 || report.identifiersLeftOut > 0 || report.listingsWithNetworkRisk > 0
        else { return "" }
        let sellers = report.sellersIdentified
        let values = report.identifiersLeftOut
        let risky = report.listingsWithNetworkRisk
        return """

            Identifiers stored for \(sellers) seller\(sellers == 1 ? "" : "s"); \(values) identifier \
            value\(values == 1 ? "" : "s") left out; \(risky) listing\(risky == 1 ? "" : "s") linked to sellers \
            with findings.
            """
    }

    /// The image lines of the summary, only when registered images were indexed or the feed's images said
    /// something.
    static func imageSummary(_ report: ScreeningReport) -> String {
        guard report.registeredImagesIndexed > 0 || report.imagesLeftOut > 0 else { return "" }
        func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }
        return """

            Listing images against \(count(report.registeredImagesIndexed, "registered image")): \
            \(report.imagesHashed) hashed, \(report.imagesRemoteSkipped) remote not fetched, \
            \(report.imagesLowQualitySkipped) too low in quality, \(report.imagesLeftOut) left out; \
            \(count(report.listingsWithImageMatches, "listing")) matched registered images.
            """
    }

    static func summary(_ report: ScreeningReport) -> String {
        let rate = report.seconds > 0 ? Int(Double(report.listingsScreened) / report.seconds) : 0
        return """
            Screened \(report.listingsScreened) listings against \(report.marksIndexed) marks in \
            \(String(format: "%.2f", report.seconds)) s (\(rate) listings/s).
            \(report.listingsWithClues) listings raised clues: \(report.cluesInserted) new, \(report.cluesUpdated) re-scored.
            \(report.badLines) bad line\(report.badLines == 1 ? "" : "s").
            """ + networkSummary(report) + imageSummary(report)
    }
}
