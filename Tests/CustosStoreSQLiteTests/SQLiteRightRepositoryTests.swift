import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Synchronization
import Testing

@testable import CustosStoreSQLite

/// One right of every kind, each with the details its kind carries.
let sampleRights: [Right] = {
    let day = { (text: String) in StoredTimestamp.date(from: "\(text)T00:00:00.000Z") }
    func make(_ id: String, _ kind: RightKind, _ name: String, classes: [Int] = [], details: RightDetails) -> Right {
        Right(
            id: Right.ID(id), kind: kind, name: name, classes: classes.compactMap(NiceClass.init), owner: "Owner \(id)",
            jurisdiction: "CN", status: .registered, referencePrice: 99.5, currency: "CNY", filedOn: day("2019-03-01"),
            registeredOn: day("2020-01-15"), expiresOn: day("2030-01-14"), details: details)
    }
    return [
        make(
            "tm-1", .trademark, "NIKE", classes: [18, 25],
            details: RightDetails(registrationNumber: "R1", markType: "word", image: "logos/nike.png")),
        make(
            "pt-1", .patent, "Self-lacing shoe",
            details: RightDetails(registrationNumber: "CN1", patentClasses: ["A43B 11/00", "A43C 11/16"])),
        make(
            "um-1", .utilityModel, "Sole insert",
            details: RightDetails(hasEvaluationReport: true, patentClasses: ["A43B 13/00"])),
        make(
            "ds-1", .design, "Bottle shape", classes: [21],
            details: RightDetails(image: "designs/bottle.png", hasEvaluationReport: false, patentClasses: ["09-01"])),
        make("cr-1", .copyright, "Field guide", details: RightDetails(workType: "text")),
        make(
            "gi-1", .geographicalIndication, "Longjing", classes: [30],
            details: RightDetails(product: "tea", originRegion: "Hangzhou")),
        make("pv-1", .plantVariety, "Golden Delicious", details: RightDetails(taxon: "Malus domestica")),
        make("ic-1", .icLayout, "XC-9 layout", details: RightDetails(registrationNumber: "BS.1", image: "ic/xc9.png")),
        make(
            "ts-1", .tradeSecret, "Formula 7",
            details: RightDetails(fingerprint: String(repeating: "ab", count: 32))),
    ]
}()

@Suite struct SQLiteRightRepositoryTests {
    @Test func everyKindRoundTripsWithItsDetails() async throws {
        let store = try await makeStore()
        #expect(Set(sampleRights.map(\.kind)) == Set(RightKind.allCases))
        let summary = try await store.rights.upsert(sampleRights)
        #expect(summary == RightsWriteSummary(inserted: sampleRights.count, updated: 0))
        for right in sampleRights {
            #expect(try await store.rights.right(right.id, in: Organisation.defaultID) == right)
        }
    }

