import ArgumentParser
import Crypto
import CustosLedger
import Foundation

/// `custos dev bench-evidence`: the evidence ledger's throughput figures for BENCHMARKS.md.
///
/// Measures durable deposits per second (group commit, 1 KiB entries and 1 KiB files), ingest of a large file
/// against swift-crypto's raw SHA-256 of the same bytes in the same run, inclusion-proof generation in a log of
/// `--proof-leaves` entries, and offline verification of a bundle of `--bundle-items` deposits.
struct BenchEvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-evidence", abstract: "Benchmark deposits, ingest, proofs and bundle verification.")

    @Option(help: "Scratch directory (emptied first); default: a temporary directory.") var scratch: String?
    @Option(help: "1 KiB entries appended for the deposit rate.") var entries = 200_000
    @Option(help: "1 KiB files deposited (blob and entry) for the full deposit rate.") var files = 20_000
    @Option(help: "Deposits in flight at once.") var concurrency = 256
    @Option(help: "MiB in the large-file ingest test.") var ingestMiB = 1024
    @Option(help: "Leaves in the proof-generation log.") var proofLeaves: UInt64 = 10_000_000
    @Option(help: "Proofs generated and timed.") var proofs = 20_000
    @Option(help: "Items in the verified bundle.") var bundleItems = 1_000
    @Flag(help: "Print JSON only.") var json = false

    struct Figures: Codable {
        var entriesPerSecond = 0.0
        var entryCommits = 0
        var filesPerSecond = 0.0
        var ingestMiBPerSecond = 0.0
        var rawSHA256MiBPerSecond = 0.0
        var ingestRatio = 0.0
        var proofLeaves: UInt64 = 0
        var proofBuildSeconds = 0.0
        var proofMicrosecondsP50 = 0.0
        var proofMicrosecondsP99 = 0.0
        var proofMicrosecondsMean = 0.0
        var bundleItems = 0
        var bundleBytes = 0
        var bundleExportSeconds = 0.0
        var bundleVerifySeconds = 0.0
    }

    func run() async throws {
        let root =
            scratch.map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("custos-bench-\(UUID().uuidString)")
        try? FileManager.default.removeItem(at: root)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        var figures = Figures()
        try await benchEntries(root.appendingPathComponent("entries"), into: &figures)
        try await benchFiles(root.appendingPathComponent("files"), into: &figures)
        try benchIngest(root.appendingPathComponent("ingest"), into: &figures)
        try await benchBundle(root.appendingPathComponent("bundle"), into: &figures)
        try await benchProofs(root.appendingPathComponent("proofs"), into: &figures)
        if json {
            try Terminal.printJSON(figures)
        } else {
            try Terminal.printJSON(figures, pretty: true)
        }
    }

    private func note(_ text: String) { if !json { Terminal.diagnostic(text) } }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Durable appends of 1 KiB entries from `concurrency` concurrent depositors.
    private func benchEntries(_ directory: URL, into figures: inout Figures) async throws {
        let log = try EvidenceVault(dataDirectory: directory).log
        let count = entries
        let concurrency = self.concurrency
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var number = worker
                    while number < count {
                        var entry = Array("{\"entry\":\(number),\"padding\":\"".utf8)
                        entry += [UInt8](repeating: UInt8(ascii: "x"), count: 1024 - entry.count - 2)
                        entry += Array("\"}".utf8)
                        _ = try await log.append([entry])
                        number += concurrency
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = seconds(ContinuousClock.now - started)
        figures.entriesPerSecond = Double(count) / elapsed
        figures.entryCommits = try log.checkpoints().count - 1
        note(
            String(
                format: "entries: %d × 1 KiB in %.2f s = %.0f/s durable, %d commits", count, elapsed,
                figures.entriesPerSecond, figures.entryCommits))
    }

    /// Durable deposits of 1 KiB files: blob (fsynced) plus entry.
    private func benchFiles(_ directory: URL, into figures: inout Figures) async throws {
        let vault = try EvidenceVault(dataDirectory: directory)
        let count = files
        let concurrency = self.concurrency
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<concurrency {
                group.addTask {
                    var number = worker
                    while number < count {
                        var bytes = Array("file \(number) ".utf8)
                        bytes += [UInt8](repeating: 0x2A, count: 1024 - bytes.count)
                        let stored = try vault.blobs.store(bytes: bytes)
                        let entry = EvidenceEntry(
                            sha256: stored.sha256, size: stored.size, mediaType: "application/octet-stream",
                            fileName: "f\(number)", depositor: .init(organisation: "bench", user: "bench"))
                        _ = try await vault.log.append([entry.canonicalBytes])
                        number += concurrency
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = seconds(ContinuousClock.now - started)
        figures.filesPerSecond = Double(count) / elapsed
        note(String(format: "files: %d × 1 KiB in %.2f s = %.0f/s durable", count, elapsed, figures.filesPerSecond))
    }

    /// A large file through the blob store, against raw SHA-256 of the same bytes read the same way.
    private func benchIngest(_ directory: URL, into figures: inout Figures) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let source = directory.appendingPathComponent("large.bin")
        _ = FileManager.default.createFile(atPath: source.path, contents: nil)
        let handle = try FileHandle(forWritingTo: source)
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        var generator = SystemRandomNumberGenerator()
        for index in chunk.indices { chunk[index] = UInt8.random(in: 0...255, using: &generator) }
        for number in 0..<ingestMiB {
            chunk[0] = UInt8(truncatingIfNeeded: number)
            try handle.write(contentsOf: chunk)
        }
        try handle.close()
        let bytes = Double(ingestMiB)
        // Raw hashing first also warms the page cache for both, so neither pays for the disk read.
        let rawStart = ContinuousClock.now
        let raw = try BlobStore.hash(contentsOf: source)
        let rawSeconds = seconds(ContinuousClock.now - rawStart)
        let store = try BlobStore(root: directory.appendingPathComponent("blobs"))
        let ingestStart = ContinuousClock.now
        let stored = try store.store(contentsOf: source)
        let ingestSeconds = seconds(ContinuousClock.now - ingestStart)
        guard stored.sha256 == raw.sha256 else { throw ValidationError("ingest and raw hashes differ") }
        figures.rawSHA256MiBPerSecond = bytes / rawSeconds
        figures.ingestMiBPerSecond = bytes / ingestSeconds
        figures.ingestRatio = figures.ingestMiBPerSecond / figures.rawSHA256MiBPerSecond
        note(
            String(
                format: "ingest: %d MiB at %.0f MiB/s; raw SHA-256 %.0f MiB/s; ratio %.2f", ingestMiB,
                figures.ingestMiBPerSecond, figures.rawSHA256MiBPerSecond, figures.ingestRatio))
        try? FileManager.default.removeItem(at: directory)
    }

    /// Exports and verifies a bundle of `bundleItems` 1 KiB deposits.
    private func benchBundle(_ directory: URL, into figures: inout Figures) async throws {
        let vault = try EvidenceVault(dataDirectory: directory)
        let sources = directory.appendingPathComponent("sources")
        try FileManager.default.createDirectory(at: sources, withIntermediateDirectories: true)
        var deposits: [EvidenceVault.Deposit] = []
        for number in 0..<bundleItems {
            let file = sources.appendingPathComponent("item-\(number).txt")
            try Data(("evidence item \(number) " + String(repeating: "z", count: 1000)).utf8).write(to: file)
            deposits.append(.init(file: file, depositor: .init(organisation: "bench", user: "bench")))
        }
        let receipts = try await vault.deposit(deposits)
        let bundle = directory.appendingPathComponent("bundle.zip")
        let exportStart = ContinuousClock.now
        _ = try EvidenceBundle.export(receipts.map(\.leafIndex), from: vault, organisation: "bench", to: bundle)
        figures.bundleExportSeconds = seconds(ContinuousClock.now - exportStart)
        let verifyStart = ContinuousClock.now
        let report = try BundleVerifier(trustedKeys: [vault.log.verifier]).verify(bundle)
        figures.bundleVerifySeconds = seconds(ContinuousClock.now - verifyStart)
        guard report.isValid else { throw ValidationError("the benchmark bundle does not verify") }
        figures.bundleItems = bundleItems
        figures.bundleBytes = (try FileManager.default.attributesOfItem(atPath: bundle.path)[.size] as? Int) ?? 0
        note(
            String(
                format: "bundle: %d items, %d bytes; export %.2f s, verify %.2f s", bundleItems, figures.bundleBytes,
                figures.bundleExportSeconds, figures.bundleVerifySeconds))
    }

    /// Inclusion proofs in a log of `proofLeaves` small entries, reopened from disk.
    private func benchProofs(_ directory: URL, into figures: inout Figures) async throws {
        let buildStart = ContinuousClock.now
        do {
            let log = try EvidenceVault(dataDirectory: directory).log
            var appended: UInt64 = 0
            var bar = ProgressBar(label: "building log", enabled: !json)
            while appended < proofLeaves {
                let batch = min(UInt64(100_000), proofLeaves - appended)
                _ = try await log.append((appended..<appended + batch).map { Array("leaf \($0)".utf8) })
                appended += batch
                bar.update(done: Int(appended), total: Int(proofLeaves), note: "leaves")
            }
            bar.finish(done: Int(appended), total: Int(proofLeaves), note: "leaves")
        }
        figures.proofBuildSeconds = seconds(ContinuousClock.now - buildStart)
        figures.proofLeaves = proofLeaves
        let log = try EvidenceVault(dataDirectory: directory).log
        var generator = SystemRandomNumberGenerator()
        var timings: [Double] = []
        timings.reserveCapacity(proofs)
        let root = try log.root()
        for _ in 0..<proofs {
            let leaf = UInt64.random(in: 0..<proofLeaves, using: &generator)
            let start = ContinuousClock.now
            let proof = try log.inclusionProof(leaf: leaf)
            timings.append(seconds(ContinuousClock.now - start) * 1e6)
            if timings.count <= 100 {
                try MerkleVerifier.verifyInclusion(
                    leafIndex: leaf, treeSize: proofLeaves, leafHash: try log.leafHash(at: leaf), proof: proof,
                    root: root)
            }
        }
        timings.sort()
        figures.proofMicrosecondsP50 = timings[timings.count / 2]
        figures.proofMicrosecondsP99 = timings[min(timings.count - 1, timings.count * 99 / 100)]
        figures.proofMicrosecondsMean = timings.reduce(0, +) / Double(timings.count)
        note(
            String(
                format: "proofs at %llu leaves (built in %.1f s): p50 %.1f µs, p99 %.1f µs, mean %.1f µs", proofLeaves,
                figures.proofBuildSeconds, figures.proofMicrosecondsP50, figures.proofMicrosecondsP99,
                figures.proofMicrosecondsMean))
    }
}
