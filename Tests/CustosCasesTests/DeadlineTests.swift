import CustosCases
import CustosCore
import Foundation
import Testing

@Suite struct DeadlineTests {
    let policy = DeadlinePolicy()
    let workflow = CaseWorkflow()
    let reviewer = Fixture.actor(.reviewer)

    @Test func fastTrackIsOverdueAfterTwentyFourHoursWithoutADecision() throws {
        var subject = try Fixture.openCase(channel: .fastTrack)
        let clock = ManualCaseClock(Fixture.start)
        let tracker = DeadlineTracker(policy: policy, clock: clock)
        #expect(tracker.deadline(for: subject)?.kind == .verification)
        #expect(tracker.deadline(for: subject)?.due == Fixture.start + Fixture.hours(12))
        try workflow.apply(.verify, to: &subject, by: reviewer, at: Fixture.start + Fixture.hours(1))
        let deadline = try #require(tracker.deadline(for: subject))
        #expect(deadline.kind == .decision && deadline.due == Fixture.start + Fixture.hours(24))
        clock.advance(by: .seconds(24 * 3_600))
        #expect(!tracker.isOverdue(subject), "due at exactly 24 hours is not yet late")
        #expect(tracker.deadline(for: subject)?.timeRemaining(at: clock.now()) == .zero)
        clock.advance(by: .seconds(1))
        #expect(tracker.isOverdue(subject))
        #expect(tracker.overdue([subject]).map(\.caseID) == [subject.id])
        try workflow.apply(.notifyRespondent, to: &subject, by: reviewer, at: clock.now())
        try workflow.apply(.decide(.takedown), to: &subject, by: reviewer, at: clock.now())
        #expect(!tracker.isOverdue(subject), "deciding meets the deadline")
    }

