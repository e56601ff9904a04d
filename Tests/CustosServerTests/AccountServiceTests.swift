import CustosCore
import CustosServer
import CustosStore
import CustosStoreSQLite
import Foundation
import Testing

/// A clock tests move by hand.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_800_000_000)

    var date: Date { lock.withLock { now } }

    func advance(_ seconds: TimeInterval) { lock.withLock { now += seconds } }
}

@Suite("Passwords, sign-in, lock-out and rate limits")
struct AccountServiceTests {
    /// An account service with a cheap KDF, the given rules, and the test's clock when it has one.
    static func accounts(
        _ store: any CustosStore, policy: AccountService.Policy = .init(), clock: ManualClock? = nil
    ) -> AccountService {
        AccountService(
            store: store, hasher: PasswordHasher(logN: 10, blockSize: 8, parallelism: 1), policy: policy,
            clock: { clock?.date ?? Date() })
    }

    @Test("scrypt hashes carry their parameters, verify the right password only, and are salted")
    func passwordHashes() throws {
        let hasher = PasswordHasher(logN: 10, blockSize: 8, parallelism: 1)
        let first = try hasher.hash("correct horse battery")
        let second = try hasher.hash("correct horse battery")
        #expect(first.hasPrefix("$scrypt$ln=10,r=8,p=1$"))
        #expect(first != second)
        #expect(hasher.verify("correct horse battery", against: first))
        #expect(!hasher.verify("correct horse batterz", against: first))
        #expect(!hasher.verify("correct horse battery", against: "$scrypt$ln=10,r=8,p=1$AAAA$BBBB"))
        #expect(!hasher.verify("", against: "not a hash"))
        #expect(PasswordHasher.standard.needsRehash(first))
        #expect(!hasher.needsRehash(first))
    }

    @Test("the production cost is scrypt N = 2^15, r = 8, p = 1")
    func productionCost() throws {
        let hash = try PasswordHasher.standard.hash("a long enough password")
        #expect(hash.hasPrefix("$scrypt$ln=15,r=8,p=1$"))
        #expect(PasswordHasher.standard.verify("a long enough password", against: hash))
    }

    @Test("weak passwords are refused with a reason", arguments: ["short", "owner@acme", "aaaaaaaaaaaaaaaa"])
    func weakPasswords(password: String) {
        #expect(PasswordHasher.weakness(of: password, login: "owner@acme") != nil)
    }

