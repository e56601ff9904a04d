import CustosCore

extension CaseWorkflow {
    /// The role table: for each action, the states it may be taken in, where it leads and the roles that may take it.
    ///
    /// This is the single source of the workflow's permissions; ``apply(_:to:by:at:note:evidence:)`` consults it
    /// first and docs/cases.md reproduces it. Rights holders (owner, agent) file, appeal and withdraw; platform
    /// reviewers and authority admins verify and decide; authority investigators verify and record findings;
    /// authority mediators and admins divert; admins assign investigators.
    public static var rules: [CaseTransitionRule] { CaseAction.Kind.allCases.map(rule(for:)) }

    /// The role-table row of `action`.
    ///
    /// - Parameter action: the action.
    /// - Returns: the row.
    public static func rule(for action: CaseAction.Kind) -> CaseTransitionRule {
        let intake: Set<Role> = [.reviewer, .investigator, .admin]
        let deciders: Set<Role> = [.reviewer, .admin]
        let complainant: Set<Role> = [.owner, .agent]
        switch action {
        case .open:
            return .init(
                .open, from: [], to: .received, roles: [.owner, .agent, .reviewer, .admin],
                conditions: "Creates the case; a reviewer or admin must belong to the handling organisation named.")
        case .verify:
            return .init(
                .verify, from: [.received, .appealed], to: .verified, roles: intake,
                conditions: "From appealed only when the appeal is against a rejection (the rejection is overturned).")
        case .reject:
            return .init(
                .reject, from: [.received, .appealed], to: .rejected, roles: intake,
                conditions:
                    "A reason is required. From appealed only when the appeal is against a rejection (it is upheld).")
        case .notifyRespondent:
            return .init(.notifyRespondent, from: [.verified], to: .respondentNotified, roles: intake)
        case .fileCounterNotice:
            return .init(
                .fileCounterNotice, from: [.respondentNotified, .decided], to: .counterNoticeWindow, roles: intake,
                conditions:
                    "Records the respondent's counter-notice. From decided only after a takedown. One per case.")
        case .closeCounterNoticeWindow:
            return .init(
                .closeCounterNoticeWindow, from: [.counterNoticeWindow], to: .decided, roles: deciders,
                conditions: "Only once the counter-notice window has elapsed; the outcome becomes restore.")
        case .decide:
            return .init(
                .decide, from: [.respondentNotified, .counterNoticeWindow, .appealed], to: .decided, roles: deciders,
                conditions:
                    "From appealed only when the appeal is against a decision. Restore needs a counter-notice or an "
                    + "appeal. A malicious-complaint finding needs an outcome other than takedown.")
        case .appeal:
            return .init(
                .appeal, from: [.rejected, .decided], to: .appealed, roles: complainant,
                conditions:
                    "Within the appeal window and while appeals remain; not against a takedown (the respondent files "
                    + "a counter-notice instead).")
        case .divert:
            return .init(
                .divert, from: [.verified, .respondentNotified, .counterNoticeWindow, .decided, .appealed, .diverted],
                to: .diverted, roles: [.mediator, .admin],
                conditions: "From diverted only to a different forum.")
        case .transfer:
            return .init(
                .transfer, from: CaseState.nonTerminal, to: nil, roles: [.reviewer, .mediator, .admin],
                conditions: "To another organisation or region; the investigator assignment ends.")
        case .assignInvestigator:
            return .init(
                .assignInvestigator, from: CaseState.nonTerminal, to: nil, roles: [.admin],
                conditions: "A user other than the one already assigned.")
        case .recordFinding:
            return .init(
                .recordFinding, from: CaseState.nonTerminal, to: nil, roles: [.investigator],
                conditions: "Only by the assigned investigator; the finding must not be blank.")
        case .changeChannel:
            return .init(
                .changeChannel, from: [.received, .verified, .respondentNotified], to: nil, roles: deciders,
                conditions: "To the other channel, with a reason.")
        case .withdraw:
            return .init(
                .withdraw, from: [.received, .verified, .respondentNotified, .counterNoticeWindow], to: .withdrawn,
                roles: complainant, conditions: "A reason is required.")
        case .close:
            return .init(
                .close, from: [.rejected, .decided, .diverted], to: .closed, roles: [.reviewer, .mediator, .admin],
                conditions: "A rejected or decided case only after its appeal window, unless no appeal remains.")
        }
    }
}
