import CustosCore
import CustosServer
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting

/// A portal over an in-memory store and a temporary data directory, with two rights-holder organisations, a
/// platform and an authority, and one user of every role.
///
/// Passwords are hashed with scrypt N = 2^10 so that tests sign in quickly; the production cost is tested in
/// `PasswordHasherTests`.
struct PortalTestHarness {
    /// The password every harness user has.
    static let password = "correct horse battery"

    let directory: TemporaryDirectory
    let store: SQLiteStore
    let services: PortalServices
    /// Users by login: `owner@acme`, `agent@acme`, `owner@globex`, `reviewer@market`, `investigator@ipc`,
    /// `mediator@ipc`, `admin@ipc`.
    let users: [String: User]

    init(configure: (inout ServerConfiguration) -> Void = { _ in }) async throws {
        directory = try TemporaryDirectory(prefix: "custos-portal")
        store = try SQLiteStore.inMemory()
        var configuration = ServerConfiguration()
        configuration.dataDirectory = directory.url.path
        configuration.passwordCost = 10
        configuration.port = 0
        configure(&configuration)
        services = try await PortalServices(configuration: configuration, store: store)
        let accounts = services.accounts
        var users: [String: User] = [:]
        for (id, name, kind) in [
            ("acme", "Acme Brands", Organisation.Kind.rightsHolder), ("globex", "Globex", .rightsHolder),
            ("market", "Market Place", .platform), ("ipc", "IP Protection Centre", .authority),
        ] {
            _ = try await accounts.addOrganisation(id: Organisation.ID(id), name: name, kind: kind)
        }
        for (login, organisation, role) in [
            ("owner@acme", "acme", Role.owner), ("agent@acme", "acme", .agent), ("owner@globex", "globex", .owner),
            ("reviewer@market", "market", .reviewer), ("investigator@ipc", "ipc", .investigator),
            ("mediator@ipc", "ipc", .mediator), ("admin@ipc", "ipc", .admin),
        ] {
            users[login] = try await accounts.addUser(
                organisation: Organisation.ID(organisation), login: login, role: role, password: Self.password)
        }
        self.users = users
    }

    /// The application in router-test form.
    var application: some ApplicationProtocol {
        Application(router: PortalApplication.router(services: services))
    }

    /// A fresh API token for `login`.
    func token(_ login: String) async throws -> String {
        guard let user = users[login] else { throw APIError(.notFound, "no harness user \(login)") }
        return try await services.accounts.createToken(for: user, name: "test").secret
    }

    /// The Prometheus text of `/metrics`, read as a scraper does: with an authority administrator's API token.
    func metrics(_ client: some TestClientProtocol) async throws -> String {
        let token = try await token("admin@ipc")
        let response = try await client.execute(uri: "/metrics", method: .get, headers: .bearer(token))
        guard response.status == .ok else {
            throw APIError(.internal, "/metrics answered \(response.status) to an administrator's token")
        }
        return response.text
    }

    /// Removes the data directory.
    func remove() { directory.remove() }
}

extension HTTPFields {
    /// Headers with a bearer token.
    static func bearer(_ token: String, _ extra: HTTPFields = [:]) -> HTTPFields {
        var fields = extra
        fields[.authorization] = "Bearer \(token)"
        return fields
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body decoded as a JSON object.
    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: body)) as? [String: Any]) ?? [:]
    }
}
