import CustosTestSupport
import Foundation
import Testing
import ZIPFoundation

@testable import CustosLedger

@Suite struct EvidenceBundleTests {
    static let depositor = EvidenceEntry.Depositor(organisation: "brand-a", user: "alice")

    /// A vault with three deposits (more entries follow them, so proofs and consistency are non-trivial) and a
    /// bundle of the three.
    func makeBundle(in directory: URL) async throws -> (EvidenceVault, URL) {
        let vault = try EvidenceVault(dataDirectory: directory.appendingPathComponent("data"))
        var indexes: [UInt64] = []
        for number in 0..<3 {
            let file = directory.appendingPathComponent("evidence-\(number).html")
            try Data("<html>listing \(number) FAKE NIKE</html>".utf8).write(to: file)
            indexes.append(try await vault.deposit([.init(file: file, depositor: Self.depositor)])[0].leafIndex)
            _ = try await vault.log.append((0..<5).map { Array("other \(number) \($0)".utf8) })
        }
        let bundle = directory.appendingPathComponent("bundle.zip")
        _ = try EvidenceBundle.export(indexes, from: vault, organisation: "brand-a", to: bundle)
        return (vault, bundle)
    }

    /// Rewrites `bundle` with member `path` replaced by `change(bytes)`.
    func rewrite(_ bundle: URL, _ path: String, _ change: ([UInt8]) -> [UInt8]) throws {
        let source = try Archive(url: bundle, accessMode: .read)
        let copy = bundle.deletingLastPathComponent().appendingPathComponent("changed-\(UUID().uuidString).zip")
        let target = try Archive(url: copy, accessMode: .create)
        for member in source {
            var bytes: [UInt8] = []
            _ = try source.extract(member) { bytes.append(contentsOf: $0) }
            if member.path == path { bytes = change(bytes) }
            let data = Data(bytes)
            try target.addEntry(with: member.path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try FileManager.default.removeItem(at: bundle)
        try FileManager.default.moveItem(at: copy, to: bundle)
    }

    func replacing(_ old: String, _ new: String) -> ([UInt8]) -> [UInt8] {
        { Array(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: old, with: new).utf8) }
    }

    @Test func anIntactBundleVerifiesWithThePinnedKeyAndNamesItsItems() async throws {
        try await withTemporaryDirectory { directory in
            let (vault, bundle) = try await makeBundle(in: directory)
            let report = try BundleVerifier(trustedKeys: [vault.log.verifier]).verify(bundle)
            #expect(report.isValid, "\(report)")
            #expect(report.items.map(\.id) == ["E0", "E6", "E12"])
            #expect(report.warnings.isEmpty)
            let unpinned = try BundleVerifier().verify(bundle)
            #expect(unpinned.isValid)
            #expect(unpinned.warnings.contains { $0.contains("trusting the key inside the bundle") })
        }
    }

    @Test func aModifiedFileIsNamedAndTheOtherItemsStillVerify() async throws {
        try await withTemporaryDirectory { directory in
            let (vault, bundle) = try await makeBundle(in: directory)
            try rewrite(bundle, "files/E6-evidence-1.html", replacing("FAKE", "REAL"))
            let report = try BundleVerifier(trustedKeys: [vault.log.verifier]).verify(bundle)
            #expect(!report.isValid)
            let failed = report.items.filter { !$0.isValid }
            #expect(failed.map(\.id) == ["E6"])
            #expect(failed.first?.problems.first?.contains("the file was changed") == true)
        }
    }

    @Test func aModifiedEntryIsNamed() async throws {
        try await withTemporaryDirectory { directory in
            let (vault, bundle) = try await makeBundle(in: directory)
            try rewrite(bundle, "entries/E12.json", replacing("alice", "mallory"))
            let report = try BundleVerifier(trustedKeys: [vault.log.verifier]).verify(bundle)
            let failed = report.items.filter { !$0.isValid }
            #expect(failed.map(\.id) == ["E12"])
            #expect(failed.first?.problems.contains { $0.contains("proofs/E12.json") } == true)
        }
    }

    @Test func aModifiedProofIsNamed() async throws {
        try await withTemporaryDirectory { directory in
            let (vault, bundle) = try await makeBundle(in: directory)
            let proof = try BundleVerifier.proofHashes(in: bundle, "proofs/E0.json")
            try rewrite(bundle, "proofs/E0.json", replacing(proof[0], String(proof[0].reversed())))
            let report = try BundleVerifier(trustedKeys: [vault.log.verifier]).verify(bundle)
            let failed = report.items.filter { !$0.isValid }
            #expect(failed.map(\.id) == ["E0"])
            #expect(failed.first?.problems.first?.hasPrefix("proofs/E0.json") == true)
        }
    }

    @Test func aCheckpointSignedByAnotherKeyFailsTheWholeBundle() async throws {
        try await withTemporaryDirectory { directory in
            let (vault, bundle) = try await makeBundle(in: directory)
            let forger = try NoteSigner.generate(name: vault.log.origin)
            let report = try BundleVerifier(trustedKeys: [forger.verifier]).verify(bundle)
            #expect(!report.isValid)
            #expect(report.problems.first?.hasPrefix("checkpoint.txt") == true)
        }
    }

    @Test func aFileThatIsNotAZipIsAClearError() async throws {
        try await withTemporaryDirectory { directory in
            let file = directory.appendingPathComponent("not.zip")
            try Data("hello".utf8).write(to: file)
            let error = #expect(throws: LedgerError.self) { try BundleVerifier().verify(file) }
            #expect(error?.code == .badBundle)
        }
    }

    @Test func anotherOrganisationCannotExportADeposit() async throws {
        try await withTemporaryDirectory { directory in
            let (vault, _) = try await makeBundle(in: directory)
            let error = #expect(throws: LedgerError.self) {
                try EvidenceBundle.export(
                    [0], from: vault, organisation: "brand-b", to: directory.appendingPathComponent("b.zip"))
            }
            #expect(error?.code == .notFound)
            #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("b.zip").path))
        }
    }
}

extension BundleVerifier {
    /// The proof hashes of a proof file in a bundle, for tests that alter one.
    static func proofHashes(in bundle: URL, _ path: String) throws -> [String] {
        let archive = try Archive(url: bundle, accessMode: .read)
        var bytes: [UInt8] = []
        if let member = archive[path] { _ = try archive.extract(member) { bytes.append(contentsOf: $0) } }
        return try JSONDecoder().decode(EvidenceBundle.InclusionProofFile.self, from: Data(bytes)).proof
    }
}
