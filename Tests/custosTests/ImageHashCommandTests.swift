import CustosCore
import CustosTestSupport
import Foundation
import Testing

/// `custos image hash`, run as a user runs it: the built executable over the PDQ fixture images.
@Suite struct ImageHashCommandTests {
    /// The ThreatExchange PDQ fixtures (BSD licence, see the LICENSE files there), shared with CustosImageTests.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CustosImageTests/Fixtures/pdq")

    /// A JPEG, a PNG with alpha (dropped) and a WebP: one per decoder.
    static let samples = [
        "images/bridge-mods/square-256x256.jpg", "images-pytx/LA.png", "images/misc-images/modes/HSV.webp",
    ]

    /// The reference's hash, quality and dihedral hashes of a fixture, from computed-pillow-rgb-fullres.csv.
    struct Expected {
        var pdq: String
        var quality: Int
        var orientations: [String]
    }

    static func expected(_ file: String) throws -> Expected {
        let csv = try String(
            contentsOf: fixtures.appendingPathComponent("computed-pillow-rgb-fullres.csv"), encoding: .utf8)
        let fields = try #require(
            csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                .first { $0.first.map(String.init) == file })
        return Expected(
            pdq: String(fields[7]), quality: try #require(Int(fields[8])),
            orientations: fields[10..<18].map(String.init))
    }

    static func path(_ file: String) -> String { fixtures.appendingPathComponent(file).path }

    /// The JSON objects printed, one per line.
    static func lines(_ run: CustosRun) -> [[String: Any]] {
        run.text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    @Test func referenceHashesEqualMetasReferenceForAJPEGAPNGAndAWebP() throws {
        let run = try CustosRun.run(["image", "hash", "--json", "--reference"] + Self.samples.map(Self.path))
        #expect(run.status == 0, "\(run.errors)")
        let lines = Self.lines(run)
        #expect(lines.count == 3)
        for (file, line) in zip(Self.samples, lines) {
            let expected = try Self.expected(file)
            #expect(line["file"] as? String == Self.path(file))
            #expect(line["pdq"] as? String == expected.pdq, "\(file)")
            #expect(line["quality"] as? Int == expected.quality, "\(file)")
            #expect(Set(line.keys) == ["file", "pdq", "quality"], "no orientations or insets unless asked or cut")
        }
    }

    @Test func imagesWithoutBordersHashTheSameWithAndWithoutTrimming() throws {
        let run = try CustosRun.run(["image", "hash", "--json"] + Self.samples.map(Self.path))
        #expect(run.status == 0, "\(run.errors)")
        #expect(try Self.lines(run).map { $0["pdq"] as? String } == Self.samples.map { try Self.expected($0).pdq })
    }

    @Test func dihedralPrintsTheEightOrientationsOfTheReference() throws {
        let file = "images/reg-test-input/dih/bridge-1-original.jpg"
        let run = try CustosRun.run(["image", "hash", "--json", "--dihedral", Self.path(file)])
        #expect(run.status == 0, "\(run.errors)")
        let orientations = try #require(Self.lines(run).first?["orientations"] as? [String: String])
        let names = ["original", "rotate90", "rotate180", "rotate270", "flipX", "flipY", "flipPlus1", "flipMinus1"]
        #expect(names.map { orientations[$0] } == (try Self.expected(file).orientations))
    }

    @Test func trimmingCutsTheLetterboxAndReportsTheInsets() throws {
        let letterboxed = Self.path("images-pytx/letterboxed_sample-b.jpg")
        let original = try ImageHash(hex: Self.expected("images-pytx/sample-b.jpg").pdq)
        let trimmed = try #require(Self.lines(try CustosRun.run(["image", "hash", "--json", letterboxed])).first)
        let reference = try #require(
            Self.lines(try CustosRun.run(["image", "hash", "--json", "--reference", letterboxed])).first)
        let trimmedHash = try ImageHash(hex: try #require(trimmed["pdq"] as? String))
        let referenceHash = try ImageHash(hex: try #require(reference["pdq"] as? String))
        #expect(trimmedHash.distance(to: original) <= 31)
        #expect(referenceHash.distance(to: original) > 31)
        let insets = try #require(trimmed["trimmed"] as? [String: Int])
        #expect((insets["top"] ?? 0) + (insets["bottom"] ?? 0) + (insets["left"] ?? 0) + (insets["right"] ?? 0) > 0)
        #expect(reference["trimmed"] == nil)
    }

    @Test func badFilesAreNamedOnStandardErrorWhileTheGoodOneIsStillHashed() async throws {
        try await withTemporaryDirectory { directory in
            let good = Self.path(Self.samples[0])
            let jpeg = try Data(contentsOf: URL(fileURLWithPath: good))
            let truncated = directory.appendingPathComponent("truncated.jpg")
            try jpeg.prefix(jpeg.count / 3).write(to: truncated)
            let corrupt = directory.appendingPathComponent("corrupt.jpg")
            try (Data(jpeg.prefix(4)) + Data(repeating: 0x5A, count: 4_000)).write(to: corrupt)
            let text = directory.appendingPathComponent("notes.png")
            try Data("not an image at all".utf8).write(to: text)
            let missing = directory.appendingPathComponent("missing.webp")
            let run = try CustosRun.run(
                ["image", "hash", "--json", truncated.path, good, corrupt.path, text.path, missing.path])
            #expect(run.status == 1)
            let lines = Self.lines(run)
            #expect(lines.map { $0["file"] as? String } == [good])
            #expect(lines.first?["pdq"] as? String == (try Self.expected(Self.samples[0]).pdq))
            let errors = run.errors.split(separator: "\n").map(String.init)
            for bad in [truncated, corrupt, text, missing] {
                #expect(errors.contains { $0.contains(bad.path) }, "\(bad.lastPathComponent) named: \(run.errors)")
            }
            #expect(errors.contains { $0.contains(truncated.path) && $0.contains("truncated") })
            #expect(errors.contains { $0.contains(corrupt.path) && $0.contains("JPEG") })
            #expect(errors.contains { $0.contains(text.path) && $0.contains("JPEG, PNG and WebP") })
            #expect(errors.last == "custos: 4 of 5 files could not be hashed")
        }
    }

    @Test func limitsRefuseLargeImagesAndBadLimitsAreUsageErrors() throws {
        let good = Self.path(Self.samples[0])
        let small = try CustosRun.run(["image", "hash", "--max-pixels", "10000", good])
        #expect(small.status == 1)
        #expect(small.errors.contains(good) && small.errors.contains("10000 pixels"), "\(small.errors)")
        let usage = try CustosRun.run(["image", "hash", "--max-file-mib", "0", good])
        #expect(usage.status == 64)
    }

    @Test func theTableShowsHashQualityAndFile() throws {
        let good = Self.path(Self.samples[0])
        let run = try CustosRun.run(["image", "hash", good])
        #expect(run.status == 0, "\(run.errors)")
        let rows = run.text.split(separator: "\n")
        #expect(rows.first?.hasPrefix("PDQ") == true)
        let expected = try Self.expected(Self.samples[0])
        #expect(rows.dropFirst().first?.hasPrefix(expected.pdq) == true)
        #expect(rows.dropFirst().first?.hasSuffix(good) == true)
    }
}
