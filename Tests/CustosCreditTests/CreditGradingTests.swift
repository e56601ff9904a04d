import CustosCore
import Foundation
import Testing

@testable import CustosCredit

@Suite struct CreditGradingTests {
    let policy = CreditPolicy.standard
    let decided = Fixtures.date(2023, 3, 1, 10)

    func assess(_ findings: [Finding], at now: Date, policy: CreditPolicy = .standard) -> CreditRecord {
        policy.assess(findings, party: "p1", organisation: Fixtures.organisation, asOf: now)
    }

    @Test func partyWithoutFindingsIsGradedA() {
        let record = assess([], at: decided)
        #expect(record.grade == .a)
        #expect(record.reasons.map(\.rule) == [.noStandingFindings])
        #expect(record.history.isEmpty)
    }

    @Test func oneOrdinaryFindingIsGradedB() {
        let record = assess([Fixtures.finding("f1", on: decided)], at: decided)
        #expect(record.grade == .b)
        #expect(record.reasons.map(\.rule) == [.singleFinding])
        #expect(record.reasons.first?.findings == ["f1"])
        #expect(record.summary == "B: infringement found in case CASE-f1, within 2 years")
    }

    @Test func findingCountsUntilButNotAtTheEndOfTheWindow() {
        let findings = [Fixtures.finding("f1", on: decided)]
        let end = Fixtures.date(2025, 3, 1, 10)
        #expect(assess(findings, at: end.addingTimeInterval(-1)).grade == .b)
        let lapsed = assess(findings, at: end)
        #expect(lapsed.grade == .a)
        #expect(lapsed.history.map(\.status) == [.lapsed])
        #expect(lapsed.history.first?.countsUntil == end)
        #expect(lapsed.reasons.first?.explanation == "no standing findings within 2 years (1 lapsed)")
    }

    @Test func findingDecidedAfterTheAssessmentDateDoesNotCountYet() {
        let record = assess([Fixtures.finding("f1", on: decided)], at: decided.addingTimeInterval(-1))
        #expect(record.grade == .a)
        #expect(record.history.map(\.status) == [.notYetEffective])
        #expect(assess([Fixtures.finding("f1", on: decided)], at: decided).grade == .b)
    }

    @Test func twoFindingsWithinTheWindowAreGradedC() {
        let findings = [
            Fixtures.finding("f2", on: Fixtures.date(2024, 1, 10)), Fixtures.finding("f1", on: decided),
        ]
        let record = assess(findings, at: Fixtures.date(2024, 6, 1))
        #expect(record.grade == .c)
        #expect(record.reasons.map(\.rule) == [.repeatedFindings])
        #expect(record.reasons.first?.findings == ["f1", "f2"])
        #expect(record.history.map(\.finding.id) == ["f1", "f2"])
        // Once the first lapses, only one finding stands.
        #expect(assess(findings, at: Fixtures.date(2025, 3, 1, 10)).grade == .b)
        #expect(assess(findings, at: Fixtures.date(2025, 3, 1, 9, 59, 59)).grade == .c)
    }

    @Test(arguments: [Finding.Kind.wilfulInfringement, .repeatInfringement, .badFaithFiling])
    func oneWilfulFindingIsGradedC(kind: Finding.Kind) {
        let record = assess([Fixtures.finding("f1", kind: kind, on: decided)], at: decided)
        #expect(record.grade == .c)
        #expect(record.reasons.map(\.rule) == [.wilfulFinding])
    }

    @Test func maliciousComplaintsCountAsFindingsButShowNoIntentByDefault() {
        let one = assess([Fixtures.finding("f1", kind: .maliciousComplaint, on: decided)], at: decided)
        #expect(one.grade == .b)
        #expect(one.reasons.map(\.rule) == [.singleFinding])
        #expect(one.summary.contains("malicious complaint"))
        let two = assess(
            [
                Fixtures.finding("f1", kind: .maliciousComplaint, on: decided),
                Fixtures.finding("f2", kind: .maliciousComplaint, on: Fixtures.date(2023, 9, 1)),
            ], at: Fixtures.date(2023, 10, 1))
        #expect(two.grade == .c)
        #expect(two.reasons.map(\.rule) == [.repeatedFindings])
        var strict = CreditPolicy.standard
        strict.wilfulKinds.insert(.maliciousComplaint)
        let graded = strict.assess(
            [Fixtures.finding("f1", kind: .maliciousComplaint, on: decided)], party: "p1",
            organisation: Fixtures.organisation, asOf: decided)
        #expect(graded.grade == .c)
    }

