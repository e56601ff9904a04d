import Crypto
import CustosLedger
import CustosTestSupport
import Foundation
import Testing

/// Hands proofs, checkpoints and receipts of a real vault to sigstore-python (PyPI, pinned in
/// `scripts/peers/requirements.txt`, installed into `.venv-peers` by `scripts/setup.sh`) through
/// `scripts/peers/verify_with_sigstore.py`: a second, independent RFC 6962 and signed-note implementation must accept
/// every one and reject a corrupted copy of each. sigstore has no consistency-proof verifier, so consistency proofs
/// are exported but only counted (docs/evidence-crosscheck.md).
@Suite struct SigstoreCrossCheckTests {
    static let alice = EvidenceEntry.Depositor(organisation: "brand-a", user: "alice")

    /// One append: how many entries, and whether they arrive as deposited files (which give receipts).
    struct Batch: Sendable {
        var count: Int
        var isDeposit = false
    }

    /// The tree sizes after the batches: 1 to 5, 7, 8, 16, 17, 31, 32, 64, 100, 128, 255, 256, 257, 511, 512, 513, 777,
    /// 1000, 1023, 1024, 1025 and 1031, so that powers of two, their neighbours and odd sizes each get a checkpoint.
    static let batches: [Batch] = [
        Batch(count: 1), Batch(count: 1), Batch(count: 1, isDeposit: true), Batch(count: 1), Batch(count: 1),
        Batch(count: 2, isDeposit: true), Batch(count: 1), Batch(count: 8), Batch(count: 1, isDeposit: true),
        Batch(count: 14), Batch(count: 1), Batch(count: 32), Batch(count: 36), Batch(count: 28),
        Batch(count: 127), Batch(count: 1), Batch(count: 1, isDeposit: true), Batch(count: 254), Batch(count: 1),
        Batch(count: 1), Batch(count: 264), Batch(count: 223), Batch(count: 23), Batch(count: 1),
        Batch(count: 1, isDeposit: true), Batch(count: 6, isDeposit: true),
    ]

    /// Tree sizes no checkpoint was signed at, proved against `EvidenceLog.root(size:)`.
    static let unsignedSizes: [UInt64] = [6, 9, 15, 33, 99, 333, 700, 999, 1030]

    struct InclusionItem: Codable {
        var leafIndex: UInt64
        var treeSize: UInt64
        var leafHash: String
        var rootHash: String
        var proof: [String]
    }

    struct ConsistencyItem: Codable {
        var oldSize: UInt64
        var newSize: UInt64
        var oldRoot: String
        var newRoot: String
        var proof: [String]
    }

    /// What the script reads; keys are snake_case on the wire.
    struct Export: Codable {
        var vkey: String
        var checkpoint: String
        var checkpoints: [String]
        var inclusion: [InclusionItem]
        var consistency: [ConsistencyItem]
        var receipts: [EvidenceReceipt]
    }

    /// What the script prints.
    struct Summary: Decodable {
        var verifier: String
        var inclusionOk: Int
        var inclusionRejectedTampered: Int
        var inclusionAnchoredToCheckpoint: Int
        var consistencyOk: Int?
        var consistencyNotChecked: Int
        var checkpointOk: Bool
        var checkpointsOk: Int
        var checkpointsRejectedTampered: Int
        var receiptsOk: Int
        var receiptsRejectedTampered: Int
        var receiptLeafHashesOk: Int
        var vkeyKeyIdOk: Bool
        var failures: [String]
    }

    struct PeerRun {
        var status: Int32
        var summary: Summary?
        var output: String
    }

