import ArgumentParser
import CustosCore
import CustosImport
import CustosLedger
import CustosMarks
import CustosSamples
import CustosScreening
import CustosServer
import CustosStore
import Foundation

/// `custos demo`: load the bundled sample data into a fresh data directory, screen it, show the top clues.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Load the bundled sample portfolio and listings into a fresh data directory and screen them.",
        discussion: """
            The data directory must be new, or one an earlier demo made (it is then recreated); a directory
            holding other data is left alone.
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "How many top clues to show.")
    var top = 10

    @Flag(help: "Print JSON only.")
    var json = false

    @Option(help: "The port the portal is served on.")
    var port = 8080

    @Flag(name: .customLong("no-serve"), help: "Stop after loading and screening; do not serve the portal.")
    var noServe = false

    static let marker = ".custos-demo"

    func run() async throws {
        let directory = store.resolvedDirectory
        try prepare(directory)
        let database = try await store.openStore()
        try Data().write(to: directory.appendingPathComponent(Self.marker))

        let portfolio = try SampleData.portfolioURL
        let imported = try await RightsImporter(repository: database.rights, organisation: store.organisationID)
            .importRights(from: portfolio, displayName: "portfolio.csv")
        var screening = FeedScreening(store: database, organisation: store.organisationID)
        screening.categoryPrices = try CategoryPriceReader.read(
            SampleData.categoryPricesURL, displayName: "category_prices.csv")
        var bar = ProgressBar(label: "screening", enabled: !json)
        let report = try await screening.run(feed: try SampleData.listingsURL, displayName: "listings.jsonl") {
            bar.update(done: $0.bytesRead, total: $0.totalBytes, note: "\($0.listings) listings")
        }
        bar.finish(done: 1, total: 1, note: "\(report.listingsScreened) listings")
        let clues = try await database.clues.clues(in: store.organisationID, matching: .init(limit: top))
        let portfolioIndex = try await Portfolio.load(
            from: database, organisation: store.organisationID, enforceableOnly: false
        ).makeIndex()
        let examples = ["N1KE", "康帅傅", "NAIKE", "ADIBAS"].map { query in
            (query, portfolioIndex.search(MarkQuery(query, limit: 1)).first)
        }

        let evidence = try await depositEvidence(of: Array(clues.prefix(3)), database: database, in: directory)
        let login = try await addDemoUser(database)

        if json {
            try Terminal.printJSON(
                DemoReport(
                    dataDirectory: directory.path, rightsImported: imported.inserted + imported.updated,
                    screening: report, topClues: clues, evidenceBundle: evidence.bundle.path,
                    evidenceVerified: evidence.verified, login: login.login, password: login.password,
                    portal: noServe ? nil : "http://127.0.0.1:\(port)"))
            try await serve(directory, login: login)
            return
        }
        print("Custos demo — data directory \(directory.path)\n")
        print("Portfolio: \(imported.read) rights imported from the bundled portfolio.csv.")
        print(ScreenCommand.summary(report))
        print("\nMark search examples (custos marks search QUERY):")
        for (query, hit) in examples {
            guard let hit else {
                print("  \(query): no confusingly similar mark")
                continue
            }
            print(
                String(format: "  %@ → %@ (%.2f): ", query, hit.name, hit.score) + hit.reasons.joined(separator: "; "))
        }
        print("\nTop \(clues.count) clues (custos clues list):")
        for (rank, clue) in clues.enumerated() {
            let title = try await database.listings.listing(clue.listing, in: store.organisationID)?.title ?? ""
            print(
                String(format: "%2d. %.2f  ", rank + 1, clue.score)
                    + "\(title)  [\(clue.listing) · seller \(clue.seller)]")
            for signal in clue.signals { print("      - \(signal.reason)") }
        }
        print(
            "\nEvidence (custos evidence …): the top \(evidence.ids.count) listings deposited as \(evidence.ids.joined(separator: ", ")),"
        )
        print("  exported to \(evidence.bundle.path)")
        print(
            "  and checked offline: \(evidence.verified ? "every file, entry, proof and signature verifies" : "FAILED")"
        )
        print(
            "  (custos evidence verify \(evidence.bundle.path) --key \"$(custos evidence key --data \(directory.path))\")"
        )
        try await serve(directory, login: login)
    }

    /// The demo's portal user: an owner of the demo organisation with a fresh random password.
    private func addDemoUser(_ database: some CustosStore) async throws -> (login: String, password: String) {
        let password = SecretToken.make(bytes: 12)
        let accounts = AccountService(store: database, hasher: PasswordHasher(logN: 14, blockSize: 8, parallelism: 1))
        let user = try await accounts.addUser(
            organisation: store.organisationID, login: "demo@custos.local", displayName: "Demo owner", role: .owner,
            password: password)
        return (user.login, password)
    }

    /// Serves the portal until interrupted, unless `--no-serve`.
    private func serve(_ directory: URL, login: (login: String, password: String)) async throws {
        guard !noServe else { return }
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory.path
        configuration.port = port
        configuration.logLevel = .warning
        let quiet = json
        try await ServeCommand.serve(configuration) { port in
            guard !quiet else { return }
            print(
                """

                Portal: http://127.0.0.1:\(port)
                  sign in as \(login.login) with password \(login.password)
                  (Ctrl-C stops the server)
                """)
            // Standard output is fully buffered when it is not a terminal (`scripts/demo.sh | tee log`); the
            // login must show while the server runs, not when it stops.
            fflush(nil)
        }
    }

    /// Deposits the listings behind `clues` as evidence linked to each clue and right, exports them as a bundle,
    /// and verifies the bundle offline.
    private func depositEvidence(
        of clues: [Clue], database: some CustosStore, in directory: URL
    ) async throws -> (ids: [String], bundle: URL, verified: Bool) {
        let vault = try store.openVault(quiet: json)
        let staging = directory.appendingPathComponent("demo-evidence", isDirectory: true)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var deposits: [EvidenceVault.Deposit] = []
        for clue in clues {
            guard let listing = try await database.listings.listing(clue.listing, in: store.organisationID) else {
                continue
            }
            let file = staging.appendingPathComponent("listing-\(clue.listing.rawValue).json")
            try encoder.encode(listing).write(to: file)
            deposits.append(
                EvidenceVault.Deposit(
                    file: file, depositor: store.depositor, mediaType: "application/json",
                    links: EvidenceEntry.Links(right: clue.right.rawValue, clue: clue.id.rawValue),
                    description: "listing flagged by screening, score \(String(format: "%.2f", clue.score))"))
        }
        let receipts = try await vault.deposit(deposits)
        let bundle = directory.appendingPathComponent("demo-evidence.zip")
        _ = try EvidenceBundle.export(
            receipts.map(\.leafIndex), from: vault, organisation: store.organisation, to: bundle)
        let report = try BundleVerifier(trustedKeys: [vault.log.verifier]).verify(bundle)
        vault.log.close()
        return (receipts.map { EvidenceID.display($0.leafIndex) }, bundle, report.isValid)
    }

    private func prepare(_ directory: URL) throws {
        let files = FileManager.default
        guard files.fileExists(atPath: directory.path) else { return }
        let contents = try files.contentsOfDirectory(atPath: directory.path)
        guard !contents.isEmpty else { return }
        guard contents.contains(Self.marker) else {
            Terminal.diagnostic(
                "custos: \(directory.path) holds data that an earlier demo did not make; "
                    + "choose another directory with --data DIR")
            throw ExitCode(1)
        }
        try files.removeItem(at: directory)
    }
}

/// The JSON of a demo run.
struct DemoReport: Encodable {
    var dataDirectory: String
    var rightsImported: Int
    var screening: ScreeningReport
    var topClues: [Clue]
    var evidenceBundle: String
    var evidenceVerified: Bool
    var login: String
    var password: String
    var portal: String?
}
