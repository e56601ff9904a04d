import ArgumentParser
import CustosCore
import CustosStore
import Foundation

/// `custos clues …`.
struct CluesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clues", abstract: "List and review infringement clues.",
        subcommands: [CluesListCommand.self, CluesReviewCommand.self])
}

/// `custos clues list`.
struct CluesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List clues, best score first.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Only clues in this status (open, confirmed, dismissed).")
    var status: Clue.Status?

    @Option(name: .customLong("min-score"), help: "Only clues scoring at least this.")
    var minimumScore = 0.0

    @Option(help: "Only clues of this seller id.")
    var seller: String?

    @Option(help: "At most this many clues.")
    var limit = 50

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let database = try await store.openStore()
        let clues = try await database.clues.clues(
            in: store.organisationID,
            matching: ClueQuery(
                status: status, minimumScore: minimumScore, seller: seller.map { Party.ID($0) }, limit: limit))
        if json {
            try Terminal.printJSON(clues)
            return
        }
        guard !clues.isEmpty else {
            print("No clues.")
            return
        }
        for clue in clues {
            var listing = clue.listing.rawValue
            if let stored = try await database.listings.listing(clue.listing, in: store.organisationID) {
                listing += " \"\(stored.title)\""
            }
            print(
                String(format: "%.2f  ", clue.score)
                    + "\(clue.status.rawValue)  \(clue.id)\n      listing \(listing) · seller \(clue.seller)")
            for signal in clue.signals { print("      - \(signal.reason)") }
        }
    }
}

/// `custos clues review ID --confirm|--dismiss`.
struct CluesReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "review", abstract: "Confirm or dismiss a clue.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The clue id, as `clues list` prints it.")
    var id: String

    @Option(help: "The new status: confirmed, dismissed or open.")
    var status: Clue.Status

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let database = try await store.openStore()
        guard
            let clue = try await database.clues.setStatus(
                status, of: Clue.ID(id), in: store.organisationID, at: Date())
        else {
            Terminal.diagnostic("custos: no clue \(id) in organisation \(store.organisation)")
            throw ExitCode(1)
        }
        if json { try Terminal.printJSON(clue) } else { print("\(clue.id): \(clue.status.rawValue)") }
    }
}

extension Clue.Status: ExpressibleByArgument {}
