/// What a signed-in person may do, decided by the kind of organisation they belong to.
///
/// The public (nobody signed in) has no role: it may only file a counterfeit report and read public pages.
public enum Role: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// Runs a rights holder's portfolio: imports and edits rights, reviews clues, deposits evidence, manages users.
    case owner
    /// Acts for a rights holder (a law firm): everything an owner does except managing users.
    case agent
    /// A platform's IP reviewer: screens listings, reviews clues, deposits evidence.
    case reviewer
    /// An authority's investigator: reviews clues and reports, deposits and reads evidence.
    case investigator
    /// An authority's mediator: reads clues and evidence, triages public reports.
    case mediator
    /// An authority's administrator: everything an investigator does, and manages users.
    case admin

    /// The organisation kinds whose users may hold this role.
    public var organisationKind: Organisation.Kind {
        switch self {
        case .owner, .agent: .rightsHolder
        case .reviewer: .platform
        case .investigator, .mediator, .admin: .authority
        }
    }

    /// Whether a member of an organisation of `kind` may hold this role.
    public func isAllowed(in kind: Organisation.Kind) -> Bool { organisationKind == kind }

    /// The roles members of an organisation of `kind` may hold.
    public static func roles(for kind: Organisation.Kind) -> [Role] {
        allCases.filter { $0.organisationKind == kind }
    }

    /// Whether the role grants `permission`.
    public func grants(_ permission: Permission) -> Bool {
        Role.grants[self, default: []].contains(permission)
    }

    /// The permissions the role grants.
    public var permissions: Set<Permission> { Role.grants[self, default: []] }

    private static let grants: [Role: Set<Permission>] = [
        .owner: [
            .readPortfolio, .writePortfolio, .searchMarks, .screenListings, .readClues, .reviewClues, .readEvidence,
            .depositEvidence, .manageUsers, .assessDamages, .fileComplaints, .readCases,
        ],
        .agent: [
            .readPortfolio, .writePortfolio, .searchMarks, .screenListings, .readClues, .reviewClues, .readEvidence,
            .depositEvidence, .assessDamages, .fileComplaints, .readCases,
        ],
        .reviewer: [
            .readPortfolio, .searchMarks, .screenListings, .readClues, .reviewClues, .readEvidence, .depositEvidence,
            .assessDamages, .readCases, .handleCases,
        ],
        .investigator: [
            .readPortfolio, .searchMarks, .readClues, .reviewClues, .readEvidence, .depositEvidence, .triageReports,
            .assessDamages, .readCases, .handleCases,
        ],
        .mediator: [
            .readPortfolio, .searchMarks, .readClues, .readEvidence, .triageReports, .assessDamages, .readCases,
            .handleCases,
        ],
        .admin: [
            .readPortfolio, .searchMarks, .readClues, .reviewClues, .readEvidence, .depositEvidence, .triageReports,
            .manageUsers, .assessDamages, .readCases, .handleCases, .readMetrics,
        ],
    ]

    /// Orders roles by declaration order.
    public static func < (lhs: Role, rhs: Role) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

/// One thing a role may do. Every API route and page names the permission it needs.
public enum Permission: String, Hashable, Sendable, Codable, CaseIterable {
    /// Read the organisation's rights.
    case readPortfolio = "portfolio:read"
    /// Import, create, edit and delete the organisation's rights.
    case writePortfolio = "portfolio:write"
    /// Search the organisation's register for confusingly similar marks.
    case searchMarks = "marks:search"
    /// Screen listings against the portfolio.
    case screenListings = "listings:screen"
    /// Read the organisation's clues.
    case readClues = "clues:read"
    /// Confirm or dismiss clues.
    case reviewClues = "clues:review"
    /// Read the organisation's evidence, receipts and bundles.
    case readEvidence = "evidence:read"
    /// Deposit evidence and capture pages.
    case depositEvidence = "evidence:deposit"
    /// Read and triage public counterfeit reports.
    case triageReports = "reports:triage"
    /// Add users and tokens to the organisation.
    case manageUsers = "users:manage"
    /// Assess infringement damages under the bundled rules (every signed-in role; the public may not).
    case assessDamages = "damages:assess"
    /// File complaints of infringement for the organisation (rights holders and their agents).
    case fileComplaints = "complaints:file"
    /// Read the cases the organisation filed or handles (every signed-in role).
    case readCases = "cases:read"
    /// Work the cases the organisation handles: its work queue (platform reviewers and authority staff).
    case handleCases = "cases:handle"
    /// Read the server's Prometheus metrics at `/metrics` (an authority's administrator, or a scraper holding an
    /// administrator's API token): request counts by route and activity counts across every organisation.
    case readMetrics = "metrics:read"
}
