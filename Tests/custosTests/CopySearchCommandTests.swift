import CustosCopy
import CustosCore
import CustosImport
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Testing

/// `custos copy search`, run as a user runs it: the built executable over a data directory whose organisation
/// registered a text work and a trade secret.
@Suite struct CopySearchCommandTests {
    /// A registered (fictional) poem, written for these tests.
    static let poem = """
        Over the salt marsh the geese come home at dusk in long uneven lines,
        calling to each other across the cold water as the light goes out of the sky.
        The tide fills the creeks without a sound and the boats lift from the mud,
        and in the village the lamps are lit one by one behind the sea wall.
        """

    /// A Rust function, registered as a trade secret.
    static let secret = """
        pub fn checksum(data: &[u8]) -> u32 {
            let mut a: u32 = 1;
            let mut b: u32 = 0;
            for byte in data {
                a = (a + *byte as u32) % 65521;
                b = (b + a) % 65521;
            }
            (b << 16) | a
        }
        """

    static func withData<T>(_ body: (URL, URL) throws -> T) async throws -> T {
        try await withTemporaryDirectory { directory in
            let store = try SQLiteStore.open(dataDirectory: directory.appendingPathComponent("data"))
            let acme = Organisation.ID("acme")
            try await store.organisations.save(Organisation(id: acme, name: "Acme"))
            try await store.organisations.save(Organisation(id: Organisation.defaultID, name: "Default"))
            _ = try await store.rights.upsert([
                Right(
                    id: "CR-7", organisation: acme, kind: .copyright, name: "Salt marsh", owner: "Acme Press",
                    jurisdiction: "GB", status: .registered, details: RightDetails(workType: "text")),
                Right(
                    id: "TS-9", organisation: acme, kind: .tradeSecret, name: "Checksum", owner: "Acme",
                    jurisdiction: "GB", status: .registered),
            ])
            let works = directory.appendingPathComponent("works")
            try FileManager.default.createDirectory(at: works, withIntermediateDirectories: true)
            try poem.write(to: works.appendingPathComponent("marsh.txt"), atomically: true, encoding: .utf8)
            try secret.write(to: works.appendingPathComponent("sum.rs"), atomically: true, encoding: .utf8)
            for (right, file) in [("CR-7", "marsh.txt"), ("TS-9", "sum.rs")] {
                let loaded = SubmissionLoader().load(path: works.appendingPathComponent(file).path)
                let document = try #require(loaded.document)
                let salt: FingerprintSalt? = right == "TS-9" ? .random() : nil
                let set = FingerprintSet(document: document, salt: salt, disclosesFileNames: salt == nil)
                try await store.rightFingerprints.replaceFingerprints(
                    RightFingerprints(
                        set, organisation: acme, right: Right.ID(right), kind: salt == nil ? .work : .secret,
                        source: file, recordedAt: Date()))
            }
            return try body(directory.appendingPathComponent("data"), directory)
        }
    }

    @Test func jsonNamesTheCopiedWorksWithTheirSharesAndRegions() async throws {
        try await Self.withData { data, directory in
            let suspect = directory.appendingPathComponent("suspect")
            try FileManager.default.createDirectory(at: suspect, withIntermediateDirectories: true)
            try ("A blog post.\n" + Self.poem).write(
                to: suspect.appendingPathComponent("post.txt"), atomically: true, encoding: .utf8)
            try Self.secret.replacingOccurrences(of: "byte", with: "x").write(
                to: suspect.appendingPathComponent("lib.rs"), atomically: true, encoding: .utf8)
            try Data([0x00, 0x01, 0x02, 0x03]).write(to: suspect.appendingPathComponent("blob.txt"))
            let run = try CustosRun.run([
                "copy", "search", suspect.path, "--data", data.path, "--org", "acme", "--json",
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.errors.contains("blob.txt") && run.errors.contains("binary"), "\(run.errors)")
            let json = run.json
            #expect(json["files"] as? Int == 2)
            let matches = try #require(json["matches"] as? [[String: Any]])
            #expect(Set(matches.compactMap { $0["right_id"] as? String }) == ["CR-7", "TS-9"])
            let poem = try #require(matches.first { $0["right_id"] as? String == "CR-7" })
            #expect(poem["kind"] as? String == "copyright" && poem["registration"] as? String == "work")
            #expect((poem["registered_share"] as? Double ?? 0) > 0.8)
            let region = try #require((poem["regions"] as? [[String: Any]])?.first)
            #expect(
                region["suspect_file"] as? String == "post.txt"
                    && (region["registered_file"] as? String)?.hasSuffix("marsh.txt") == true)
            let secret = try #require(matches.first { $0["right_id"] as? String == "TS-9" })
            #expect((secret["regions"] as? [[String: Any]])?.first?["registered_file"] as? String == "#1")
        }
    }

    @Test func textOutputMinimumShareOtherOrganisationsAndBadInput() async throws {
        try await Self.withData { data, directory in
            let post = directory.appendingPathComponent("post.txt")
            try ("Quoted: " + Self.poem.split(separator: "\n")[0] + "\nand much more of my own text here today")
                .write(to: post, atomically: true, encoding: .utf8)
            let text = try CustosRun.run(["copy", "search", post.path, "--data", data.path, "--org", "acme"])
            #expect(text.status == 0, "\(text.errors)")
            #expect(text.text.contains("CR-7") && text.text.contains("Salt marsh"), "\(text.text)")
            let strict = try CustosRun.run([
                "copy", "search", post.path, "--data", data.path, "--org", "acme", "--min-share", "0.99",
            ])
            #expect(strict.status == 0 && strict.text.contains("No registered work"), "\(strict.text)")
            let other = try CustosRun.run(["copy", "search", post.path, "--data", data.path, "--json"])
            #expect(other.status == 0 && (other.json["matches"] as? [Any])?.isEmpty == true, "\(other.text)")

            let missing = try CustosRun.run([
                "copy", "search", directory.appendingPathComponent("nope.txt").path, "--data", data.path,
            ])
            #expect(missing.status == 1 && missing.errors.contains("no such file"), "\(missing.errors)")
            let badLanguage = try CustosRun.run(["copy", "search", post.path, "--data", data.path, "--lang", "cobol"])
            #expect(badLanguage.status != 0 && badLanguage.errors.contains("cobol"))
        }
    }
}
