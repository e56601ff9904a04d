import CustosCore
import CustosImage
import CustosSamples
import Foundation
import Testing

/// The sample images tie the listing feed to the portfolio only through their pixels: these tests hold the data to
/// what screening needs (copies within PDQ distance 31 of the registered image, unrelated photos far from all).
@Suite struct SampleImagesTests {
    /// The largest distance screening counts as a match.
    static let matchDistance = 31

    struct FeedImage {
        var listing: String
        var path: String
        var label: String
        var right: String
    }

    /// Every registered image path in the portfolio, by right.
    static func registeredImages() throws -> [String: [String]] {
        let table = CSVTestParser.rows(try String(contentsOf: try SampleData.portfolioURL, encoding: .utf8))
        var images: [String: [String]] = [:]
        for row in table.rows {
            guard let id = row["id"], let field = row["image"], !field.isEmpty else { continue }
            images[id] = field.split(separator: ";").map(String.init)
        }
        return images
    }

    /// Every local image of the feed, with its listing's label and right.
    static func feedImages() throws -> [FeedImage] {
        let labels = CSVTestParser.rows(try String(contentsOf: try SampleData.listingLabelsURL, encoding: .utf8))
        var byListing: [String: (String, String)] = [:]
        for row in labels.rows {
            if let id = row["listing_id"] { byListing[id] = (row["label"] ?? "", row["right_id"] ?? "") }
        }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        var images: [FeedImage] = []
        for line in try Data(contentsOf: try SampleData.listingsURL).split(separator: UInt8(ascii: "\n")) {
            let listing = try decoder.decode(Listing.self, from: Data(line))
            for path in listing.images where !path.contains("://") {
                let (label, right) = byListing[listing.id.rawValue] ?? ("", "")
                images.append(FeedImage(listing: listing.id.rawValue, path: path, label: label, right: right))
            }
        }
        return images
    }

    static func fingerprint(_ path: String) throws -> ImageFingerprint {
        try ImageFingerprinter().fingerprint(
            contentsOf: try SampleData.resourcesDirectory.appendingPathComponent(path).path)
    }

    @Test func registeredImagesAreSmallDetailedPhotosOfFewRights() throws {
        let registered = try Self.registeredImages()
        #expect(Set(registered.keys).isSuperset(of: ["CR-0001", "DS-0001", "DS-0002", "DS-0003"]))
        for path in registered.values.joined() {
            let fingerprint = try Self.fingerprint(path)
            #expect(max(fingerprint.width, fingerprint.height) <= 512, "\(path)")
            if path.hasPrefix("images/rights/") {
                #expect(fingerprint.isUsable, "\(path) has quality \(fingerprint.quality)")
            }
        }
    }

    @Test func feedCopiesMatchTheirRegisteredImageAfterTrimming() throws {
        let registered = try Self.registeredImages()
        let copies = try Self.feedImages().filter { $0.label == "suspicious" && $0.path.hasPrefix("images/feed/") }
        #expect(copies.count >= 5)
        for copy in copies {
            let fingerprint = try Self.fingerprint(copy.path)
            let originals = try #require(registered[copy.right], "\(copy.listing) names \(copy.right)")
            let distance =
                try originals.map { fingerprint.closestOrientation(to: try Self.fingerprint($0).hash) }
                .map(\.distance).min() ?? Int.max
            #expect(distance <= Self.matchDistance, "\(copy.path) is \(distance) bits from \(copy.right)")
        }
        #expect(copies.contains { $0.path.contains("letterboxed") } && copies.contains { $0.path.contains("mirrored") })
    }

    @Test func letterboxedCopyNeedsTheTrimmer() throws {
        // Without trimming the bars dominate the hash: the sample shows what border trimming buys.
        let path = "images/feed/coaster-letterboxed.jpg"
        let original = try Self.fingerprint("images/rights/design-wine-label-coaster.jpg")
        let trimmed = try Self.fingerprint(path)
        #expect(!trimmed.trimmed.isEmpty)
        let untrimmed = try ImageFingerprinter(trimmer: nil).fingerprint(
            contentsOf: try SampleData.resourcesDirectory.appendingPathComponent(path).path)
        #expect(trimmed.hash.distance(to: original.hash) < untrimmed.hash.distance(to: original.hash))
    }

    @Test func unrelatedFeedPhotosMatchNoRegisteredImage() throws {
        let registered = try Self.registeredImages().values.joined().map { try Self.fingerprint($0).hash }
        let unrelated = try Self.feedImages().filter { $0.label != "suspicious" }
        #expect(unrelated.count >= 3)
        for image in unrelated {
            let fingerprint = try Self.fingerprint(image.path)
            let distance = registered.map { fingerprint.closestOrientation(to: $0).distance }.min() ?? Int.max
            #expect(distance > Self.matchDistance, "\(image.path) is \(distance) bits from a registered image")
        }
    }

    @Test func sampleImagesStaySmallAndCarryTheirLicence() throws {
        let folder = try SampleData.resourcesDirectory.appendingPathComponent("images")
        var total = 0
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.fileSizeKey])
        while let url = files?.nextObject() as? URL {
            total += try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
        }
        #expect(total > 0 && total <= 3 << 20)
        let licence = try String(
            contentsOf: folder.appendingPathComponent("LICENSE-ThreatExchange-BSD.txt"), encoding: .utf8)
        #expect(licence.contains("BSD License"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("NOTICE.md").path))
    }
}
