import ArgumentParser
import Crypto
import CustosLedger
import Foundation

/// `custos dev evidence-burst`: deposits many small generated files concurrently and prints one JSON line per
/// acknowledged deposit, as soon as it is acknowledged. The durability test kills it mid-burst.
struct EvidenceBurstCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence-burst", abstract: "Deposit generated files concurrently, printing each acknowledgement.")

    @OptionGroup var store: StoreOptions
    @Option(help: "Deposits to make.") var count = 10_000
    @Option(help: "Deposits in flight at once.") var concurrency = 64
    @Option(help: "Bytes per generated file.") var size = 1024

    struct Ack: Codable {
        var leafIndex: UInt64
        var leafHash: String
        var sha256: String
        var checkpoint: String

        enum CodingKeys: String, CodingKey {
            case sha256, checkpoint
            case leafIndex = "leaf_index"
            case leafHash = "leaf_hash"
        }
    }

    func run() async throws {
        let vault = try store.openVault(quiet: true)
        let depositor = store.depositor
        let size = self.size
        let output = AckPrinter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            func launch(_ number: Int) {
                group.addTask {
                    var bytes = Array("burst \(number) ".utf8)
                    bytes += (0..<max(0, size - bytes.count)).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ number) }
                    let stored = try vault.blobs.store(bytes: bytes)
                    let entry = EvidenceEntry(
                        sha256: stored.sha256, size: stored.size, mediaType: "application/octet-stream",
                        fileName: "burst-\(number).bin", depositor: depositor)
                    let bytesOfEntry = entry.canonicalBytes
                    let committed = try await vault.log.append([bytesOfEntry])
                    output.print(
                        Ack(
                            leafIndex: committed.firstIndex, leafHash: Hex.encode(RFC6962.leafHash(bytesOfEntry)),
                            sha256: stored.sha256, checkpoint: committed.checkpoint.formatted))
                }
            }
            while next < min(concurrency, count) {
                launch(next)
                next += 1
            }
            while try await group.next() != nil {
                if next < count {
                    launch(next)
                    next += 1
                }
            }
        }
    }
}

/// Prints acknowledgement lines whole, one write each, so a kill never leaves half a line that claims an ack.
final class AckPrinter: Sendable {
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func print(_ ack: EvidenceBurstCommand.Ack) {
        guard let data = try? encoder.encode(ack) else { return }
        FileHandle.standardOutput.write(data + Data("\n".utf8))
    }
}

/// `custos dev sweep-proofs`: the exhaustive tamper sweep (every bit of every hash of every inclusion and
/// consistency proof in trees of 1…`--max` leaves), split across cores. Too slow for a debug test run.
struct SweepProofsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep-proofs", abstract: "Flip every bit of every proof up to --max leaves; all must fail.")

    @Option(help: "Largest tree size.") var max: UInt64 = 128
    @Option(help: "Parallel workers.") var workers = ProcessInfo.processInfo.activeProcessorCount
    @Flag(help: "Print JSON only.") var json = false

    func run() async throws {
        let sweep = ProofTamperSweep(maximumSize: max) { _ in .all }
        let started = ContinuousClock.now
        let sizes = Array(1...max)
        let workers = self.workers
        let results = try await withThrowingTaskGroup(of: ProofTamperSweep.Result.self) { group in
            for worker in 0..<workers {
                // Interleave sizes so every worker gets a share of the large, slow trees.
                let mine = sizes.enumerated().filter { $0.offset % workers == worker }.map(\.element)
                group.addTask {
                    var total = ProofTamperSweep.Result()
                    for size in mine {
                        let part = try sweep.run(sizes: size...size)
                        total.checked += part.checked
                        total.accepted += part.accepted
                    }
                    return total
                }
            }
            return try await group.reduce(into: [ProofTamperSweep.Result]()) { $0.append($1) }
        }
        let checked = results.map(\.checked).reduce(0, +)
        let accepted = results.flatMap(\.accepted)
        let elapsed = ContinuousClock.now - started
        if json {
            try Terminal.printJSON(["checked": "\(checked)", "accepted": "\(accepted.count)", "seconds": "\(elapsed)"])
        } else {
            print("\(checked) altered proofs checked in \(elapsed); \(accepted.count) accepted")
            for line in accepted.prefix(10) { print("  ACCEPTED: \(line)") }
        }
        if !accepted.isEmpty { throw ExitCode(1) }
    }
}
