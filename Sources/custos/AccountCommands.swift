import ArgumentParser
import CustosCore
import CustosServer
import CustosStoreSQLite
import Foundation

/// `custos org add ID --name NAME --kind rights_holder|platform|authority`.
struct OrgCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "org", abstract: "Manage organisations (tenants).",
        subcommands: [OrgAddCommand.self, OrgListCommand.self])
}

/// `custos org add`.
struct OrgAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an organisation.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The organisation's id (letters, digits, '-', '_', '.').")
    var id: String

    @Option(help: "The organisation's display name.")
    var name: String

    @Option(help: "rights_holder, platform or authority.")
    var kind: Organisation.Kind = .rightsHolder

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let accounts = AccountService(store: try SQLiteStore.open(dataDirectory: store.resolvedDirectory))
        let organisation = try await accounts.addOrganisation(id: Organisation.ID(id), name: name, kind: kind)
        if json {
            try Terminal.printJSON(organisation)
        } else {
            print("Added organisation \(organisation.id) (\(organisation.name), \(organisation.kind.rawValue)).")
        }
    }
}

/// `custos org list`.
struct OrgListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List organisations.")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let organisations = try await SQLiteStore.open(dataDirectory: store.resolvedDirectory).organisations
            .organisations()
        if json {
            try Terminal.printJSON(organisations)
            return
        }
        for organisation in organisations {
            print("\(organisation.id)\t\(organisation.kind.rawValue)\t\(organisation.name)")
        }
    }
}

extension Organisation.Kind: ExpressibleByArgument {}
extension Role: ExpressibleByArgument {}

/// `custos user add LOGIN --org ORG --role ROLE`.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the people who sign in.", subcommands: [UserAddCommand.self])
}

/// `custos user add`.
struct UserAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add a user to an organisation.",
        discussion: """
            The password is read from --password-file, or from standard input with --password-stdin, or from
            $CUSTOS_PASSWORD; it is never a command-line argument (other users could read it in the process list).
            With none of these, a random password is made and printed once.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The sign-in name (an e-mail address or handle).")
    var login: String

    @Option(help: "owner, agent (rights holders), reviewer (platforms), investigator, mediator, admin (authorities).")
    var role: Role

    @Option(name: .customLong("name"), help: "The name shown in the portal.")
    var displayName: String?

    @Option(name: .customLong("password-file"), help: "A file whose first line is the password.")
    var passwordFile: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input.")
    var passwordStdin = false

    @Option(name: .customLong("password-cost"), help: "log2 of scrypt's N (default 15).")
    var passwordCost = 15

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let database = try SQLiteStore.open(dataDirectory: store.resolvedDirectory)
        let accounts = AccountService(
            store: database, hasher: PasswordHasher(logN: passwordCost, blockSize: 8, parallelism: 1))
        let (password, generated) = try readPassword()
        let user = try await accounts.addUser(
            organisation: store.organisationID, login: login, displayName: displayName, role: role, password: password)
        if json {
            try Terminal.printJSON(
                UserAdded(
                    id: user.id.rawValue, login: user.login, organisation: user.organisation.rawValue,
                    role: user.role.rawValue, password: generated ? password : nil))
            return
        }
        print("Added \(user.login) (\(user.role.rawValue)) to \(user.organisation).")
        if generated { print("Password (shown once): \(password)") }
    }

    private func readPassword() throws -> (String, Bool) {
        if let passwordFile {
            let text = try String(contentsOfFile: passwordFile, encoding: .utf8)
            return (String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""), false)
        }
        if passwordStdin {
            return (readLine(strippingNewline: true) ?? "", false)
        }
        if let password = ProcessInfo.processInfo.environment["CUSTOS_PASSWORD"], !password.isEmpty {
            return (password, false)
        }
        return (SecretToken.make(bytes: 15), true)
    }
}

/// The JSON of `custos user add`.
struct UserAdded: Encodable {
    var id: String
    var login: String
    var organisation: String
    var role: String
    var password: String?
}

/// `custos token create LOGIN --name NAME`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Manage API tokens.", subcommands: [TokenCreateCommand.self])
}

/// `custos token create`.
struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create", abstract: "Create an API token for a user; the secret is printed once.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The user's login.")
    var login: String

    @Option(help: "What the token is for.")
    var name = "cli"

    @Option(name: .customLong("expires-in-days"), help: "Days until the token stops working (default: never).")
    var expiresInDays: Int?

    @Flag(help: "Print JSON only.")
    var json = false

    func validate() throws {
        if let expiresInDays, !(1...3650).contains(expiresInDays) {
            throw ValidationError("--expires-in-days must be 1…3650.")
        }
    }

    func run() async throws {
        let database = try SQLiteStore.open(dataDirectory: store.resolvedDirectory)
        guard let user = try await database.users.user(login: login.lowercased()) else {
            Terminal.diagnostic("custos: no user signs in as \"\(login)\"")
            throw ExitCode(1)
        }
        let accounts = AccountService(store: database)
        let created = try await accounts.createToken(
            for: user, name: name, lifetime: expiresInDays.map { Double($0) * 86_400 })
        if json {
            try Terminal.printJSON(["id": created.token.id.rawValue, "secret": created.secret, "user": user.login])
            return
        }
        print("Token \(created.token.id) for \(user.login) (\(user.organisation)); the secret is shown once:")
        print(created.secret)
    }
}