    @Test("five wrong passwords lock the account, even the right password is then refused, and it unlocks later")
    func lockOut() async throws {
        let clock = ManualClock()
        let store = try SQLiteStore.inMemory()
        let accounts = Self.accounts(
            store, policy: .init(lockThreshold: 5, lockDuration: 900, sessionLifetime: 3600), clock: clock)
        _ = try await accounts.addOrganisation(id: "acme", name: "Acme", kind: .rightsHolder)
        _ = try await accounts.addUser(
            organisation: "acme", login: "Owner@Acme", role: .owner, password: "right password 1")
        for _ in 1...5 {
            await #expect(throws: APIError.self) {
                try await accounts.signIn(login: "owner@acme", password: "wrong password")
            }
        }
        do {
            _ = try await accounts.signIn(login: "owner@acme", password: "right password 1")
            Issue.record("a locked account signed in")
        } catch {
            #expect(error.code == .locked)
            #expect((error.retryAfter ?? 0) > 0)
        }
        clock.advance(901)
        let signIn = try await accounts.signIn(login: "OWNER@acme", password: "right password 1")
        #expect(signIn.principal.user.failedLogins == 0)
        #expect(try await accounts.principal(sessionSecret: signIn.secret)?.user.login == "owner@acme")
        clock.advance(3601)
        #expect(try await accounts.principal(sessionSecret: signIn.secret) == nil)
    }

    @Test("a token revoked by another process stops working once the principal cache lifetime has passed")
    func principalCacheLifetime() async throws {
        let clock = ManualClock()
        let store = try SQLiteStore.inMemory()
        let accounts = Self.accounts(store, policy: .init(principalCacheLifetime: 1), clock: clock)
        _ = try await accounts.addOrganisation(id: "acme", name: "Acme", kind: .rightsHolder)
        let user = try await accounts.addUser(
            organisation: "acme", login: "owner", role: .owner, password: "right password 1")
        let created = try await accounts.createToken(for: user, name: "ci")
        #expect(try await accounts.principal(bearer: created.secret)?.user.id == user.id)
        // The CLI revokes through the store, not through this service.
        #expect(try await store.tokens.revoke(created.token.id, in: "acme", at: clock.date))
        #expect(try await accounts.principal(bearer: created.secret) != nil, "cached for up to a second")
        clock.advance(1)
        #expect(try await accounts.principal(bearer: created.secret) == nil)
        clock.advance(5)
        #expect(try await accounts.principal(bearer: created.secret) == nil, "refusals are not cached as valid")
    }

    @Test("forgetting cached principals, or a lifetime of 0, makes a revocation apply at once")
    func principalCacheCanBeBypassed() async throws {
        let store = try SQLiteStore.inMemory()
        let cached = Self.accounts(store)
        let uncached = Self.accounts(store, policy: .init(principalCacheLifetime: 0))
        _ = try await cached.addOrganisation(id: "acme", name: "Acme", kind: .rightsHolder)
        let user = try await cached.addUser(
            organisation: "acme", login: "owner", role: .owner, password: "right password 1")
        let created = try await cached.createToken(for: user, name: "ci")
        #expect(try await cached.principal(bearer: created.secret) != nil)
        #expect(try await uncached.principal(bearer: created.secret) != nil)
        #expect(try await store.tokens.revoke(created.token.id, in: "acme", at: Date()))
        #expect(try await uncached.principal(bearer: created.secret) == nil)
        cached.forgetCachedPrincipals()
        #expect(try await cached.principal(bearer: created.secret) == nil)
    }

    @Test("unknown logins and wrong passwords get the same answer")
    func noLoginOracle() async throws {
        let store = try SQLiteStore.inMemory()
        let accounts = Self.accounts(store)
        _ = try await accounts.addOrganisation(id: "acme", name: "Acme", kind: .rightsHolder)
        _ = try await accounts.addUser(organisation: "acme", login: "owner", role: .owner, password: "right password 1")
        var messages: [String] = []
        for login in ["owner", "nobody"] {
            do {
                _ = try await accounts.signIn(login: login, password: "wrong password")
            } catch {
                messages.append("\(error.code.name): \(error.message)")
            }
        }
        #expect(messages.count == 2)
        #expect(messages[0] == messages[1])
    }

    @Test("roles must fit the organisation's kind; logins are unique across organisations")
    func rolesFitOrganisations() async throws {
        let store = try SQLiteStore.inMemory()
        let accounts = Self.accounts(store)
        _ = try await accounts.addOrganisation(id: "market", name: "Market", kind: .platform)
        _ = try await accounts.addOrganisation(id: "ipc", name: "IPC", kind: .authority)
        await #expect(throws: APIError.self) {
            try await accounts.addUser(organisation: "market", login: "x", role: .owner, password: "right password 1")
        }
        _ = try await accounts.addUser(
            organisation: "market", login: "x", role: .reviewer, password: "right password 1")
        do {
            _ = try await accounts.addUser(organisation: "ipc", login: "X", role: .admin, password: "right password 1")
            Issue.record("a taken login was accepted")
        } catch {
            #expect(error.code == .conflict)
        }
        await #expect(throws: APIError.self) {
            try await accounts.addOrganisation(id: "bad id/../x", name: "x", kind: .platform)
        }
    }

    @Test("the rate limiter allows a burst, refuses the next with a wait, and refills over time")
    func rateLimiter() async throws {
        let clock = ManualClock()
        let limiter = RateLimiter(burst: 3, period: 60, clock: { clock.date })
        for _ in 1...3 { #expect(await limiter.acquire("a") == nil) }
        let wait = try #require(await limiter.acquire("a"))
        #expect((1...20).contains(wait))
        #expect(await limiter.acquire("b") == nil)
        clock.advance(20)
        #expect(await limiter.acquire("a") == nil)
        #expect(await limiter.acquire("a") != nil)
    }
}

@Suite("Server configuration")
struct ServerConfigurationTests {
    @Test("flags override the environment, which overrides the file, which overrides the defaults")
    func layers() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("custos-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"port": 9000, "host": "0.0.0.0", "secure_cookies": true, "session_hours": 2.5}"#.utf8).write(
            to: file)
        let configuration = try ServerConfiguration.resolve(
            file: file, environment: ["CUSTOS_PORT": "9100", "CUSTOS_LOG_LEVEL": "debug"], flags: ["port": "9200"])
        #expect(configuration.port == 9200)
        #expect(configuration.host == "0.0.0.0")
        #expect(configuration.secureCookies)
        #expect(configuration.cookiesSecure)
        #expect(configuration.sessionHours == 2.5)
        #expect(configuration.logLevel == .debug)
        #expect(ServerConfiguration().port == 8080)
    }

    @Test("an unknown key, a bad value or a bad file is an error naming the key and its source")
    func errorsNameTheSource() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("custos-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"prot": 9000}"#.utf8).write(to: file)
        #expect(throws: APIError.self) { try ServerConfiguration.resolve(file: file, environment: [:], flags: [:]) }
        do {
            _ = try ServerConfiguration.resolve(file: file, environment: [:], flags: [:])
        } catch {
            #expect(error.message.contains(file.path))
            #expect(error.message.contains("prot"))
        }
        do {
            _ = try ServerConfiguration.resolve(file: nil, environment: ["CUSTOS_PORT": "eighty"], flags: [:])
            Issue.record("a bad port was accepted")
        } catch {
            #expect(error.message.contains("CUSTOS_PORT"))
        }
        #expect(throws: APIError.self) {
            try ServerConfiguration.resolve(file: nil, environment: [:], flags: ["port": "70000"])
        }
        try Data("[1, 2]".utf8).write(to: file)
        #expect(throws: APIError.self) { try ServerConfiguration.resolve(file: file, environment: [:], flags: [:]) }
    }
}
