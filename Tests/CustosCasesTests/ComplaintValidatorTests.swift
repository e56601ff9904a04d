import CustosCases
import CustosCore
import Foundation
import Testing

/// One way to break a complaint, and the problem it must produce.
struct BrokenComplaint: Sendable, CustomTestStringConvertible {
    var name: String
    var code: ComplaintProblem.Code
    var path: String
    var breakIt: @Sendable (inout Complaint, inout ComplaintValidator.Context) -> Void

    var testDescription: String { name }

    static let all: [BrokenComplaint] = [
        .init(name: "blank complainant", code: .missingComplainant, path: "complainant") { c, _ in c.complainant = "" },
        .init(name: "blank filer", code: .missingFiler, path: "filedBy") { c, _ in c.filedBy = " " },
        .init(name: "no rights", code: .noRights, path: "rights") { c, _ in c.rights = [] },
        .init(name: "unknown right", code: .rightNotFound, path: "rights[1]") { c, _ in c.rights.append("TM-GHOST") },
        .init(name: "pending right", code: .rightNotInForce, path: "rights[0]") { _, context in
            context.rights["TM-ACME"] = Fixture.trademark(status: .pending)
        },
        .init(name: "right registered after filing", code: .rightNotInForce, path: "rights[0]") { _, context in
            var right = Fixture.trademark()
            right.registeredOn = Fixture.start.addingTimeInterval(Fixture.days(1))
            context.rights["TM-ACME"] = right
        },
        .init(name: "right expired before filing", code: .rightExpired, path: "rights[0]") { _, context in
            context.rights["TM-ACME"] = Fixture.trademark(expiresOn: Fixture.start.addingTimeInterval(-1))
        },
        .init(name: "right with expired status", code: .rightExpired, path: "rights[0]") { _, context in
            context.rights["TM-ACME"] = Fixture.trademark(status: .expired)
        },
        .init(name: "class not covered", code: .classNotCovered, path: "rights[0]") { c, _ in
            c.goodsClass = NiceClass(9)
        },
        .init(name: "owner who does not own the right", code: .complainantNotOwner, path: "rights[0]") { _, context in
            context.rights["TM-ACME"] = Fixture.trademark(owner: "Other Corp", organisation: "other")
        },
        .init(name: "agent without authorisation", code: .missingAuthorisation, path: "authorisationEvidence") {
            _, context in context.capacity = .agent
        },
        .init(name: "no targets", code: .noTargets, path: "targets") { c, _ in c.targets = [] },
        .init(name: "relative URL", code: .malformedURL, path: "targets[1].url") { c, _ in
            c.targets.append(.url("/item/1"))
        },
        .init(name: "ftp URL", code: .malformedURL, path: "targets[1].url") { c, _ in
            c.targets.append(.url("ftp://files.example/x"))
        },
        .init(name: "URL with a space", code: .malformedURL, path: "targets[1].url") { c, _ in
            c.targets.append(.url("https://shop.example/item 1"))
        },
        .init(name: "blank listing", code: .incompleteTarget, path: "targets[1].listing") { c, _ in
            c.targets.append(.listing(""))
        },
        .init(name: "seller without platform", code: .incompleteTarget, path: "targets[1].platform") { c, _ in
            c.targets.append(.seller("S-1", platform: " "))
        },
        .init(name: "blank seller", code: .incompleteTarget, path: "targets[1].seller") { c, _ in
            c.targets.append(.seller("", platform: "jd"))
        },
        .init(name: "empty statement", code: .missingStatement, path: "goodFaithStatement") { c, _ in
            c.goodFaithStatement = "  \n "
        },
        .init(name: "short statement", code: .statementTooShort, path: "goodFaithStatement") { c, _ in
            c.goodFaithStatement = "Good faith."
        },
        .init(name: "statement without good faith", code: .statementLacksGoodFaith, path: "goodFaithStatement") {
            c, _ in c.goodFaithStatement = "These goods are counterfeit and must be removed at once."
        },
        .init(name: "no evidence", code: .noEvidence, path: "evidence") { c, _ in c.evidence = [] },
        .init(name: "blank evidence", code: .blankIdentifier, path: "evidence[1]") { c, _ in c.evidence.append("") },
        .init(name: "blank right id", code: .blankIdentifier, path: "rights[1]") { c, _ in c.rights.append(" ") },
        .init(name: "duplicate right", code: .duplicateRight, path: "rights[1]") { c, _ in c.rights.append("TM-ACME") },
        .init(name: "duplicate listing", code: .duplicateTarget, path: "targets[1]") { c, _ in
            c.targets.append(.listing("L-100"))
        },
        .init(name: "same URL with other host case", code: .duplicateTarget, path: "targets[1]") { c, _ in
            c.targets = [.url("https://Shop.Example/item/1"), .url("HTTPS://shop.example/item/1")]
        },
        .init(name: "duplicate evidence", code: .duplicateEvidence, path: "evidence[1]") { c, _ in
            c.evidence.append("E1")
        },
        .init(name: "zero claimed value", code: .invalidClaimedValue, path: "claimedValue.value") { c, _ in
            c.claimedValue = CaseAmount(0, currency: "CNY")
        },
        .init(name: "bad currency", code: .invalidCurrency, path: "claimedValue.currency") { c, _ in
            c.claimedValue = CaseAmount(100, currency: "yuan")
        },
    ]
}

@Suite struct ComplaintValidatorTests {
    let validator = ComplaintValidator()

