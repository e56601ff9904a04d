import ArgumentParser
import CustosCases
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
        // The portfolio's image paths resolve against its folder, so the registered images are hashed as a
        // customer's would be (`custos import rights`).
        let imported = try await RightsImporter(
            repository: database.rights, organisation: store.organisationID,
            images: RightImageRegistration(repository: database.rightImages),
            works: RightWorkRegistration(repository: database.rightFingerprints)
        ).importRights(from: portfolio, displayName: "portfolio.csv")
        var screening = FeedScreening(store: database, organisation: store.organisationID)
        screening.categoryPrices = try CategoryPriceReader.read(
            SampleData.categoryPricesURL, displayName: "category_prices.csv")
        var bar = ProgressBar(label: "screening", enabled: !json)
        let report = try await screening.run(feed: try SampleData.listingsURL, displayName: "listings.jsonl") {
            bar.update(done: $0.bytesRead, total: $0.totalBytes, note: "\($0.listings) listings")
        }
        bar.finish(done: 1, total: 1, note: "\(report.listingsScreened) listings")
        let clues = try await database.clues.clues(in: store.organisationID, matching: .init(limit: top))
        let imageMatches = try await countClues(with: .imageMatch, in: database)
        let copyMatches = try await countClues(with: .copyMatch, in: database)
        let portfolioIndex = try await Portfolio.load(
            from: database, organisation: store.organisationID, enforceableOnly: false
        ).makeIndex()
        let examples = ["N1KE", "康帅傅", "NAIKE", "ADIBAS"].map { query in
            (query, portfolioIndex.search(MarkQuery(query, limit: 1)).first)
        }

        let evidence = try await depositEvidence(of: Array(clues.prefix(3)), database: database, in: directory)
        let login = try await addDemoUser(database)
        let cases = try await seedCases(database, password: login.password, in: directory)

        if json {
            try Terminal.printJSON(
                DemoReport(
                    dataDirectory: directory.path, rightsImported: imported.inserted + imported.updated,
                    imagesRegistered: imported.imagesRegistered, imageWarnings: imported.warnings.map(\.description),
                    cluesWithImageMatches: imageMatches, worksFingerprinted: imported.worksFingerprinted,
                    cluesWithCopyMatches: copyMatches, screening: report, topClues: clues,
                    evidenceBundle: evidence.bundle.path,
                    evidenceVerified: evidence.verified, login: login.login, password: login.password,
                    cases: cases.cases.map { DemoReport.SeededCase(id: $0.id.rawValue, state: $0.state.rawValue) },
                    users: cases.users.map { DemoReport.DemoUser(login: $0.login, role: $0.role.rawValue) },
                    portal: noServe ? nil : "http://127.0.0.1:\(port)"))
            try await serve(directory, login: login)
            return
        }
        print("Custos demo — data directory \(directory.path)\n")
        print("Portfolio: \(imported.read) rights imported from the bundled portfolio.csv.")
        print(
            "Images: \(imported.imagesRegistered) registered images hashed (PDQ) with thumbnails"
                + " (custos import rights hashes the images a rights file names).")
        for warning in imported.warnings { print("  \(warning)") }
        print(ScreenCommand.summary(report))
        print("Image matches: \(imageMatches) clues show a copy of a registered image (image_match).")
        print(
            "Copy matches: \(copyMatches) clues copy the text of a registered work (copy_match; "
                + "\(imported.worksFingerprinted) work fingerprinted at import, custos copy search to look one up).")
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
        printCases(cases)
        try await serve(directory, login: login)
    }

    /// How many clues carry an `image_match` signal: listings showing a copy of a registered image.
    private func countClues(with kind: Signal.Kind, in database: some CustosStore) async throws -> Int {
        var count = 0
        var offset = 0
        while true {
            let page = try await database.clues.clues(
                in: store.organisationID, matching: .init(limit: 500, offset: offset))
            count += page.filter { clue in clue.signals.contains { $0.kind == kind } }.count
            guard page.count == 500 else { return count }
            offset += page.count
        }
    }

    /// Prints the seeded cases by state and the users who work them.
    private func printCases(_ seeded: DemoCases.Seeded) {
        print("\nCases (custos case list --as \(DemoCases.ownerLogin)): one in every state")
        for subject in seeded.cases {
            let outcome = subject.outcome.map { " (\($0.rawValue))" } ?? ""
            print("  \(subject.id)  \(subject.state.rawValue)\(outcome), handled by \(subject.handler.organisation)")
        }
        print("  Users who share the password of \(DemoCases.ownerLogin), the demo owner:")
        for user in seeded.users { print("    \(user.login) (\(user.role.rawValue), \(user.organisation))") }
    }

    /// Seeds the demo's cases with the same password as the demo owner.
    private func seedCases(
        _ database: some CustosStore, password: String, in directory: URL
    ) async throws -> DemoCases.Seeded {
        let vault = try store.openVault(quiet: json)
        defer { vault.log.close() }
        let spool = directory.appendingPathComponent("uploads", isDirectory: true)
        try FileManager.default.createDirectory(at: spool, withIntermediateDirectories: true)
        let seeder = DemoCases(
            store: database, vault: vault, spool: spool, organisation: store.organisationID,
            depositor: store.depositor)
        return try await seeder.seed(password: password, now: Date())
    }

    /// The demo's portal user: an owner of the demo organisation with a fresh random password.
    private func addDemoUser(_ database: some CustosStore) async throws -> (login: String, password: String) {
        let password = SecretToken.make(bytes: 12)
        let accounts = AccountService(store: database, hasher: PasswordHasher(logN: 14, blockSize: 8, parallelism: 1))
        let user = try await accounts.addUser(
            organisation: store.organisationID, login: DemoCases.ownerLogin, displayName: "Demo owner", role: .owner,
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
                  (the platform and authority users listed above share the password)
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
    /// Images of the portfolio's rights hashed and stored.
    var imagesRegistered: Int
    /// Image problems (`FILE:LINE: image: …`), when there are any.
    var imageWarnings: [String]
    /// Clues with an `image_match` signal.
    var cluesWithImageMatches: Int
    /// Works of the portfolio fingerprinted for copy detection.
    var worksFingerprinted: Int
    /// Clues with a `copy_match` signal.
    var cluesWithCopyMatches: Int
    var screening: ScreeningReport
    var topClues: [Clue]
    var evidenceBundle: String
    var evidenceVerified: Bool
    var login: String
    var password: String
    /// The seeded cases, one or more in every state.
    var cases: [SeededCase]
    /// The platform and authority users, who share the owner's password.
    var users: [DemoUser]
    var portal: String?

    /// A seeded case.
    struct SeededCase: Encodable {
        var id: String
        var state: String
    }

    /// A demo user of the platform or the authority.
    struct DemoUser: Encodable {
        var login: String
        var role: String
    }
}

/// The demo's cases: complaints by the demo rights holder against its top-scoring listings, worked by a demo
/// platform and a demo authority through ``CaseService``, so that the portal, the API and `custos case` show a case
/// in every state, with its history in the evidence ledger.
///
/// The seeding is deterministic: the same scenarios, in the same order, each dated from `now` on its own manual
/// clock, so that deadlines are live (some due, some overdue) while every run yields the same states and outcomes.
struct DemoCases {
    /// The demo rights holder's owner, who files and appeals.
    static let ownerLogin = "demo@custos.local"
    /// The demo platform.
    static let platform = Organisation(id: "demo-market", name: "Demo Market", kind: .platform)
    /// The demo authority.
    static let authority = Organisation(id: "demo-ipc", name: "Demo IP Protection Centre", kind: .authority)
    /// The platform's and the authority's users: login, role, organisation.
    static let staff: [(login: String, role: Role, organisation: Organisation.ID)] = [
        ("reviewer@demo-market", .reviewer, platform.id), ("admin@demo-ipc", .admin, authority.id),
        ("mediator@demo-ipc", .mediator, authority.id), ("investigator@demo-ipc", .investigator, authority.id),
    ]

    /// What the seeding made.
    struct Seeded {
        /// The cases, in scenario order.
        var cases: [Case]
        /// The platform's and the authority's users.
        var users: [User]
    }

    /// A step of a scenario: who acts, what they do, and how long after the previous step.
    struct Step {
        var login: String
        var action: CaseAction
        var after: Duration
        var note: String?
    }

    /// A scenario: the handler, how long ago the complaint was filed, and the steps after filing.
    struct Scenario {
        var handler: Organisation.ID
        var filedAgo: Duration
        var steps: [Step]
    }

    let store: any CustosStore
    let vault: EvidenceVault
    let spool: URL
    let organisation: Organisation.ID
    let depositor: EvidenceEntry.Depositor

    /// The scenarios, each ending in the state named in its comment; together they cover every ``CaseState``.
    static var scenarios: [Scenario] {
        let reviewer = "reviewer@demo-market"
        let admin = "admin@demo-ipc"
        let owner = ownerLogin
        let hour = Duration.seconds(3_600)
        let verified = Step(
            login: reviewer, action: .verify, after: hour * 2, note: "Mark, listing and evidence checked.")
        let notified = Step(login: reviewer, action: .notifyRespondent, after: hour, note: "Notice sent to the seller.")
        let counterNotice = Step(
            login: reviewer, action: .fileCounterNotice(summary: "The seller says the goods are parallel imports."),
            after: hour * 20)
        return [
            // received
            Scenario(handler: platform.id, filedAgo: hour * 2, steps: []),
            // verified
            Scenario(handler: platform.id, filedAgo: hour * 30, steps: [verified]),
            // rejected
            Scenario(
                handler: platform.id, filedAgo: .seconds(3 * 86_400),
                steps: [
                    Step(
                        login: reviewer,
                        action: .reject(reason: "The listing sells genuine goods from an authorised distributor."),
                        after: hour * 3)
                ]),
            // respondent_notified
            Scenario(handler: platform.id, filedAgo: hour * 40, steps: [verified, notified]),
            // counter_notice_window
            Scenario(handler: platform.id, filedAgo: .seconds(4 * 86_400), steps: [verified, notified, counterNotice]),
            // decided: takedown, wilful and counterfeit
            Scenario(
                handler: platform.id, filedAgo: .seconds(6 * 86_400),
                steps: [
                    verified, notified,
                    Step(
                        login: reviewer, action: .decide(.takedown, wilful: true, counterfeit: true), after: hour * 30,
                        note: "Counterfeit goods; the seller relisted after an earlier warning."),
                ]),
            // decided: restore after a counter-notice
            Scenario(
                handler: platform.id, filedAgo: .seconds(8 * 86_400),
                steps: [
                    verified, notified, counterNotice,
                    Step(
                        login: reviewer, action: .decide(.restore), after: hour * 24,
                        note: "The seller proved the goods were bought from the rights holder's distributor."),
                ]),
            // decided: dismissed
            Scenario(
                handler: platform.id, filedAgo: .seconds(5 * 86_400),
                steps: [
                    verified, notified,
                    Step(
                        login: reviewer, action: .decide(.dismissed), after: hour * 26,
                        note: "The listing uses the word descriptively, not as a mark."),
                ]),
            // appealed
            Scenario(
                handler: platform.id, filedAgo: .seconds(7 * 86_400),
                steps: [
                    verified, notified, Step(login: reviewer, action: .decide(.dismissed), after: hour * 24),
                    Step(
                        login: owner, action: .appeal(grounds: "The mark is used on the goods themselves."),
                        after: hour * 48),
                ]),
            // diverted: the platform hands the case to the authority, which investigates and diverts it
            Scenario(
                handler: platform.id, filedAgo: .seconds(10 * 86_400),
                steps: [
                    Step(
                        login: reviewer, action: .transfer(to: authority.id, region: "CN-SH"), after: hour,
                        note: "Large-scale seller; passed to the authority."),
                    Step(login: admin, action: .verify, after: hour * 5),
                    Step(login: admin, action: .assignInvestigator("investigator@demo-ipc"), after: hour),
                    Step(
                        login: "investigator@demo-ipc",
                        action: .recordFinding("Test purchase: the goods are counterfeit; the warehouse is in Yiwu."),
                        after: hour * 48),
                    Step(login: "mediator@demo-ipc", action: .divert(to: .administrativeEnforcement), after: hour * 4),
                ]),
            // closed: diverted to mediation, settled
            Scenario(
                handler: authority.id, filedAgo: .seconds(20 * 86_400),
                steps: [
                    Step(login: admin, action: .verify, after: hour * 6),
                    Step(login: "mediator@demo-ipc", action: .divert(to: .mediation), after: hour * 24),
                    Step(
                        login: "mediator@demo-ipc",
                        action: .close(summary: "Settled in mediation: the seller withdrew the goods and paid."),
                        after: .seconds(9 * 86_400)),
                ]),
            // withdrawn
            Scenario(
                handler: platform.id, filedAgo: hour * 50,
                steps: [
                    Step(
                        login: owner, action: .withdraw(reason: "Settled with the seller directly."), after: hour * 6)
                ]),
        ]
    }

    /// Adds the platform, the authority and their users, then files and works one complaint per scenario.
    ///
    /// - Parameters:
    ///   - password: the password of every demo user.
    ///   - now: the instant the scenarios are dated back from.
    /// - Returns: the cases and the users.
    /// - Throws: when the store, the ledger or the case service refuses; a refusal names the scenario.
    func seed(password: String, now: Date) async throws -> Seeded {
        let accounts = AccountService(store: store, hasher: PasswordHasher(logN: 14, blockSize: 8, parallelism: 1))
        for body in [Self.platform, Self.authority] {
            _ = try await accounts.addOrganisation(id: body.id, name: body.name, kind: body.kind)
        }
        var principals: [String: Principal] = [:]
        var users: [User] = []
        for member in Self.staff {
            let user = try await accounts.addUser(
                organisation: member.organisation, login: member.login, role: member.role, password: password)
            users.append(user)
        }
        for login in [Self.ownerLogin] + Self.staff.map(\.login) {
            guard let user = try await store.users.user(login: login),
                let organisation = try await store.organisations.organisation(user.organisation)
            else { throw APIError(.notFound, "demo user \(login)") }
            let token = APIToken(
                id: "demo", user: user.id, organisation: user.organisation, name: "demo", secretHash: "",
                createdAt: now)
            principals[login] = Principal(user: user, organisation: organisation, credential: .token(token))
        }
        let scenarios = Self.scenarios
        let targets = try await targets(count: scenarios.count)
        let clock = ManualCaseClock(now)
        let service = CaseService(store: store, vault: vault, spool: spool, clock: clock)
        var cases: [Case] = []
        for (scenario, target) in zip(scenarios, targets) {
            clock.set(now.addingTimeInterval(-TimeInterval(scenario.filedAgo.components.seconds)))
            guard let owner = principals[Self.ownerLogin] else { break }
            let draft = ComplaintDraft(
                rights: [target.right.id], targets: [.listing(target.listing)], evidence: [target.evidence],
                goodFaithStatement:
                    "We state in good faith that this listing offers goods bearing our mark without our consent.",
                goodsClass: target.right.kind == .trademark ? target.right.classes.first : nil,
                handler: scenario.handler, region: "CN-ZJ", note: "Found by Custos screening.")
            var subject = try await service.file(draft, by: owner).filed
            for step in scenario.steps {
                clock.advance(by: step.after)
                guard let actor = principals[step.login] else { continue }
                var action = step.action
                // Scenarios name the investigator by login; the action takes the user's id.
                if case .assignInvestigator(let login) = action, let investigator = principals[login.rawValue] {
                    action = .assignInvestigator(investigator.user.id)
                }
                subject = try await service.act(action, on: subject.id, by: actor, note: step.note)
            }
            cases.append(subject)
        }
        return Seeded(cases: cases, users: users)
    }

    /// A listing to complain of, the right it infringes and its evidence entry.
    struct Target {
        var listing: Listing.ID
        var right: Right
        var evidence: String
    }

    /// The best-scoring clues on distinct listings whose right is registered and in force, each listing deposited
    /// as evidence of the demo organisation.
    private func targets(count: Int) async throws -> [Target] {
        let clues = try await store.clues.clues(in: organisation, matching: ClueQuery(limit: 500))
        var chosen: [(Clue, Right, Listing)] = []
        var listings: Set<Listing.ID> = []
        for clue in clues where chosen.count < count && !listings.contains(clue.listing) {
            guard let right = try await store.rights.right(clue.right, in: organisation), right.isEnforceable,
                right.expiresOn.map({ $0 > Date() }) ?? true,
                let listing = try await store.listings.listing(clue.listing, in: organisation)
            else { continue }
            listings.insert(clue.listing)
            chosen.append((clue, right, listing))
        }
        guard chosen.count == count else {
            throw APIError(.internal, "The sample data has only \(chosen.count) listings to complain of, not \(count).")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var deposits: [EvidenceVault.Deposit] = []
        var files: [URL] = []
        defer { for file in files { try? FileManager.default.removeItem(at: file) } }
        for (clue, right, listing) in chosen {
            let file = spool.appendingPathComponent("demo-case-listing-\(files.count).json")
            try encoder.encode(listing).write(to: file)
            files.append(file)
            deposits.append(
                EvidenceVault.Deposit(
                    file: file, depositor: depositor, fileName: "listing-\(listing.id.rawValue).json",
                    mediaType: "application/json",
                    links: EvidenceEntry.Links(right: right.id.rawValue, clue: clue.id.rawValue),
                    description: "listing complained of"))
        }
        let receipts = try await vault.deposit(deposits)
        return zip(chosen, receipts).map { pick, receipt in
            Target(listing: pick.0.listing, right: pick.1, evidence: EvidenceID.display(receipt.leafIndex))
        }
    }
}