    @Test func sigstoreAcceptsEveryProofCheckpointAndReceiptOfAThousandEntryVaultAndRejectsCorruptedCopies()
        async throws
    {
        try await withTemporaryDirectory { directory in
            let export = try await Self.makeExport(batches: Self.batches, in: directory)
            #expect(export.checkpoints.count == Self.batches.count + 1)  // the new log's empty one, one per batch
            let signedSizes = Set(try export.checkpoints.map { try Self.size(ofCheckpoint: $0) })
            #expect(signedSizes.contains(1031) && signedSizes.contains(1024) && signedSizes.contains(777))
            let run = try await Self.runPeer(on: export, in: directory)
            #expect(run.status == 0, "verify_with_sigstore.py failed:\n\(run.output)")
            let summary = try #require(run.summary, "no JSON summary from verify_with_sigstore.py:\n\(run.output)")
            #expect(summary.verifier == "sigstore 4.5.1")
            #expect(summary.failures.isEmpty)
            #expect(export.inclusion.count > 300)
            #expect(summary.inclusionOk == export.inclusion.count)
            #expect(summary.inclusionRejectedTampered == export.inclusion.count)
            #expect(
                summary.inclusionAnchoredToCheckpoint
                    == export.inclusion.filter { signedSizes.contains($0.treeSize) }.count)
            #expect(summary.checkpointOk)
            #expect(summary.checkpointsOk == export.checkpoints.count)
            #expect(summary.checkpointsRejectedTampered == export.checkpoints.count)
            #expect(export.receipts.count == 24)  // 12 deposited files, each with its first and its latest receipt
            #expect(summary.receiptsOk == export.receipts.count)
            #expect(summary.receiptsRejectedTampered == export.receipts.count)
            #expect(summary.receiptLeafHashesOk == export.receipts.count)
            #expect(summary.vkeyKeyIdOk)
            #expect(summary.consistencyOk == nil)
            #expect(summary.consistencyNotChecked == export.consistency.count)
        }
    }

    @Test func sigstoreNamesAProofCheckpointAndReceiptThatTheExportCorrupted() async throws {
        try await withTemporaryDirectory { directory in
            var export = try await Self.makeExport(
                batches: [Batch(count: 5), Batch(count: 2, isDeposit: true), Batch(count: 13)], in: directory)
            var proof = try #require(export.inclusion.first { $0.proof.count > 1 })
            let index = try #require(export.inclusion.firstIndex { $0.proof.count > 1 })
            proof.proof[1] = String(proof.proof[1].dropLast()) + (proof.proof[1].hasSuffix("0") ? "1" : "0")
            export.inclusion[index] = proof
            // The latest checkpoint now claims 21 entries under a signature made for 20.
            export.checkpoint = export.checkpoint.replacingOccurrences(of: "\n20\n", with: "\n21\n")
            export.receipts[0].entry = export.receipts[0].entry.replacingOccurrences(of: "alice", with: "mallory")
            let run = try await Self.runPeer(on: export, in: directory)
            #expect(run.status == 1)
            let summary = try #require(run.summary, "no JSON summary from verify_with_sigstore.py:\n\(run.output)")
            #expect(summary.inclusionOk == export.inclusion.count - 1)
            #expect(!summary.checkpointOk)
            #expect(summary.receiptsOk == export.receipts.count - 1)
            let failures = summary.failures.joined(separator: "\n")
            #expect(failures.contains("inclusion[\(index)] (leaf \(proof.leafIndex) of \(proof.treeSize))"))
            #expect(failures.contains("checkpoint (latest): genuine checkpoint did not verify"))
            #expect(failures.contains("receipts[0]"))
        }
    }

    // MARK: Building the export

    /// Fills a new vault in `directory` with `batches` and exports proofs over every checkpoint size and
    /// `unsignedSizes` within it, consistency proofs between checkpoints, and each deposit's first and latest receipt.
    static func makeExport(batches: [Batch], in directory: URL) async throws -> Export {
        let vault = try EvidenceVault(dataDirectory: directory.appendingPathComponent("data", isDirectory: true))
        var deposited: [EvidenceReceipt] = []
        var appended = 0
        for batch in batches {
            if batch.isDeposit {
                let files = try (0..<batch.count).map { offset in
                    let url = directory.appendingPathComponent("listing-\(appended + offset).html")
                    try Data("<html>listing \(appended + offset)</html>".utf8).write(to: url)
                    return url
                }
                deposited += try await vault.deposit(files.map { .init(file: $0, depositor: alice) })
            } else {
                let entries = (0..<batch.count).map { offset in
                    let content = Array("capture \(appended + offset)".utf8)
                    return EvidenceEntry(
                        sha256: Hex.encode(SHA256.hash(data: content)), size: UInt64(content.count),
                        mediaType: "text/plain", fileName: "capture-\(appended + offset).txt", depositor: alice
                    ).canonicalBytes
                }
                _ = try await vault.log.append(entries)
            }
            appended += batch.count
        }
        let log = vault.log
        let checkpoints = try log.checkpoints()
        let signedSizes = checkpoints.map(\.checkpoint.size)
        var inclusion: [InclusionItem] = []
        for size in Set(signedSizes + unsignedSizes.filter { $0 <= log.size }).sorted() where size > 0 {
            for leaf in leaves(inTreeOf: size) {
                inclusion.append(
                    InclusionItem(
                        leafIndex: leaf, treeSize: size, leafHash: Hex.encode(try log.leafHash(at: leaf)),
                        rootHash: Hex.encode(try log.root(size: size)),
                        proof: try log.inclusionProof(leaf: leaf, size: size).map { Hex.encode($0) }))
            }
        }
        var pairs = zip(signedSizes, signedSizes.dropFirst()).filter { $0.0 > 0 }
        pairs += [(1, log.size), (4, 1024), (7, 512), (100, 777), (255, log.size), (513, 1025), (log.size, log.size)]
            .filter { $0.0 <= $0.1 && $0.1 <= log.size }
        let consistency = try pairs.map { old, new in
            ConsistencyItem(
                oldSize: old, newSize: new, oldRoot: Hex.encode(try log.root(size: old)),
                newRoot: Hex.encode(try log.root(size: new)),
                proof: try log.consistencyProof(from: old, to: new).map { Hex.encode($0) })
        }
        let latest = try deposited.map { try vault.receipt(for: $0.leafIndex, organisation: alice.organisation) }
        return Export(
            vkey: log.verifier.vkey, checkpoint: log.latestCheckpoint.formatted,
            checkpoints: checkpoints.map(\.formatted), inclusion: inclusion, consistency: consistency,
            receipts: deposited + latest)
    }

    /// Leaves worth proving in a tree of `size`: both ends, the middle, the thirds, and the last leaf of each
    /// complete subtree (2ᵏ − 1), where a proof's shape changes.
    static func leaves(inTreeOf size: UInt64) -> [UInt64] {
        var picked: Set<UInt64> = [0, size - 1, size / 2, size / 3, size * 2 / 3]
        var power: UInt64 = 1
        while power < size {
            picked.insert(power - 1)
            picked.insert(power)
            power *= 2
        }
        return picked.filter { $0 < size }.sorted()
    }

    static func size(ofCheckpoint text: String) throws -> UInt64 {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return try #require(lines.count > 1 ? UInt64(lines[1]) : nil)
    }

    // MARK: Running the peer

    /// Writes the export and runs the script on it with the peers venv's Python; fails the test when the venv is
    /// missing rather than skipping, since CI always runs scripts/setup.sh first.
    static func runPeer(on export: Export, in directory: URL) async throws -> PeerRun {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let python = root.appendingPathComponent(".venv-peers/bin/python")
        try #require(
            FileManager.default.isExecutableFile(atPath: python.path),
            "\(python.path) is missing: run scripts/setup.sh, which installs sigstore from PyPI into .venv-peers")
        let exportURL = directory.appendingPathComponent("sigstore-export.json")
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try encoder.encode(export).write(to: exportURL)

        let stdoutURL = directory.appendingPathComponent("peer-stdout.json")
        let stderrURL = directory.appendingPathComponent("peer-stderr.txt")
        // Files rather than pipes: nothing can block on a full pipe buffer while the process runs.
        try Data().write(to: stdoutURL)
        try Data().write(to: stderrURL)
        let stdout = try FileHandle(forWritingTo: stdoutURL)
        let stderr = try FileHandle(forWritingTo: stderrURL)
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [root.appendingPathComponent("scripts/peers/verify_with_sigstore.py").path, exportURL.path]
        process.environment = ProcessInfo.processInfo.environment.merging(["PYTHONDONTWRITEBYTECODE": "1"]) { $1 }
        process.standardOutput = stdout
        process.standardError = stderr
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
            }
        }
        let printed = try Data(contentsOf: stdoutURL)
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let output =
            String(decoding: printed, as: UTF8.self) + String(decoding: try Data(contentsOf: stderrURL), as: UTF8.self)
        return PeerRun(status: status, summary: try? decoder.decode(Summary.self, from: printed), output: output)
    }
}
