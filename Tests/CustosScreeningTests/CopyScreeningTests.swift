import CustosCopy
import CustosCore
import CustosScreening
import CustosStore
import CustosTestSupport
import Foundation
import Testing

/// Registered works searched for copies (`RegisteredWorkIndex`, `RegisteredWorkSearch`) and listing descriptions
/// checked against registered texts during screening (`copy_match` signals).
@Suite struct CopyScreeningTests {
    /// The blurb of a (fictional) registered guidebook, written for these tests.
    static let blurb = """
        Walking the Grand Union Canal from Birmingham to London
        This guide follows the towpath for one hundred and forty miles through locks, tunnels and market towns.
        Each of its twelve stages starts and ends at a railway station, so every day can be walked on its own.
        Maps drawn at a scale of one to twenty five thousand show every stile, pub and place to buy provisions.
        The author has walked the route in every season and notes where the path floods after heavy rain.
        Notes on wildlife, canal history and the working boats still seen on the water accompany each stage.
        """

    /// Unrelated prose of the same length.
    static let unrelated = """
        Our ceramic mugs are fired twice at high temperature and glazed by hand in a small workshop by the sea.
        They hold three hundred millilitres, survive the dishwasher and keep coffee warm through a long meeting.
        """

    /// Java source of a registered (fictional) product, and the same code renamed and reformatted.
    static let engine = """
        public class RateLimiter {
            private final long capacity;
            private long tokens;
            private long lastRefill;
            public RateLimiter(long capacity) {
                this.capacity = capacity;
                this.tokens = capacity;
                this.lastRefill = System.nanoTime();
            }
            public synchronized boolean tryAcquire() {
                long now = System.nanoTime();
                long elapsed = now - lastRefill;
                tokens = Math.min(capacity, tokens + elapsed / 1000000L);
                lastRefill = now;
                if (tokens > 0) {
                    tokens -= 1;
                    return true;
                }
                return false;
            }
        }
        """
    static let renamedEngine = """
        public class Throttle { private final long max; private long left; private long stamp;
          public Throttle(long max) { this.max = max; this.left = max; this.stamp = System.nanoTime(); }
          // grants one permit when available
          public synchronized boolean grab() {
            long t = System.nanoTime(); long gap = t - stamp;
            left = Math.min(max, left + gap / 1000L); stamp = t;
            if (left > 0) { left -= 1; return true; }
            return false;
          }
        }
        """

    static func document(_ text: String, language: SourceLanguage, path: String = "suspect") throws -> CopyDocument {
        let file = try SourceFileReader().read(bytes: Array(text.utf8), path: path, language: language)
        var document = CopyDocument(name: path, parameters: .defaults(for: language))
        document.append(path: file.path, language: file.language, tokens: file.tokens, lineCount: file.lineCount)
        return document
    }

