import CustosCases
import CustosCore
import CustosCredit
import CustosLedger
import CustosServer
import CustosStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The harness's portal with a manual case clock, Acme's registered mark ACMEX (class 25) and an invention patent,
/// a listing L1 by seller S1 on the market, and one evidence entry deposited by Acme.
struct CaseFixture {
    /// 2026-03-01T10:00:00Z.
    static let start = Date(timeIntervalSince1970: 1_772_359_200)
    static let statement = "We state in good faith that this listing sells counterfeits of our mark."

    let harness: PortalTestHarness
    let clock: ManualCaseClock
    var services: PortalServices
    /// Acme's evidence entry (`E…`).
    var evidence = ""

    init() async throws {
        harness = try await PortalTestHarness()
        clock = ManualCaseClock(Self.start)
        services = harness.services
        services.cases.clock = clock
        let clothing = try #require(NiceClass(25))
        _ = try await harness.store.rights.upsert([
            Right(
                id: "TM-ACME-1", organisation: "acme", kind: .trademark, name: "ACMEX", classes: [clothing],
                owner: "Acme Brands", jurisdiction: "CN", status: .registered),
            Right(
                id: "PT-ACME-2", organisation: "acme", kind: .patent, name: "Shoe sole", owner: "Acme Brands",
                jurisdiction: "CN", status: .registered),
        ])
        try await harness.store.listings.save(
            [
                Listing(
                    id: "L1", platform: "market", title: "ACMEX replica shoes",
                    seller: .init(id: "S1", name: "Shady Shoes"), observedAt: Self.start)
            ], in: "acme")
        evidence = try await deposit("screenshot of L1", by: "owner@acme")
    }

    /// The application over the fixture's services (with the manual clock).
    var application: some ApplicationProtocol {
        Application(router: PortalApplication.router(services: services))
    }

    /// The signed-in principal of a harness user.
    func principal(_ login: String) async throws -> Principal {
        let user = try #require(harness.users[login])
        let organisation = try #require(try await harness.store.organisations.organisation(user.organisation))
        let token = try await services.accounts.createToken(for: user, name: "case tests").token
        return Principal(user: user, organisation: organisation, credential: .token(token))
    }

    /// Deposits `text` as evidence of the user's organisation and returns its entry id.
    func deposit(_ text: String, by login: String) async throws -> String {
        let user = try #require(harness.users[login])
        let file = harness.directory.url.appendingPathComponent("evidence-\(UUID().uuidString).txt")
        try Data(text.utf8).write(to: file)
        let receipts = try await services.vault.deposit([
            EvidenceVault.Deposit(
                file: file, depositor: .init(organisation: user.organisation.rawValue, user: login),
                fileName: "evidence.txt")
        ])
        return "E\(try #require(receipts.first).leafIndex)"
    }

    /// A valid complaint by Acme against `targets`, to be handled by the market.
    func draft(targets: [ComplaintTarget] = [.listing("L1")], rights: [Right.ID] = ["TM-ACME-1"]) -> ComplaintDraft {
        ComplaintDraft(
            rights: rights, targets: targets, evidence: [evidence], goodFaithStatement: Self.statement,
            goodsClass: NiceClass(25), handler: "market")
    }

    /// Files the default complaint as Acme's owner.
    func file(_ draft: ComplaintDraft? = nil) async throws -> Case {
        try await services.cases.file(draft ?? self.draft(), by: try await principal("owner@acme")).filed
    }

    /// Takes an action as `login`, a minute after the previous one.
    @discardableResult
    func act(_ action: CaseAction, on id: Case.ID, as login: String, note: String? = nil) async throws -> Case {
        clock.advance(by: .seconds(60))
        return try await services.cases.act(action, on: id, by: try await principal(login), note: note)
    }

    /// The API error `body` throws, or `nil`.
    func refusal(_ body: () async throws -> Void) async -> APIError? {
        do {
            try await body()
            return nil
        } catch let error as APIError {
            return error
        } catch {
            return APIError(.internal, "unexpected \(error)")
        }
    }
}

