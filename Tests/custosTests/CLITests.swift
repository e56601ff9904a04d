import ArgumentParser
import CustosCore
import CustosStore
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Testing

@testable import custos

@Suite struct CLITests {
    static let validCSV = """
        id,kind,name,classes,owner,jurisdiction,status
        TM-1,trademark,NIKE,25;18,"Nike, Inc.",US,registered
        TM-2,trademark,ADIDAS,25,adidas AG,DE,registered
        """

    func count(in data: URL) async throws -> Int {
        try await SQLiteStore.open(dataDirectory: data).rights.countRights(in: Organisation.defaultID)
    }

    @Test func importsRightsAndUpdatesOnReimport() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("rights.csv")
            try Data(Self.validCSV.utf8).write(to: file)
            let data = directory.appendingPathComponent("data")
            try await ImportRightsCommand.parse([file.path, "--data", data.path, "--json"]).run()
            try await ImportRightsCommand.parse([file.path, "--data", data.path, "--json"]).run()
            #expect(try await count(in: data) == 2)
        }
    }

    @Test func importsNothingFromAFileWithAnInvalidRecord() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("rights.csv")
            try Data((Self.validCSV + "\nTM-3,trademark,PUMA,99,Puma SE,DE,registered\n").utf8).write(to: file)
            let data = directory.appendingPathComponent("data")
            await #expect(throws: ExitCode.failure) {
                try await ImportRightsCommand.parse([file.path, "--data", data.path, "--json"]).run()
            }
            #expect(try await count(in: data) == 0)
        }
    }

    @Test func importsTheGoodRecordsWithSkipInvalidAndWritesTheRejects() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("rights.csv")
            try Data((Self.validCSV + "\nTM-3,trademark,PUMA,99,Puma SE,DE,registered\n").utf8).write(to: file)
            let data = directory.appendingPathComponent("data")
            let rejects = directory.appendingPathComponent("rejects.jsonl")
            try await ImportRightsCommand.parse([
                file.path, "--data", data.path, "--skip-invalid", "--rejects", rejects.path, "--json",
            ]).run()
            #expect(try await count(in: data) == 2)
            let text = try String(contentsOf: rejects, encoding: .utf8)
            #expect(text.contains("\"line\":4"))
            #expect(text.contains("classes"))
        }
    }

    @Test func rejectsAClassOutsideTheNiceClassification() {
        #expect(throws: (any Error).self) { try MarksSearchCommand.parse(["NIKE", "--class", "46"]) }
        #expect(throws: (any Error).self) { try MarksSearchCommand.parse(["NIKE", "--batch", "q.jsonl"]) }
    }

    @Test func searchesInBatchAndReportsBadQueryLines() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("rights.csv")
            try Data(Self.validCSV.utf8).write(to: file)
            let data = directory.appendingPathComponent("data")
            try await ImportRightsCommand.parse([file.path, "--data", data.path, "--json"]).run()
            let batch = directory.appendingPathComponent("queries.jsonl")
            try Data("{\"query\": \"N1KE\", \"classes\": [25]}\nnot json\n".utf8).write(to: batch)
            await #expect(throws: ExitCode.failure) {
                try await MarksSearchCommand.parse(["--batch", batch.path, "--data", data.path]).run()
            }
        }
    }

    @Test func runsTheDemoAndRefusesADirectoryItDidNotMake() async throws {
        try await withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("demo")
            try await DemoCommand.parse(["--data", data.path, "--json", "--no-serve"]).run()
            let store = try SQLiteStore.open(dataDirectory: data)
            #expect(try await store.rights.countRights(in: Organisation.defaultID) >= 100)
            #expect(try await store.listings.countListings(in: Organisation.defaultID) >= 1_000)
            let clues = try await store.clues.clues(in: Organisation.defaultID, matching: ClueQuery(limit: 10_000))
            #expect(clues.count > 100)
            // The handbook registered as a text work is found copied into two listings' descriptions.
            #expect(try await store.rightFingerprints.countFingerprints(in: Organisation.defaultID) == 1)
            let copies = clues.filter { clue in clue.signals.contains { $0.kind == .copyMatch } }
            #expect(Set(copies.map(\.listing.rawValue)) == ["taobao-760128455120", "amazon-B0CLJ7TEA9"])
            #expect(copies.allSatisfy { $0.right.rawValue == "CR-0003" })
            // A second demo recreates the directory it made.
            try await DemoCommand.parse(["--data", data.path, "--json", "--no-serve"]).run()

            let foreign = directory.appendingPathComponent("mine")
            try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
            try Data("keep me".utf8).write(to: foreign.appendingPathComponent("notes.txt"))
            await #expect(throws: ExitCode.failure) {
                try await DemoCommand.parse(["--data", foreign.path, "--json", "--no-serve"]).run()
            }
            #expect(FileManager.default.fileExists(atPath: foreign.appendingPathComponent("notes.txt").path))
        }
    }

    @Test func screensAFeedWithABadLineAndExitsNonZero() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("rights.csv")
            try Data(Self.validCSV.utf8).write(to: file)
            let data = directory.appendingPathComponent("data")
            try await ImportRightsCommand.parse([file.path, "--data", data.path, "--json"]).run()
            let feed = directory.appendingPathComponent("feed.jsonl")
            let listing =
                #"{"id":"a1","platform":"taobao","title":"ADIBAS Superstar","price":120,"currency":"CNY","seller":{"id":"s-1","name":"S"},"category":"footwear","observed_at":"2026-03-01T10:00:00Z"}"#
            try Data((listing + "\n{broken\n").utf8).write(to: feed)
            await #expect(throws: ExitCode.failure) {
                try await ScreenCommand.parse([feed.path, "--data", data.path, "--json"]).run()
            }
            let clues = try await SQLiteStore.open(dataDirectory: data).clues.clues(
                in: Organisation.defaultID, matching: ClueQuery())
            #expect(clues.map(\.right) == ["TM-2"])
        }
    }
}
