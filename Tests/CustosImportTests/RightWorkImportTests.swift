import CustosCopy
import CustosCore
import CustosStore
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Testing

@testable import CustosImport

/// Works and trade-secret fingerprint files registered at import (`work`, `fingerprint_file`).
@Suite struct RightWorkImportTests {
    static let header = "id,kind,name,classes,owner,jurisdiction,status,work_type,work,fingerprint,fingerprint_file\n"

    /// Prose written for these tests.
    static let guide = """
        The river guide begins where the old towpath leaves the mill and bends north under the willows.
        Walkers who keep the water on their left will pass three locks before the first footbridge,
        and at the second lock the keeper's cottage still sells tea from a hatch beside the gate.
        Beyond the footbridge the path narrows between reed beds where herons stand as still as posts,
        and in late summer the air is loud with warblers that nest low in the stems.
        After the aqueduct the canal turns east towards the market town, whose church tower appears
        above the hedges long before the first houses, and the walk ends at the basin by the brewery.
        """

    static let solver = """
        def solve(grid):
            rows = len(grid)
            cols = len(grid[0])
            seen = set()
            total = 0
            for r in range(rows):
                for c in range(cols):
                    if grid[r][c] == 1 and (r, c) not in seen:
                        stack = [(r, c)]
                        seen.add((r, c))
                        while stack:
                            y, x = stack.pop()
                            for dy, dx in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                                ny, nx = y + dy, x + dx
                                if 0 <= ny < rows and 0 <= nx < cols and grid[ny][nx] == 1:
                                    if (ny, nx) not in seen:
                                        seen.add((ny, nx))
                                        stack.append((ny, nx))
                        total += 1
            return total
        """

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    static func importer(_ store: SQLiteStore, confined: Bool = false) -> RightsImporter {
        RightsImporter(
            repository: store.rights, options: .init(skipInvalid: true),
            works: RightWorkRegistration(
                repository: store.rightFingerprints, isConfinedToBaseDirectory: confined, concurrency: 2))
    }

    @Test func aTextWorkAndACodeFolderAreFingerprintedWithTheirFileNames() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            try Self.write(Self.guide, to: directory.appendingPathComponent("works/guide.txt"))
            try Self.write(Self.solver, to: directory.appendingPathComponent("works/solver/islands.py"))
            try Self.write("", to: directory.appendingPathComponent("works/solver/__init__.py"))
            let file = directory.appendingPathComponent("rights.csv")
            try Self.write(
                Self.header + "CR-1,copyright,River guide,,Acme,CN,registered,text,works/guide.txt,,\n"
                    + "CR-2,copyright,Island solver,,Acme,CN,registered,source_code,works/solver,,\n",
                to: file)
            let summary = try await Self.importer(store).importRights(from: file)
            #expect(summary.inserted == 2 && summary.worksFingerprinted == 2, "\(summary.warnings)")
            #expect(summary.warnings.isEmpty)

