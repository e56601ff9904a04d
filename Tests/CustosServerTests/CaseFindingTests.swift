import CustosCases
import CustosCore
import CustosCredit
import CustosServer
import Foundation
import Testing

/// What case decisions write to the credit record: findings against the sellers on a takedown (their kind following
/// the decision's wilful and counterfeit findings), against the complainant on a malicious complaint, and their
/// setting aside when a later decision overturns them.
@Suite("Case findings")
struct CaseFindingTests {
    /// Files the default complaint and takes it to a decision by the market's reviewer.
    func decide(_ action: CaseAction, _ fixture: CaseFixture, draft: ComplaintDraft? = nil) async throws -> Case {
        let opened = try await fixture.file(draft)
        try await fixture.act(.verify, on: opened.id, as: "reviewer@market")
        try await fixture.act(.notifyRespondent, on: opened.id, as: "reviewer@market")
        return try await fixture.act(action, on: opened.id, as: "reviewer@market")
    }

    @Test(
        "a takedown's finding takes the most serious kind the decision supports",
        arguments: [
            (false, false, Finding.Kind.infringement), (true, false, .wilfulInfringement),
            (false, true, .counterfeiting),
            (true, true, .counterfeiting),
        ])
    func takedownFindingKindFollowsTheDecision(wilful: Bool, counterfeit: Bool, kind: Finding.Kind) async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let decided = try await decide(.decide(.takedown, wilful: wilful, counterfeit: counterfeit), fixture)
        #expect(decided.isWilful == wilful && decided.isCounterfeit == counterfeit)
        let findings = try await fixture.harness.store.findings.findings(of: "S1", in: "acme")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.kind == kind)
        #expect(finding.basis.caseReference == decided.id.rawValue)
        #expect(finding.basis.summary.contains("Wilful") == wilful)
        #expect(finding.basis.summary.contains("ounterfeit") == counterfeit)
        let record = CreditPolicy.standard.assess(
            findings, party: "S1", organisation: "acme", asOf: decided.decidedAt ?? .distantFuture)
        #expect(record.grade == (counterfeit ? .d : wilful ? .c : .b))
    }

    @Test("a wilful or counterfeit flag on a dismissal is refused and records nothing")
    func flagsWithoutATakedownAreRefused() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let error = await fixture.refusal {
            _ = try await decide(.decide(.dismissed, wilful: true), fixture)
        }
        #expect(error?.code == .unprocessable)
        #expect(error?.message.contains("Only a takedown can find the infringement wilful") == true)
        #expect(try await fixture.harness.store.findings.countFindings(in: nil) == 0)
    }

    @Test("two takedowns against one seller make a repeat infringer under the credit and disclosure policies")
    func twoTakedownsMakeARepeatInfringer() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let first = try await decide(.decide(.takedown), fixture)
        let second = try await decide(.decide(.takedown), fixture)
        let findings = try await fixture.harness.store.findings.findings(of: "S1", in: "acme")
        #expect(findings.map(\.basis.caseReference) == [first.id.rawValue, second.id.rawValue])
        let now = second.decidedAt ?? .distantFuture
        let record = CreditPolicy.standard.assess(findings, party: "S1", organisation: "acme", asOf: now)
        #expect(record.grade == .c)
        #expect(record.reasons.map(\.rule) == [.repeatedFindings])
        let seller = try #require(try await fixture.harness.store.parties.party("S1", in: "acme"))
        let entry = try #require(DisclosurePolicy.standard.entry(for: seller, findings: findings, asOf: now))
        #expect(entry.reasons == [.repeated])
    }

    @Test("a wilful takedown set aside by a restore after a counter-notice is overturned")
    func restoreOverturnsAWilfulFinding() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let decided = try await decide(.decide(.takedown, wilful: true, counterfeit: true), fixture)
        try await fixture.act(.fileCounterNotice(summary: "Genuine goods."), on: decided.id, as: "reviewer@market")
        let restored = try await fixture.act(.decide(.restore), on: decided.id, as: "reviewer@market")
        #expect(!restored.isWilful && !restored.isCounterfeit)
        let finding = try #require(try await fixture.harness.store.findings.findings(of: "S1", in: "acme").first)
        let now = restored.decidedAt ?? .distantFuture
        #expect(finding.isOverturned(asOf: now))
        #expect(finding.effectiveKind(asOf: now) == nil)
        let record = CreditPolicy.standard.assess([finding], party: "S1", organisation: "acme", asOf: now)
        #expect(record.grade == .a)
    }

    @Test("a rejection that finds the complaint malicious is a finding against the complainant, kept by the handler")
    func maliciousRejectionIsAFindingAgainstTheComplainant() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let opened = try await fixture.file()
        let rejected = try await fixture.act(
            .reject(reason: "The listing is the owner's own product.", maliciousComplaint: true), on: opened.id,
            as: "reviewer@market")
        let findings = try await fixture.harness.store.findings.findings(of: "acme", in: "market")
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.kind == .maliciousComplaint)
        #expect(finding.decidedBy == "market" && finding.decidedAt == rejected.maliciousFindingAt)
        #expect(finding.basis.caseReference == opened.id.rawValue)
        let party = try #require(try await fixture.harness.store.parties.party("acme", in: "market"))
        #expect(party.role == .owner)
        #expect(try await fixture.harness.store.findings.findings(of: "S1", in: "acme").isEmpty)
        let record = CreditPolicy.standard.assess(
            findings, party: "acme", organisation: "market", asOf: rejected.rejectedAt ?? .distantFuture)
        #expect(record.grade == .b)

        // The complainant appeals; verifying the complaint overturns the rejection and the malicious finding.
        try await fixture.act(.appeal(grounds: "We own the mark."), on: opened.id, as: "owner@acme")
        let verified = try await fixture.act(.verify, on: opened.id, as: "reviewer@market")
        #expect(!verified.isFoundMalicious)
        let overturned = try #require(try await fixture.harness.store.findings.findings(of: "acme", in: "market").first)
        #expect(overturned.isOverturned(asOf: verified.verifiedAt ?? .distantFuture))
    }

    @Test("a dismissal that finds the complaint malicious records it too, and it never lists the complainant")
    func maliciousDismissalIsRecordedButNeverDisclosed() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let first = try await decide(.decide(.dismissed, maliciousComplaint: true), fixture)
        let second = try await decide(.decide(.dismissed, maliciousComplaint: true), fixture)
        let findings = try await fixture.harness.store.findings.findings(of: "acme", in: "market")
        #expect(findings.map(\.kind) == [.maliciousComplaint, .maliciousComplaint])
        #expect(findings.map(\.basis.caseReference) == [first.id.rawValue, second.id.rawValue])
        let party = try #require(try await fixture.harness.store.parties.party("acme", in: "market"))
        let now = second.decidedAt ?? .distantFuture
        #expect(DisclosurePolicy.standard.entry(for: party, findings: findings, asOf: now) == nil)
        #expect(CreditPolicy.standard.assess(findings, party: "acme", organisation: "market", asOf: now).grade == .c)
        // The complainant's standing reads the cases: it has lost good standing.
        let filing = try await fixture.services.cases.file(
            fixture.draft(), by: try await fixture.principal("owner@acme"))
        #expect(!filing.standing.isGood)
    }
}
