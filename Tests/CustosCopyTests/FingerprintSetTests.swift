import Foundation
import Testing

@testable import CustosCopy

@Suite struct FingerprintSetTests {
    /// A document of whitespace-separated tokens, one line per input line.
    static func document(_ name: String, _ files: [(String, String)], k: Int = 4, window: Int = 3) throws
        -> CopyDocument
    {
        var document = CopyDocument(name: name, parameters: try WinnowingParameters(k: k, window: window))
        for (path, text) in files {
            var stream = TokenStream()
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() {
                for word in line.split(separator: " ") { stream.append(word, line: number + 1) }
            }
            document.append(path: path, language: .text, tokens: stream, lineCount: lines.count)
        }
        return document
    }

    static let work = """
        the quick brown fox jumps over the lazy dog
        while seven wise owls watch from an old oak
        and the river runs quietly to the grey sea
        """

    @Test func suspectCopyingTwoLinesMapsBackToThoseLines() throws {
        let registered = FingerprintSet(document: try Self.document("work", [("ferns.txt", Self.work)]))
        let suspect = try Self.document(
            "listing",
            [("desc.txt", "buy now cheap\nwhile seven wise owls watch from an old oak\nand the river runs quietly")])
        let match = registered.match(suspect)
        #expect(match.sharedFingerprints > 0)
        #expect(match.documentShare > 0.5)
        #expect(match.registeredShare < 0.8)
        let region = try #require(match.regions.first)
        #expect(region.aFile == "desc.txt")
        #expect(region.bFile == "ferns.txt")
        #expect(region.aLines.lowerBound == 2)
        #expect(region.bLines.lowerBound == 2)
        #expect(match.regions.count == 1)
    }

    @Test func unrelatedTextSharesNothing() throws {
        let registered = FingerprintSet(document: try Self.document("work", [("ferns.txt", Self.work)]))
        let suspect = try Self.document("other", [("x.txt", "completely different words about cars and roads here")])
        let match = registered.match(suspect)
        #expect(match.sharedFingerprints == 0)
        #expect(match.regions.isEmpty)
        #expect(match.documentShare == 0)
    }

    @Test func saltedSetMatchesOnlyThroughItsOwnSalt() throws {
        let salt = FingerprintSalt.random()
        let document = try Self.document("secret", [("algo.c", Self.work)])
        let secret = FingerprintSet(document: document, salt: salt, disclosesFileNames: false)
        let plain = FingerprintSet(document: document)
        #expect(secret.hashes.isDisjoint(with: plain.hashes))
        #expect(secret.files.map(\.name) == ["#1"])
        #expect(secret.match(document).registeredShare == 1)
        // Another owner's salt turns the same code into unrelated hashes.
        let other = FingerprintSet(document: document, salt: FingerprintSalt.random())
        #expect(other.hashes.isDisjoint(with: secret.hashes))
    }

    @Test func fileRoundTripsAndRefusesTamperingAndTruncation() throws {
        let set = FingerprintSet(
            document: try Self.document("secret", [("a.c", Self.work), ("b.c", Self.work)]),
            salt: FingerprintSalt.random())
        let data = FingerprintFile.encode(set)
        let decoded = try FingerprintFile.decode(data, source: "secret.fp")
        #expect(decoded == set)
        // No token or word of the source appears in the file.
        let text = try #require(String(data: data, encoding: .utf8))
        #expect(!text.contains("owls"))
        #expect(!text.contains("a.c") || set.files[0].name == "a.c")

        var json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        json["count"] = set.entries.count - 1
        let truncated = try JSONSerialization.data(withJSONObject: json)
        let error = #expect(throws: CopyError.self) { try FingerprintFile.decode(truncated, source: "secret.fp") }
        #expect(error?.code == .corruptFingerprintFile)
        #expect(error?.message.hasPrefix("secret.fp:") == true)

        json["count"] = Int.max
        let hostile = try JSONSerialization.data(withJSONObject: json)
        #expect(throws: CopyError.self) { try FingerprintFile.decode(hostile, source: "h.fp") }

        #expect(throws: CopyError.self) { try FingerprintFile.decode(Data("not json".utf8), source: "x.fp") }
        #expect(throws: CopyError.self) { try FingerprintFile.decode(data.prefix(data.count / 2), source: "x.fp") }
    }

    @Test func packedEntriesRoundTrip() throws {
        let set = FingerprintSet(document: try Self.document("work", [("ferns.txt", Self.work)]))
        #expect(FingerprintFile.unpack(FingerprintFile.pack(set.entries)) == set.entries)
        #expect(FingerprintFile.pack(set.entries).count == set.entries.count * FingerprintFile.entrySize)
    }
}