            let text = try #require(
                try await store.rightFingerprints.fingerprints(of: "CR-1", in: Organisation.defaultID))
            #expect(text.kind == .work && !text.isSalted && text.source == "works/guide.txt")
            #expect(text.k == WinnowingParameters.text.k && text.window == WinnowingParameters.text.window)
            #expect(text.files.map(\.language) == ["text"] && text.files[0].lineCount == 7)
            #expect(text.files.map(\.name) == ["guide.txt"], "named as the record names it, not by this machine's path")
            #expect(text.fingerprintCount > 10)
            #expect(text.entries.count == text.fingerprintCount * FingerprintFile.entrySize)

            let code = try #require(
                try await store.rightFingerprints.fingerprints(of: "CR-2", in: Organisation.defaultID))
            #expect(code.files.map(\.name) == ["islands.py"], "the empty __init__.py is skipped, names are kept")
            #expect(code.files[0].language == "python" && code.k == WinnowingParameters.code.k)
            // The stored blob is the engine's: it unpacks to the fingerprints of the same file.
            let stored = FingerprintFile.unpack(code.entries)
            let loaded = SubmissionLoader().load(path: directory.appendingPathComponent("works/solver").path)
            let document = try #require(loaded.document)
            #expect(stored == FingerprintSet(document: document).entries)
        }
    }

    @Test func aTradeSecretsFingerprintFileIsStoredSaltedAsGiven() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            try Self.write(Self.solver, to: directory.appendingPathComponent("secret/core.py"))
            let loaded = SubmissionLoader().load(path: directory.appendingPathComponent("secret").path)
            let salt = FingerprintSalt.random()
            let set = FingerprintSet(document: try #require(loaded.document), salt: salt, disclosesFileNames: false)
            try FingerprintFile.encode(set).write(to: directory.appendingPathComponent("secret.fp"))
            let file = directory.appendingPathComponent("rights.csv")
            try Self.write(
                Self.header + "TS-1,trade_secret,Solver core,,Acme,CN,registered,,,,secret.fp\n", to: file)
            let summary = try await Self.importer(store).importRights(from: file)
            #expect(summary.inserted == 1 && summary.worksFingerprinted == 1 && summary.warnings.isEmpty)
            let right = try #require(try await store.rights.right("TS-1", in: Organisation.defaultID))
            #expect(right.details.fingerprint == nil, "the SHA-256 is optional when a fingerprint file is given")
            let stored = try #require(
                try await store.rightFingerprints.fingerprints(of: "TS-1", in: Organisation.defaultID))
            #expect(stored.kind == .secret && stored.saltHex == salt.hex && stored.files.map(\.name) == ["#1"])
            #expect(stored.entries == FingerprintFile.pack(set.entries) && stored.fingerprintCount == set.entries.count)
            #expect(stored.k == set.parameters.k && stored.window == set.parameters.window)
        }
    }

    @Test func badWorksAreWarningsAndTheirRightsStillLand() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            var binary = Data("PK\u{03}\u{04}".utf8)
            binary.append(contentsOf: [UInt8](repeating: 0, count: 64))
            try binary.write(to: directory.appendingPathComponent("book.txt"))
            try Data([0xC3, 0x28, 0x41, 0x42, 0xFF, 0xFE, 0x20] + Array("text".utf8)).write(
                to: directory.appendingPathComponent("latin1.txt"))
            try Self.write(
                "{\"format\": \"custos-fingerprints\", \"version\": 1}",
                to: directory.appendingPathComponent("broken.fp"))
            try Self.write("short text", to: directory.appendingPathComponent("short.txt"))
            let file = directory.appendingPathComponent("rights.csv")
            let hash = String(repeating: "ab", count: 32)
            try Self.write(
                Self.header + "CR-1,copyright,Missing,,Acme,CN,registered,text,works/missing.txt,,\n"
                    + "CR-2,copyright,Binary,,Acme,CN,registered,text,book.txt,,\n"
                    + "CR-3,copyright,Encoding,,Acme,CN,registered,text,latin1.txt,,\n"
                    + "TS-1,trade_secret,Broken,,Acme,CN,registered,,,\(hash),broken.fp\n"
                    + "CR-4,copyright,Remote,,Acme,CN,registered,text,https://example.com/book.txt,,\n"
                    + "CR-5,copyright,Short,,Acme,CN,registered,text,short.txt,,\n",
                to: file)
            let summary = try await Self.importer(store).importRights(from: file)
            #expect(summary.inserted == 6 && summary.worksFingerprinted == 0)
            #expect(try await store.rightFingerprints.countFingerprints(in: Organisation.defaultID) == 0)
            let byLine = Dictionary(grouping: summary.warnings, by: \.line)
            #expect(byLine[2]?.contains { $0.message.contains("no such file") } == true, "\(summary.warnings)")
            #expect(byLine[3]?.contains { $0.message.contains("binary") } == true, "\(summary.warnings)")
            #expect(byLine[4]?.contains { $0.field == "work" } == true, "\(summary.warnings)")
            #expect(
                byLine[5]?.contains { $0.field == "fingerprint_file" && $0.message.contains("fingerprint file") }
                    == true)
            #expect(byLine[6]?.contains { $0.message.contains("remote URL") } == true)
            #expect(byLine[7]?.contains { $0.message.contains("too short") || $0.message.contains("nothing") } == true)
            #expect(summary.warnings.map(\.line) == summary.warnings.map(\.line).sorted())
        }
    }

    @Test func confinedImportsReadNoWorkOutsideTheirFolder() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            try Self.write(Self.guide, to: directory.appendingPathComponent("outside/guide.txt"))
            let file = directory.appendingPathComponent("upload/rights.csv")
            try Self.write(
                Self.header + "CR-1,copyright,Escape,,Acme,CN,registered,text,../outside/guide.txt,,\n"
                    + "CR-2,copyright,Absolute,,Acme,CN,registered,text,\(directory.path)/outside/guide.txt,,\n",
                to: file)
            let summary = try await Self.importer(store, confined: true).importRights(from: file)
            #expect(summary.inserted == 2 && summary.worksFingerprinted == 0)
            #expect(summary.warnings.count == 2)
            #expect(summary.warnings.allSatisfy { $0.message.contains("outside the rights file's folder") })
        }
    }

    @Test func recordsAreCheckedForTheNewFields() throws {
        let validator = RightRecordValidator(organisation: Organisation.defaultID)
        let base = ["id": "X", "name": "N", "classes": "", "owner": "O", "jurisdiction": "CN", "status": "registered"]
        func problems(_ extra: [String: String]) -> [String] {
            switch validator.validate(base.merging(extra) { _, new in new }) {
            case .success: []
            case .failure(let found): found.items.map { "\($0.field): \($0.message)" }
            }
        }
        #expect(problems(["kind": "trade_secret"]).contains { $0.hasPrefix("fingerprint: a trade secret needs") })
        #expect(problems(["kind": "trade_secret", "fingerprint_file": "s.fp"]).isEmpty)
        #expect(problems(["kind": "copyright", "work_type": "text", "work": "book.txt"]).isEmpty)
        #expect(problems(["kind": "copyright", "work": "book"]).isEmpty)
        #expect(
            problems(["kind": "copyright", "work_type": "audio", "work": "song.mp3"]).contains { $0.hasPrefix("work:") }
        )
        #expect(
            problems(["kind": "trademark", "classes": "25", "work": "book.txt"]).contains { $0.hasPrefix("work:") })
        #expect(
            problems(["kind": "copyright", "fingerprint_file": "s.fp"]).contains { $0.hasPrefix("fingerprint_file:") })
    }
}
