import CustosCore

/// One row of the workflow's role table: who may take an action, from which states, and where it leads.
public struct CaseTransitionRule: Hashable, Sendable {
    /// The action.
    public var action: CaseAction.Kind
    /// The states the action may be taken in; empty for ``CaseAction/Kind/open``, which creates the case.
    public var from: Set<CaseState>
    /// The state the action leads to, or `nil` when the action leaves the state unchanged.
    public var to: CaseState?
    /// The roles that may take the action. Complainant roles (owner, agent) must also belong to the complainant;
    /// handler roles (reviewer, investigator, mediator, admin) to the handling organisation.
    public var roles: Set<Role>
    /// Further conditions, in words (the workflow enforces them).
    public var conditions: String

    /// Creates a rule.
    ///
    /// - Parameters:
    ///   - action: the action.
    ///   - from: the states it may be taken in.
    ///   - to: the state it leads to, or `nil` for unchanged.
    ///   - roles: the roles that may take it.
    ///   - conditions: further conditions, in words.
    public init(
        _ action: CaseAction.Kind, from: Set<CaseState>, to: CaseState?, roles: Set<Role>, conditions: String = ""
    ) {
        self.action = action
        self.from = from
        self.to = to
        self.roles = roles
        self.conditions = conditions
    }
}
