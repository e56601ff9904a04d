import ArgumentParser
import CustosCapture
import CustosLedger
import CustosServer
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

    @Flag(
        name: .customLong("refuse-private-addresses"),
        help:
            "Refuse hosts that resolve to loopback, private, link-local or other non-public addresses, as the server does."
    )
    var refusePrivateAddresses = false

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
    static let custosVersion = EvidenceCapture.custosVersion

    func validate() throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(),
            scheme == "http" || scheme == "https", parsed.host != nil
        else { throw ValidationError("\"\(url)\" is not an http:// or https:// URL") }
    }

    func run() async throws {
        let target = try EvidenceCapture.parse(url)
        let vault = try store.openVault(quiet: json)
        var configuration = CaptureConfiguration(custosVersion: Self.custosVersion, includesAssets: assets)
        configuration.takesScreenshot = !noScreenshot
        // The operator runs the command line on their own machine and may capture an intranet page; the server
        // refuses private addresses (docs/capture.md).
        configuration.allowsPrivateAddresses = !refusePrivateAddresses
        if !json { Terminal.diagnostic("capturing \(url)\(assets ? " with assets" : "")…") }
        let (summary, receipt) = try await EvidenceCapture(configuration: configuration).withDeposit(
            of: target, depositor: store.depositor, links: EvidenceEntry.Links(right: right, clue: clue, case: caseID),
            description: description
        ) { summary, deposit in
            (summary, try await vault.deposit([deposit])[0])
        }
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
