import CustosCore
import CustosStore
import Foundation

/// Organisations, users, sign-in, sessions and API tokens: the rules, on top of the store's repositories.
///
/// The CLI (`custos org add`, `custos user add`, `custos token create`) and the server share this type, so a
/// password is checked and hashed the same way wherever it is set.
public struct AccountService: Sendable {
    /// Lock-out and session rules.
    public struct Policy: Sendable, Hashable {
        /// Failed sign-ins in a row that lock the account.
        public var lockThreshold: Int
        /// How long a locked account stays locked.
        public var lockDuration: TimeInterval
        /// How long a session lasts after sign-in.
        public var sessionLifetime: TimeInterval
        /// How long the principal of a valid credential is reused without reading the store (0: never). Changes
        /// made through the server apply at once; changes made by another process apply within this time.
        public var principalCacheLifetime: TimeInterval

        /// Creates a policy.
        public init(
            lockThreshold: Int = 5, lockDuration: TimeInterval = 15 * 60, sessionLifetime: TimeInterval = 12 * 3600,
            principalCacheLifetime: TimeInterval = 1
        ) {
            self.lockThreshold = lockThreshold
            self.lockDuration = lockDuration
            self.sessionLifetime = sessionLifetime
            self.principalCacheLifetime = principalCacheLifetime
        }
    }

    /// A successful sign-in: the principal and the cookie secret to hand to the browser (shown once).
    public struct SignIn: Sendable {
        /// Who signed in, with the new session as credential.
        public var principal: Principal
        /// The cookie value; only its hash is stored.
        public var secret: String
    }

    /// The store.
    public let store: any CustosStore
    /// The password KDF.
    public let hasher: PasswordHasher
    /// Lock-out and session rules.
    public let policy: Policy
    /// Tells the time (tests move it).
    public let clock: @Sendable () -> Date

    /// A hash of a random password, checked when the login is unknown so that unknown and known logins take
    /// the same time.
    private let decoyHash: String
    /// Principals of credentials seen within `policy.principalCacheLifetime`.
    private let principals: PrincipalCache

    /// Creates the service.
    public init(
        store: any CustosStore, hasher: PasswordHasher = .standard, policy: Policy = Policy(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.hasher = hasher
        self.policy = policy
        self.clock = clock
        decoyHash = (try? hasher.hash(SecretToken.make())) ?? ""
        principals = PrincipalCache(lifetime: policy.principalCacheLifetime)
    }

    /// Forgets cached principals: call after revoking a credential or changing a user.
    public func forgetCachedPrincipals() {
        principals.removeAll()
    }

    // MARK: - Organisations and users

    /// Adds an organisation; `conflict` when the id exists.
    public func addOrganisation(id: Organisation.ID, name: String, kind: Organisation.Kind) async throws(APIError)
        -> Organisation
    {
        guard Self.isValidIdentifier(id.rawValue) else {
            throw APIError(.badRequest, "Organisation id \"\(id)\" must be 1–64 letters, digits, '-', '_' or '.'.")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError(.badRequest, "An organisation needs a name.")
        }
        if try await stored({ try await store.organisations.organisation(id) }) != nil {
            throw APIError(.conflict, "Organisation \"\(id)\" exists.")
        }
        let organisation = Organisation(id: id, name: name, kind: kind)
        try await stored { try await store.organisations.save(organisation) }
        return organisation
    }

    /// Adds a user to an organisation, hashing the password; `badRequest` for a weak password or a role the
    /// organisation's kind cannot hold, `conflict` for a taken login, `notFound` for an unknown organisation.
    public func addUser(
        organisation organisationID: Organisation.ID, login: String, displayName: String? = nil, role: Role,
        password: String
    ) async throws(APIError) -> User {
        let login = login.trimmingCharacters(in: .whitespaces).lowercased()
        guard !login.isEmpty, login.count <= 254, !login.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw APIError(.badRequest, "A login is 1–254 characters without spaces.")
        }
        guard let organisation = try await stored({ try await store.organisations.organisation(organisationID) })
        else { throw APIError(.notFound, "No organisation \"\(organisationID)\".") }
        guard role.isAllowed(in: organisation.kind) else {
            let allowed = Role.roles(for: organisation.kind).map(\.rawValue).joined(separator: ", ")
            throw APIError(
                .badRequest,
                "A \(organisation.kind.rawValue) organisation's users may be \(allowed), not \(role.rawValue).")
        }
        if let weakness = PasswordHasher.weakness(of: password, login: login) {
            throw APIError(.badRequest, weakness)
        }
        if try await stored({ try await store.users.user(login: login) }) != nil {
            throw APIError(.conflict, "The login \"\(login)\" is taken.")
        }
        let user = User(
            id: User.ID("U" + SecretToken.make(bytes: 9)), organisation: organisationID, login: login,
            displayName: displayName ?? login, role: role, passwordHash: try hasher.hash(password), createdAt: clock())
        try await stored { try await store.users.add(user) }
        return user
    }

    /// Creates an API token for `user`; returns the record and the secret to show once.
    public func createToken(for user: User, name: String, lifetime: TimeInterval? = nil) async throws(APIError)
        -> (token: APIToken, secret: String)
    {
        let id = APIToken.ID(
            "T"
                + SecretToken.make(bytes: 6).replacingOccurrences(of: "-", with: "x")
                .replacingOccurrences(of: "_", with: "y"))
        let secret = "custos_\(id.rawValue)_\(SecretToken.make())"
        let now = clock()
        let token = APIToken(
            id: id, user: user.id, organisation: user.organisation, name: name, secretHash: SecretToken.hash(secret),
            createdAt: now, expiresAt: lifetime.map { now.addingTimeInterval($0) })
        try await stored { try await store.tokens.create(token) }
        return (token, secret)
    }

