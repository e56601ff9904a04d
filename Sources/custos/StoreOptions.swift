import ArgumentParser
import CustosCore
import CustosStoreSQLite
import Foundation

/// Options every command that touches the data directory shares.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .customLong("data"),
        help: "Data directory (default: $CUSTOS_DATA, else ./custos-data).")
    var dataDirectory: String?

    @Option(name: .customLong("org"), help: "Organisation to work in.")
    var organisation: String = Organisation.defaultID.rawValue

    /// The data directory: `--data`, else `CUSTOS_DATA`, else `./custos-data`.
    var resolvedDirectory: URL {
        let path = dataDirectory ?? ProcessInfo.processInfo.environment["CUSTOS_DATA"] ?? "custos-data"
        return URL(fileURLWithPath: path, isDirectory: true)
    }

    var organisationID: Organisation.ID { Organisation.ID(organisation) }

    /// Opens the store, creating the directory and the organisation when needed.
    func openStore() async throws -> SQLiteStore {
        let store = try SQLiteStore.open(dataDirectory: resolvedDirectory)
        if try await store.organisations.organisation(organisationID) == nil {
            let name = organisationID == Organisation.defaultID ? "Default organisation" : organisation
            try await store.organisations.save(Organisation(id: organisationID, name: name))
        }
        return store
    }
}
