import CustosCases
import CustosCore
import Foundation
import Testing

/// Every action, by every role, in every state: accepted exactly when the role table and the case's facts allow it.
@Suite struct CaseWorkflowRoleTableTests {
    let workflow = CaseWorkflow()

    /// A well-formed instance of each action kind.
    static func action(_ kind: CaseAction.Kind) -> CaseAction {
        switch kind {
        case .open: .open(channel: .standard, handler: Fixture.handler, region: nil)
        case .verify: .verify
        case .reject: .reject(reason: "Not infringing.")
        case .notifyRespondent: .notifyRespondent
        case .fileCounterNotice: .fileCounterNotice(summary: "Genuine goods.")
        case .closeCounterNoticeWindow: .closeCounterNoticeWindow
        case .decide: .decide(.dismissed)
        case .appeal: .appeal(grounds: "The decision overlooked evidence E1.")
        case .divert: .divert(to: .court)
        case .transfer: .transfer(to: "ipc-shanghai", region: "CN-SH")
        case .assignInvestigator: .assignInvestigator("inv-2")
        case .recordFinding: .recordFinding("The sample's stitching differs from genuine goods.")
        case .changeChannel: .changeChannel(to: .fastTrack, reason: "Registered mark, clear evidence.")
        case .withdraw: .withdraw(reason: "Settled.")
        case .close: .close(summary: nil)
        }
    }

    /// Actions that must wait for a window are dated after it; the others an hour after the latest event.
    static func delay(_ kind: CaseAction.Kind) -> TimeInterval {
        kind == .close || kind == .closeCounterNoticeWindow ? Fixture.days(20) : Fixture.hours(1)
    }

    /// Whether the case's facts (not its state) rule the action out for these fixtures.
    static func factsForbid(_ kind: CaseAction.Kind, in fixture: CaseFixture) -> Bool {
        switch (kind, fixture) {
        case (.verify, .appealedFromDecision), (.reject, .appealedFromDecision), (.decide, .appealedFromRejection):
            true
        case (.fileCounterNotice, .decidedDismissed), (.appeal, .decidedTakedown):
            true
        default:
            false
        }
    }

    @Test(arguments: CaseAction.Kind.allCases, CaseFixture.allCases)
    func acceptsExactlyWhatTheTableAllows(_ kind: CaseAction.Kind, _ fixture: CaseFixture) throws {
        let (subject, latest) = try fixture.make(workflow: workflow)
        let rule = CaseWorkflow.rule(for: kind)
        for role in Role.allCases {
            var changed = subject
            let outcome = Result { () throws(CaseError) in
                try workflow.apply(
                    Self.action(kind), to: &changed, by: Fixture.actor(role), at: latest + Self.delay(kind))
            }
            let roleAllowed = rule.roles.contains(role)
            let stateAllowed = rule.from.contains(subject.state)
            switch outcome {
            case .success:
                #expect(roleAllowed && stateAllowed && !Self.factsForbid(kind, in: fixture), "\(role) accepted")
                #expect(changed.state == (rule.to ?? subject.state))
                #expect(changed.history.count == subject.history.count + 1)
            case .failure(let error):
                #expect(changed == subject, "a refused action changed the case")
                #expect(error.action == kind && error.role == role && error.state == subject.state)
                if !roleAllowed {
                    #expect(error.code == .roleNotAllowed)
                } else if !stateAllowed || Self.factsForbid(kind, in: fixture) {
                    #expect(error.code == .invalidTransition, "\(role): \(error.debugDescription)")
                } else {
                    Issue.record("\(role) refused although allowed: \(error.debugDescription)")
                }
            }
        }
    }

    @Test func tableHasOneRowPerActionAndNoWayOutOfTerminalStates() {
        #expect(CaseWorkflow.rules.map(\.action) == CaseAction.Kind.allCases)
        for rule in CaseWorkflow.rules {
            #expect(rule.from.isDisjoint(with: [.withdrawn, .closed]), "\(rule.action) leaves a terminal state")
            #expect(!rule.roles.isEmpty)
        }
    }

    @Test func everyStateIsReachableAndEveryNonTerminalStateHasAWayOn() {
        let targets = Set(CaseWorkflow.rules.compactMap(\.to))
        #expect(targets == Set(CaseState.allCases))
        let sources = CaseWorkflow.rules.filter { $0.to != nil }.reduce(into: Set<CaseState>()) {
            $0.formUnion($1.from)
        }
        #expect(sources == CaseState.nonTerminal)
    }

    @Test func complainantsAppealAndWithdrawWhileHandlersDecide() {
        #expect(CaseWorkflow.rule(for: .appeal).roles == [.owner, .agent])
        #expect(CaseWorkflow.rule(for: .withdraw).roles == [.owner, .agent])
        #expect(CaseWorkflow.rule(for: .decide).roles == [.reviewer, .admin])
        #expect(CaseWorkflow.rule(for: .divert).roles == [.mediator, .admin])
        #expect(CaseWorkflow.rule(for: .assignInvestigator).roles == [.admin])
        #expect(CaseWorkflow.rule(for: .recordFinding).roles == [.investigator])
    }

    @Test func offersOnlyTheActionsTheActorCouldTake() throws {
        let (notified, _) = try CaseFixture.respondentNotified.make()
        #expect(
            workflow.availableActions(for: notified, by: Fixture.actor(.reviewer)) == [
                .fileCounterNotice, .decide, .transfer, .changeChannel,
            ])
        #expect(workflow.availableActions(for: notified, by: Fixture.actor(.owner)) == [.withdraw])
        #expect(
            workflow.availableActions(for: notified, by: Fixture.actor(.investigator)) == [
                .fileCounterNotice, .recordFinding,
            ])
        #expect(workflow.availableActions(for: notified, by: Fixture.actor(.reviewer, organisation: "elsewhere")) == [])
        let (takedown, _) = try CaseFixture.decidedTakedown.make()
        #expect(workflow.availableActions(for: takedown, by: Fixture.actor(.owner)) == [])
        let (dismissed, _) = try CaseFixture.decidedDismissed.make()
        #expect(workflow.availableActions(for: dismissed, by: Fixture.actor(.owner)) == [.appeal])
    }
}
