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
