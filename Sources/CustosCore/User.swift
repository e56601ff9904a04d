import Foundation

/// A person who signs in to the portal or whose API tokens call the API; always a member of one organisation.
public struct User: Hashable, Sendable, Codable {
    /// The user's identifier.
    public typealias ID = Identifier<User>

    /// Stable identifier.
    public var id: ID
    /// The organisation the user belongs to; everything the user sees is scoped to it.
    public var organisation: Organisation.ID
    /// The sign-in name (an e-mail address or handle), unique across the installation, stored lowercased.
    public var login: String
    /// The name shown in the portal.
    public var displayName: String
    /// What the user may do.
    public var role: Role
    /// The slow-KDF hash of the password in modular-crypt form (`$scrypt$…`); never the password itself.
    public var passwordHash: String
    /// Sign-in failures since the last success; reset by a successful sign-in.
    public var failedLogins: Int
    /// While in the future, sign-in is refused whatever the password.
    public var lockedUntil: Date?
    /// When the user was added.
    public var createdAt: Date

    /// Creates a user.
    public init(
        id: ID, organisation: Organisation.ID, login: String, displayName: String, role: Role, passwordHash: String,
        failedLogins: Int = 0, lockedUntil: Date? = nil, createdAt: Date
    ) {
        self.id = id
        self.organisation = organisation
        self.login = login
        self.displayName = displayName
        self.role = role
        self.passwordHash = passwordHash
        self.failedLogins = failedLogins
        self.lockedUntil = lockedUntil
        self.createdAt = createdAt
    }
}

/// A signed-in browser session. The cookie carries a random secret; only its SHA-256 is stored.
public struct UserSession: Hashable, Sendable, Codable {
    /// Hex SHA-256 of the cookie secret: the stored key.
    public var secretHash: String
    /// Whose session it is.
    public var user: User.ID
    /// The user's organisation, repeated so every lookup is scoped without a join.
    public var organisation: Organisation.ID
    /// The token every form posted in this session must carry.
    public var csrfToken: String
    /// When the session was created.
    public var createdAt: Date
    /// When the session stops being accepted.
    public var expiresAt: Date

    /// Creates a session record.
    public init(
        secretHash: String, user: User.ID, organisation: Organisation.ID, csrfToken: String, createdAt: Date,
        expiresAt: Date
    ) {
        self.secretHash = secretHash
        self.user = user
        self.organisation = organisation
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

/// A bearer token for the JSON API. Only the SHA-256 of the secret is stored; the secret is shown once.
public struct APIToken: Hashable, Sendable, Codable {
    /// The token's identifier (printed, safe to log).
    public typealias ID = Identifier<APIToken>

    /// Stable identifier; also the token's visible prefix.
    public var id: ID
    /// The user the token acts as.
    public var user: User.ID
    /// The user's organisation.
    public var organisation: Organisation.ID
    /// What the token is for.
    public var name: String
    /// Hex SHA-256 of the secret.
    public var secretHash: String
    /// When the token was created.
    public var createdAt: Date
    /// When the token stops being accepted, if ever.
    public var expiresAt: Date?
    /// When the token was revoked, if it was.
    public var revokedAt: Date?

    /// Creates a token record.
    public init(
        id: ID, user: User.ID, organisation: Organisation.ID, name: String, secretHash: String, createdAt: Date,
        expiresAt: Date? = nil, revokedAt: Date? = nil
    ) {
        self.id = id
        self.user = user
        self.organisation = organisation
        self.name = name
        self.secretHash = secretHash
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }

    /// Whether the token is accepted at `date`.
    public func isActive(at date: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { date < $0 } ?? true)
    }
}
