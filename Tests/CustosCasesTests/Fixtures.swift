import CustosCases
import CustosCore
import Foundation

/// Shared test data: organisations, actors, rights and complaints, and cases driven into each state.
enum Fixture {
    /// 2026-03-01T08:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_772_352_000)
    static let brand: Organisation.ID = "acme"
    static let handler: Organisation.ID = "shopmall"
    static let stranger: Organisation.ID = "elsewhere"
    static let investigatorUser: User.ID = "inv-1"

    static func hours(_ count: Double) -> TimeInterval { count * 3_600 }
    static func days(_ count: Double) -> TimeInterval { count * 86_400 }

    /// A user of `role` in the organisation the role acts for on test cases: the brand for owner and agent, the
    /// handler otherwise. Investigators are the assigned investigator.
    static func actor(_ role: Role, organisation: Organisation.ID? = nil) -> CaseActor {
        let user: User.ID = role == .investigator ? investigatorUser : User.ID("u-\(role.rawValue)")
        return CaseActor(
            user: user, role: role,
            organisation: organisation ?? (role == .owner || role == .agent ? brand : handler))
    }

    static func trademark(
        _ id: Right.ID = "TM-ACME", classes: [Int] = [25], status: RightStatus = .registered,
        owner: String = "Acme Ltd",
        organisation: Organisation.ID = brand, expiresOn: Date? = nil
    ) -> Right {
        Right(
            id: id, organisation: organisation, kind: .trademark, name: "ACME",
            classes: classes.compactMap(NiceClass.init),
            owner: owner, jurisdiction: "CN", status: status, registeredOn: start.addingTimeInterval(-days(900)),
            expiresOn: expiresOn)
    }

    static func right(_ id: Right.ID, kind: RightKind, evaluationReport: Bool? = nil) -> Right {
        Right(
            id: id, organisation: brand, kind: kind, name: "Widget", owner: "Acme Ltd", jurisdiction: "CN",
            status: .registered, details: RightDetails(hasEvaluationReport: evaluationReport))
    }

    static func complaint(
        rights: [Right.ID] = ["TM-ACME"], targets: [ComplaintTarget] = [.listing("L-100")],
        evidence: [String] = ["E1"], statement: String = "I state in good faith that the listed goods are counterfeit.",
        goodsClass: Int? = 25, filedAt: Date = start
    ) -> Complaint {
        Complaint(
            complainant: brand, filedBy: "u-owner", rights: rights, targets: targets, evidence: evidence,
            goodFaithStatement: statement, goodsClass: goodsClass.flatMap(NiceClass.init), filedAt: filedAt)
    }

    static func context(
        _ rights: [Right] = [trademark()], name: String = "Acme Ltd", capacity: ComplainantCapacity = .owner
    ) -> ComplaintValidator.Context {
        .init(
            rights: Dictionary(uniqueKeysWithValues: rights.map { ($0.id, $0) }), complainantName: name,
            capacity: capacity)
    }

    /// A freshly opened standard case, filed by the owner.
    static func openCase(
        _ id: Case.ID = "C-1", workflow: CaseWorkflow = CaseWorkflow(), channel: CaseChannel = .standard,
        at date: Date = start
    ) throws -> Case {
        try workflow.open(
            id, complaint: complaint(filedAt: date), channel: channel, handler: handler, by: actor(.owner), at: date)
    }
}

/// Named states a case can be driven into, each by one fixed path of accepted actions an hour apart.
enum CaseFixture: String, CaseIterable, Sendable, CustomStringConvertible {
    case received, verified, rejected, respondentNotified, counterNoticeWindow, decidedDismissed, decidedTakedown
    case appealedFromRejection, appealedFromDecision, diverted, withdrawn, closed

    var description: String { rawValue }

    /// The steps after opening and assigning the investigator.
    private var steps: [(CaseAction, Role)] {
        let verify: [(CaseAction, Role)] = [(.verify, .reviewer)]
        let notify = verify + [(.notifyRespondent, .reviewer)]
        switch self {
        case .received: return []
        case .verified: return verify
        case .rejected: return [(.reject(reason: "The right does not cover the goods."), .reviewer)]
        case .respondentNotified: return notify
        case .counterNoticeWindow:
            return notify + [(.fileCounterNotice(summary: "Bought from a distributor."), .reviewer)]
        case .decidedDismissed: return notify + [(.decide(.dismissed), .reviewer)]
        case .decidedTakedown: return notify + [(.decide(.takedown), .reviewer)]
        case .appealedFromRejection:
            return CaseFixture.rejected.steps + [(.appeal(grounds: "The class is covered."), .owner)]
        case .appealedFromDecision:
            return CaseFixture.decidedDismissed.steps + [(.appeal(grounds: "The goods are fake."), .owner)]
        case .diverted: return notify + [(.divert(to: .mediation), .admin)]
        case .withdrawn: return [(.withdraw(reason: "Settled."), .owner)]
        case .closed: return []
        }
    }

    /// The case in this state, and the date of its latest event.
    func make(workflow: CaseWorkflow = CaseWorkflow()) throws -> (Case, Date) {
        var date = Fixture.start
        var subject = try Fixture.openCase(workflow: workflow, at: date)
        date += Fixture.hours(1)
        try workflow.apply(
            .assignInvestigator(Fixture.investigatorUser), to: &subject, by: Fixture.actor(.admin), at: date)
        for (action, role) in steps {
            date += Fixture.hours(1)
            try workflow.apply(action, to: &subject, by: Fixture.actor(role), at: date)
        }
        if self == .closed {
            let (rejected, rejectedAt) = try CaseFixture.rejected.make(workflow: workflow)
            date = rejectedAt + Fixture.days(16)
            subject = try workflow.apply(.close(summary: nil), to: rejected, by: Fixture.actor(.reviewer), at: date)
        }
        return (subject, date)
    }
}
