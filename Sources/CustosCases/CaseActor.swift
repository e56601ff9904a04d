import CustosCore

/// Who takes an action on a case: a signed-in user, the role they hold and the organisation they act for.
///
/// The caller builds the actor from the authenticated session; the workflow trusts it and checks it against the
/// role table and the case's organisations.
public struct CaseActor: Hashable, Sendable, Codable {
    /// The user's identifier.
    public var user: User.ID
    /// The role the user holds.
    public var role: Role
    /// The organisation the user belongs to.
    public var organisation: Organisation.ID

    /// Creates an actor.
    ///
    /// - Parameters:
    ///   - user: the user's identifier.
    ///   - role: the role the user holds.
    ///   - organisation: the user's organisation.
    public init(user: User.ID, role: Role, organisation: Organisation.ID) {
        self.user = user
        self.role = role
        self.organisation = organisation
    }

    /// Creates an actor for a stored user.
    ///
    /// - Parameter user: the user, whose role and organisation the actor takes.
    public init(_ user: User) {
        self.init(user: user.id, role: user.role, organisation: user.organisation)
    }
}

extension Role {
    /// Whether the role acts for the complainant (a rights holder or its agent) rather than for a handling body.
    var actsForComplainant: Bool { self == .owner || self == .agent }
}
