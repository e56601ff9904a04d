import Crypto
import CustosTestSupport
import Foundation
import Testing

@testable import CustosLedger

@Suite struct EvidenceLogTests {
    static let alice = EvidenceEntry.Depositor(organisation: "brand-a", user: "alice")

    func write(_ text: String, _ name: String, in directory: URL) throws -> URL {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func depositedFilesGetReceiptsThatVerifyOfflineAgainstTheLogKey() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try EvidenceVault(dataDirectory: directory)
            let files = try (0..<5).map { try write("listing \($0)", "page\($0).html", in: directory) }
            let receipts = try await vault.deposit(files.map { .init(file: $0, depositor: Self.alice) })
            #expect(receipts.map(\.leafIndex) == [0, 1, 2, 3, 4])
            for receipt in receipts {
                let entry = try receipt.verify(trusting: [vault.log.verifier])
                #expect(entry.mediaType == "text/html")
                #expect(vault.blobs.contains(sha256: entry.sha256))
                #expect(entry.receivedAt.hasSuffix("Z"))
            }
        }
    }

    @Test func aReopenedLogHasTheSameTreeAndItsProofsMatchTheInMemoryTree() async throws {
        try await withTemporaryDirectory { directory in
            var expected = MerkleTree()
            var entries: [[UInt8]] = []
            do {
                let vault = try EvidenceVault(dataDirectory: directory)
                for batch in 0..<7 {
                    let batchEntries = (0..<(batch * 13 + 1)).map { Array("entry \(batch)-\($0)".utf8) }
                    _ = try await vault.log.append(batchEntries)
                    entries += batchEntries
                }
            }
            for entry in entries { expected.append(leafHash: RFC6962.leafHash(entry)) }
            let log = try EvidenceVault(dataDirectory: directory).log
            #expect(log.size == expected.size)
            #expect(try log.root() == expected.root())
            for size in stride(from: UInt64(1), through: log.size, by: 17) {
                #expect(try log.root(size: size) == expected.root(size: size))
                for leaf in stride(from: UInt64(0), to: size, by: 11) {
                    #expect(
                        try log.inclusionProof(leaf: leaf, size: size)
                            == expected.inclusionProof(leaf: leaf, size: size))
                }
                #expect(
                    try log.consistencyProof(from: size, to: log.size)
                        == expected.consistencyProof(from: size, to: log.size))
            }
            #expect(try log.entry(at: 5) == entries[5])
            #expect(try log.checkpoints().count == 8)  // the new log's empty checkpoint and one per batch
        }
    }

    @Test func concurrentAppendsShareCommitsAndEveryEntryGetsItsOwnIndex() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try EvidenceVault(dataDirectory: directory)
            let log = vault.log
            let indices = try await withThrowingTaskGroup(of: UInt64.self) { group in
                for task in 0..<200 {
                    group.addTask { try await log.append([Array("task \(task)".utf8)]).firstIndex }
                }
                return try await group.reduce(into: [UInt64]()) { $0.append($1) }
            }
            #expect(Set(indices) == Set(0..<200))
            let checkpoints = try log.checkpoints()
            #expect(checkpoints.count < 201, "at least some appends shared a commit")
            #expect(checkpoints.last?.checkpoint.size == 200)
            for checkpoint in checkpoints.dropFirst() {
                let proof = try log.consistencyProof(from: checkpoint.checkpoint.size, to: 200)
                try MerkleVerifier.verifyConsistency(
                    oldSize: checkpoint.checkpoint.size, newSize: 200, oldRoot: checkpoint.checkpoint.rootHash,
                    newRoot: try log.root(), proof: proof)
            }
        }
    }

    @Test func aTornLastFrameIsMovedAsideAndEverythingBeforeItKept() async throws {
        try await withTemporaryDirectory { directory in
            let root: [UInt8]
            do {
                let vault = try EvidenceVault(dataDirectory: directory)
                _ = try await vault.log.append([Array("kept".utf8), Array("also kept".utf8)])
                root = try vault.log.root()
            }
            let journal = directory.appendingPathComponent("evidence/log/journal")
            let handle = try FileHandle(forWritingTo: journal)
            try handle.seekToEnd()
            try handle.write(contentsOf: Journal.encode(.entry, Array("torn entry".utf8)).bytes.prefix(20))
            try handle.close()
            let reopened = try EvidenceVault(dataDirectory: directory).log
            #expect(reopened.size == 2)
            #expect(try reopened.root() == root)
            #expect(reopened.recoveryNotes.contains { $0.contains("torn frame") })
            let aside = try FileManager.default.contentsOfDirectory(atPath: journal.deletingLastPathComponent().path)
            #expect(aside.contains { $0.hasPrefix("journal.torn-") })
        }
    }

    @Test func aTruncatedHashFileIsReportedAndRebuiltFromTheJournal() async throws {
        try await withTemporaryDirectory { directory in
            let root: [UInt8]
            do {
                let vault = try EvidenceVault(dataDirectory: directory)
                _ = try await vault.log.append((0..<300).map { Array("entry \($0)".utf8) })
                root = try vault.log.root()
            }
            let level = directory.appendingPathComponent("evidence/log/hashes/level-00")
            let handle = try FileHandle(forWritingTo: level)
            try handle.truncate(atOffset: 32 * 100 + 7)
            try handle.close()
            let reopened = try EvidenceVault(dataDirectory: directory).log
            #expect(try reopened.root() == root)
            #expect(reopened.recoveryNotes.contains { $0.contains("level-00 holds 100 hashes") })
        }
    }

    @Test func aDamagedFrameInTheMiddleOfTheJournalStopsTheLogAndNamesTheByte() async throws {
        try await withTemporaryDirectory { directory in
            do {
                let vault = try EvidenceVault(dataDirectory: directory)
                _ = try await vault.log.append([Array("first".utf8)])
                _ = try await vault.log.append([Array("second".utf8)])
            }
            let journal = directory.appendingPathComponent("evidence/log/journal")
            var bytes = try Data(contentsOf: journal)
            bytes[8 + 5 + 1] ^= 0x01  // inside the first entry's payload
            try bytes.write(to: journal)
            // Entries.idx still points at whole frames; remove it so the open rescans from the start.
            try FileManager.default.removeItem(at: directory.appendingPathComponent("evidence/log/entries.idx"))
            try FileManager.default.removeItem(at: directory.appendingPathComponent("evidence/log/checkpoints.idx"))
            let error = #expect(throws: LedgerError.self) { _ = try EvidenceVault(dataDirectory: directory) }
            #expect(error?.code == .tampered)
            #expect(error?.message.contains("byte 8") == true)
        }
    }

    @Test func aChangedEntryOrProofInAReceiptIsRejected() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try EvidenceVault(dataDirectory: directory)
            let files = try (0..<3).map { try write("page \($0)", "p\($0).txt", in: directory) }
            let receipt = try await vault.deposit(files.map { .init(file: $0, depositor: Self.alice) })[1]
            var changedEntry = receipt
            changedEntry.entry = receipt.entry.replacingOccurrences(of: "alice", with: "mallory")
            #expect(throws: LedgerError.self) { try changedEntry.verify(trusting: [vault.log.verifier]) }
            var changedProof = receipt
            changedProof.inclusionProof[0] = String(repeating: "0", count: 64)
            #expect(throws: LedgerError.self) { try changedProof.verify(trusting: [vault.log.verifier]) }
            let stranger = try NoteSigner.generate(name: vault.log.origin)
            #expect(throws: LedgerError.self) { try receipt.verify(trusting: [stranger.verifier]) }
        }
    }

    @Test func anotherOrganisationCannotSeeADeposit() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try EvidenceVault(dataDirectory: directory)
            let file = try write("secret design", "design.txt", in: directory)
            let receipt = try await vault.deposit([.init(file: file, depositor: Self.alice)])[0]
            #expect(try vault.entry(at: receipt.leafIndex, for: "brand-a").fileName == "design.txt")
            let error = #expect(throws: LedgerError.self) { try vault.entry(at: receipt.leafIndex, for: "brand-b") }
            #expect(error?.code == .notFound)
            #expect(throws: LedgerError.self) { try vault.receipt(for: receipt.leafIndex, organisation: "brand-b") }
        }
    }

    @Test func thePrivateKeyIsOwnerOnlyAndAnOpenKeyFileIsRefused() async throws {
        try await withTemporaryDirectory { directory in
            let keys = directory.appendingPathComponent("keys")
            let signer = try LedgerKeys.loadOrCreate(in: keys)
            let path = keys.appendingPathComponent(LedgerKeys.privateKeyFile).path
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            #expect(try LedgerKeys.loadOrCreate(in: keys).verifier == signer.verifier)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            #expect(throws: LedgerError.self) { try LedgerKeys.loadOrCreate(in: keys) }
        }
    }

    @Test func theBlobStoreDeduplicatesAndAddressesBySHA256() async throws {
        try await withTemporaryDirectory { directory in
            let store = try BlobStore(root: directory.appendingPathComponent("blobs"))
            let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            let first = try store.store(bytes: bytes)
            let second = try store.store(bytes: bytes)
            #expect(!first.wasPresent && second.wasPresent)
            #expect(first.size == 3_000_000)
            #expect(first.sha256 == Hex.encode(Array(SHA256Digest.of(bytes))))
            #expect(try store.rehash(sha256: first.sha256).sha256 == first.sha256)
            let leftovers = try FileManager.default.contentsOfDirectory(
                atPath: directory.appendingPathComponent("blobs/tmp").path)
            #expect(leftovers.isEmpty)
        }
    }

    @Test func aSecondProcessCannotOpenTheSameLog() async throws {
        try await withTemporaryDirectory { directory in
            let first = try EvidenceVault(dataDirectory: directory)
            let error = #expect(throws: LedgerError.self) { _ = try EvidenceVault(dataDirectory: directory) }
            #expect(error?.message.contains("another custos process") == true)
            _ = first
        }
    }
}

enum SHA256Digest {
    static func of(_ bytes: [UInt8]) -> SHA256.Digest { SHA256.hash(data: bytes) }
}
