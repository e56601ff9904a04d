import CustosCore
import Foundation

/// Who is asking: a signed-in user (by session cookie or API token) and their organisation.
public struct Principal: Sendable, Hashable {
    /// How the request proved who it is.
    public enum Credential: Sendable, Hashable {
        /// A browser session; forms must carry its CSRF token.
        case session(UserSession)
        /// An API bearer token.
        case token(APIToken)
    }

    /// The user.
    public var user: User
    /// The user's organisation.
    public var organisation: Organisation
    /// The credential presented.
    public var credential: Credential

    /// Creates a principal.
    public init(user: User, organisation: Organisation, credential: Credential) {
        self.user = user
        self.organisation = organisation
        self.credential = credential
    }

    /// The user's role.
    public var role: Role { user.role }

    /// Throws `forbidden` unless the role grants `permission`.
    public func require(_ permission: Permission) throws(APIError) {
        guard user.role.grants(permission) else {
            throw APIError(.forbidden, "The \(user.role.rawValue) role may not \(permission.sentence).")
        }
    }

    /// The CSRF token forms must carry, for session credentials.
    public var csrfToken: String? {
        if case .session(let session) = credential { return session.csrfToken }
        return nil
    }
}

extension Permission {
    /// What the permission allows, as the end of a sentence ("may not …").
    var sentence: String {
        switch self {
        case .readPortfolio: "read the portfolio"
        case .writePortfolio: "change the portfolio"
        case .searchMarks: "search marks"
        case .screenListings: "screen listings"
        case .readClues: "read clues"
        case .reviewClues: "confirm or dismiss clues"
        case .readEvidence: "read evidence"
        case .depositEvidence: "deposit evidence"
        case .triageReports: "triage public reports"
        case .manageUsers: "manage users"
        case .assessDamages: "assess damages"
        case .fileComplaints: "file complaints"
        case .readCases: "read cases"
        case .handleCases: "handle cases"
        case .readMetrics: "read the server's metrics"
        }
    }
}
