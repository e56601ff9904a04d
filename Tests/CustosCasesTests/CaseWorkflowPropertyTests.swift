import CustosCases
import CustosCore
import Foundation
import Testing

/// Random sequences of actions by random actors, replayable from their seeds.
///
/// A walk drives one case after another (a new one once the last is withdrawn or closed) for a fixed number of
/// steps.
@Suite struct CaseWorkflowPropertyTests {
    static let seeds: [UInt64] = Array(1...40)
    static let stepsPerWalk = 300

    /// A random action of `kind`, its arguments sometimes blank or repeating the current value.
    static func randomAction(_ kind: CaseAction.Kind, _ rng: inout SplitMix64) -> CaseAction {
        let text = rng.pick(["Because.", "See evidence E1.", "Settled.", " ", ""])
        switch kind {
        case .open: return .open(channel: rng.pick(CaseChannel.allCases), handler: Fixture.handler, region: nil)
        case .verify: return .verify
        case .reject: return .reject(reason: text, maliciousComplaint: rng.chance(30))
        case .notifyRespondent: return .notifyRespondent
        case .fileCounterNotice: return .fileCounterNotice(summary: text)
        case .closeCounterNoticeWindow: return .closeCounterNoticeWindow
        case .decide:
            return .decide(
                rng.pick(CaseOutcome.allCases), maliciousComplaint: rng.chance(20), wilful: rng.chance(20),
                counterfeit: rng.chance(20))
        case .appeal: return .appeal(grounds: text)
        case .divert: return .divert(to: rng.pick(DiversionForum.allCases))
        case .transfer:
            return .transfer(to: rng.pick([Fixture.handler, "ipc-shanghai"]), region: rng.pick([nil, "CN-SH", ""]))
        case .assignInvestigator: return .assignInvestigator(rng.pick(["inv-1", "inv-2", ""]))
        case .recordFinding: return .recordFinding(text)
        case .changeChannel: return .changeChannel(to: rng.pick(CaseChannel.allCases), reason: text)
        case .withdraw: return .withdraw(reason: text)
        case .close: return .close(summary: rng.chance(50) ? nil : text)
        }
    }

    /// A random step: mostly an action the workflow offers the actor (so walks go deep), otherwise any action at
    /// all (so refusals are exercised).
    static func randomStep(
        _ rng: inout SplitMix64, on subject: Case, workflow: CaseWorkflow
    ) -> (CaseAction, CaseActor) {
        let actor = randomActor(&rng, for: subject)
        var offered = workflow.availableActions(for: subject, by: actor)
        // Taking every offered way out (withdrawal, closure, transfer away) would end most cases before they go deep.
        for (exit, percent) in [(CaseAction.Kind.withdraw, 80), (.close, 50), (.transfer, 70)]
        where offered.count > 1 && rng.chance(percent) {
            offered.removeAll { $0 == exit }
        }
        let kind = !offered.isEmpty && rng.chance(60) ? rng.pick(offered) : rng.pick(CaseAction.Kind.allCases)
        return (randomAction(kind, &rng), actor)
    }

    static func randomActor(_ rng: inout SplitMix64, for subject: Case) -> CaseActor {
        let role = rng.pick(Role.allCases)
        let fitting = role == .owner || role == .agent ? subject.complaint.complainant : subject.handler.organisation
        let organisation = rng.chance(85) ? fitting : rng.pick([Fixture.stranger, Fixture.handler, "ipc-shanghai"])
        let user = role == .investigator ? rng.pick(["inv-1", "inv-2"]) : User.ID("u-\(role.rawValue)")
        return CaseActor(user: user, role: role, organisation: organisation)
    }

    static func randomDelay(_ rng: inout SplitMix64) -> TimeInterval {
        rng.pick([0, 60, Fixture.hours(1), Fixture.days(1), Fixture.days(16), -60])
    }

    @Test(arguments: seeds)
    func randomWalksKeepEveryInvariant(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let workflow = CaseWorkflow(maximumAppeals: rng.index(below: 3))
        var date = Fixture.start
        var casesOpened = 1
        var subject = try Fixture.openCase(Case.ID("C-\(seed)-1"), workflow: workflow, at: date)
        var accepted = 0
        for step in 0...Self.stepsPerWalk {
            if subject.state.isTerminal || step == Self.stepsPerWalk {
                #expect(subject.history.count == accepted + 1, "the opening plus one event per accepted action")
                #expect(try workflow.replay(subject.history, complaint: subject.complaint) == subject)
                casesOpened += 1
                subject = try Fixture.openCase(Case.ID("C-\(seed)-\(casesOpened)"), workflow: workflow, at: date)
                accepted = 0
                continue
            }
            date += Self.randomDelay(&rng)
            let (action, actor) = Self.randomStep(&rng, on: subject, workflow: workflow)
            let before = subject
            do throws(CaseError) {
                try workflow.apply(action, to: &subject, by: actor, at: date)
                accepted += 1
                let rule = CaseWorkflow.rule(for: action.kind)
                #expect(rule.roles.contains(actor.role), "seed \(seed): \(actor.role) took \(action.kind)")
                #expect(rule.from.contains(before.state), "seed \(seed): \(action.kind) from \(before.state)")
                #expect(subject.state == (rule.to ?? before.state))
                #expect(!before.state.isTerminal)
            } catch {
                #expect(subject == before, "seed \(seed): refused \(action.kind) changed the case")
                #expect(error.action == action.kind && error.role == actor.role && error.state == before.state)
            }
            Self.checkInvariants(subject, workflow: workflow, seed: seed)
        }
        #expect(casesOpened > 2, "the walk never finished a case")
    }