    // MARK: - Signing in

    /// Checks a login and password; on success stores a new session and returns it with its cookie secret.
    ///
    /// Wrong passwords count towards the lock-out; a locked account is refused with `locked` even with the right
    /// password. Unknown logins and wrong passwords get the same answer and take the same time.
    public func signIn(login: String, password: String) async throws(APIError) -> SignIn {
        let now = clock()
        let refused = APIError(.unauthenticated, "The login or password is wrong.")
        guard let user = try await stored({ try await store.users.user(login: login.lowercased()) }) else {
            _ = hasher.verify(password, against: decoyHash)
            throw refused
        }
        if let lockedUntil = user.lockedUntil, lockedUntil > now {
            throw APIError(
                .locked, "Too many failed sign-ins: the account is locked; try again later.",
                retryAfter: Int(lockedUntil.timeIntervalSince(now).rounded(.up)))
        }
        guard hasher.verify(password, against: user.passwordHash) else {
            let updated = try await stored {
                try await store.users.recordFailedLogin(
                    of: user.id, in: user.organisation, threshold: policy.lockThreshold,
                    lockedUntil: now.addingTimeInterval(policy.lockDuration))
            }
            if let lockedUntil = updated?.lockedUntil, lockedUntil > now {
                try await stored { try await store.sessions.deleteSessions(of: user.id, in: user.organisation) }
                principals.removeAll()
            }
            throw refused
        }
        try await stored { try await store.users.recordSuccessfulLogin(of: user.id, in: user.organisation) }
        guard let organisation = try await stored({ try await store.organisations.organisation(user.organisation) })
        else { throw refused }
        let secret = SecretToken.make()
        let session = UserSession(
            secretHash: SecretToken.hash(secret), user: user.id, organisation: user.organisation,
            csrfToken: SecretToken.make(), createdAt: now, expiresAt: now.addingTimeInterval(policy.sessionLifetime))
        try await stored { try await store.sessions.create(session) }
        var signedIn = user
        signedIn.failedLogins = 0
        signedIn.lockedUntil = nil
        return SignIn(
            principal: Principal(user: signedIn, organisation: organisation, credential: .session(session)),
            secret: secret)
    }

    /// The principal of a session cookie, or `nil` when it is unknown, expired or its user is gone or locked.
    public func principal(sessionSecret: String) async throws(APIError) -> Principal? {
        let now = clock()
        let hash = SecretToken.hash(sessionSecret)
        if let cached = principals.principal(for: hash, at: now) {
            return isUsable(cached, at: now) ? cached : nil
        }
        guard let found = try await stored({ try await store.signedIn(sessionHash: hash, at: now) }) else {
            return nil
        }
        let principal = Principal(
            user: found.user, organisation: found.organisation, credential: .session(found.credential))
        guard isUsable(principal, at: now) else { return nil }
        principals.store(principal, for: hash, at: now)
        return principal
    }

    /// The principal of an API bearer token, or `nil` when it is unknown, revoked, expired or its user is gone
    /// or locked.
    public func principal(bearer: String) async throws(APIError) -> Principal? {
        let now = clock()
        guard bearer.hasPrefix("custos_"), bearer.utf8.count < 200 else { return nil }
        let hash = SecretToken.hash(bearer)
        if let cached = principals.principal(for: hash, at: now) {
            return isUsable(cached, at: now) ? cached : nil
        }
        guard let found = try await stored({ try await store.signedIn(tokenHash: hash) }) else { return nil }
        let principal = Principal(
            user: found.user, organisation: found.organisation, credential: .token(found.credential))
        guard isUsable(principal, at: now) else { return nil }
        principals.store(principal, for: hash, at: now)
        return principal
    }

    /// Whether a principal's credential is still in force and its user not locked at `now`.
    private func isUsable(_ principal: Principal, at now: Date) -> Bool {
        if let lockedUntil = principal.user.lockedUntil, lockedUntil > now { return false }
        switch principal.credential {
        case .session(let session): return session.expiresAt > now
        case .token(let token): return token.isActive(at: now)
        }
    }

    /// Ends the session of a cookie.
    public func signOut(sessionSecret: String) async throws(APIError) {
        try await stored { try await store.sessions.delete(secretHash: SecretToken.hash(sessionSecret)) }
        principals.removeAll()
    }

    /// Whether `text` may be an organisation id: 1–64 of letters, digits, `-`, `_`, `.`.
    public static func isValidIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 64
            && text.unicodeScalars.allSatisfy { scalar in
                scalar.isASCII
                    && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_" || scalar == ".")
            }
    }
}

/// Runs a store call, turning its failures into API errors: a constraint into `conflict`, anything else into
/// `internal` (the store's message goes to the log, not to the client).
func stored<T: Sendable>(_ body: () async throws -> T) async throws(APIError) -> T {
    do {
        return try await body()
    } catch let error as APIError {
        throw error
    } catch let error as StoreError where error.code == .constraint {
        throw APIError(.conflict, error.message)
    } catch {
        throw APIError(.internal, "The store failed: \(error)")
    }
}
