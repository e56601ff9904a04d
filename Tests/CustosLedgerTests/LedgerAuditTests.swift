import CustosTestSupport
import Foundation
import Testing

@testable import CustosLedger

@Suite struct LedgerAuditTests {
    func makeVault(in directory: URL) async throws -> EvidenceVault {
        let vault = try EvidenceVault(dataDirectory: directory)
        for number in 0..<4 {
            let file = directory.appendingPathComponent("f\(number).txt")
            try Data("evidence \(number)".utf8).write(to: file)
            _ = try await vault.deposit([.init(file: file, depositor: .init(organisation: "a", user: "u"))])
            _ = try await vault.log.append(try (0..<70).map { try filler(vault, "filler \(number) \($0)") })
        }
        vault.log.close()
        return vault
    }

    /// A real entry for a small stored blob, so the audit has everything to check.
    func filler(_ vault: EvidenceVault, _ text: String) throws -> [UInt8] {
        let stored = try vault.blobs.store(bytes: Array(text.utf8))
        return EvidenceEntry(
            sha256: stored.sha256, size: stored.size, mediaType: "text/plain", fileName: "\(text).txt",
            depositor: .init(organisation: "a", user: "u")
        ).canonicalBytes
    }

    @Test func anIntactVaultAuditsClean() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try await makeVault(in: directory)
            let report = try LedgerAudit(dataDirectory: directory).run()
            #expect(report.isClean, "\(report.findings)")
            #expect(report.entries == 284)
            #expect(report.checkpoints == 9)
            #expect(report.blobsChecked == 284)
            #expect(report.rootHash == Hex.encode(try vault.log.root()))
        }
    }

    @Test func aChangedBlobIsReportedWithItsEntry() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try await makeVault(in: directory)
            let entry = try EvidenceEntry(canonicalBytes: try vault.log.entry(at: 71))
            let blob = vault.blobs.url(forSHA256: entry.sha256)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: blob.path)
            try Data("evidence X".utf8).write(to: blob)
            let report = try LedgerAudit(dataDirectory: directory).run()
            #expect(report.findings.count == 1)
            #expect(report.findings.first?.kind == "blob")
            #expect(report.findings.first?.location.hasPrefix("entry 71 (f1.txt)") == true)
            #expect(report.findings.first?.message.contains("the file was changed") == true)
        }
    }

    @Test func aTruncatedHashLevelIsReportedPrecisely() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await makeVault(in: directory)
            let level = directory.appendingPathComponent("evidence/log/hashes/level-02")
            let handle = try FileHandle(forWritingTo: level)
            try handle.truncate(atOffset: 32 * 10)
            try handle.close()
            let report = try LedgerAudit(dataDirectory: directory).run()
            #expect(report.findings.map(\.location) == ["hashes/level-02"])
            #expect(report.findings.first?.message.contains("truncated: 320 bytes, 2272 needed") == true)
        }
    }

    @Test func aRewrittenEntryWithAValidChecksumIsCaughtByTheSignedCheckpoints() async throws {
        try await withTemporaryDirectory { directory in
            let vault = try await makeVault(in: directory)
            // Forge entry 100 and its frame checksum: only the signed checkpoints can tell.
            let journal = directory.appendingPathComponent("evidence/log/journal")
            var bytes = try Data(contentsOf: journal)
            let original = try vault.log.entry(at: 100)
            let forged = Array(
                String(decoding: original, as: UTF8.self).replacingOccurrences(
                    of: "\"user\":\"u\"", with: "\"user\":\"x\""
                ).utf8)
            #expect(forged != original)
            let oldFrame = Journal.encode(.entry, original).bytes
            let newFrame = Journal.encode(.entry, forged).bytes
            let range = try #require(bytes.firstRange(of: Data(oldFrame)))
            bytes.replaceSubrange(range, with: newFrame)
            try bytes.write(to: journal)
            let report = try LedgerAudit(dataDirectory: directory).run()
            #expect(
                report.findings.contains { $0.kind == "checkpoint" && $0.message.contains("the log was rewritten") })
            #expect(
                report.findings.contains { $0.kind == "hashes" && $0.location.hasPrefix("hashes/level-00 hash 100") })
            // Opening checks only the newest checkpoint against the hash files; a receipt of the forged entry fails.
            let reopened = try EvidenceVault(dataDirectory: directory)
            let receipt = try EvidenceReceipt(
                log: reopened.log, leafIndex: 100, checkpoint: reopened.log.latestCheckpoint)
            #expect(throws: LedgerError.self) { try receipt.verify(trusting: [reopened.log.verifier]) }
        }
    }

    @Test func aTornJournalTailIsReportedByTheAuditAndRecoveredOnOpen() async throws {
        try await withTemporaryDirectory { directory in
            _ = try await makeVault(in: directory)
            let journal = directory.appendingPathComponent("evidence/log/journal")
            let handle = try FileHandle(forWritingTo: journal)
            try handle.seekToEnd()
            try handle.write(contentsOf: Journal.encode(.entry, Array("never acknowledged".utf8)).bytes.dropLast(9))
            try handle.close()
            let before = try LedgerAudit(dataDirectory: directory).run()
            #expect(before.findings.map(\.kind) == ["journal"])
            #expect(before.findings.first?.message.contains("torn") == true)
            let reopened = try EvidenceVault(dataDirectory: directory)
            #expect(reopened.log.size == 284)
            reopened.log.close()
            #expect(try LedgerAudit(dataDirectory: directory).run().isClean)
        }
    }
}
