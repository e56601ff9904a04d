import ArgumentParser
import CustosCapture
import CustosLedger
import Foundation

/// `custos evidence capture URL`.
struct EvidenceCaptureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract: "Capture a web page (and with --assets its images, styles, scripts) as a WARC/1.1 deposit.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The page's http:// or https:// URL.")
    var url: String

    @Flag(help: "Also fetch the page's images, stylesheets and scripts into the WARC.")
    var assets = false

    @Flag(name: .customLong("no-screenshot"), help: "Do not take a screenshot even when chromium is installed.")
    var noScreenshot = false

    @Option(help: "Link the capture to this right.")
    var right: String?

    @Option(help: "Link the capture to this clue.")
    var clue: String?

    @Option(name: .customLong("case"), help: "Link the capture to this case.")
    var caseID: String?

    @Option(help: "A description to record with the capture.")
    var description: String?

    @Flag(help: "Print JSON only.")
    var json = false

    /// The version recorded in captures.
    static let custosVersion = "0.3.0"

    func validate() throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else { throw ValidationError("\"\(url)\" is not an http:// or https:// URL") }
    }

    func run() async throws {
        guard let target = URL(string: url) else { throw ValidationError("\"\(url)\" is not a URL") }
        let vault = try store.openVault(quiet: json)
        var configuration = CaptureConfiguration(custosVersion: Self.custosVersion, includesAssets: assets)
        configuration.takesScreenshot = !noScreenshot
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "custos-capture-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let host = target.host ?? "page"
        let stamp = EvidenceEntry.timestamp(Date()).replacingOccurrences(of: ":", with: "")
        let warc = directory.appendingPathComponent("capture-\(host)-\(stamp).warc")
        if !json { Terminal.diagnostic("capturing \(url)\(assets ? " with assets" : "")…") }
        let summary = try await WebCapturer(configuration: configuration).capture(target, to: warc)
        let deposit = EvidenceVault.Deposit(
            file: warc, depositor: store.depositor, mediaType: "application/warc",
            capture: try JSONValue(encoding: summary),
            links: EvidenceEntry.Links(right: right, clue: clue, case: caseID), description: description)
        let receipt = try await vault.deposit([deposit])[0]
        let entry = try EvidenceEntry(canonicalBytes: Array(receipt.entry.utf8))
        let result = Captured(
            id: EvidenceID.display(receipt.leafIndex), url: summary.url, finalURL: summary.finalURL,
            status: summary.status, records: summary.recordCount, resources: summary.resources.count,
            failures: summary.failures.count, sha256: entry.sha256, size: entry.size, leafIndex: receipt.leafIndex)
        if json {
            try Terminal.printJSON(result)
            return
        }
        print("\(result.id)  \(result.sha256)  leaf \(result.leafIndex)")
        print(
            "  \(summary.finalURL) → HTTP \(summary.status); \(summary.recordCount) WARC records, "
                + "\(summary.resources.count) resources, \(summary.failures.count) failed")
        for failure in summary.failures { print("  failed: \(failure)") }
    }

    struct Captured: Encodable {
        var id: String
        var url: String
        var finalURL: String
        var status: Int
        var records: Int
        var resources: Int
        var failures: Int
        var sha256: String
        var size: UInt64
        var leafIndex: UInt64

        enum CodingKeys: String, CodingKey {
            case id, url, status, records, resources, failures, sha256, size
            case finalURL = "final_url"
            case leafIndex = "leaf_index"
        }
    }
}
