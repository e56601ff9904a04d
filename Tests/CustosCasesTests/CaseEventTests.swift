import CustosCases
import CustosCore
import Foundation
import Testing

@Suite struct CaseEventTests {
    static let decision = CaseEvent(
        caseID: "C-1", sequence: 4, previousSequence: 3, action: .decide(.takedown),
        actor: CaseActor(user: "u-reviewer", role: .reviewer, organisation: "shopmall"),
        at: Date(timeIntervalSince1970: 1_772_361_000.123), note: "Seller admitted \"replica\".\nSee E2.",
        evidence: ["E2", "E3"], fromState: .respondentNotified, toState: .decided)

    @Test func writesTheGoldenCanonicalForm() {
        let expected =
            #"{"action":{"kind":"decide","malicious_complaint":false,"outcome":"takedown"},"#
            + #""actor":{"organisation":"shopmall","role":"reviewer","user":"u-reviewer"},"#
            + #""at":"2026-03-01T10:30:00.123Z","case":"C-1","evidence":["E2","E3"],"from":"respondent_notified","#
            + #""note":"Seller admitted \"replica\".\nSee E2.","previous":3,"schema":"custos.case-event/1","#
            + #""sequence":4,"to":"decided"}"#
        #expect(Self.decision.canonicalJSON == expected)
        #expect(Self.decision.canonicalJSONData == Data(expected.utf8))
    }

