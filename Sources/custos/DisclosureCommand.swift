import ArgumentParser
import CustosServer
import CustosStoreSQLite
import Foundation

/// `custos disclosure …`: the public disclosure list of repeat and wilful infringers.
struct DisclosureCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disclosure", abstract: "Export the public disclosure list of repeat and wilful infringers.",
        subcommands: [DisclosureExportCommand.self])
}

/// `custos disclosure export [--format json|csv] [-o FILE]`: the list the server publishes at
/// `/public/disclosure.json` and `/public/disclosure.csv`, made from the data directory's findings.
struct DisclosureExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write the disclosure list as JSON or CSV.",
        discussion: """
            The list is made from every finding in the data directory under the server's disclosure policy, exactly
            as the server publishes it: the defaults (two infringement findings within two years, or one wilful,
            counterfeiting, bad-faith or criminal finding, list a seller for three years) changed by the
            disclosure_* settings of the server's configuration file (--config or $CUSTOS_CONFIG), its CUSTOS_*
            environment and --set. The CSV guards spreadsheet formulas and suits joint-discipline exchanges; see
            docs/credit.md for both formats.
            """)

    @Option(help: "The server's JSON configuration file, whose disclosure_* settings apply (default: $CUSTOS_CONFIG).")
    var config: String?

    @Option(
        name: .customLong("set"),
        help: "KEY=VALUE for a setting, as for custos serve (repeatable): disclosure_repeat_threshold, …")
    var settings: [String] = []

    @Option(
        name: .customLong("data"),
        help: "Data directory (default: $CUSTOS_DATA, else ./custos-data).")
    var dataDirectory: String?

    @Option(help: "The format: json or csv.")
    var format: DisclosurePublisher.Format = .json

    @Option(name: [.customShort("o"), .customLong("output")], help: "Write to FILE instead of standard output.")
    var output: String?

    @Option(
        name: .customLong("as-of"),
        help: "The listing date, ISO 8601 (2026-06-01T00:00:00Z); default now.",
        transform: DisclosureExportCommand.parseDate)
    var asOf: Date?

    /// Reads `--as-of`.
    static func parseDate(_ text: String) throws -> Date {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withFullDate]
        if let date = formatter.date(from: text) { return date }
        throw ValidationError("--as-of must be an ISO 8601 date or date-time, not \"\(text)\".")
    }

    func run() async throws {
        let path = dataDirectory ?? ProcessInfo.processInfo.environment["CUSTOS_DATA"] ?? "custos-data"
        let directory = URL(fileURLWithPath: path, isDirectory: true)
        guard FileManager.default.fileExists(atPath: directory.appendingPathComponent(SQLiteStore.fileName).path) else {
            Terminal.diagnostic("custos: no Custos data in \(directory.path)")
            throw ExitCode(1)
        }
        let configuration: ServerConfiguration
        do {
            configuration = try ServeCommand.configuration(file: config, settings: settings)
        } catch let error as ValidationError {
            Terminal.diagnostic("custos: \(error.message)")
            throw ExitCode(1)
        }
        let store = try SQLiteStore.open(dataDirectory: directory)
        let data: Data
        do {
            data = try await DisclosurePublisher(store: store, policy: configuration.disclosurePolicy).export(
                format, asOf: asOf ?? Date())
        } catch {
            Terminal.diagnostic("custos: \(error.message)")
            throw ExitCode(1)
        }
        if let output {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

extension DisclosurePublisher.Format: ExpressibleByArgument {}
