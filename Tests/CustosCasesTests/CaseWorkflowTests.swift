import CustosCases
import CustosCore
import Foundation
import Testing

@Suite struct CaseWorkflowTests {
    let workflow = CaseWorkflow()
    let reviewer = Fixture.actor(.reviewer)
    let owner = Fixture.actor(.owner)
    let admin = Fixture.actor(.admin)

    /// Applies `action` and expects it refused with `code`, leaving the case unchanged.
    func expectRefused(
        _ action: CaseAction, on subject: Case, by actor: CaseActor, at date: Date, code: CaseError.Code,
        workflow: CaseWorkflow? = nil, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        var changed = subject
        do {
            try (workflow ?? self.workflow).apply(action, to: &changed, by: actor, at: date)
            Issue.record("\(action) was accepted", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == code, "\(error.debugDescription)", sourceLocation: sourceLocation)
            #expect(changed == subject, sourceLocation: sourceLocation)
        }
    }

    @Test func opensAReceivedCaseWithAnOpeningEvent() throws {
        let subject = try Fixture.openCase(channel: .fastTrack)
        #expect(subject.state == .received)
        #expect(subject.channel == .fastTrack)
        #expect(subject.receivedAt == Fixture.start)
        #expect(subject.handler == CaseHandling(organisation: Fixture.handler, since: Fixture.start))
        #expect(subject.history.count == 1)
        let event = try #require(subject.history.first)
        #expect(event.sequence == 1 && event.previousSequence == nil && event.fromState == nil)
        #expect(event.toState == .received)
        #expect(event.action == .open(channel: .fastTrack, handler: Fixture.handler, region: nil))
    }

