import ArgumentParser
import CustosCapture
import CustosLedger
import Foundation

/// `custos evidence export ID… -o bundle.zip`.
struct EvidenceExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write deposits, entries, receipts, proofs, the key and VERIFY.md to one offline-verifiable zip.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "Evidence ids (E42, 42 or SHA-256).")
    var ids: [EvidenceID]

    @Option(name: .shortAndLong, help: "The bundle to write.")
    var output: String

    @Flag(help: "Print JSON only.")
    var json = false

    func validate() throws {
        guard !ids.isEmpty else { throw ValidationError("name at least one evidence id to export") }
    }

    func run() async throws {
        let vault = try store.openVault(quiet: json)
        let indexes = try ids.map { try $0.resolve(in: vault, organisation: store.organisation) }
        var bar = ProgressBar(label: "exporting", enabled: !json)
        let destination = URL(fileURLWithPath: output)
        let manifest = try EvidenceBundle.export(
            indexes, from: vault, organisation: store.organisation, to: destination
        ) { done in bar.update(done: done, total: indexes.count, note: "items") }
        bar.finish(done: manifest.items.count, total: manifest.items.count, note: "items")
        if json {
            try Terminal.printJSON(manifest)
        } else {
            print(
                "wrote \(destination.path): \(manifest.items.count) item(s), proofs to the checkpoint of "
                    + "\(manifest.treeSize) entries signed by \(manifest.origin)")
        }
    }
}

/// `custos evidence verify bundle.zip`.
struct EvidenceVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check an evidence bundle offline; exit 0 only when every item verifies.")

    @Argument(help: "The bundle (zip) to verify.")
    var bundle: String

    @Option(
        name: .customLong("key"),
        help: "The log's verifier key (vkey text, or a file holding it); default: trust the bundle's own key.")
    var key: String?

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        var trusted: [NoteVerifier] = []
        if let key {
            let text =
                FileManager.default.fileExists(atPath: key) ? try String(contentsOfFile: key, encoding: .utf8) : key
            trusted = [try NoteVerifier(vkey: text.trimmingCharacters(in: .whitespacesAndNewlines))]
        }
        let verifier = BundleVerifier(
            trustedKeys: trusted, fileChecks: ["application/warc": { url in Self.checkWARC(url) }])
        var bar = ProgressBar(label: "verifying", enabled: !json)
        let report = try verifier.verify(URL(fileURLWithPath: bundle)) { done, total in
            bar.update(done: done, total: total, note: "items")
        }
        bar.finish(done: report.items.count, total: report.items.count, note: "items")
        if json {
            try Terminal.printJSON(VerifyOutput(valid: report.isValid, report: report))
        } else {
            for warning in report.warnings { print("warning: \(warning)") }
            for problem in report.problems { print("FAIL bundle: \(problem)") }
            for item in report.items {
                if item.isValid {
                    print("ok   \(item.id) \(item.fileName ?? "")")
                } else {
                    for problem in item.problems { print("FAIL \(item.id): \(problem)") }
                }
            }
            let failed = report.items.filter { !$0.isValid }.count
            print(
                report.isValid
                    ? "verified: \(report.items.count) item(s) against the checkpoint of \(report.treeSize) entries"
                    : "NOT verified: \(failed) of \(report.items.count) item(s) failed, \(report.problems.count) bundle problem(s)"
            )
        }
        if !report.isValid { throw ExitCode(1) }
    }

    /// Re-checks a WARC's record digests.
    static func checkWARC(_ url: URL) -> [String] {
        WARCReader.check(contentsOf: url).problems.map { "WARC: \($0.message)" }
    }

    struct VerifyOutput: Encodable {
        var valid: Bool
        var report: BundleVerifier.Report
    }
}
