import CustosLedger
import CustosTestSupport
import Foundation
import Testing

/// The `custos evidence` commands, run as a user runs them: the built executable, its exit status and its JSON.
@Suite struct EvidenceCLITests {

    func custos(_ arguments: [String]) throws -> CustosRun {
        try CustosRun.run(arguments)
    }

    struct Added: Decodable {
        var id: String
        var sha256: String
        var leafIndex: UInt64
        enum CodingKeys: String, CodingKey {
            case id, sha256
            case leafIndex = "leaf_index"
        }
    }

    func bytes(_ hex: [String]) -> [[UInt8]] { hex.compactMap { Hex.decode($0) } }

    @Test func addProveConsistencyExportAndVerifyWorkEndToEndWithTheDocumentedJSON() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        try await withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data").path
            let files = try (0..<3).map { number -> String in
                let file = directory.appendingPathComponent("shot-\(number).txt")
                try Data("screenshot \(number)".utf8).write(to: file)
                return file.path
            }
            let add = try custos(["evidence", "add"] + files + ["--data", data, "--json"])
            #expect(add.status == 0, "\(add.errors)")
            let added = try JSONDecoder().decode([Added].self, from: add.output)
            #expect(added.map(\.id) == ["E0", "E1", "E2"])

            let prove = try custos(["evidence", "prove", "E1", "--data", data, "--json"])
            let inclusion = try JSONDecoder().decode(EvidenceBundle.InclusionProofFile.self, from: prove.output)
            #expect(inclusion.leafIndex == 1 && inclusion.treeSize == 3)
            try MerkleVerifier.verifyInclusion(
                leafIndex: 1, treeSize: 3, leafHash: try #require(Hex.decode(inclusion.leafHash)),
                proof: bytes(inclusion.proof), root: try #require(Hex.decode(inclusion.rootHash)))

            let consistent = try custos(["evidence", "consistency", "1", "3", "--data", data, "--json"])
            let consistency = try JSONDecoder().decode(
                EvidenceBundle.ConsistencyProofFile.self, from: consistent.output)
            #expect(consistency.newRoot == inclusion.rootHash)
            try MerkleVerifier.verifyConsistency(
                oldSize: 1, newSize: 3, oldRoot: try #require(Hex.decode(consistency.oldRoot)),
                newRoot: try #require(Hex.decode(consistency.newRoot)), proof: bytes(consistency.proof))

            let bundle = directory.appendingPathComponent("case.zip").path
            #expect(try custos(["evidence", "export", "E0", "E2", "-o", bundle, "--data", data]).status == 0)
            let key = String(decoding: try custos(["evidence", "key", "--data", data]).output, as: UTF8.self)
            #expect(key.hasPrefix("custos.local/evidence/"))
            let verified = try custos(["evidence", "verify", bundle, "--key", key])
            #expect(verified.status == 0)
            #expect(String(decoding: verified.output, as: UTF8.self).contains("verified: 2 item(s)"))

            let stranger = try NoteSigner.generate(name: key.split(separator: "+")[0].description)
            let refused = try custos(["evidence", "verify", bundle, "--key", stranger.verifier.vkey])
            #expect(refused.status == 1)
            #expect(String(decoding: refused.output, as: UTF8.self).contains("FAIL bundle: checkpoint.txt"))

            #expect(try custos(["evidence", "audit", "--data", data]).status == 0)
        }
    }

    @Test func anotherOrganisationIsToldTheEvidenceDoesNotExist() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        try await withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data").path
            let file = directory.appendingPathComponent("design.txt")
            try Data("trade secret".utf8).write(to: file)
            #expect(try custos(["evidence", "add", file.path, "--data", data, "--org", "brand-a"]).status == 0)
            for command in [["show", "E0"], ["prove", "E0"], ["receipt", "E0"], ["export", "E0", "-o", "x.zip"]] {
                let run = try custos(["evidence"] + command + ["--data", data, "--org", "brand-b"])
                #expect(run.status != 0)
                #expect(run.errors.contains("no evidence entry 0 for organisation brand-b"), "\(run.errors)")
            }
        }
    }

    @Test func aMissingFileIsNamedAndNothingIsDeposited() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        try await withTemporaryDirectory { directory in
            let data = directory.appendingPathComponent("data").path
            let good = directory.appendingPathComponent("good.txt")
            try Data("ok".utf8).write(to: good)
            let run = try custos(["evidence", "add", good.path, "/nonexistent/listing.png", "--data", data])
            #expect(run.status != 0)
            #expect(run.errors.contains("/nonexistent/listing.png: no such file"))
            let vault = try EvidenceVault(dataDirectory: URL(fileURLWithPath: data))
            #expect(vault.log.size == 0)
        }
    }
}
