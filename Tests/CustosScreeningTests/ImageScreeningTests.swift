import CustosCore
import CustosImage
import CustosScreening
import CustosStore
import CustosTestSupport
import Foundation
import Testing

/// Listing images matched against registered images during screening: `image_match` signals, clues raised by an
/// image alone, platform hashes (`image_pdq`), and every image problem reported without stopping the feed.
@Suite struct ImageScreeningTests {
    /// The ThreatExchange PDQ fixture images (BSD licence: Tests/CustosImageTests/Fixtures/pdq/LICENSE-*), read in
    /// place rather than copied: two 256×256 photographs of quality 100 and one of quality 3.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CustosImageTests/Fixtures/pdq/images/reg-test-input/labelme-subset")
    static let bottle = "q0122.jpg"
    static let logo = "q0291.jpg"
    static let flat = "q0003.jpg"

    static func fingerprint(_ file: String) throws -> ImageFingerprint {
        try ImageFingerprinter().fingerprint(contentsOf: fixtures.appendingPathComponent(file).path)
    }

    /// A design right "D-7 Bottle shape" of Nike, in force unless `status` says otherwise.
    static func design(status: RightStatus = .registered) -> Right {
        Right(
            id: "D-7", kind: .design, name: "Bottle shape", owner: "Nike, Inc.", jurisdiction: "CN", status: status)
    }

