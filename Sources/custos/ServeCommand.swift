import ArgumentParser
import CustosCore
import CustosServer
import CustosStoreSQLite
import Foundation
import Hummingbird
import Logging

/// `custos serve`: the HTTP API and web portal.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API and the web portal.",
        discussion: """
            Settings come from defaults, then a JSON file (--config or $CUSTOS_CONFIG), then environment variables
            (CUSTOS_PORT, CUSTOS_HOST, …), then flags; --set KEY=VALUE sets any key (docs/server.md lists them).
            SIGTERM or SIGINT stops the server gracefully: requests in flight finish first.
            """)

    @Option(name: .customLong("data"), help: "Data directory (default: $CUSTOS_DATA, else ./custos-data).")
    var dataDirectory: String?

    @Option(help: "Interface to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "TCP port (default 8080; 0 picks a free one).")
    var port: Int?

    @Option(help: "JSON configuration file.")
    var config: String?

    @Option(name: .customLong("set"), help: "KEY=VALUE for any setting (repeatable).")
    var settings: [String] = []

    func run() async throws {
        let configuration = try resolve()
        let host = configuration.host
        try await Self.serve(configuration) { port in
            Terminal.diagnostic("custos: serving on http://\(host):\(port)")
        }
    }

    func resolve() throws -> ServerConfiguration {
        var flags: [String: String] = [:]
        if let dataDirectory { flags["data"] = dataDirectory }
        if let host { flags["host"] = host }
        if let port { flags["port"] = String(port) }
        return try Self.configuration(file: config, settings: settings, flags: flags)
    }

    /// The server's configuration from a file (`file`, else `$CUSTOS_CONFIG`), the `CUSTOS_*` environment, the
    /// `--set KEY=VALUE` settings and other flags, in that order of precedence (lowest first).
    static func configuration(file: String?, settings: [String], flags: [String: String] = [:]) throws
        -> ServerConfiguration
    {
        var flags = flags
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else { throw ValidationError("--set \(setting): expected KEY=VALUE.") }
            flags[String(parts[0])] = flags[String(parts[0])] ?? String(parts[1])
        }
        let environment = ProcessInfo.processInfo.environment
        let file = (file ?? environment["CUSTOS_CONFIG"]).map { URL(fileURLWithPath: $0) }
        do {
            return try ServerConfiguration.resolve(file: file, environment: environment, flags: flags)
        } catch {
            throw ValidationError(error.message)
        }
    }

    /// Opens the store and serves until SIGTERM or SIGINT; `announce` runs once the port is bound.
    static func serve(
        _ configuration: ServerConfiguration,
        announce: @escaping @Sendable (Int) async -> Void
    ) async throws {
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: level) }
        var logger = Logger(label: "custos.server")
        logger.logLevel = level
        let store = try SQLiteStore.open(dataDirectory: URL(fileURLWithPath: configuration.dataDirectory))
        let services = try await PortalServices(configuration: configuration, store: store)
        let application = try PortalApplication.make(services: services, logger: logger, onServerRunning: announce)
        try await application.runService()
        services.vault.log.close()
    }
}