    @Test func acceptsAWellFormedComplaint() {
        #expect(validator.problems(in: Fixture.complaint(), context: Fixture.context()) == [])
        #expect(validator.isValid(Fixture.complaint(), context: Fixture.context()))
    }

    @Test(arguments: BrokenComplaint.all)
    func reportsEachProblemAtItsField(_ broken: BrokenComplaint) {
        var complaint = Fixture.complaint()
        var context = Fixture.context()
        broken.breakIt(&complaint, &context)
        let problems = validator.problems(in: complaint, context: context)
        #expect(problems.map(\.code) == [broken.code], "\(problems)")
        #expect(problems.first?.path == broken.path)
        #expect(problems.first?.message.isEmpty == false)
    }

    @Test func tableCoversEveryProblemCode() {
        #expect(Set(BrokenComplaint.all.map(\.code)) == Set(ComplaintProblem.Code.allCases))
    }

    @Test func reportsEveryProblemAtOnceInFieldOrder() {
        var complaint = Fixture.complaint(
            rights: ["TM-ACME", "TM-GHOST", "TM-ACME"], targets: [.url("nope")], evidence: [],
            statement: "Remove it.")
        complaint.claimedValue = CaseAmount(-5, currency: "CNY")
        let problems = validator.problems(in: complaint, context: Fixture.context(capacity: .agent))
        #expect(
            problems.map(\.code) == [
                .rightNotFound, .duplicateRight, .missingAuthorisation, .malformedURL, .noEvidence, .statementTooShort,
                .statementLacksGoodFaith, .invalidClaimedValue,
            ])
        #expect(problems.map(\.path).prefix(2) == ["rights[1]", "rights[2]"])
    }

    @Test func acceptsAnAgentWithAuthorisationForAnotherOwnersRight() {
        var complaint = Fixture.complaint()
        complaint.authorisationEvidence = "E-POA"
        let context = Fixture.context(
            [Fixture.trademark(owner: "Other Corp", organisation: "other")], name: "Law Firm LLP", capacity: .agent)
        #expect(validator.problems(in: complaint, context: context) == [])
    }

    @Test func matchesOwnerNamesIgnoringCaseAndSpacing() {
        let context = Fixture.context(
            [Fixture.trademark(owner: "ACME  ltd", organisation: "other")], name: " Acme Ltd ")
        #expect(validator.problems(in: Fixture.complaint(), context: context) == [])
    }

    @Test func checksClassesOnlyForTrademarksThatListThem() {
        let complaint = Fixture.complaint(rights: ["TM-ACME", "CR-1"], goodsClass: 9)
        let context = Fixture.context([Fixture.trademark(classes: []), Fixture.right("CR-1", kind: .copyright)])
        #expect(validator.problems(in: complaint, context: context) == [])
    }

    @Test func acceptsGoodFaithInChineseAndAnyCase() {
        let chinese = Fixture.complaint(statement: "本人善意相信上述商品侵犯了本人的注册商标专用权，所述信息真实准确。")
        #expect(validator.problems(in: chinese, context: Fixture.context()) == [])
        let shouting = Fixture.complaint(statement: "WE ACT IN GOOD FAITH AND THE FACTS ARE TRUE.")
        #expect(validator.problems(in: shouting, context: Fixture.context()) == [])
    }

    @Test func honoursAConfiguredMinimumLengthAndPhrases() {
        let strict = ComplaintValidator(minimumStatementLength: 80, goodFaithPhrases: ["sworn"])
        let problems = strict.problems(in: Fixture.complaint(), context: Fixture.context())
        #expect(problems.map(\.code) == [.statementTooShort, .statementLacksGoodFaith])
    }

    @Test func readsTheValidatorFromJSONWithDefaults() throws {
        #expect(try JSONDecoder().decode(ComplaintValidator.self, from: Data("{}".utf8)) == ComplaintValidator())
        let custom = ComplaintValidator(minimumStatementLength: 50, goodFaithPhrases: ["sworn"])
        #expect(try JSONDecoder().decode(ComplaintValidator.self, from: JSONEncoder().encode(custom)) == custom)
        for broken in [
            #"{"minimum_statement_length":0}"#, #"{"good_faith_phrases":[]}"#, #"{"good_faith_phrases":[" "]}"#,
        ] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode(ComplaintValidator.self, from: Data(broken.utf8))
            }
        }
    }

    @Test func rightExpiringOnTheFilingDayIsExpired() {
        let context = Fixture.context([Fixture.trademark(expiresOn: Fixture.start)])
        #expect(validator.problems(in: Fixture.complaint(), context: context).map(\.code) == [.rightExpired])
    }

    @Test func encodesProblemsWithStableCodes() throws {
        let problem = ComplaintProblem(.noEvidence, path: "evidence", message: "Cite evidence.")
        let text = String(decoding: try JSONEncoder().encode(problem), as: UTF8.self)
        #expect(text.contains(#""code":"no_evidence""#))
        #expect(problem.description == "evidence: Cite evidence.")
    }

    @Test func roundTripsAComplaintThroughJSON() throws {
        var complaint = Fixture.complaint(targets: [.listing("L-1"), .seller("S-1", platform: "jd")])
        complaint.claimedValue = CaseAmount(Decimal(string: "1234.50") ?? 0, currency: "CNY")
        complaint.authorisationEvidence = "E-POA"
        complaint.category = "shoes"
        let data = try JSONEncoder().encode(complaint)
        #expect(try JSONDecoder().decode(Complaint.self, from: data) == complaint)
        #expect(String(decoding: data, as: UTF8.self).contains("good_faith_statement"))
    }
}