    @Test func wilfulAndRepeatedFindingsAreGradedD() {
        let findings = [
            Fixtures.finding("f1", on: decided),
            Fixtures.finding("f2", kind: .wilfulInfringement, on: Fixtures.date(2023, 9, 1)),
        ]
        let record = assess(findings, at: Fixtures.date(2023, 10, 1))
        #expect(record.grade == .d)
        #expect(record.reasons.map(\.rule) == [.wilfulAndRepeated])
        #expect(
            record.reasons.first?.explanation
                == "2 findings within 2 years, including wilful infringement (cases CASE-f1, CASE-f2)")
        // When the ordinary finding lapses, one wilful finding remains: C.
        #expect(assess(findings, at: Fixtures.date(2025, 3, 1, 10)).grade == .c)
    }

    @Test(arguments: [Finding.Kind.counterfeiting, .criminalTransfer])
    func severeFindingIsGradedDOnItsOwn(kind: Finding.Kind) {
        let record = assess([Fixtures.finding("f1", kind: kind, on: decided)], at: decided)
        #expect(record.grade == .d)
        #expect(record.reasons.map(\.rule) == [.severeFinding])
        #expect(record.summary == "D: \(kind.label) found in case CASE-f1")
    }

    @Test func overturnedFindingStopsCountingButStaysInTheHistory() {
        let appeal = Finding.Appeal(outcome: .overturned, decidedAt: Fixtures.date(2023, 6, 1), reference: "A-1")
        let findings = [
            Fixtures.finding("f1", kind: .counterfeiting, on: decided, appeal: appeal),
            Fixtures.finding("f2", on: Fixtures.date(2023, 4, 1)),
        ]
        let before = assess(findings, at: Fixtures.date(2023, 5, 31, 23, 59, 59))
        #expect(before.grade == .d)
        let after = assess(findings, at: Fixtures.date(2023, 6, 1))
        #expect(after.grade == .b)
        #expect(after.history.map(\.status) == [.overturned, .standing])
        #expect(after.history.first?.effectiveKind == nil)
        #expect(after.standingFindings.map(\.id) == ["f2"])
    }

    @Test func overturnedAloneLeavesGradeAWithANote() {
        let appeal = Finding.Appeal(outcome: .overturned, decidedAt: decided)
        let record = assess([Fixtures.finding("f1", on: decided, appeal: appeal)], at: decided)
        #expect(record.grade == .a)
        #expect(record.reasons.first?.explanation == "no standing findings within 2 years (1 overturned on appeal)")
    }

    @Test func variedAppealReplacesTheKindFromItsDate() {
        let appeal = Finding.Appeal(outcome: .varied, variedKind: .infringement, decidedAt: Fixtures.date(2023, 8, 1))
        let findings = [Fixtures.finding("f1", kind: .wilfulInfringement, on: decided, appeal: appeal)]
        #expect(assess(findings, at: Fixtures.date(2023, 7, 1)).grade == .c)
        let record = assess(findings, at: Fixtures.date(2023, 8, 1))
        #expect(record.grade == .b)
        #expect(record.history.first?.effectiveKind == .infringement)
    }

    @Test func upheldAppealChangesNothing() {
        let appeal = Finding.Appeal(outcome: .upheld, decidedAt: Fixtures.date(2023, 8, 1))
        let findings = [Fixtures.finding("f1", kind: .counterfeiting, on: decided, appeal: appeal)]
        #expect(assess(findings, at: Fixtures.date(2023, 9, 1)).grade == .d)
    }

    @Test func policyWindowAndThresholdAreConfigurable() {
        let strict = CreditPolicy(window: .months(6), repeatThreshold: 3)
        let findings = [
            Fixtures.finding("f1", on: Fixtures.date(2023, 1, 1)),
            Fixtures.finding("f2", on: Fixtures.date(2023, 2, 1)),
            Fixtures.finding("f3", on: Fixtures.date(2023, 3, 1)),
        ]
        #expect(assess(Array(findings.prefix(2)), at: Fixtures.date(2023, 3, 1), policy: strict).grade == .b)
        #expect(assess(findings, at: Fixtures.date(2023, 3, 1), policy: strict).grade == .c)
        // f1 lapses on 1 July 2023: two left.
        #expect(assess(findings, at: Fixtures.date(2023, 7, 1), policy: strict).grade == .b)
    }

    @Test func findingsAgainstOtherPartiesAreIgnored() {
        let findings = [
            Fixtures.finding("f1", on: decided),
            Fixtures.finding("f2", party: "p2", kind: .counterfeiting, on: decided),
            Fixtures.finding("f3", kind: .counterfeiting, on: decided, organisation: "other"),
        ]
        let record = assess(findings, at: decided)
        #expect(record.grade == .b)
        #expect(record.history.map(\.finding.id) == ["f1"])
    }

    @Test func assessAllMakesOneRecordPerPartyInOrder() {
        let findings = [
            Fixtures.finding("f1", party: "p2", on: decided),
            Fixtures.finding("f2", party: "p1", kind: .counterfeiting, on: decided),
            Fixtures.finding("f3", party: "p2", on: decided, organisation: "another"),
        ]
        let records = CreditPolicy.standard.assessAll(findings, asOf: decided)
        #expect(records.map(\.party) == ["p2", "p1", "p2"])
        #expect(records.map(\.organisation) == ["another", "org", "org"])
        #expect(records.map(\.grade) == [.b, .d, .b])
    }

    @Test func policyDecodesWithDefaultsAndRejectsAZeroThreshold() throws {
        let policy = try JSONDecoder().decode(CreditPolicy.self, from: Data(#"{"window":"P1Y"}"#.utf8))
        #expect(policy.window == .years(1))
        #expect(policy.repeatThreshold == 2)
        #expect(policy.severeKinds == [.counterfeiting, .criminalTransfer])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(CreditPolicy.self, from: Data(#"{"repeat_threshold":0}"#.utf8))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(CreditPolicy.standard), as: UTF8.self)
        #expect(
            text == #"{"repeat_threshold":2,"severe_kinds":["counterfeiting","criminal_transfer"],"#
                + #""wilful_kinds":["wilful_infringement","repeat_infringement","counterfeiting","bad_faith_filing","#
                + #""criminal_transfer"],"window":"P2Y"}"#)
    }

    @Test func recordRoundTripsThroughJSON() throws {
        let record = assess([Fixtures.finding("f1", kind: .counterfeiting, on: decided)], at: decided)
        let data = try JSONEncoder().encode(record)
        #expect(try JSONDecoder().decode(CreditRecord.self, from: data) == record)
    }
}