    static func registered(_ right: Right.ID, _ hash: ImageHash, position: Int = 0) -> RightImage {
        RightImage(
            organisation: Organisation.defaultID, right: right, position: position, source: "img/\(right).jpg",
            sha256: String(repeating: "0", count: 64), hash: hash, quality: 100, width: 256, height: 256,
            recordedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }

    /// A store with the screening portfolio plus the design, whose registered image is the bottle photograph.
    static func store(designStatus: RightStatus = .registered, images: [RightImage]? = nil) async throws
        -> any CustosStore
    {
        let store = try await makeStore()
        _ = try await store.rights.upsert(ScreeningFixture.rights + [design(status: designStatus)])
        try await store.rightImages.replaceImages(images ?? [registered("D-7", try fingerprint(bottle).hash)])
        return store
    }

    /// One feed line; `extra` is more JSON members (`"images":[...]`).
    static func line(_ id: String, title: String, extra: String) -> String {
        #"{"id":"\#(id)","platform":"taobao","title":"\#(title)","price":799,"currency":"CNY","#
            + #""seller":{"id":"s-\#(id)","name":"Shop"},"category":"footwear","observed_at":"2026-03-01T10:00:00Z","#
            + extra + "}"
    }

    /// Screens `lines` from a temporary directory holding the fixture images and a corrupt `broken.jpg`.
    static func screen(
        _ lines: [String], in store: any CustosStore, configure: (inout FeedScreening) -> Void = { _ in }
    ) async throws -> ScreeningReport {
        try await withTemporaryDirectory { directory in
            let images = directory.appendingPathComponent("img")
            try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
            for file in [bottle, logo, flat] {
                try FileManager.default.copyItem(
                    at: fixtures.appendingPathComponent(file), to: images.appendingPathComponent(file))
            }
            try Data(
                [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01]
                    + Array(repeating: 7, count: 64)
            )
            .write(to: images.appendingPathComponent("broken.jpg"))
            let url = directory.appendingPathComponent("feed.jsonl")
            try Data(lines.joined(separator: "\n").utf8).write(to: url)
            var screening = FeedScreening(store: store, organisation: Organisation.defaultID)
            configure(&screening)
            return try await screening.run(feed: url, displayName: "feed.jsonl")
        }
    }

    static func clue(_ listing: String, _ right: String, in store: any CustosStore) async throws -> Clue? {
        try await store.clues.clue(
            Clue.makeID(listing: Listing.ID(listing), right: Right.ID(right)), in: Organisation.defaultID)
    }

    /// `hash` with its lowest `bits` bits inverted: exactly `bits` away.
    static func flipping(_ bits: Int, of hash: ImageHash) -> ImageHash {
        let mask: UInt64 = bits >= 64 ? .max : (1 << UInt64(bits)) - 1
        return ImageHash(words: (hash.words.0, hash.words.1, hash.words.2, hash.words.3 ^ mask))
    }

    @Test func listingReusingTheRegisteredPhotoWithoutNamingTheBrandRaisesAClueForTheRight() async throws {
        let store = try await Self.store()
        let report = try await Self.screen(
            [Self.line("L-1", title: "elegant water bottle", extra: #""images":["img/q0122.jpg"]"#)], in: store)
        #expect(report.registeredImagesIndexed == 1)
        #expect(report.imagesHashed == 1)
        #expect(report.listingsWithImageMatches == 1)
        let clue = try #require(try await Self.clue("L-1", "D-7", in: store))
        let signal = try #require(clue.signals.first)
        #expect(signal.kind == .imageMatch)
        #expect(signal.strength == 1)
        #expect(signal.reason == "listing image 1 is identical to the registered image of design D-7 'Bottle shape'")
        #expect(
            signal.image
                == ImageMatchEvidence(
                    listingImage: "images[0]", right: "D-7", rightImagePosition: 0, distance: 0, orientation: "original"
                ))
        #expect(clue.score == 0.9)
    }

    @Test func mirroredCopyIsMatchedAndSaidToBeMirrored() async throws {
        let mirrored = try Self.fingerprint(Self.logo).orientations[5]  // flipY: the photograph mirrored left to right
        let store = try await Self.store(images: [Self.registered("D-7", mirrored)])
        _ = try await Self.screen(
            [Self.line("L-1", title: "bottle", extra: #""images":["https://cdn.example/a.jpg","img/q0291.jpg"]"#)],
            in: store)
        let signal = try #require(try await Self.clue("L-1", "D-7", in: store)?.signals.first)
        #expect(signal.image?.orientation == "flipY")
        #expect(signal.image?.listingImage == "images[1]")
        #expect(signal.reason.hasPrefix("listing image 2 is identical to"))
        #expect(signal.reason.hasSuffix("(mirrored copy)"))
    }

    @Test func anImageMatchJoinsTheClueOfTheMarkTheTitleNames() async throws {
        let store = try await Self.store(images: [Self.registered("TM-NIKE", try Self.fingerprint(Self.bottle).hash)])
        _ = try await Self.screen(
            [Self.line("L-1", title: "NIKE running shoes", extra: #""images":["img/q0122.jpg"]"#)], in: store)
        let clue = try #require(try await Self.clue("L-1", "TM-NIKE", in: store))
        #expect(clue.signals.map(\.kind) == [.mark, .imageMatch], "the mark first, then the image")
        // Naming the mark exactly is at most 0.45 alone (0.45 × the mention's score); the identical image (strength 1,
        // weight 0.9) leaves a tenth of the doubt.
        let mention = ScreeningPolicy.standard.exactMentionBase * clue.signals[0].strength
        #expect(abs(clue.score - (1 - (1 - mention) * 0.1)) < 0.0001)
        #expect(clue.score > 0.9)
        let textOnly = try await Self.store(images: [])
        _ = try await Self.screen(
            [Self.line("L-1", title: "NIKE running shoes", extra: #""images":["img/q0122.jpg"]"#)], in: textOnly)
        #expect(try await Self.clue("L-1", "TM-NIKE", in: textOnly) == nil, "the exact name alone is no clue")
    }

    @Test func aDistantMatchNeedsOtherEvidenceToRaiseAClue() async throws {
        let store = try await Self.store()
        let distant = Self.flipping(28, of: try Self.fingerprint(Self.bottle).hash).hex
        let report = try await Self.screen(
            [
                Self.line("L-1", title: "water bottle", extra: #""image_pdq":"\#(distant)""#),
                Self.line("L-2", title: "replica water bottle", extra: #""image_pdq":["\#(distant)"]"#),
            ], in: store)
        #expect(report.listingsWithImageMatches == 2)
        #expect(try await Self.clue("L-1", "D-7", in: store) == nil, "0.9 × 0.548 is below the clue threshold")
        let clue = try #require(try await Self.clue("L-2", "D-7", in: store))
        #expect(clue.signals.map(\.kind) == [.imageMatch, .vocabulary])
        #expect(clue.signals[0].strength == 0.548)
        #expect(clue.signals[0].reason.hasPrefix("the platform's hash of listing image 1 is 28 bits from"))
    }

    @Test func platformHashesAreMatchedAndBadValuesAreReportedPerFieldKeepingTheListing() async throws {
        let store = try await Self.store()
        let hash = try Self.fingerprint(Self.bottle).hash.hex
        let report = try await Self.screen(
            [Self.line("L-1", title: "bottle", extra: #""image_pdq":["nothex","\#(hash.uppercased())",5]"#)], in: store)
        #expect(report.listingsScreened == 1)
        #expect(report.badLines == 0)
        #expect(report.imagesLeftOut == 2)
        #expect(
            report.imageProblems.map(\.description) == [
                "feed.jsonl:1: image_pdq[0]: expected a PDQ hash of 64 hexadecimal digits; left out",
                "feed.jsonl:1: image_pdq[2]: expected a string; left out",
            ])
        let signal = try #require(try await Self.clue("L-1", "D-7", in: store)?.signals.first)
        #expect(signal.image?.listingImage == "image_pdq[1]")
    }

    @Test func corruptMissingAndOversizedImagesAreReportedAndTheFeedGoesOn() async throws {
        let store = try await Self.store()
        let report = try await Self.screen(
            [
                Self.line("L-1", title: "bottle", extra: #""images":["img/broken.jpg","img/missing.jpg"]"#),
                Self.line("L-2", title: "bottle", extra: #""images":["img/q0122.jpg"]"#),
            ], in: store)
        #expect(report.listingsScreened == 2)
        #expect(report.imagesLeftOut == 2)
        #expect(report.imageProblems.map(\.reason.field) == ["images[0]", "images[1]"])
        #expect(report.imageProblems.allSatisfy { $0.reason.message.hasSuffix("; skipped") })
        #expect(
            !report.imageProblems[0].reason.message.contains("broken.jpg"), "the problem names the field, not the path")
        #expect(try await Self.clue("L-2", "D-7", in: store) != nil)

        let limited = try await Self.screen(
            [Self.line("L-3", title: "bottle", extra: #""images":["img/q0122.jpg"]"#)], in: store
        ) { $0.imageLimits = ImageLimits(maximumPixels: 10_000) }
        #expect(limited.imagesLeftOut == 1)
        #expect(limited.imageProblems.first?.reason.message.contains("pixels") == true)
        #expect(try await Self.clue("L-3", "D-7", in: store) == nil)
    }

    @Test func remoteImagesAreNotFetchedAndFlatImagesAreNotMatched() async throws {
        let store = try await Self.store(images: [Self.registered("D-7", try Self.fingerprint(Self.flat).hash)])
        let report = try await Self.screen(
            [Self.line("L-1", title: "bottle", extra: #""images":["https://cdn.example/1.jpg","img/q0003.jpg"]"#)],
            in: store)
        #expect(report.imagesRemoteSkipped == 1)
        #expect(report.imagesLowQualitySkipped == 1)
        #expect(report.listingsWithImageMatches == 0)
        #expect(try await Self.clue("L-1", "D-7", in: store) == nil)
    }

    @Test func withoutRegisteredImagesListingImagesAreNotLookedAt() async throws {
        let store = try await Self.store(images: [])
        let report = try await Self.screen(
            [Self.line("L-1", title: "bottle", extra: #""images":["img/broken.jpg","https://cdn.example/1.jpg"]"#)],
            in: store)
        #expect(report.registeredImagesIndexed == 0)
        #expect(report.imagesHashed == 0)
        #expect(report.imagesRemoteSkipped == 0)
        #expect(report.imagesLeftOut == 0, "a corrupt image is not even opened")
    }

    @Test func aScreeningThatReadsNoLocalFileCountsLocalImagesAndStillMatchesPlatformHashes() async throws {
        let store = try await Self.store()
        let hash = try Self.fingerprint(Self.bottle).hash.hex
        let report = try await Self.screen(
            [
                Self.line("L-1", title: "bottle", extra: #""images":["img/q0122.jpg"]"#),
                Self.line("L-2", title: "bottle", extra: #""image_pdq":"\#(hash)""#),
            ], in: store
        ) { $0.readsLocalImages = false }
        #expect(report.imagesNotRead == 1)
        #expect(try await Self.clue("L-1", "D-7", in: store) == nil)
        #expect(try await Self.clue("L-2", "D-7", in: store) != nil)
    }

    @Test func rightsNotInForceRaiseNoImageClue() async throws {
        let store = try await Self.store(designStatus: .expired)
        let report = try await Self.screen(
            [Self.line("L-1", title: "bottle", extra: #""images":["img/q0122.jpg"]"#)], in: store)
        #expect(report.listingsWithImageMatches == 0)
        #expect(try await Self.clue("L-1", "D-7", in: store) == nil)
    }

    @Test func strengthFallsLinearlyFromOneToTheConfiguredFloorAtTheMatchDistance() {
        let policy = ScreeningPolicy.standard
        #expect(policy.imageStrength(distance: 0) == 1)
        #expect(policy.imageStrength(distance: 31) == 0.5)
        let strengths = (0...31).map { policy.imageStrength(distance: $0) }
        #expect(zip(strengths, strengths.dropFirst()).allSatisfy { $0 > $1 })
        // With the defaults, matches up to 20 bits raise a clue on their own (0.9 × strength ≥ 0.6).
        #expect(policy.imageWeight * policy.imageStrength(distance: 20) >= policy.clueThreshold)
        #expect(policy.imageWeight * policy.imageStrength(distance: 21) < policy.clueThreshold)
        let strict = ScreeningPolicy(imageMatchMaxDistance: 10, imageStrengthAtMaxDistance: 0.2)
        #expect(strict.imageStrength(distance: 10) == 0.2)
        #expect(strict.imageStrength(distance: 5) == 0.6)
    }

    @Test func aRunLimitedToTenBitsIgnoresFartherImages() async throws {
        let store = try await Self.store()
        let farther = Self.flipping(12, of: try Self.fingerprint(Self.bottle).hash).hex
        let report = try await Self.screen(
            [Self.line("L-1", title: "bottle", extra: #""image_pdq":"\#(farther)""#)], in: store
        ) { $0.policy = ScreeningPolicy(imageMatchMaxDistance: 10) }
        #expect(report.imagesHashed == 1)
        #expect(report.listingsWithImageMatches == 0)
    }
}
