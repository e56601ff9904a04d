import CustosCore
import CustosImage
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Testing

/// `custos image search`, run as a user runs it: the built executable over a data directory holding registered
/// images.
@Suite struct ImageSearchCommandTests {
    /// ThreatExchange PDQ fixture images (BSD licence, see Tests/CustosImageTests/Fixtures/pdq/LICENSE-*).
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("CustosImageTests/Fixtures/pdq/images/reg-test-input/labelme-subset")
    static let bottle = fixtures.appendingPathComponent("q0122.jpg").path
    static let other = fixtures.appendingPathComponent("q0291.jpg").path

    /// A data directory whose organisation `acme` registered the bottle photograph (mirrored) for design D-7, and
    /// whose default organisation registered it unmirrored for a right of its own.
    static func withData<T>(_ body: (URL) throws -> T) async throws -> T {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore.open(dataDirectory: directory)
            let acme = Organisation.ID("acme")
            try await store.organisations.save(Organisation(id: acme, name: "Acme"))
            try await store.organisations.save(Organisation(id: Organisation.defaultID, name: "Default"))
            let fingerprint = try ImageFingerprinter().fingerprint(contentsOf: bottle)
            _ = try await store.rights.upsert([
                Right(
                    id: "D-7", organisation: acme, kind: .design, name: "Bottle shape", owner: "Acme",
                    jurisdiction: "CN", status: .registered),
                Right(
                    id: "TM-OTHER", kind: .trademark, name: "OTHER", owner: "Other", jurisdiction: "CN",
                    status: .registered),
            ])
            try await store.rightImages.replaceImages([
                RightImage(
                    organisation: acme, right: "D-7", position: 0, source: "d7.jpg",
                    sha256: String(repeating: "a", count: 64), hash: fingerprint.orientations[5], quality: 100,
                    width: 256, height: 256, recordedAt: Date())
            ])
            try await store.rightImages.replaceImages([
                RightImage(
                    organisation: Organisation.defaultID, right: "TM-OTHER", position: 0, source: "o.jpg",
                    sha256: String(repeating: "b", count: 64), hash: fingerprint.hash, quality: 100, width: 256,
                    height: 256, recordedAt: Date())
            ])
            return try body(directory)
        }
    }

    @Test func jsonNamesTheMatchedRightDistanceAndOrientationWithinTheOrganisation() async throws {
        try await Self.withData { data in
            let run = try CustosRun.run([
                "image", "search", Self.bottle, "--data", data.path, "--org", "acme", "--json",
            ])
            #expect(run.status == 0, "\(run.errors)")
            let json = run.json
            #expect(json["file"] as? String == Self.bottle)
            #expect((json["pdq"] as? String)?.count == 64)
            #expect(json["quality"] as? Int == 100)
            let matches = try #require(json["matches"] as? [[String: Any]])
            #expect(matches.count == 1, "the default organisation's image is not acme's")
            #expect(matches.first?["right_id"] as? String == "D-7")
            #expect(matches.first?["name"] as? String == "Bottle shape")
            #expect(matches.first?["distance"] as? Int == 0)
            #expect(matches.first?["orientation"] as? String == "flipY")
        }
    }

    @Test func textListsMatchesAsAColumnsTable() async throws {
        try await Self.withData { data in
            let run = try CustosRun.run(["image", "search", Self.bottle, "--data", data.path])
            #expect(run.status == 0, "\(run.errors)")
            let lines = run.text.split(separator: "\n").map(String.init)
            #expect(lines.count == 3)
            #expect(lines[1].hasPrefix("RIGHT"))
            #expect(lines[2].hasPrefix("TM-OTHER"))
            #expect(lines[2].contains("OTHER"))
            #expect(lines[2].hasSuffix("original"))
        }
    }

    @Test func anUnrelatedImageOrATightDistanceFindsNothing() async throws {
        try await Self.withData { data in
            let unrelated = try CustosRun.run(["image", "search", Self.other, "--data", data.path, "--json"])
            #expect(unrelated.status == 0, "\(unrelated.errors)")
            #expect((unrelated.json["matches"] as? [Any])?.isEmpty == true)
            let text = try CustosRun.run(["image", "search", Self.other, "--data", data.path])
            #expect(text.text.contains("No registered image within 31 bits."))
        }
    }

    @Test func aFileThatIsNotAnImageIsNamedWithANonZeroExit() async throws {
        try await Self.withData { data in
            let file = data.appendingPathComponent("notes.txt")
            try Data("not an image".utf8).write(to: file)
            let run = try CustosRun.run(["image", "search", file.path, "--data", data.path])
            #expect(run.status != 0)
            #expect(run.errors.contains(file.path), "\(run.errors)")
            let missing = try CustosRun.run(["image", "search", "/nonexistent/photo.jpg", "--data", data.path])
            #expect(missing.status != 0)
            #expect(missing.errors.contains("/nonexistent/photo.jpg"), "\(missing.errors)")
        }
    }

    @Test func aDistanceOutsideTheRangeIsRefused() async throws {
        try await Self.withData { data in
            let run = try CustosRun.run(["image", "search", Self.bottle, "--data", data.path, "--max-distance", "300"])
            #expect(run.status != 0)
            #expect(run.errors.contains("--max-distance"), "\(run.errors)")
        }
    }
}
