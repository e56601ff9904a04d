import CustosCore
import Foundation

/// Stores the people who sign in.
public protocol UserRepository: Sendable {
    /// Adds a user; throws `StoreError.Code.constraint` when the login is taken or the organisation is unknown.
    func add(_ user: User) async throws
    /// Replaces a stored user's login, display name, role, password hash, failure count and lock; returns whether
    /// the user exists in `user.organisation`.
    func update(_ user: User) async throws -> Bool
    /// The user with `id` in `organisation`, or `nil`.
    func user(_ id: User.ID, in organisation: Organisation.ID) async throws -> User?
    /// The user who signs in as `login` (compared lowercased), in whatever organisation, or `nil`.
    func user(login: String) async throws -> User?
    /// The organisation's users, ordered by login.
    func users(in organisation: Organisation.ID) async throws -> [User]
    /// Counts a failed sign-in atomically: adds one to `failedLogins` and, when the count reaches `threshold`,
    /// sets `lockedUntil` to `lockedUntil` (the caller's instant). Returns the updated user, or `nil` if unknown.
    func recordFailedLogin(of id: User.ID, in organisation: Organisation.ID, threshold: Int, lockedUntil: Date)
        async throws -> User?
    /// Clears the failure count and the lock after a successful sign-in.
    func recordSuccessfulLogin(of id: User.ID, in organisation: Organisation.ID) async throws
}

/// Stores signed-in browser sessions by the hash of their cookie secret.
public protocol SessionRepository: Sendable {
    /// Stores a new session.
    func create(_ session: UserSession) async throws
    /// The session whose secret hashes to `secretHash` and that has not expired at `date`, or `nil`.
    func session(secretHash: String, at date: Date) async throws -> UserSession?
    /// Ends one session (sign-out).
    func delete(secretHash: String) async throws
    /// Ends every session of a user (password change, lock-out).
    func deleteSessions(of user: User.ID, in organisation: Organisation.ID) async throws
    /// Removes sessions that expired before `date`; returns how many.
    func purgeExpired(before date: Date) async throws -> Int
}

/// Stores API tokens by the hash of their secret.
public protocol TokenRepository: Sendable {
    /// Stores a new token.
    func create(_ token: APIToken) async throws
    /// The token whose secret hashes to `secretHash`, active or not, or `nil`.
    func token(secretHash: String) async throws -> APIToken?
    /// The user's tokens, newest first.
    func tokens(of user: User.ID, in organisation: Organisation.ID) async throws -> [APIToken]
    /// Revokes a token of `organisation`; returns whether it existed and was active.
    func revoke(_ id: APIToken.ID, in organisation: Organisation.ID, at date: Date) async throws -> Bool
}

/// Stores counterfeit reports from the public. Reports belong to no organisation: authorities triage them.
public protocol PublicReportRepository: Sendable {
    /// Stores a new report.
    func add(_ report: PublicReport) async throws
    /// The report with `id`, or `nil`.
    func report(_ id: PublicReport.ID) async throws -> PublicReport?
    /// Reports, newest first, optionally only in one status, a page at a time.
    func reports(status: PublicReport.Status?, limit: Int, offset: Int) async throws -> [PublicReport]
    /// How many reports there are, optionally only in one status.
    func countReports(status: PublicReport.Status?) async throws -> Int
    /// Moves a report to `status`; returns the updated report, or `nil` when it does not exist.
    func setStatus(_ status: PublicReport.Status, of id: PublicReport.ID) async throws -> PublicReport?
}

/// A credential found by its secret's hash, with the user it signs in as and that user's organisation: what an
/// authenticated request needs, read together.
public struct SignedIn<Credential: Sendable>: Sendable {
    /// The session or API token.
    public var credential: Credential
    /// Its user.
    public var user: User
    /// The user's organisation.
    public var organisation: Organisation

    /// Creates a signed-in triple.
    public init(credential: Credential, user: User, organisation: Organisation) {
        self.credential = credential
        self.user = user
        self.organisation = organisation
    }
}

extension CustosStore {
    /// The API token whose secret hashes to `secretHash` (active or not), with its user and organisation; `nil`
    /// when any of the three is missing. Stores that can read the three in one go override this.
    public func signedIn(tokenHash secretHash: String) async throws -> SignedIn<APIToken>? {
        try await composedSignedIn(tokenHash: secretHash)
    }

    /// The unexpired session whose secret hashes to `secretHash`, with its user and organisation; `nil` when any
    /// of the three is missing. Stores that can read the three in one go override this.
    public func signedIn(sessionHash secretHash: String, at date: Date) async throws -> SignedIn<UserSession>? {
        try await composedSignedIn(sessionHash: secretHash, at: date)
    }

    /// `signedIn(tokenHash:)` from three repository calls.
    public func composedSignedIn(tokenHash secretHash: String) async throws -> SignedIn<APIToken>? {
        guard let token = try await tokens.token(secretHash: secretHash),
            let user = try await users.user(token.user, in: token.organisation),
            let organisation = try await organisations.organisation(token.organisation)
        else { return nil }
        return SignedIn(credential: token, user: user, organisation: organisation)
    }

    /// `signedIn(sessionHash:at:)` from three repository calls.
    public func composedSignedIn(sessionHash secretHash: String, at date: Date) async throws
        -> SignedIn<UserSession>?
    {
        guard let session = try await sessions.session(secretHash: secretHash, at: date),
            let user = try await users.user(session.user, in: session.organisation),
            let organisation = try await organisations.organisation(session.organisation)
        else { return nil }
        return SignedIn(credential: session, user: user, organisation: organisation)
    }
}