    /// Events recorded before the decision flags existed are in the ledger: their bytes must not change.
    @Test func writesDecisionFlagsOnlyWhenTrueSoEarlierEventsKeepTheirBytes() {
        let recorded = Self.decision.canonicalJSON
        var unflagged = Self.decision
        unflagged.action = .decide(.takedown, maliciousComplaint: false, wilful: false, counterfeit: false)
        #expect(unflagged.canonicalJSON == recorded)
        #expect(!recorded.contains("wilful") && !recorded.contains("counterfeit"))

        var flagged = Self.decision
        flagged.action = .decide(.takedown, wilful: true, counterfeit: true)
        #expect(
            flagged.canonicalJSON.hasPrefix(
                #"{"action":{"counterfeit":true,"kind":"decide","malicious_complaint":false,"outcome":"takedown","#
                    + #""wilful":true},"#))
        var wilfulOnly = Self.decision
        wilfulOnly.action = .decide(.takedown, wilful: true)
        #expect(wilfulOnly.canonicalJSON.contains(#""outcome":"takedown","wilful":true}"#))
        #expect(!wilfulOnly.canonicalJSON.contains("counterfeit"))
    }

    @Test func readsDecisionFlagsBackAndAbsentFlagsAsFalse() throws {
        for (wilful, counterfeit) in [(false, false), (true, false), (false, true), (true, true)] {
            var event = Self.decision
            event.action = .decide(.takedown, wilful: wilful, counterfeit: counterfeit)
            #expect(try CaseEvent.decodeCanonicalJSON(event.canonicalJSONData) == event)
            let plain = try JSONDecoder().decode(CaseAction.self, from: JSONEncoder().encode(event.action))
            #expect(plain == event.action)
        }
        let old = try JSONDecoder().decode(
            CaseAction.self, from: Data(#"{"kind":"decide","outcome":"takedown","malicious_complaint":false}"#.utf8))
        #expect(old == .decide(.takedown, maliciousComplaint: false, wilful: false, counterfeit: false))
        let explicit = try JSONDecoder().decode(
            CaseAction.self, from: Data(#"{"kind":"decide","outcome":"takedown","wilful":false}"#.utf8))
        #expect(explicit == .decide(.takedown))
    }

    @Test func writesAbsentValuesOfTheOpeningEventAsNull() throws {
        let opening = try #require(try Fixture.openCase(channel: .fastTrack).history.first)
        let expected =
            #"{"action":{"channel":"fast_track","handler":"shopmall","kind":"open","region":null},"#
            + #""actor":{"organisation":"acme","role":"owner","user":"u-owner"},"at":"2026-03-01T08:00:00.000Z","#
            + #""case":"C-1","evidence":[],"from":null,"note":null,"previous":null,"schema":"custos.case-event/1","#
            + #""sequence":1,"to":"received"}"#
        #expect(opening.canonicalJSON == expected)
    }

    @Test func escapesOnlyWhatJSONRequires() {
        var event = Self.decision
        event.note = "tab\there \u{01}\u{1F} back\\slash / 高仿 é"
        #expect(event.canonicalJSON.contains(#""note":"tab\there \u0001\u001f back\\slash / 高仿 é""#))
    }

    @Test func equalEventsGiveIdenticalBytesWhateverTheirConstructionOrder() {
        var rebuilt = CaseEvent(
            caseID: "C-1", sequence: 4, previousSequence: 3, action: .decide(.takedown, maliciousComplaint: false),
            actor: CaseActor(user: "u-reviewer", role: .reviewer, organisation: "shopmall"),
            at: Date(timeIntervalSince1970: 1_772_361_000.1234), fromState: .respondentNotified, toState: .decided)
        rebuilt.evidence = ["E2", "E3"]
        rebuilt.note = "Seller admitted \"replica\".\nSee E2."
        #expect(rebuilt.canonicalJSON == Self.decision.canonicalJSON, "sub-millisecond differences are not encoded")
    }

    @Test func readsACanonicalEventBack() throws {
        let decoded = try CaseEvent.decodeCanonicalJSON(Self.decision.canonicalJSONData)
        #expect(decoded == Self.decision)
        let (subject, _) = try CaseFixture.appealedFromDecision.make()
        for event in subject.history {
            #expect(try CaseEvent.decodeCanonicalJSON(event.canonicalJSONData) == event)
        }
    }

    @Test func refusesAnotherSchemaOrANonCanonicalDate() {
        let otherSchema = Self.decision.canonicalJSON.replacingOccurrences(of: "custos.case-event/1", with: "x/9")
        let badDate = Self.decision.canonicalJSON.replacingOccurrences(
            of: "2026-03-01T10:30:00.123Z", with: "2026-02-30T10:30:00.123Z")
        let shortDate = Self.decision.canonicalJSON.replacingOccurrences(
            of: "2026-03-01T10:30:00.123Z", with: "2026-03-01T10:30:00Z")
        for text in [otherSchema, badDate, shortDate, "{}", "not json"] {
            do {
                _ = try CaseEvent.decodeCanonicalJSON(Data(text.utf8))
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.code == .invalidEncoding)
            }
        }
    }

    /// The canonical date of `date`, read from an event's encoding.
    static func canonicalDate(_ date: Date) -> String {
        var event = decision
        event.at = date
        let text = event.canonicalJSON
        guard let range = text.range(of: #""at":""#) else { return "" }
        return String(text[range.upperBound...].prefix(24))
    }

    @Test func writesDatesAcrossCalendarEdges() throws {
        #expect(Self.canonicalDate(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(Self.canonicalDate(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(Self.canonicalDate(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
        #expect(Self.canonicalDate(Date(timeIntervalSince1970: 4_107_542_399)) == "2100-02-28T23:59:59.000Z")
        #expect(Self.canonicalDate(Date(timeIntervalSince1970: 4_107_542_400)) == "2100-03-01T00:00:00.000Z")
        #expect(Self.canonicalDate(.distantFuture) == "4001-01-01T00:00:00.000Z")
        #expect(Self.canonicalDate(Date(timeIntervalSince1970: -62_135_596_800)) == "0001-01-01T00:00:00.000Z")
        #expect(Self.canonicalDate(Date(timeIntervalSince1970: 1e15)) == "9999-12-31T23:59:59.999Z")
        #expect(Self.canonicalDate(Date(timeIntervalSince1970: -1e15)) == "0000-01-01T00:00:00.000Z")
    }

    @Test func agreesWithFoundationOnRandomInstants() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            // Whole seconds between 1900 and 2200.
            let seconds = -2_208_988_800 + Double(rng.index(below: 9_467_107_200))
            let date = Date(timeIntervalSince1970: seconds)
            let expected = formatter.string(from: date).dropLast() + ".000Z"
            #expect(Self.canonicalDate(date) == String(expected), "\(seconds)")
        }
    }
}