    /// Guards the strength of the walks: every state is visited often and every action kind is accepted.
    @Test func randomWalksReachEveryStateAndAcceptEveryKindOfAction() throws {
        var visits: [CaseState: Int] = [:]
        var acceptedKinds: Set<CaseAction.Kind> = [.open]
        for seed in Self.seeds {
            var rng = SplitMix64(seed: seed)
            let workflow = CaseWorkflow(maximumAppeals: rng.index(below: 3))
            var date = Fixture.start
            var subject = try Fixture.openCase(workflow: workflow, at: date)
            for _ in 0..<Self.stepsPerWalk {
                if subject.state.isTerminal { subject = try Fixture.openCase(workflow: workflow, at: date) }
                date += Self.randomDelay(&rng)
                let (action, actor) = Self.randomStep(&rng, on: subject, workflow: workflow)
                if (try? workflow.apply(action, to: &subject, by: actor, at: date)) != nil {
                    acceptedKinds.insert(action.kind)
                }
                visits[subject.state, default: 0] += 1
            }
        }
        for state in CaseState.allCases {
            #expect(visits[state, default: 0] >= 20, "\(state) visited \(visits[state, default: 0]) times")
        }
        #expect(acceptedKinds == Set(CaseAction.Kind.allCases))
    }

    @Test func splitMixMatchesItsReferenceOutput() {
        var rng = SplitMix64(seed: 1_234_567)
        #expect(
            [rng.next(), rng.next(), rng.next()] == [
                6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
            ])
    }

    /// What must hold of every case the workflow produces.
    static func checkInvariants(_ subject: Case, workflow: CaseWorkflow, seed: UInt64) {
        let history = subject.history
        #expect(history.map(\.sequence) == Array(1...max(1, history.count)), "seed \(seed): gaps in numbering")
        for (index, event) in history.enumerated() {
            #expect(event.caseID == subject.id)
            #expect(event.previousSequence == (index == 0 ? nil : history[index - 1].sequence))
            if index == 0 {
                #expect(event.action.kind == .open && event.fromState == nil && event.toState == .received)
            } else {
                let rule = CaseWorkflow.rule(for: event.action.kind)
                #expect(event.fromState == history[index - 1].toState, "seed \(seed): broken state chain")
                #expect(event.at >= history[index - 1].at, "seed \(seed): time went backwards")
                #expect(event.fromState.map(rule.from.contains) == true)
                #expect(event.toState == (rule.to ?? event.fromState))
                #expect(rule.roles.contains(event.actor.role))
            }
        }
        #expect(history.last?.toState == subject.state)
        #expect(subject.handlers.last == subject.handler)
        #expect(subject.appealCount <= workflow.maximumAppeals)
        #expect((subject.state == .appealed) == (subject.appealedFrom != nil))
        if let from = subject.appealedFrom { #expect(from == .rejected || from == .decided) }
        switch subject.state {
        case .received, .verified, .rejected, .respondentNotified:
            #expect(subject.outcome == nil, "seed \(seed): outcome before any decision")
        case .counterNoticeWindow:
            #expect(subject.outcome == nil || subject.outcome == .takedown)
            #expect(subject.counterNoticeFiledAt != nil)
        case .decided:
            #expect(subject.outcome != nil && subject.decidedAt != nil)
        case .diverted:
            #expect(subject.forum != nil)
        case .withdrawn, .closed:
            #expect(subject.closedAt != nil)
        case .appealed:
            break
        }
        if subject.state == .rejected { #expect(subject.rejectionReason != nil) }
        if subject.isFoundMalicious { #expect(subject.outcome != .takedown) }
        if subject.isWilful || subject.isCounterfeit {
            #expect(subject.outcome == .takedown, "seed \(seed): a wilful or counterfeit finding without a takedown")
        }
        if let restore = subject.outcome, restore == .restore {
            #expect(subject.counterNoticeFiledAt != nil || history.contains { $0.action.kind == .appeal })
        }
    }
}
