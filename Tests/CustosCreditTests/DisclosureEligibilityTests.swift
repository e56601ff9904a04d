import CustosCore
import Foundation
import Testing

@testable import CustosCredit

@Suite struct DisclosureEligibilityTests {
    let policy = DisclosurePolicy.standard
    let seller = Fixtures.party("p1", name: "Shady Shoes")

    func entry(_ findings: [Finding], at now: Date, policy: DisclosurePolicy = .standard) -> DisclosureEntry? {
        policy.entry(for: seller, findings: findings, asOf: now)
    }

    @Test func oneOrdinaryFindingIsNotListed() {
        #expect(entry([Fixtures.finding("f1", on: Fixtures.date(2024, 1, 1))], at: Fixtures.date(2024, 6, 1)) == nil)
    }

    @Test func twoFindingsWithinTheWindowListTheParty() throws {
        let findings = [
            Fixtures.finding("f1", on: Fixtures.date(2023, 1, 10)),
            Fixtures.finding("f2", on: Fixtures.date(2024, 5, 20, 12)),
        ]
        let listed = try #require(entry(findings, at: Fixtures.date(2024, 6, 1)))
        #expect(listed.reasons == [.repeated])
        #expect(listed.listedOn == Fixtures.date(2024, 5, 20, 12))
        #expect(listed.expiresOn == Fixtures.date(2027, 5, 20, 12))
        #expect(listed.appeal.deadline == Fixtures.date(2024, 7, 19, 12))
        #expect(listed.basis.map(\.finding) == ["f1", "f2"])
        #expect(listed.basis.map(\.caseReference) == ["CASE-f1", "CASE-f2"])
        #expect(listed.explanation == "2 findings within 2 years (cases CASE-f1, CASE-f2)")
        #expect(listed.grade == .c)
        #expect(listed.name == "Shady Shoes")
        #expect(listed.region == "CN")
        #expect(listed.platform == "shop")
        // Listed from the second finding on, not before.
        #expect(entry(findings, at: Fixtures.date(2024, 5, 20, 11, 59, 59)) == nil)
    }

