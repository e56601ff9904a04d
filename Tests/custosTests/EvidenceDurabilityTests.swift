import CustosLedger
import CustosTestSupport
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Kills `custos` with SIGKILL in the middle of a burst of deposits and checks what survives.
@Suite(.serialized) struct EvidenceDurabilityTests {
    /// The `custos` executable built beside the test bundle.
    static var executable: URL {
        let bundle = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        return bundle.appendingPathComponent("custos")
    }

    struct Ack: Decodable {
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

    /// Runs a burst, kills it after at least `killAfter` acknowledgements, and returns every acknowledgement the
    /// process printed before it died.
    func burstAndKill(data: URL, killAfter: Int) throws -> [Ack] {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = [
            "dev", "evidence-burst", "--data", data.path, "--count", "1000000", "--concurrency", "64",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var buffer = Data()
        var lines = 0
        let reader = output.fileHandleForReading
        let deadline = Date().addingTimeInterval(120)
        while lines < killAfter, Date() < deadline {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            lines = buffer.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        buffer.append(reader.readDataToEndOfFile())
        #expect(process.terminationReason == .uncaughtSignal)
        // Only whole lines are acknowledgements; a line cut by the kill never reached the depositor whole.
        let text = String(decoding: buffer, as: UTF8.self)
        let whole = text.split(separator: "\n", omittingEmptySubsequences: true).dropLast(text.hasSuffix("\n") ? 0 : 1)
        return try whole.map { try JSONDecoder().decode(Ack.self, from: Data($0.utf8)) }
    }

    @Test func everyAcknowledgedDepositSurvivesSIGKILLAndTheLogStaysConsistent() async throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.executable.path),
            "the custos executable is built beside the tests")
        try await withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data")
            var acks = try burstAndKill(data: data, killAfter: 400)
            acks += try burstAndKill(data: data, killAfter: 400)  // a second crash, on top of the recovered log
            #expect(acks.count >= 800)

            let vault = try EvidenceVault(dataDirectory: data)
            let log = vault.log
            let root = try log.root()
            #expect(Set(acks.map(\.leafIndex)).count == acks.count, "no two acknowledgements share a leaf")
            for ack in acks {
                #expect(ack.leafIndex < log.size)
                #expect(Hex.encode(try log.leafHash(at: ack.leafIndex)) == ack.leafHash)
                try MerkleVerifier.verifyInclusion(
                    leafIndex: ack.leafIndex, treeSize: log.size, leafHash: try log.leafHash(at: ack.leafIndex),
                    proof: try log.inclusionProof(leaf: ack.leafIndex), root: root)
                #expect(vault.blobs.contains(sha256: ack.sha256))
            }
            // Every checkpoint handed out before the crashes is a prefix of the recovered tree.
            for text in Set(acks.map(\.checkpoint)) {
                let checkpoint = try SignedCheckpoint(parsing: text, verifiers: [log.verifier]).checkpoint
                #expect(try log.root(size: checkpoint.size) == checkpoint.rootHash)
                if checkpoint.size > 0 {
                    try MerkleVerifier.verifyConsistency(
                        oldSize: checkpoint.size, newSize: log.size, oldRoot: checkpoint.rootHash, newRoot: root,
                        proof: try log.consistencyProof(from: checkpoint.size, to: log.size))
                }
            }
            log.close()
            let report = try LedgerAudit(dataDirectory: data).run()
            #expect(report.findings.isEmpty, "\(report.findings)")
            #expect(report.entries == log.size)
        }
    }
}