    @Test func standardChannelVerifiesInThreeDaysAndDecidesInSeven() throws {
        let (received, _) = try CaseFixture.received.make()
        #expect(policy.deadline(for: received)?.due == Fixture.start + Fixture.days(3))
        #expect(!policy.isOverdue(received, at: Fixture.start + Fixture.days(3)))
        #expect(policy.isOverdue(received, at: Fixture.start + Fixture.days(3) + 1))
        let (notified, notifiedAt) = try CaseFixture.respondentNotified.make()
        #expect(
            policy.deadline(for: notified)
                == CaseDeadline(kind: .decision, start: Fixture.start, due: Fixture.start + Fixture.days(7)))
        let all = policy.deadlines(for: notified)
        #expect(all.map(\.kind) == [.respondentResponse, .decision])
        #expect(all.first?.due == notifiedAt + Fixture.days(3))
        #expect(
            all.first?.isOverdue(at: notifiedAt + Fixture.days(5)) == false,
            "the respondent's window never makes the handler late")
    }

    @Test func counterNoticeWindowRunsFifteenDaysThenRestorationIsDue() throws {
        let (subject, filedAt) = try CaseFixture.counterNoticeWindow.make()
        let all = policy.deadlines(for: subject)
        #expect(all.map(\.kind) == [.counterNoticeWindow, .restoration])
        #expect(all[0].due == filedAt + Fixture.days(15))
        #expect(all[1].due == filedAt + Fixture.days(16))
        #expect(!policy.isOverdue(subject, at: filedAt + Fixture.days(16)))
        #expect(policy.isOverdue(subject, at: filedAt + Fixture.days(16) + 1))
    }

    @Test func decidedAndRejectedCasesAreDueForClosureAfterTheAppealWindow() throws {
        for fixture in [CaseFixture.decidedDismissed, .rejected] {
            let (subject, at) = try fixture.make()
            #expect(
                policy.deadline(for: subject) == CaseDeadline(kind: .closure, start: at, due: at + Fixture.days(16)))
            #expect(policy.deadlines(for: subject).map(\.kind) == [.appealWindow, .closure])
        }
    }

    @Test func appealsAndDiversionsHaveTheirOwnDeadlines() throws {
        let (appealed, appealedAt) = try CaseFixture.appealedFromDecision.make()
        #expect(
            policy.deadline(for: appealed)
                == CaseDeadline(kind: .appealDecision, start: appealedAt, due: appealedAt + Fixture.days(7)))
        let (diverted, divertedAt) = try CaseFixture.diverted.make()
        #expect(policy.deadline(for: diverted)?.due == divertedAt + Fixture.days(30))
        for fixture in [CaseFixture.withdrawn, .closed] {
            let (subject, at) = try fixture.make()
            #expect(policy.deadline(for: subject) == nil)
            #expect(policy.deadlines(for: subject).isEmpty)
            #expect(!policy.isOverdue(subject, at: at + Fixture.days(1_000)))
        }
    }

    @Test func changingTheChannelMovesTheDeadline() throws {
        var (subject, at) = try CaseFixture.verified.make()
        #expect(policy.deadline(for: subject)?.due == Fixture.start + Fixture.days(7))
        try workflow.apply(.changeChannel(to: .fastTrack, reason: "Report filed."), to: &subject, by: reviewer, at: at)
        #expect(policy.deadline(for: subject)?.due == Fixture.start + Fixture.hours(24))
    }

    @Test func configuredWindowsReplaceTheDefaults() throws {
        var custom = DeadlinePolicy(counterNoticeWindow: .seconds(20 * 86_400))
        custom.fastTrack.decision = .seconds(48 * 3_600)
        let (subject, filedAt) = try CaseFixture.counterNoticeWindow.make()
        #expect(custom.deadlines(for: subject).first?.due == filedAt + Fixture.days(20))
        var fast = try Fixture.openCase(channel: .fastTrack)
        try workflow.apply(.verify, to: &fast, by: reviewer, at: Fixture.start)
        #expect(custom.deadline(for: fast)?.due == Fixture.start + Fixture.hours(48))
        let strict = CaseWorkflow(deadlines: custom)
        var window = subject
        #expect(throws: CaseError.self) {
            try strict.apply(.closeCounterNoticeWindow, to: &window, by: reviewer, at: filedAt + Fixture.days(19))
        }
    }

    @Test func roundTripsThePolicyAsSecondsAndRefusesNonPositiveWindows() throws {
        let data = try JSONEncoder().encode(policy)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""counter_notice_window":1296000"#))
        #expect(try JSONDecoder().decode(DeadlinePolicy.self, from: data) == policy)
        let broken = text.replacingOccurrences(
            of: #""counter_notice_window":1296000"#, with: #""counter_notice_window":0"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(DeadlinePolicy.self, from: Data(broken.utf8)) }
    }

    @Test func queuesOverdueFirstThenLeastTimeLeftThenFastTrackThenOldest() throws {
        let now = Fixture.start + Fixture.days(6)
        func opened(_ id: Case.ID, _ channel: CaseChannel, at date: Date, verify: Bool) throws -> Case {
            var subject = try Fixture.openCase(id, channel: channel, at: date)
            if verify { try workflow.apply(.verify, to: &subject, by: reviewer, at: date) }
            return subject
        }
        // Verification due start+3d: overdue by 3 days.
        let veryLate = try opened("A-very-late", .standard, at: Fixture.start, verify: false)
        // Verification due start+5d+12h: overdue by 12 hours.
        let late = try opened("B-late", .fastTrack, at: Fixture.start + Fixture.days(5), verify: false)
        // Decision due start+7d, three ways: standard received at start, fast track received at start+6d, and a
        // standard case still awaiting verification received at start+4d.
        let standardOld = try opened("C-standard-old", .standard, at: Fixture.start, verify: true)
        let fastNew = try opened("D-fast-new", .fastTrack, at: Fixture.start + Fixture.days(6), verify: true)
        let standardNew = try opened("E-standard-new", .standard, at: Fixture.start + Fixture.days(4), verify: false)
        // Decision due start+10d.
        let relaxed = try opened("F-relaxed", .standard, at: Fixture.start + Fixture.days(3), verify: true)
        let (closed, _) = try CaseFixture.closed.make()
        let queue = policy.workQueue([relaxed, closed, standardNew, fastNew, late, standardOld, veryLate], at: now)
        #expect(
            queue.map(\.caseID) == [
                "A-very-late", "B-late", "D-fast-new", "C-standard-old", "E-standard-new", "F-relaxed",
            ])
        #expect(queue.map(\.isOverdue) == [true, true, false, false, false, false])
        #expect(queue.first?.timeRemaining == .seconds(-3 * 86_400))
        let clock = ManualCaseClock(now)
        let tracker = DeadlineTracker(policy: policy, clock: clock)
        #expect(tracker.workQueue([standardOld, veryLate]).map(\.caseID) == ["A-very-late", "C-standard-old"])
        clock.set(Fixture.start)
        #expect(tracker.overdue([standardOld, veryLate]).isEmpty)
    }

    @Test func roundTripsAWorkItemThroughJSON() throws {
        let (subject, at) = try CaseFixture.received.make()
        let item = try #require(policy.workQueue([subject], at: at + Fixture.days(4)).first)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let data = try encoder.encode(item)
        #expect(String(decoding: data, as: UTF8.self).contains(#""overdue":true"#))
        #expect(try decoder.decode(CaseWorkItem.self, from: data) == item)
    }

    @Test func theSystemClockTellsTheTime() {
        let before = Date()
        let now = SystemCaseClock().now()
        #expect(now >= before && now <= Date())
    }
}
