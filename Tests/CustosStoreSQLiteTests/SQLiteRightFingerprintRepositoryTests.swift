import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Synchronization
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteRightFingerprintRepositoryTests {
    private func fingerprints(
        _ right: Right.ID, kind: RightFingerprints.Kind = .work, count: Int = 3,
        in organisation: Organisation.ID = Organisation.defaultID
    ) -> RightFingerprints {
        RightFingerprints(
            organisation: organisation, right: right, kind: kind, k: kind == .work ? 8 : 20,
            window: kind == .work ? 5 : 8, saltHex: kind == .secret ? String(repeating: "5a", count: 32) : nil,
            files: [
                RightFingerprints.File(name: "guide/chapter1.txt", language: "text", lineCount: 40, tokenCount: 512),
                RightFingerprints.File(name: "guide/chapter2.txt", language: "text", lineCount: 12, tokenCount: 90),
            ],
            fingerprintCount: count, entries: Data((0..<(count * 20)).map { UInt8(truncatingIfNeeded: $0) }),
            source: "works/\(right)", recordedAt: Date(timeIntervalSince1970: 1_790_000_000.25))
    }

    @Test func aRegistrationRoundTripsAndAReplacementSupersedesIt() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(sampleRights)
        try await store.rightFingerprints.replaceFingerprints(fingerprints("cr-1"))
        try await store.rightFingerprints.replaceFingerprints(fingerprints("ts-1", kind: .secret))
        #expect(
            try await store.rightFingerprints.fingerprints(of: "cr-1", in: Organisation.defaultID)
                == fingerprints("cr-1"))
        let secret = try #require(
            try await store.rightFingerprints.fingerprints(of: "ts-1", in: Organisation.defaultID))
        #expect(secret == fingerprints("ts-1", kind: .secret))
        #expect(secret.isSalted)

        try await store.rightFingerprints.replaceFingerprints(fingerprints("cr-1", count: 7))
        #expect(
            try await store.rightFingerprints.fingerprints(of: "cr-1", in: Organisation.defaultID)?.fingerprintCount
                == 7)
        #expect(try await store.rightFingerprints.countFingerprints(in: Organisation.defaultID) == 2)

        #expect(try await store.rightFingerprints.deleteFingerprints(of: "cr-1", in: Organisation.defaultID))
        #expect(try await !store.rightFingerprints.deleteFingerprints(of: "cr-1", in: Organisation.defaultID))
        #expect(try await store.rightFingerprints.fingerprints(of: "cr-1", in: Organisation.defaultID) == nil)
    }

    @Test func batchesCoverEveryRegistrationInRightOrder() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(sampleRights)
        for right: Right.ID in ["ts-1", "cr-1", "tm-1", "ds-1", "pt-1"] {
            try await store.rightFingerprints.replaceFingerprints(fingerprints(right))
        }
        let seen = Mutex<[[Right.ID]]>([])
        try await store.rightFingerprints.forEachFingerprints(in: Organisation.defaultID, batchSize: 2) { batch in
            seen.withLock { $0.append(batch.map(\.right)) }
        }
        #expect(seen.withLock { $0 } == [["cr-1", "ds-1"], ["pt-1", "tm-1"], ["ts-1"]])
        await #expect(throws: StoreError.self) {
            try await store.rightFingerprints.forEachFingerprints(in: Organisation.defaultID, batchSize: 0) { _ in }
        }
    }

    @Test func fingerprintsBelongToOneTenantAndGoWithTheirRight() async throws {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "b", name: "Bee", kind: .rightsHolder))
        _ = try await store.rights.upsert(sampleRights)
        try await store.rightFingerprints.replaceFingerprints(fingerprints("cr-1"))
        #expect(try await store.rightFingerprints.fingerprints(of: "cr-1", in: "b") == nil)
        #expect(try await store.rightFingerprints.countFingerprints(in: "b") == 0)
        #expect(try await !store.rightFingerprints.deleteFingerprints(of: "cr-1", in: "b"))
        let seen = Mutex(0)
        try await store.rightFingerprints.forEachFingerprints(in: "b", batchSize: 10) { batch in
            seen.withLock { $0 += batch.count }
        }
        #expect(seen.withLock { $0 } == 0)
        // Fingerprints of a right the organisation does not hold are refused.
        await #expect(throws: StoreError.self) {
            try await store.rightFingerprints.replaceFingerprints(fingerprints("cr-1", in: "b"))
        }
        #expect(try await store.rights.delete("cr-1", in: Organisation.defaultID))
        #expect(try await store.rightFingerprints.countFingerprints(in: Organisation.defaultID) == 0)
    }

    @Test func aTradeSecretMayBeRegisteredWithoutItsSHA256() async throws {
        let store = try await makeStore()
        var secret = try #require(sampleRights.first { $0.kind == .tradeSecret })
        secret.id = "ts-2"
        secret.details.fingerprint = nil
        _ = try await store.rights.upsert([secret])
        #expect(try await store.rights.right("ts-2", in: Organisation.defaultID) == secret)
    }

    @Test func aVersionFiveStoreMigratesKeepingItsTradeSecretsAndImages() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent(SQLiteStore.fileName)
            let image = RightImage(
                organisation: Organisation.defaultID, right: "tm-1", source: "logos/nike.png",
                sha256: String(repeating: "0f", count: 32), hash: ImageHash(words: (1, 2, 3, 4)), quality: 90,
                width: 64, height: 64, recordedAt: Date(timeIntervalSince1970: 1_790_000_000))
            do {
                let old = try SQLiteStore.open(at: file, upTo: "v5-right-images")
                try await old.organisations.save(Organisation(id: Organisation.defaultID, name: "Default"))
                _ = try await old.rights.upsert(sampleRights)
                try await old.rightImages.replaceImages([image])
            }
            let store = try SQLiteStore.open(at: file)
            #expect(try await store.appliedMigrations().last == "v6-right-fingerprints")
            for right in sampleRights {
                #expect(try await store.rights.right(right.id, in: Organisation.defaultID) == right)
            }
            #expect(try await store.rightImages.images(of: "tm-1", in: Organisation.defaultID) == [image])
            try await store.rightFingerprints.replaceFingerprints(fingerprints("ts-1", kind: .secret))
            // The rebuilt detail table still goes with its right.
            #expect(try await store.rights.delete("ts-1", in: Organisation.defaultID))
            #expect(try await store.rightFingerprints.countFingerprints(in: Organisation.defaultID) == 0)
        }
    }
}