    @Test func upsertingTheSameIdsTwiceUpdatesInsteadOfDuplicating() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(sampleRights)
        var changed = sampleRights
        changed[0].name = "NIKE AIR"
        changed[0].classes = [NiceClass(9), NiceClass(25)].compactMap { $0 }
        let summary = try await store.rights.upsert(changed)
        #expect(summary == RightsWriteSummary(inserted: 0, updated: sampleRights.count))
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == sampleRights.count)
        let stored = try #require(try await store.rights.right("tm-1", in: Organisation.defaultID))
        #expect(stored.name == "NIKE AIR")
        #expect(stored.classes.map(\.number) == [9, 25])
    }

    @Test func changingARightsKindReplacesItsDetailRow() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert([sampleRights[0]])
        var copyright = sampleRights[0]
        copyright.kind = .copyright
        copyright.classes = []
        copyright.details = RightDetails(registrationNumber: "R1", workType: "image")
        _ = try await store.rights.upsert([copyright])
        #expect(try await store.rights.right("tm-1", in: Organisation.defaultID) == copyright)
    }

    @Test func aThrowingImportBodyWritesNothing() async throws {
        struct Abort: Error {}
        let store = try await makeStore()
        let batch = sampleRights
        await #expect(throws: Abort.self) {
            try await store.rights.withImportTransaction { writer in
                _ = try writer.write(batch)
                throw Abort()
            }
        }
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == 0)
    }

    @Test func importTransactionSumsBatches() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(Array(sampleRights.prefix(2)))
        let batch = sampleRights
        let summary = try await store.rights.withImportTransaction { writer in
            var total = RightsWriteSummary()
            for chunk in stride(from: 0, to: batch.count, by: 4) {
                let written = try writer.write(Array(batch[chunk..<min(chunk + 4, batch.count)]))
                total.inserted += written.inserted
                total.updated += written.updated
            }
            return total
        }
        #expect(summary == RightsWriteSummary(inserted: batch.count - 2, updated: 2))
    }

    @Test func aFailingRowRollsBackTheWholeUpsert() async throws {
        let store = try await makeStore()
        var broken = sampleRights
        broken[8].details.fingerprint = "not-a-fingerprint"
        let error = try await #require(throws: StoreError.self) { try await store.rights.upsert(broken) }
        #expect(error.code == .constraint)
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == 0)
    }

    @Test func organisationsNeverSeeEachOthersRights() async throws {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "b", name: "Bee"))
        var theirs = sampleRights[0]
        theirs.organisation = "b"
        theirs.name = "THEIRS"
        _ = try await store.rights.upsert([sampleRights[0], theirs])
        #expect(try await store.rights.right("tm-1", in: Organisation.defaultID)?.name == "NIKE")
        #expect(try await store.rights.right("tm-1", in: "b")?.name == "THEIRS")
        #expect(try await store.rights.countRights(in: "b") == 1)
        let page = try await store.rights.rights(in: "b", kinds: nil, after: nil, limit: 10)
        #expect(page.map(\.organisation) == ["b"])
    }

    @Test func pagesFollowIdOrderAndFilterByKind() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(sampleRights)
        var seen: [Right.ID] = []
        var after: Right.ID?
        while true {
            let page = try await store.rights.rights(in: Organisation.defaultID, kinds: nil, after: after, limit: 4)
            #expect(page.count <= 4)
            guard let last = page.last else { break }
            seen += page.map(\.id)
            after = last.id
        }
        #expect(seen == sampleRights.map(\.id).sorted())
        let patents = try await store.rights.rights(
            in: Organisation.defaultID, kinds: [.patent, .design], after: nil, limit: 10)
        #expect(patents.map(\.id) == ["ds-1", "pt-1"])
        #expect(try await store.rights.rights(in: Organisation.defaultID, kinds: [], after: nil, limit: 10).isEmpty)
    }

    @Test func forEachRightVisitsEveryRightInBatches() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(sampleRights)
        let batches = Mutex<[[Right.ID]]>([])
        try await store.rights.forEachRight(in: Organisation.defaultID, batchSize: 4) { batch in
            batches.withLock { $0.append(batch.map(\.id)) }
        }
        let visited = batches.withLock { $0 }
        #expect(visited.map(\.count) == [4, 4, 1])
        #expect(visited.flatMap { $0 } == sampleRights.map(\.id).sorted())
    }

    @Test(arguments: [0, 46, -3])
    func checkConstraintRejectsClassNumbersOutsideNice(number: Int) async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert([sampleRights[0]])
        let error = try await #require(throws: StoreError.self) {
            try await store.execute(
                "INSERT INTO right_classes (organisation_id, right_id, class) VALUES ('default', 'tm-1', ?)",
                arguments: [number])
        }
        #expect(error.code == .constraint)
        #expect(error.message.contains("CHECK"))
    }

    @Test func checkConstraintRejectsUnknownStatus() async throws {
        let store = try await makeStore()
        let error = try await #require(throws: StoreError.self) {
            try await store.execute(
                """
                INSERT INTO rights (organisation_id, id, kind, name, owner, jurisdiction, status, created_at, updated_at)
                VALUES ('default', 'x', 'trademark', 'X', 'O', 'DE', 'alive', '', '')
                """)
        }
        #expect(error.code == .constraint)
    }
}
