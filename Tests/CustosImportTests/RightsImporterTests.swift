import CustosCore
import CustosStore
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Synchronization
import Testing

@testable import CustosImport

@Suite struct RightsImporterTests {
    @Test func importsEveryFormatIntoTheStore() async throws {
        let store = try await makeStore()
        let importer = RightsImporter(repository: store.rights)
        let csv = try await importer.importRights(from: Fixtures.url("rights.csv"))
        #expect(csv == RightsImportSummary(read: 6, inserted: 6))
        let jsonl = try await importer.importRights(from: Fixtures.url("rights.jsonl"))
        #expect(jsonl == RightsImportSummary(read: 5, inserted: 5))
        let xml = try await importer.importRights(from: Fixtures.url("trademarks-st66.xml"))
        #expect(xml == RightsImportSummary(read: 3, inserted: 3))
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == 14)

        let stored = try #require(try await store.rights.right("TM-002", in: Organisation.defaultID))
        #expect(stored.name == #"Acme, "The Best" Widgets"#)
        #expect(stored.classes.map(\.number) == [9, 42])
        let secret = try #require(try await store.rights.right("TS-001", in: Organisation.defaultID))
        #expect(secret.details.fingerprint == String(repeating: "ab", count: 32))
    }

    @Test func reimportingUpdatesInsteadOfDuplicating() async throws {
        let store = try await makeStore()
        let importer = RightsImporter(repository: store.rights)
        _ = try await importer.importRights(from: Fixtures.url("rights.csv"))
        let again = try await importer.importRights(from: Fixtures.url("rights.csv"))
        #expect(again == RightsImportSummary(read: 6, inserted: 0, updated: 6))
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == 6)
    }

    @Test func anyInvalidRecordImportsNothingAndListsEveryProblem() async throws {
        let store = try await makeStore()
        let importer = RightsImporter(repository: store.rights, options: .init(batchSize: 1))
        let error = try await #require(throws: ImportError.self) {
            try await importer.importRights(from: Fixtures.url("bad-records.csv"), displayName: "bad-records.csv")
        }
        #expect(error.code == .invalidRecords)
        #expect(error.problems.count == 16)
        #expect(error.description.hasPrefix("bad-records.csv:3: kind: unknown kind 'spaceship'"))
        #expect(
            error.description.hasSuffix(
                "15 of 17 records invalid; nothing was imported (fix them, or import with --skip-invalid)"))
        // OK-1 was written in its own batch before the first invalid record; the rollback removed it.
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == 0)
    }

    @Test func aMalformedFileImportsNothingEvenWhenSkippingInvalidRecords() async throws {
        let store = try await makeStore()
        let importer = RightsImporter(repository: store.rights, options: .init(skipInvalid: true, batchSize: 1))
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("cut.xml")
            let text = try Fixtures.text("trademarks-st66.xml")
            // Cut inside the third record: the first two are complete but the XML is not well-formed.
            let cut = try #require(text.range(of: "BOTTLE ONE"))
            try Data(text[..<cut.lowerBound].utf8).write(to: file)
            let error = try await #require(throws: ImportError.self) { try await importer.importRights(from: file) }
            #expect(error.code == .malformedFile)
        }
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == 0)
    }

    @Test func skipInvalidWritesGoodRecordsAndHandsOverRejects() async throws {
        let store = try await makeStore()
        let importer = RightsImporter(repository: store.rights, options: .init(skipInvalid: true))
        try await withTemporaryDirectory { directory in
            let rejectsURL = directory.appendingPathComponent("rejects.jsonl")
            let rejects = try RejectsFileWriter(url: rejectsURL)
            let summary = try await importer.importRights(
                from: Fixtures.url("bad-records.csv"), displayName: "bad-records.csv", rejects: rejects.write)
            #expect(summary.read == 17)
            #expect(summary.inserted == 2)
            #expect(summary.rejected == 15)
            #expect(summary.problems.count == 16)
            #expect(try await store.rights.right("OK-16", in: Organisation.defaultID)?.name == "LAST\nGOOD")
            // The first OK-1 is kept; its duplicate is rejected.
            #expect(try await store.rights.right("OK-1", in: Organisation.defaultID)?.name == "GOOD")

            let lines = try String(decoding: Data(contentsOf: rejectsURL), as: UTF8.self)
                .split(separator: "\n").map(String.init)
            #expect(lines.count == 16)
            let first = try #require(
                try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
            #expect(first["file"] as? String == "bad-records.csv")
            #expect(first["line"] as? Int == 3)
            #expect(first["field"] as? String == "kind")
            #expect((first["message"] as? String)?.hasPrefix("unknown kind 'spaceship'") == true)
            #expect(first["record"] as? String == "BAD-2,spaceship,X,25,Owner,DE,registered,,,,")
        }
    }

    @Test func problemListIsCappedAndTheRestCounted() async throws {
        let store = try await makeStore()
        let importer = RightsImporter(repository: store.rights, options: .init(problemLimit: 5))
        let error = try await #require(throws: ImportError.self) {
            try await importer.importRights(from: Fixtures.url("bad-records.csv"), displayName: "bad-records.csv")
        }
        #expect(error.problems.count == 5)
        #expect(error.unreportedProblemCount == 11)
        #expect(error.description.contains("\n… and 11 more problems\n"))
    }

    @Test func rightsBelongToTheImportersOrganisation() async throws {
        let store = try await makeStore()
        try await store.organisations.save(Organisation(id: "acme", name: "Acme"))
        let importer = RightsImporter(repository: store.rights, organisation: "acme")
        _ = try await importer.importRights(from: Fixtures.url("rights.jsonl"))
        #expect(try await store.rights.countRights(in: "acme") == 5)
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == 0)
    }

    @Test func importingForAnUnsavedOrganisationFailsWithAStoreError() async throws {
        let store = try await makeStore()
        let importer = RightsImporter(repository: store.rights, organisation: "ghost")
        let error = try await #require(throws: StoreError.self) {
            try await importer.importRights(from: Fixtures.url("rights.jsonl"))
        }
        #expect(error.code == .constraint)
    }

    @Test func aLargeGeneratedCSVStreamsInBatchesWithThrottledProgress() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("large.csv")
            let count = 50_000
            #expect(FileManager.default.createFile(atPath: file.path, contents: nil))
            let handle = try FileHandle(forWritingTo: file)
            var text = "id,kind,name,classes,owner,jurisdiction,status,reference_price,currency\n"
            for index in 0..<count {
                text += "R\(index),trademark,\"MARK \(index), LTD\",\(index % 45 + 1);25,Owner \(index % 97),"
                text += "DE,registered,\(index % 500).5,EUR\n"
                if text.utf8.count > 1 << 16 {
                    try handle.write(contentsOf: Data(text.utf8))
                    text = ""
                }
            }
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
            let size = try #require(
                (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? NSNumber)?.int64Value)

            let reports = Mutex<[ImportProgress]>([])
            let importer = RightsImporter(repository: store.rights)
            let summary = try await importer.importRights(
                from: file,
                progress: { progress in
                    reports.withLock { $0.append(progress) }
                })
            #expect(summary == RightsImportSummary(read: count, inserted: count))
            #expect(try await store.rights.countRights(in: Organisation.defaultID) == count)
            let sample = try #require(try await store.rights.right("R44", in: Organisation.defaultID))
            #expect(sample.name == "MARK 44, LTD")
            #expect(sample.classes.map(\.number) == [25, 45])

            let progress = reports.withLock { $0 }
            let last = try #require(progress.last)
            #expect(last == ImportProgress(bytesRead: size, totalBytes: size, records: count))
            #expect(progress.map(\.records) == progress.map(\.records).sorted())
        }
    }
}