    static func registration(
        _ right: Right.ID, _ text: String, language: SourceLanguage, salt: FingerprintSalt? = nil,
        path: String = "work.txt"
    ) throws -> RightFingerprints {
        let set = FingerprintSet(document: try document(text, language: language, path: path), salt: salt)
        // Stored as the importer stores it (CustosImport is not a dependency of screening).
        return RightFingerprints(
            organisation: Organisation.defaultID, right: right, kind: salt == nil ? .work : .secret,
            k: set.parameters.k, window: set.parameters.window, saltHex: salt?.hex,
            files: set.files.map {
                RightFingerprints.File(
                    name: $0.name, language: $0.language.rawValue, lineCount: $0.lineCount, tokenCount: $0.tokenCount)
            },
            fingerprintCount: set.entries.count, entries: FingerprintFile.pack(set.entries), source: path,
            recordedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }

    static func copyright(_ id: Right.ID, _ name: String, status: RightStatus = .registered) -> Right {
        Right(
            id: id, kind: .copyright, name: name, owner: "Towpath Press", jurisdiction: "GB", status: status,
            details: RightDetails(workType: "text"))
    }

    /// A store holding the guidebook (CR-100), the Java engine (CR-200) and the engine as a salted trade secret
    /// (TS-1), besides the screening portfolio.
    static func store(guideStatus: RightStatus = .registered) async throws -> any CustosStore {
        let store = try await makeStore()
        _ = try await store.rights.upsert(
            ScreeningFixture.rights + [
                copyright("CR-100", "Grand Union guide", status: guideStatus),
                Right(
                    id: "CR-200", kind: .copyright, name: "RateLimiter", owner: "Acme", jurisdiction: "CN",
                    status: .registered, details: RightDetails(workType: "source_code")),
                Right(
                    id: "TS-1", kind: .tradeSecret, name: "Limiter core", owner: "Acme", jurisdiction: "CN",
                    status: .registered),
            ])
        try await store.rightFingerprints.replaceFingerprints(try registration("CR-100", blurb, language: .text))
        try await store.rightFingerprints.replaceFingerprints(
            try registration("CR-200", engine, language: .java, path: "src/RateLimiter.java"))
        try await store.rightFingerprints.replaceFingerprints(
            try registration("TS-1", engine, language: .java, salt: .random(), path: "#1"))
        return store
    }

    @Test func aRenamedCopyOfCodeFindsTheWorkAndTheSaltedSecretWithLineRegions() async throws {
        let store = try await Self.store()
        let suspect = try Self.document(Self.renamedEngine, language: .java, path: "Throttle.java")
        let hits = try await RegisteredWorkSearch.search(suspect, in: store, organisation: Organisation.defaultID)
        #expect(Set(hits.map(\.right)) == ["CR-200", "TS-1"], "the text work shares nothing with Java")
        let work = try #require(hits.first { $0.right == "CR-200" })
        let secret = try #require(hits.first { $0.right == "TS-1" })
        #expect(work.kind == .copyright && work.registration == .work && work.name == "RateLimiter")
        #expect(secret.kind == .tradeSecret && secret.registration == .secret)
        #expect(work.sharedFingerprints == secret.sharedFingerprints, "salting changes nothing that matches")
        #expect(work.registeredShare > 0.5 && work.suspectShare > 0.5, "\(work)")
        let region = try #require(work.regions.first)
        #expect(region.suspectFile == "Throttle.java" && region.registeredFile == "src/RateLimiter.java")
        #expect(region.registeredLines[0] >= 1 && region.registeredLines[1] <= 21)
        #expect(secret.regions.first?.registeredFile == "#1")
    }

    @Test func unrelatedTextFindsNothingAndMinimumShareFilters() async throws {
        let store = try await Self.store()
        let unrelated = try Self.document(Self.unrelated, language: .text)
        #expect(
            try await RegisteredWorkSearch.search(unrelated, in: store, organisation: Organisation.defaultID).isEmpty)
        let quoted = try Self.document(
            "Review: a lovely book. Each of its twelve stages starts and ends at a railway station, so every day can be "
                + "walked on its own. Highly recommended for anyone with a free weekend and good boots.",
            language: .text)
        let hits = try await RegisteredWorkSearch.search(quoted, in: store, organisation: Organisation.defaultID)
        let hit = try #require(hits.first)
        #expect(hits.count == 1 && hit.right == "CR-100")
        #expect(hit.registeredShare < 0.4 && hit.suspectShare > hit.registeredShare)
        let strict = try await RegisteredWorkSearch.search(
            quoted, minimumShare: 0.95, in: store, organisation: Organisation.defaultID)
        #expect(strict.isEmpty)
    }