    @Test func refusesToOpenForAnotherOrganisationOrByAnInvestigator() {
        let complaint = Fixture.complaint()
        #expect(throws: CaseError.self) {
            try workflow.open(
                "C-9", complaint: complaint, channel: .standard, handler: Fixture.handler,
                by: Fixture.actor(.owner, organisation: "elsewhere"), at: Fixture.start)
        }
        do {
            _ = try workflow.open(
                "C-9", complaint: complaint, channel: .standard, handler: Fixture.handler,
                by: Fixture.actor(.investigator), at: Fixture.start)
            Issue.record("an investigator opened a case")
        } catch {
            #expect(error.code == .roleNotAllowed && error.action == .open && error.state == nil)
        }
        do {
            _ = try workflow.open(
                "", complaint: complaint, channel: .standard, handler: Fixture.handler, by: owner, at: Fixture.start)
            Issue.record("a blank case identifier was accepted")
        } catch {
            #expect(error.code == .invalidArgument)
        }
    }

    @Test func runsTheStandardPathToClosure() throws {
        var subject = try Fixture.openCase()
        var date = Fixture.start
        for action in [CaseAction.verify, .notifyRespondent, .decide(.takedown)] {
            date += Fixture.hours(2)
            try workflow.apply(action, to: &subject, by: reviewer, at: date, note: "step")
        }
        #expect(subject.state == .decided && subject.outcome == .takedown && subject.decidedAt == date)
        try workflow.apply(.close(summary: "Removed."), to: &subject, by: reviewer, at: date + Fixture.days(15))
        #expect(subject.state == .closed)
        #expect(subject.history.map(\.toState) == [.received, .verified, .respondentNotified, .decided, .closed])
        #expect(subject.history.map(\.sequence) == [1, 2, 3, 4, 5])
    }

    @Test func restoresOnlyAfterTheCounterNoticeWindow() throws {
        var (subject, date) = try CaseFixture.decidedTakedown.make()
        date += Fixture.hours(1)
        try workflow.apply(.fileCounterNotice(summary: "Genuine goods."), to: &subject, by: reviewer, at: date)
        #expect(subject.state == .counterNoticeWindow && subject.outcome == .takedown)
        expectRefused(
            .closeCounterNoticeWindow, on: subject, by: reviewer, at: date + Fixture.days(15) - 1, code: .tooEarly)
        try workflow.apply(.closeCounterNoticeWindow, to: &subject, by: reviewer, at: date + Fixture.days(15))
        #expect(subject.state == .decided && subject.outcome == .restore)
        expectRefused(
            .fileCounterNotice(summary: "Again."), on: subject, by: reviewer, at: date + Fixture.days(16),
            code: .invalidTransition)
    }

    @Test func letsTheComplainantEscalateWithinTheWindowByDiversion() throws {
        var (subject, date) = try CaseFixture.counterNoticeWindow.make()
        try workflow.apply(.divert(to: .court), to: &subject, by: admin, at: date + Fixture.days(3))
        #expect(subject.state == .diverted && subject.forum == .court)
        expectRefused(.divert(to: .court), on: subject, by: admin, at: date + Fixture.days(4), code: .invalidArgument)
        try workflow.apply(.divert(to: .mediation), to: &subject, by: admin, at: date + Fixture.days(4))
        #expect(subject.forum == .mediation)
    }

    @Test func refusesRestoreWithoutACounterNoticeOrAppeal() throws {
        let (subject, date) = try CaseFixture.respondentNotified.make()
        expectRefused(.decide(.restore), on: subject, by: reviewer, at: date + 60, code: .invalidArgument)
        expectRefused(
            .decide(.takedown, maliciousComplaint: true), on: subject, by: reviewer, at: date + 60,
            code: .invalidArgument)
    }

    @Test func findsWilfulOrCounterfeitInfringementOnlyWithATakedown() throws {
        let (subject, date) = try CaseFixture.respondentNotified.make()
        for outcome in [CaseOutcome.dismissed, .restore] {
            expectRefused(
                .decide(outcome, wilful: true), on: subject, by: reviewer, at: date + 60, code: .invalidArgument)
            expectRefused(
                .decide(outcome, counterfeit: true), on: subject, by: reviewer, at: date + 60, code: .invalidArgument)
        }
        do {
            _ = try workflow.apply(.decide(.dismissed, wilful: true), to: subject, by: reviewer, at: date + 60)
            Issue.record("a dismissal found wilful infringement")
        } catch {
            #expect(error.message.contains("Only a takedown can find the infringement wilful"))
        }
        let decided = try workflow.apply(
            .decide(.takedown, wilful: true, counterfeit: true), to: subject, by: reviewer, at: date + 60)
        #expect(decided.isWilful && decided.isCounterfeit)
        #expect(decided.wilfulFindingAt == date + 60 && decided.counterfeitFindingAt == date + 60)
        let plain = try workflow.apply(.decide(.takedown), to: subject, by: reviewer, at: date + 60)
        #expect(!plain.isWilful && !plain.isCounterfeit)
    }

    @Test func aRestoreAfterACounterNoticeClearsTheTakedownsFindings() throws {
        let (notified, date) = try CaseFixture.respondentNotified.make()
        var subject = try workflow.apply(
            .decide(.takedown, wilful: true, counterfeit: true), to: notified, by: reviewer, at: date + 60)
        try workflow.apply(.fileCounterNotice(summary: "Genuine goods."), to: &subject, by: reviewer, at: date + 120)
        #expect(subject.isWilful && subject.isCounterfeit, "the takedown stands while the window runs")
        try workflow.apply(.decide(.restore), to: &subject, by: reviewer, at: date + 180)
        #expect(subject.outcome == .restore && !subject.isWilful && !subject.isCounterfeit)
        let replayed = try workflow.replay(subject.history, complaint: subject.complaint)
        #expect(replayed == subject)
    }

    @Test func decodesACaseStoredBeforeTheDecisionFlagsAsHavingNone() throws {
        let (subject, _) = try CaseFixture.decidedTakedown.make()
        let encoded = try JSONEncoder().encode(subject)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["wilful_finding_at"] == nil, "absent findings are not written")
        object.removeValue(forKey: "wilful_finding_at")
        let decoded = try JSONDecoder().decode(Case.self, from: JSONSerialization.data(withJSONObject: object))
        #expect(decoded == subject && !decoded.isWilful && !decoded.isCounterfeit)
    }

    @Test func appealsOnceWithinTheWindowAndNeverAgainstATakedown() throws {
        let (dismissed, date) = try CaseFixture.decidedDismissed.make()
        let appeal = CaseAction.appeal(grounds: "Evidence E1 was overlooked.")
        expectRefused(appeal, on: dismissed, by: owner, at: date + Fixture.days(15) + 1, code: .tooLate)
        var appealed = try workflow.apply(appeal, to: dismissed, by: owner, at: date + Fixture.days(15))
        #expect(appealed.state == .appealed && appealed.appealedFrom == .decided && appealed.appealCount == 1)
        #expect(appealed.outcome == .dismissed, "the decision stands until the appeal is decided")
        try workflow.apply(.decide(.takedown), to: &appealed, by: admin, at: date + Fixture.days(16))
        #expect(appealed.outcome == .takedown && appealed.appealedFrom == nil)
        let (takedown, takedownDate) = try CaseFixture.decidedTakedown.make()
        expectRefused(appeal, on: takedown, by: owner, at: takedownDate + 60, code: .invalidTransition)

        var upheld = try workflow.apply(appeal, to: dismissed, by: owner, at: date + 60)
        try workflow.apply(.decide(.dismissed), to: &upheld, by: reviewer, at: date + 120)
        expectRefused(appeal, on: upheld, by: owner, at: date + 180, code: .appealsExhausted)
        let generous = CaseWorkflow(maximumAppeals: 2)
        #expect(throws: Never.self) { try generous.apply(appeal, to: upheld, by: owner, at: date + 180) }
    }

    @Test func anAppealedRejectionIsOverturnedByVerifyingIt() throws {
        var (subject, date) = try CaseFixture.appealedFromRejection.make()
        expectRefused(.decide(.takedown), on: subject, by: reviewer, at: date + 60, code: .invalidTransition)
        try workflow.apply(.verify, to: &subject, by: reviewer, at: date + 60)
        #expect(subject.state == .verified && subject.rejectionReason == nil && subject.appealedFrom == nil)
    }

    @Test func closesADecidedCaseOnlyAfterItsAppealWindowUnlessNoAppealRemains() throws {
        let (subject, date) = try CaseFixture.decidedDismissed.make()
        expectRefused(.close(summary: nil), on: subject, by: reviewer, at: date + Fixture.days(15) - 1, code: .tooEarly)
        #expect(throws: Never.self) {
            try workflow.apply(.close(summary: nil), to: subject, by: reviewer, at: date + Fixture.days(15))
        }
        let noAppeals = CaseWorkflow(maximumAppeals: 0)
        let (quick, quickDate) = try CaseFixture.decidedDismissed.make(workflow: noAppeals)
        #expect(throws: Never.self) {
            try noAppeals.apply(.close(summary: nil), to: quick, by: reviewer, at: quickDate + 60)
        }
    }

    @Test func onlyMembersOfTheRightOrganisationsMayAct() throws {
        let (subject, date) = try CaseFixture.verified.make()
        expectRefused(
            .notifyRespondent, on: subject, by: Fixture.actor(.reviewer, organisation: "elsewhere"), at: date + 60,
            code: .actorNotPermitted)
        expectRefused(
            .withdraw(reason: "x"), on: subject, by: Fixture.actor(.owner, organisation: "elsewhere"), at: date + 60,
            code: .actorNotPermitted)
    }

    @Test func onlyTheAssignedInvestigatorRecordsFindings() throws {
        var subject = try Fixture.openCase()
        let investigator = Fixture.actor(.investigator)
        expectRefused(
            .recordFinding("Fake."), on: subject, by: investigator, at: Fixture.start, code: .actorNotPermitted)
        try workflow.apply(.assignInvestigator("inv-1"), to: &subject, by: admin, at: Fixture.start)
        let other = CaseActor(user: "inv-2", role: .investigator, organisation: Fixture.handler)
        expectRefused(.recordFinding("Fake."), on: subject, by: other, at: Fixture.start, code: .actorNotPermitted)
        try workflow.apply(
            .recordFinding("Stitching differs."), to: &subject, by: investigator, at: Fixture.start + 60,
            evidence: ["E7", "E8"])
        #expect(
            subject.findings == [
                CaseFinding(
                    investigator: "inv-1", text: "Stitching differs.", evidence: ["E7", "E8"], at: Fixture.start + 60)
            ])
        expectRefused(
            .assignInvestigator("inv-1"), on: subject, by: admin, at: Fixture.start + 60, code: .invalidArgument)
    }

    @Test func transfersKeepEveryHandlerAndHandOverTheRightToAct() throws {
        var (subject, date) = try CaseFixture.verified.make()
        let authority: Organisation.ID = "ipc-shanghai"
        try workflow.apply(.transfer(to: authority, region: "CN-SH"), to: &subject, by: reviewer, at: date + 60)
        try workflow.apply(
            .transfer(to: authority, region: "CN-ZJ"), to: &subject, by: Fixture.actor(.admin, organisation: authority),
            at: date + 120)
        #expect(subject.handlers.map(\.organisation) == [Fixture.handler, authority, authority])
        #expect(subject.handlers.map(\.region) == [nil, "CN-SH", "CN-ZJ"])
        #expect(subject.handlingOrganisations == [Fixture.handler, authority])
        #expect(subject.handler.organisation == authority && subject.handler.since == date + 120)
        #expect(subject.investigator == nil, "a transfer ends the investigator's assignment")
        #expect(subject.state == .verified)
        expectRefused(.notifyRespondent, on: subject, by: reviewer, at: date + 180, code: .actorNotPermitted)
        #expect(throws: Never.self) {
            try workflow.apply(
                .notifyRespondent, to: subject, by: Fixture.actor(.admin, organisation: authority), at: date + 180)
        }
        expectRefused(
            .transfer(to: authority, region: "CN-ZJ"), on: subject, by: Fixture.actor(.admin, organisation: authority),
            at: date + 180, code: .invalidArgument)
    }

    @Test func refusesBlankArgumentsAndBackdatedActions() throws {
        let (subject, date) = try CaseFixture.received.make()
        expectRefused(.reject(reason: "  "), on: subject, by: reviewer, at: date, code: .invalidArgument)
        expectRefused(.verify, on: subject, by: reviewer, at: date - 1, code: .invalidArgument)
        var changed = subject
        #expect(throws: CaseError.self) {
            try workflow.apply(.verify, to: &changed, by: reviewer, at: date, evidence: ["E1", " "])
        }
        #expect(changed == subject)
        expectRefused(
            .changeChannel(to: .standard, reason: "Same."), on: subject, by: reviewer, at: date, code: .invalidArgument)
        expectRefused(
            .transfer(to: "x", region: ""), on: subject, by: reviewer, at: date, code: .invalidArgument)
    }

    @Test func aRefusalNamesStateActionAndRole() throws {
        let (subject, date) = try CaseFixture.received.make()
        do {
            _ = try workflow.apply(.decide(.takedown), to: subject, by: reviewer, at: date)
            Issue.record("decided a received case")
        } catch {
            #expect(error.code == .invalidTransition)
            #expect(error.state == .received && error.action == .decide && error.role == .reviewer)
            #expect(error.description.contains("decide"))
            #expect(error.debugDescription.contains("state=received"))
            #expect(error.debugDescription.contains("role=reviewer"))
        }
        expectRefused(
            .open(channel: .standard, handler: Fixture.handler, region: nil), on: subject, by: owner, at: date,
            code: .invalidTransition)
    }

    @Test func recordsMaliciousFindingsAndClearsThemWhenOverturned() throws {
        var (subject, date) = try CaseFixture.received.make()
        try workflow.apply(
            .reject(reason: "Fabricated evidence.", maliciousComplaint: true), to: &subject, by: reviewer, at: date + 60
        )
        #expect(subject.maliciousFindingAt == date + 60 && subject.isFoundMalicious)
        try workflow.apply(.appeal(grounds: "The evidence is genuine."), to: &subject, by: owner, at: date + 120)
        try workflow.apply(.verify, to: &subject, by: admin, at: date + 180)
        #expect(subject.maliciousFindingAt == nil)
    }

    @Test func notesAndEvidenceAreRecordedOnTheEvent() throws {
        let (subject, date) = try CaseFixture.received.make()
        let verified = try workflow.apply(
            .verify, to: subject, by: reviewer, at: date, note: "Rights checked.", evidence: ["E9"])
        let event = try #require(verified.history.last)
        #expect(event.note == "Rights checked." && event.evidence == ["E9"] && event.actor == reviewer)
        let blankNote = try workflow.apply(.verify, to: subject, by: reviewer, at: date, note: "   ")
        #expect(blankNote.history.last?.note == nil)
    }

    @Test func changesChannelWithAReason() throws {
        var (subject, date) = try CaseFixture.verified.make()
        try workflow.apply(
            .changeChannel(to: .fastTrack, reason: "Evaluation report filed."), to: &subject, by: reviewer, at: date)
        #expect(subject.channel == .fastTrack && subject.state == .verified)
    }

    @Test func replaysAHistoryIntoTheSameCase() throws {
        let (subject, _) = try CaseFixture.appealedFromDecision.make()
        #expect(try workflow.replay(subject.history, complaint: subject.complaint) == subject)
    }

    @Test func detectsATamperedHistory() throws {
        let (subject, _) = try CaseFixture.decidedTakedown.make()
        var tampered = subject.history
        tampered[3].toState = .rejected
        #expect(throws: CaseError.self) { try workflow.replay(tampered, complaint: subject.complaint) }
        var reordered = subject.history
        reordered.swapAt(2, 3)
        do {
            _ = try workflow.replay(reordered, complaint: subject.complaint)
            Issue.record("a reordered history replayed")
        } catch {
            #expect(error.code == .corruptHistory)
        }
        #expect(throws: CaseError.self) {
            try workflow.replay(Array(subject.history.dropFirst()), complaint: subject.complaint)
        }
        var forged = subject.history
        forged[4].actor = Fixture.actor(.owner)
        #expect(throws: CaseError.self) { try workflow.replay(forged, complaint: subject.complaint) }
    }

    @Test func roundTripsACaseThroughJSON() throws {
        let (subject, _) = try CaseFixture.counterNoticeWindow.make()
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(Case.self, from: encoder.encode(subject)) == subject)
    }
}