@Suite("Case service")
struct CaseServiceTests {
    @Test("a complaint against listings on a registered mark with evidence goes on the fast track")
    func eligibleComplaintOpensAFastTrackCase() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let filing = try await fixture.services.cases.file(
            fixture.draft(), by: try await fixture.principal("owner@acme"))
        #expect(filing.filed.channel == .fastTrack)
        #expect(filing.fastTrack.isEligible)
        #expect(filing.filed.state == .received)
        #expect(filing.filed.complaint.complainant == "acme")
        #expect(filing.filed.complaint.filedBy == fixture.harness.users["owner@acme"]?.id)
        #expect(filing.filed.complaint.filedAt == CaseFixture.start)
        #expect(filing.filed.handler.organisation == "market")
        let stored = try await fixture.harness.store.cases.case(filing.filed.id, visibleTo: "market")
        #expect(stored == filing.filed)
    }

    @Test("a complaint against a bare web address or on an invention patent takes the standard channel")
    func ineligibleComplaintOpensAStandardCase() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let owner = try await fixture.principal("owner@acme")
        let byURL = try await fixture.services.cases.file(
            fixture.draft(targets: [.url("https://shop.example/item/1")]), by: owner)
        #expect(byURL.filed.channel == .standard)
        #expect(byURL.fastTrack.reasons.contains { $0.code == .targetNotECommerce })
        let byPatent = try await fixture.services.cases.file(fixture.draft(rights: ["PT-ACME-2"]), by: owner)
        #expect(byPatent.filed.channel == .standard)
    }

    @Test("an invalid complaint reports every problem with its path and stores nothing")
    func invalidComplaintListsEveryProblem() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let ledgerSize = fixture.services.vault.log.size
        let draft = ComplaintDraft(
            rights: ["TM-NOPE"], targets: [], evidence: ["E999"], goodFaithStatement: "short",
            handler: "globex")
        let owner = try await fixture.principal("owner@acme")
        let error = try #require(await fixture.refusal { _ = try await fixture.services.cases.file(draft, by: owner) })
        #expect(error.code == .unprocessable)
        for path in ["rights[0]", "targets", "evidence[0]", "goodFaithStatement", "handler"] {
            #expect(error.details.contains { $0.hasPrefix("\(path):") }, "no problem at \(path): \(error.details)")
        }
        #expect(error.details.contains { $0.contains("[right_not_found]") })
        #expect(try await fixture.harness.store.cases.countCases(visibleTo: "acme", matching: CaseQuery()) == 0)
        #expect(fixture.services.vault.log.size == ledgerSize)
    }

    @Test("verify, notify, takedown, counter-notice, window elapsed, restore: every event is in the ledger")
    func fullFlowDepositsEveryEvent() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let opened = try await fixture.file()
        let id = opened.id
        try await fixture.act(.verify, on: id, as: "reviewer@market")
        try await fixture.act(.notifyRespondent, on: id, as: "reviewer@market")
        try await fixture.act(.decide(.takedown), on: id, as: "reviewer@market", note: "Replica in the title.")
        try await fixture.act(
            .fileCounterNotice(summary: "The seller declares the shoes genuine."), on: id, as: "reviewer@market")
        let early = await fixture.refusal {
            try await fixture.act(.closeCounterNoticeWindow, on: id, as: "reviewer@market")
        }
        #expect(early?.code == .conflict)
        fixture.clock.advance(by: .seconds(15 * 24 * 3600))
        let restored = try await fixture.act(.closeCounterNoticeWindow, on: id, as: "reviewer@market")
        #expect(restored.state == .decided)
        #expect(restored.outcome == .restore)

        let owner = try await fixture.principal("owner@acme")
        let events = try await fixture.services.cases.events(of: id, for: owner)
        #expect(events.map(\.event.sequence) == Array(1...6))
        #expect(
            events.map(\.event.action.kind) == [
                .open, .verify, .notifyRespondent, .decide, .fileCounterNotice, .closeCounterNoticeWindow,
            ])
        for recorded in events {
            let entryID = try #require(recorded.ledgerEntry, "event \(recorded.event.sequence) has no ledger entry")
            let index = try #require(UInt64(entryID.dropFirst()))
            let entry = try fixture.services.vault.entry(
                at: index, for: recorded.event.actor.organisation.rawValue)
            #expect(entry.fileName == "case-\(id.rawValue)-event-\(recorded.event.sequence).json")
            #expect(entry.mediaType == "application/json")
            #expect(entry.links?.case == id.rawValue)
            let bytes = try Data(contentsOf: fixture.services.vault.blobs.url(forSHA256: entry.sha256))
            #expect(bytes == recorded.event.canonicalJSONData)
            #expect(try CaseEvent.decodeCanonicalJSON(bytes) == recorded.event)
        }
        // The stored history replays under the workflow's rules.
        let replayed = try fixture.services.cases.workflow.replay(events.map(\.event), complaint: opened.complaint)
        #expect(replayed == restored)
    }

    @Test("a takedown records an infringement finding against the listing's seller; a restore sets it aside")
    func takedownRecordsAFindingAgainstTheSeller() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let opened = try await fixture.file(
            fixture.draft(targets: [.listing("L1"), .seller("S2", platform: "market")]))
        try await fixture.act(.verify, on: opened.id, as: "reviewer@market")
        try await fixture.act(.notifyRespondent, on: opened.id, as: "reviewer@market")
        let decided = try await fixture.act(.decide(.takedown), on: opened.id, as: "reviewer@market")
        for seller: Party.ID in ["S1", "S2"] {
            let findings = try await fixture.harness.store.findings.findings(of: seller, in: "acme")
            let finding = try #require(findings.first, "no finding against \(seller)")
            #expect(findings.count == 1)
            #expect(finding.kind == .infringement)
            #expect(finding.basis.caseReference == opened.id.rawValue)
            #expect(finding.decidedBy == "market")
            #expect(finding.decidedAt == decided.decidedAt)
            #expect(finding.effectiveKind(asOf: decided.decidedAt ?? .distantFuture) == .infringement)
        }
        #expect(try await fixture.harness.store.parties.party("S1", in: "acme")?.name == "Shady Shoes")
        try await fixture.act(.fileCounterNotice(summary: "Genuine goods."), on: opened.id, as: "reviewer@market")
        fixture.clock.advance(by: .seconds(15 * 24 * 3600 + 1))
        let restored = try await fixture.act(.closeCounterNoticeWindow, on: opened.id, as: "reviewer@market")
        let finding = try #require(try await fixture.harness.store.findings.findings(of: "S1", in: "acme").first)
        #expect(finding.isOverturned(asOf: restored.decidedAt ?? .distantFuture))
    }

    @Test("an action the state does not allow is a conflict and changes nothing")
    func illegalActionIsAConflict() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let opened = try await fixture.file()
        let ledgerSize = fixture.services.vault.log.size
        let error = await fixture.refusal {
            try await fixture.act(.decide(.takedown), on: opened.id, as: "reviewer@market")
        }
        #expect(error?.code == .conflict)
        #expect(error?.message.contains("decide") == true)
        #expect(try await fixture.harness.store.cases.case(opened.id, visibleTo: "acme") == opened)
        #expect(fixture.services.vault.log.size == ledgerSize)
    }

    @Test("a role the workflow does not allow, or a member of the wrong side, is forbidden")
    func roleNotAllowedIsForbidden() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let opened = try await fixture.file()
        let byOwner = await fixture.refusal { try await fixture.act(.verify, on: opened.id, as: "owner@acme") }
        #expect(byOwner?.code == .forbidden)
        let byReviewer = await fixture.refusal {
            try await fixture.act(.withdraw(reason: "Settled."), on: opened.id, as: "reviewer@market")
        }
        #expect(byReviewer?.code == .forbidden)
        let filingReviewer = await fixture.refusal {
            _ = try await fixture.services.cases.file(
                fixture.draft(), by: try await fixture.principal("reviewer@market"))
        }
        #expect(filingReviewer?.code == .forbidden)
        #expect(try await fixture.harness.store.cases.case(opened.id, visibleTo: "acme")?.history.count == 1)
    }

    @Test("an organisation that neither filed nor handled the case gets not found, even for actions its role allows")
    func unrelatedOrganisationGetsNotFound() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let opened = try await fixture.file()
        for (login, action) in [("admin@ipc", CaseAction.verify), ("owner@globex", .withdraw(reason: "Mine now."))] {
            let principal = try await fixture.principal(login)
            let read = await fixture.refusal { _ = try await fixture.services.cases.case(opened.id, for: principal) }
            #expect(read?.code == .notFound)
            let events = await fixture.refusal {
                _ = try await fixture.services.cases.events(of: opened.id, for: principal)
            }
            #expect(events?.code == .notFound)
            let acted = await fixture.refusal { try await fixture.act(action, on: opened.id, as: login) }
            #expect(acted?.code == .notFound)
        }
    }

    @Test("a case transferred to an authority becomes visible to it and moves to its work queue")
    func transferMakesTheCaseVisibleToTheAuthority() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let opened = try await fixture.file()
        let admin = try await fixture.principal("admin@ipc")
        #expect(try await fixture.services.cases.workQueue(for: admin).isEmpty)
        try await fixture.act(.transfer(to: "ipc", region: "CN-SH"), on: opened.id, as: "reviewer@market")
        let seen = try await fixture.services.cases.case(opened.id, for: admin)
        #expect(seen.handler.organisation == "ipc")
        #expect(try await fixture.services.cases.workQueue(for: admin).map(\.caseID) == [opened.id])
        let reviewer = try await fixture.principal("reviewer@market")
        #expect(try await fixture.services.cases.workQueue(for: reviewer).isEmpty)
        // The market handled it before, so it still reads the case, but may no longer act on it.
        _ = try await fixture.services.cases.case(opened.id, for: reviewer)
        let acted = await fixture.refusal { try await fixture.act(.verify, on: opened.id, as: "reviewer@market") }
        #expect(acted?.code == .forbidden)
        try await fixture.act(.verify, on: opened.id, as: "investigator@ipc")
    }

    @Test("the work queue lists the handler's open cases, most urgent first, with overdue flags")
    func workQueueFlagsOverdueCases() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let standard = try await fixture.file(fixture.draft(targets: [.url("https://shop.example/item/1")]))
        fixture.clock.advance(by: .seconds(60))
        let fast = try await fixture.file()
        let reviewer = try await fixture.principal("reviewer@market")
        let fresh = try await fixture.services.cases.workQueue(for: reviewer)
        #expect(fresh.map(\.caseID) == [fast.id, standard.id])
        #expect(fresh.allSatisfy { !$0.isOverdue })
        fixture.clock.advance(by: .seconds(13 * 3600))
        let later = try await fixture.services.cases.workQueue(for: reviewer)
        #expect(later.first?.caseID == fast.id)
        #expect(later.first?.isOverdue == true)
        #expect(later.last?.isOverdue == false)
        let owner = try await fixture.principal("owner@acme")
        let refused = await fixture.refusal { _ = try await fixture.services.cases.workQueue(for: owner) }
        #expect(refused?.code == .forbidden)
    }

    @Test("a rejection that finds the complaint malicious costs the complainant the fast track")
    func maliciousRejectionCostsTheFastTrack() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let first = try await fixture.file()
        #expect(first.channel == .fastTrack)
        let rejected = try await fixture.act(
            .reject(reason: "The listing is the owner's own product.", maliciousComplaint: true), on: first.id,
            as: "reviewer@market")
        #expect(rejected.isFoundMalicious)
        let filing = try await fixture.services.cases.file(
            fixture.draft(), by: try await fixture.principal("owner@acme"))
        #expect(!filing.standing.isGood)
        #expect(filing.filed.channel == .standard)
    }

    @Test("two handlers acting at once both succeed: the later writer reloads the case and applies its action again")
    func concurrentActionsAreRetriedOnTheFreshCase() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let opened = try await fixture.file()
        fixture.clock.advance(by: .seconds(60))
        let reviewer = try await fixture.principal("reviewer@market")
        let service = fixture.services.cases
        async let verified = service.act(.verify, on: opened.id, by: reviewer)
        async let moved = service.act(
            .changeChannel(to: .standard, reason: "The seller disputes the mark."), on: opened.id, by: reviewer)
        _ = try await (verified, moved)
        let events = try await service.events(of: opened.id, for: reviewer)
        #expect(events.map(\.event.sequence) == [1, 2, 3])
        #expect(Set(events.map(\.event.action.kind)) == [.open, .verify, .changeChannel])
        #expect(events.allSatisfy { $0.ledgerEntry != nil })
        let stored = try await service.case(opened.id, for: reviewer)
        #expect(stored.state == .verified)
        #expect(stored.channel == .standard)
    }

    @Test("events whose deposit failed wait without a ledger entry and are deposited by the retry")
    func failedDepositsAreRetried() async throws {
        var fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let spool = fixture.services.cases.spool
        fixture.services.cases.spool = spool.appendingPathComponent("missing", isDirectory: true)
        let opened = try await fixture.file()
        let waiting = try await fixture.harness.store.cases.eventsAwaitingLedgerEntry(limit: 10)
        #expect(waiting.map(\.event) == opened.history)
        fixture.services.cases.spool = spool
        #expect(try await fixture.services.cases.retryLedgerDeposits() == 1)
        #expect(try await fixture.harness.store.cases.eventsAwaitingLedgerEntry(limit: 10).isEmpty)
        let events = try await fixture.services.cases.events(
            of: opened.id, for: try await fixture.principal("owner@acme"))
        #expect(events.allSatisfy { $0.ledgerEntry != nil })
        #expect(try await fixture.services.cases.retryLedgerDeposits() == 0)
    }

    @Test("an event the ledger already holds is not deposited again by the retry: its earlier entry is recorded")
    func retryReusesAnEarlierDeposit() async throws {
        var fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let spool = fixture.services.cases.spool
        fixture.services.cases.spool = spool.appendingPathComponent("missing", isDirectory: true)
        let opened = try await fixture.file()
        let event = try #require(opened.history.first)
        // The deposit went through but its entry was never recorded (a crash between the two writes).
        let file = spool.appendingPathComponent("earlier.json")
        try event.canonicalJSONData.write(to: file)
        let vault = fixture.services.cases.vault
        let earlier = try await vault.deposit([
            .init(
                file: file,
                depositor: .init(organisation: event.actor.organisation.rawValue, user: event.actor.user.rawValue))
        ])
        let size = vault.log.size
        fixture.services.cases.spool = spool
        #expect(try await fixture.services.cases.retryLedgerDeposits() == 1)
        #expect(vault.log.size == size)
        let events = try await fixture.services.cases.events(
            of: opened.id, for: try await fixture.principal("owner@acme"))
        #expect(events.map(\.ledgerEntry) == ["E\(try #require(earlier.first).leafIndex)"])
    }
}