    @Test func findingsExactlyOneWindowApartDoNotMakeARepeat() {
        let first = Fixtures.finding("f1", on: Fixtures.date(2022, 3, 1, 8))
        #expect(
            entry([first, Fixtures.finding("f2", on: Fixtures.date(2024, 3, 1, 8))], at: Fixtures.date(2024, 4, 1))
                == nil)
        #expect(
            entry(
                [first, Fixtures.finding("f2", on: Fixtures.date(2024, 3, 1, 7, 59, 59))], at: Fixtures.date(2024, 4, 1)
            )
                != nil)
    }

    @Test(arguments: [
        Finding.Kind.wilfulInfringement, .repeatInfringement, .counterfeiting, .badFaithFiling, .criminalTransfer,
    ])
    func oneIntentionalFindingListsThePartyAlone(kind: Finding.Kind) throws {
        let listed = try #require(
            entry([Fixtures.finding("f1", kind: kind, on: Fixtures.date(2024, 2, 1))], at: Fixtures.date(2024, 2, 1)))
        #expect(listed.reasons == [.wilful])
        #expect(listed.explanation == "\(kind.label) found in case CASE-f1")
    }

    @Test func maliciousComplaintFindingsNeverMakeARepeatInfringer() throws {
        let complaints = [
            Fixtures.finding("m1", kind: .maliciousComplaint, on: Fixtures.date(2024, 1, 1)),
            Fixtures.finding("m2", kind: .maliciousComplaint, on: Fixtures.date(2024, 2, 1)),
            Fixtures.finding("m3", kind: .maliciousComplaint, on: Fixtures.date(2024, 3, 1)),
        ]
        #expect(entry(complaints, at: Fixtures.date(2024, 4, 1)) == nil)
        // One infringement beside them is still a single infringement.
        let mixed = complaints + [Fixtures.finding("f1", on: Fixtures.date(2024, 3, 15))]
        #expect(entry(mixed, at: Fixtures.date(2024, 4, 1)) == nil)
        // A second infringement lists the party, on the infringements alone.
        let repeated = mixed + [Fixtures.finding("f2", on: Fixtures.date(2024, 3, 20))]
        let listed = try #require(entry(repeated, at: Fixtures.date(2024, 4, 1)))
        #expect(listed.reasons == [.repeated])
        #expect(listed.basis.map(\.finding) == ["f1", "f2"])
        #expect(listed.listedOn == Fixtures.date(2024, 3, 20))
    }

    @Test func onlyTheMaliciousComplaintKindIsNoInfringement() {
        #expect(Finding.Kind.allCases.filter { !$0.isInfringement } == [.maliciousComplaint])
        #expect(Finding.Kind.maliciousComplaint.rawValue == "malicious_complaint")
        #expect(!DisclosurePolicy.standard.listedKinds.contains(.maliciousComplaint))
    }

    @Test func listingExpiresAtTheEndOfTheListingPeriod() {
        let findings = [Fixtures.finding("f1", kind: .counterfeiting, on: Fixtures.date(2021, 6, 15, 9))]
        #expect(entry(findings, at: Fixtures.date(2024, 6, 15, 8, 59, 59)) != nil)
        #expect(entry(findings, at: Fixtures.date(2024, 6, 15, 9)) == nil)
    }

    @Test func overturnedFindingTakesThePartyOffTheList() {
        let appeal = Finding.Appeal(outcome: .overturned, decidedAt: Fixtures.date(2024, 3, 1))
        let findings = [
            Fixtures.finding("f1", on: Fixtures.date(2023, 6, 1)),
            Fixtures.finding("f2", on: Fixtures.date(2024, 1, 1), appeal: appeal),
        ]
        #expect(entry(findings, at: Fixtures.date(2024, 2, 1)) != nil)
        #expect(entry(findings, at: Fixtures.date(2024, 3, 1)) == nil)
    }

    @Test func appealVaryingAWilfulFindingToOrdinaryDelistsAParty() {
        let appeal = Finding.Appeal(outcome: .varied, variedKind: .infringement, decidedAt: Fixtures.date(2024, 3, 1))
        let findings = [
            Fixtures.finding("f1", kind: .wilfulInfringement, on: Fixtures.date(2024, 1, 1), appeal: appeal)
        ]
        #expect(entry(findings, at: Fixtures.date(2024, 2, 1))?.reasons == [.wilful])
        #expect(entry(findings, at: Fixtures.date(2024, 3, 1)) == nil)
    }

    @Test func overlappingTriggersJoinIntoOneListing() throws {
        let findings = [
            Fixtures.finding("f1", kind: .wilfulInfringement, on: Fixtures.date(2022, 1, 1)),
            Fixtures.finding("f2", on: Fixtures.date(2024, 6, 1)),
            Fixtures.finding("f3", on: Fixtures.date(2024, 12, 1)),
        ]
        let listed = try #require(entry(findings, at: Fixtures.date(2026, 1, 1)))
        #expect(listed.listedOn == Fixtures.date(2022, 1, 1))
        #expect(listed.expiresOn == Fixtures.date(2027, 12, 1))
        #expect(listed.reasons == [.repeated, .wilful])
        #expect(listed.basis.map(\.finding) == ["f1", "f2", "f3"])
        #expect(listed.appeal.deadline == Fixtures.date(2025, 1, 30))
        #expect(
            listed.explanation
                == "2 findings within 2 years (cases CASE-f2, CASE-f3); wilful infringement found in case CASE-f1")
    }

    @Test func aTriggerOnTheDayAListingEndsContinuesIt() throws {
        let findings = [
            Fixtures.finding("f1", kind: .counterfeiting, on: Fixtures.date(2020, 1, 1)),
            Fixtures.finding("f2", kind: .counterfeiting, on: Fixtures.date(2023, 1, 1)),
        ]
        let listed = try #require(entry(findings, at: Fixtures.date(2023, 1, 1)))
        #expect(listed.listedOn == Fixtures.date(2020, 1, 1))
        #expect(listed.expiresOn == Fixtures.date(2026, 1, 1))
    }

    @Test func aNewListingAfterAGapLeavesTheOldBasisOut() throws {
        let findings = [
            Fixtures.finding("f1", kind: .counterfeiting, on: Fixtures.date(2015, 1, 1)),
            Fixtures.finding("f2", kind: .counterfeiting, on: Fixtures.date(2023, 1, 1)),
        ]
        let listed = try #require(entry(findings, at: Fixtures.date(2024, 1, 1)))
        #expect(listed.listedOn == Fixtures.date(2023, 1, 1))
        #expect(listed.basis.map(\.finding) == ["f2"])
        #expect(listed.reasons == [.wilful])
    }

    @Test func thresholdWindowAndPeriodAreConfigurable() throws {
        let policy = DisclosurePolicy(
            repeatThreshold: 3, repeatWindow: .years(1), listedKinds: [], listingPeriod: .months(6),
            appeal: .init(instructions: "Write to us.", url: "https://example.org/appeal", period: .days(30)))
        let findings = [
            Fixtures.finding("f1", on: Fixtures.date(2024, 1, 1)),
            Fixtures.finding("f2", kind: .counterfeiting, on: Fixtures.date(2024, 2, 1)),
            Fixtures.finding("f3", on: Fixtures.date(2024, 12, 31)),
        ]
        #expect(entry(Array(findings.prefix(2)), at: Fixtures.date(2024, 3, 1), policy: policy) == nil)
        let listed = try #require(entry(findings, at: Fixtures.date(2025, 1, 1), policy: policy))
        #expect(listed.expiresOn == Fixtures.date(2025, 6, 30))
        #expect(
            listed.appeal
                == .init(
                    instructions: "Write to us.", url: "https://example.org/appeal",
                    deadline: Fixtures.date(2025, 1, 30)))
        #expect(entry(findings, at: Fixtures.date(2025, 6, 30), policy: policy) == nil)
    }

    @Test func entryCarriesTheCreditGradeOfTheCreditPolicy() throws {
        let findings = [Fixtures.finding("f1", kind: .counterfeiting, on: Fixtures.date(2024, 1, 1))]
        #expect(entry(findings, at: Fixtures.date(2024, 2, 1))?.grade == .d)
        // Disclosure lasts three years, the credit window two: the grade is A again while still listed.
        let late = try #require(entry(findings, at: Fixtures.date(2026, 6, 1)))
        #expect(late.grade == .a)
    }

    @Test func listOrdersNewestListingFirstThenByOrganisationAndParty() throws {
        let parties = [Fixtures.party("b"), Fixtures.party("a"), Fixtures.party("c"), Fixtures.party("d")]
        let findings = [
            Fixtures.finding("f1", party: "a", kind: .counterfeiting, on: Fixtures.date(2024, 1, 1)),
            Fixtures.finding("f2", party: "b", kind: .counterfeiting, on: Fixtures.date(2024, 1, 1)),
            Fixtures.finding("f3", party: "c", kind: .counterfeiting, on: Fixtures.date(2024, 3, 1)),
            Fixtures.finding("f4", party: "d", on: Fixtures.date(2024, 3, 1)),
        ]
        let list = try DisclosureList.make(
            parties: parties, findings: findings.reversed(), asOf: Fixtures.date(2024, 4, 1))
        #expect(list.entries.map(\.party) == ["c", "a", "b"])
        #expect(list.generatedAt == Fixtures.date(2024, 4, 1))
    }

    @Test func findingAgainstAnUnknownPartyIsAnError() {
        let findings = [Fixtures.finding("f1", party: "ghost", kind: .counterfeiting, on: Fixtures.date(2024, 1, 1))]
        #expect {
            try DisclosureList.make(
                parties: [Fixtures.party("p1")], findings: findings, asOf: Fixtures.date(2024, 2, 1))
        } throws: { error in
            (error as? CreditError)?.code == .unknownParty
        }
    }
}