    @Test func anotherOrganisationsRegistryIsNotSearched() async throws {
        let store = try await Self.store()
        let suspect = try Self.document(Self.blurb, language: .text)
        #expect(try await RegisteredWorkSearch.search(suspect, in: store, organisation: "other").isEmpty)
        #expect(
            try await RegisteredWorkSearch.search(suspect, in: store, organisation: Organisation.defaultID).count == 1)
    }

    /// One feed line.
    static func line(_ id: String, title: String, description: String) throws -> String {
        let object: [String: Any] = [
            "id": id, "platform": "taobao", "title": title, "description": description, "price": 45,
            "currency": "CNY", "seller": ["id": "s-\(id)", "name": "Shop"], "category": "books",
            "observed_at": "2026-03-01T10:00:00Z",
        ]
        return String(
            decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func screen(_ lines: [String], in store: any CustosStore, policy: ScreeningPolicy = .standard) async throws
        -> ScreeningReport
    {
        try await withTemporaryDirectory { directory in
            let url = directory.appendingPathComponent("feed.jsonl")
            try Data(lines.joined(separator: "\n").utf8).write(to: url)
            let screening = FeedScreening(store: store, organisation: Organisation.defaultID, policy: policy)
            return try await screening.run(feed: url, displayName: "feed.jsonl")
        }
    }

    @Test func aListingCopyingTheRegisteredBlurbRaisesACopyMatchClue() async throws {
        let store = try await Self.store()
        let copied = Self.blurb.split(separator: "\n").dropFirst().prefix(4).joined(separator: " ")
        let report = try await Self.screen(
            [
                try Self.line("L-1", title: "Canal walking guide PDF ebook", description: copied),
                try Self.line("L-2", title: "Hand glazed mug", description: Self.unrelated),
            ], in: store)
        #expect(report.registeredWorksIndexed == 1, "only the text work is compared with listings")
        #expect(report.listingsWithCopyMatches == 1)
        let clue = try #require(
            try await store.clues.clue(Clue.makeID(listing: "L-1", right: "CR-100"), in: Organisation.defaultID))
        let signal = try #require(clue.signals.first)
        #expect(signal.kind == .copyMatch)
        #expect(signal.reason.hasPrefix("description copies "), "\(signal.reason)")
        #expect(signal.reason.contains("from registered work CR-100 'Grand Union guide' (lines 2–"), "\(signal.reason)")
        #expect(signal.strength > 0.7 && clue.score >= ScreeningPolicy.standard.clueThreshold)
        #expect(
            try await store.clues.clue(Clue.makeID(listing: "L-2", right: "CR-100"), in: Organisation.defaultID) == nil)
    }

    @Test func aCopyJoinsTheClueOfAMarkTheListingNames() throws {
        var screener = try ScreeningFixture.makeScreener()
        let right = Self.copyright("TM-NIKE", "NIKE catalogue")
        let match = RegisteredWorkMatch(
            right: "TM-NIKE", registration: .work, sharedFingerprints: 6, registeredShare: 0.3, suspectShare: 0.62,
            regions: [
                RegisteredWorkRegion(
                    suspectFile: "description", suspectLines: 2...3, registeredFile: "catalogue.txt",
                    registeredLines: 3...9, tokens: 40)
            ])
        let listing = ScreeningFixture.listing("L-9", "NIKE air max replica", description: "copied text")
        let clues = screener.assess(
            listing, history: SellerHistory(), copies: [ListingCopyMatch(right: right, match: match)], now: Date())
        let clue = try #require(clues.first { $0.right == "TM-NIKE" })
        #expect(clue.signals.first?.kind == .mark)
        let copy = try #require(clue.signals.first { $0.kind == .copyMatch })
        #expect(
            copy.reason
                == "description copies 62% of its text from registered work TM-NIKE 'NIKE catalogue' (lines 3–9)")
        #expect(copy.strength == ScreeningPolicy.standard.copyStrength(share: 0.62))
    }

    @Test func fewerSharedFingerprintsThanThePolicyAsksRaiseNothingAndWithdrawnWorksAreNotCompared() async throws {
        let store = try await Self.store()
        let sentence = try Self.line(
            "L-3", title: "Used paperback",
            description: "Each of its twelve stages starts and ends at a railway station, so every day can be walked.")
        let strict = ScreeningPolicy(copyMinimumSharedFingerprints: 50)
        let report = try await Self.screen([sentence], in: store, policy: strict)
        #expect(report.listingsWithCopyMatches == 0)

        let lapsed = try await Self.store(guideStatus: .expired)
        let copied = try Self.line("L-4", title: "Guide", description: Self.blurb)
        let lapsedReport = try await Self.screen([copied], in: lapsed)
        #expect(lapsedReport.registeredWorksIndexed == 0 && lapsedReport.listingsWithCopyMatches == 0)
    }
}
