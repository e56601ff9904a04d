import CustosCases
import CustosCore
import Foundation
import Testing

@Suite struct ComplainantStandingTests {
    let policy = StandingPolicy()
    let workflow = CaseWorkflow()

    @Test func countsEveryKindOfEnding() throws {
        var cases: [Case] = []
        for fixture in [
            CaseFixture.decidedTakedown, .decidedTakedown, .decidedDismissed, .rejected, .withdrawn, .received,
            .appealedFromDecision, .closed, .diverted,
        ] {
            cases.append(try fixture.make().0)
        }
        var restored = try CaseFixture.counterNoticeWindow.make()
        try workflow.apply(
            .closeCounterNoticeWindow, to: &restored.0, by: Fixture.actor(.reviewer), at: restored.1 + Fixture.days(15))
        cases.append(restored.0)
        var malicious = try CaseFixture.received.make()
        try workflow.apply(
            .reject(reason: "Forged certificate.", maliciousComplaint: true), to: &malicious.0,
            by: Fixture.actor(.reviewer),
            at: malicious.1)
        cases.append(malicious.0)
        var otherComplainant = try CaseFixture.decidedTakedown.make().0
        otherComplainant = try Self.reassigned(otherComplainant, to: "rival")
        cases.append(otherComplainant)

        let record = ComplainantRecord(organisation: Fixture.brand, cases: cases)
        #expect(record.filed == 11)
        #expect(record.upheld == 2)
        // dismissed, rejected, appealed dismissal (stands), closed rejection, restored, malicious rejection.
        #expect(record.rejected == 6)
        #expect(record.withdrawn == 1)
        #expect(record.pending == 2, "received and diverted before any decision")
        #expect(record.malicious == 1 && record.maliciousFindings == [malicious.1])
        #expect(record.decided == 8)
        #expect(record.accuracy == 0.25)

        let records = ComplainantRecord.records(from: cases)
        #expect(records[Fixture.brand] == record)
        #expect(records["rival"]?.filed == 1 && records["rival"]?.upheld == 1)
    }

    /// The same case filed by another complainant, rebuilt through the workflow.
    static func reassigned(_ subject: Case, to complainant: Organisation.ID) throws -> Case {
        var complaint = subject.complaint
        complaint.complainant = complainant
        let events = subject.history.map { event -> CaseEvent in
            var event = event
            if event.actor.role == .owner || event.actor.role == .agent { event.actor.organisation = complainant }
            return event
        }
        return try CaseWorkflow().replay(events, complaint: complaint)
    }

    @Test func judgesNoOneBeforeFiveDecisions() {
        let record = ComplainantRecord(organisation: Fixture.brand, filed: 10, upheld: 0, rejected: 4)
        let standing = policy.standing(of: record, at: Fixture.start)
        #expect(standing.isGood)
        #expect(standing.reasons.map(\.code) == [.tooFewDecisions, .noRecentMaliciousFinding])
    }

    @Test func requiresSixtyPercentAccuracyFromFiveDecisions() {
        let atThreshold = ComplainantRecord(organisation: Fixture.brand, filed: 5, upheld: 3, rejected: 2)
        #expect(policy.standing(of: atThreshold, at: Fixture.start).isGood)
        #expect(policy.standing(of: atThreshold, at: Fixture.start).reasons.first?.code == .accurate)
        let below = ComplainantRecord(organisation: Fixture.brand, filed: 5, upheld: 2, rejected: 3)
        let standing = policy.standing(of: below, at: Fixture.start)
        #expect(!standing.isGood)
        #expect(
            standing.reasons.first
                == .init(.lowAccuracy, "40 % of 5 decided complaints upheld, below 60 %.", isMet: false))
    }

    @Test func aMaliciousFindingWithinAYearLosesStandingWhateverTheCount() {
        let finding = Fixture.start
        let record = ComplainantRecord(organisation: Fixture.brand, filed: 1, rejected: 1, maliciousFindings: [finding])
        #expect(!policy.standing(of: record, at: finding + Fixture.days(364)).isGood)
        #expect(
            policy.standing(of: record, at: finding + Fixture.days(364)).reasons.first?.code == .recentMaliciousFinding)
        #expect(policy.standing(of: record, at: finding + Fixture.days(365)).isGood, "the finding has aged out")
        #expect(policy.standing(of: record, at: finding - 1).isGood, "a finding after the judging date does not count")
    }

    @Test func usesConfiguredThresholds() throws {
        let strict = StandingPolicy(minimumDecided: 2, minimumAccuracy: 0.9, maliciousLookback: .seconds(30 * 86_400))
        let record = ComplainantRecord(organisation: Fixture.brand, filed: 3, upheld: 2, rejected: 1)
        #expect(!strict.standing(of: record, at: Fixture.start).isGood)
        let data = try JSONEncoder().encode(strict)
        #expect(try JSONDecoder().decode(StandingPolicy.self, from: data) == strict)
        let broken = Data(#"{"minimum_decided":0,"minimum_accuracy":0.5,"malicious_lookback":60}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(StandingPolicy.self, from: broken) }
    }

    @Test func encodesStandingWithSnakeCaseMembers() throws {
        let standing = policy.standing(of: ComplainantRecord(organisation: Fixture.brand), at: Fixture.start)
        let text = String(decoding: try JSONEncoder().encode(standing), as: UTF8.self)
        #expect(text.contains(#""good_standing":true"#) && text.contains(#""met":true"#))
        #expect(try JSONDecoder().decode(ComplainantStanding.self, from: Data(text.utf8)) == standing)
    }

    @Test func reportsAccuracyOnlyAfterADecision() {
        #expect(ComplainantRecord(organisation: Fixture.brand, filed: 3).accuracy == nil)
        #expect(ComplainantRecord(organisation: Fixture.brand, filed: 4, upheld: 3, rejected: 1).accuracy == 0.75)
    }
}
