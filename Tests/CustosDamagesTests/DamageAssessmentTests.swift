import CustosCore
import Foundation
import Testing

@testable import CustosDamages

/// The shape of an assessment: steps, citations, JSON and money text.
@Suite struct DamageAssessmentTests {
    @Test func jsonHasTheDocumentedKeysAndExactAmounts() throws {
        let assessment = try bundledAssessor().assess(
            DamageClaim(
                jurisdiction: "CN", right: .trademark, actualLoss: Decimal(string: "120000.10"), isWilful: true,
                isSerious: true, punitiveMultiple: 3, enforcementCosts: 20_000))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try #require(
            try JSONSerialization.jsonObject(with: encoder.encode(assessment)) as? [String: Any])
        #expect(
            Set(object.keys)
                == [
                    "rule", "jurisdiction", "right", "law", "effective_from", "method", "currency", "amount", "range",
                    "estimate_basis", "steps", "citations", "notes",
                ])
        #expect(object["range"] is NSNull)
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(Set(steps[0].keys) == ["number", "title", "explanation", "formula", "amount", "range", "citations"])
        let citation = try #require((steps[0]["citations"] as? [[String: Any]])?.first)
        #expect(citation["reference"] as? String == "Trademark Law of the PRC (2019), Art. 63 para. 1")
        // 120,000.10 × 3 + 20,000 = 380,000.30, exactly, through encoding and decoding.
        let decoded = try JSONDecoder().decode(DamageAssessment.self, from: encoder.encode(assessment))
        #expect(decoded.amount == Decimal(string: "380000.3"))
        #expect(decoded == assessment)
    }

    @Test func citationsAreListedOnceInOrderOfFirstUse() throws {
        // A table whose costs rule cites the same provision as the actual-loss method, as a national table may.
        var rule = try DamageRules.bundled().rule(for: "CN", right: .trademark)
        rule.costs.citations = rule.methods[0].citations + rule.costs.citations
        let assessment = try DamageAssessor(rules: DamageRules(entries: [rule])).assess(
            DamageClaim(
                jurisdiction: "CN", right: .trademark, actualLoss: 1, isWilful: true, isSerious: true,
                punitiveMultiple: 2, enforcementCosts: 1))
        let all = assessment.steps.flatMap(\.citations)
        var expected: [Citation] = []
        for citation in all where !expected.contains(citation) { expected.append(citation) }
        #expect(all.count > expected.count, "the repeated citation appears in two steps")
        #expect(assessment.citations == expected)
    }

    @Test func everyStepCitesTheLaw() throws {
        let assessor = try bundledAssessor()
        let claims = [
            DamageClaim(jurisdiction: "CN", right: .copyright, isWilful: true, enforcementCosts: 100),
            DamageClaim(jurisdiction: "US", right: .trademark, actualLoss: 1, isWilful: true, isCounterfeit: true),
            DamageClaim(jurisdiction: "EU", right: .design, licenceFee: 5, enforcementCosts: 1),
        ]
        for claim in claims {
            let assessment = try assessor.assess(claim)
            #expect(assessment.steps.allSatisfy { !$0.citations.isEmpty && !$0.explanation.isEmpty })
            #expect(assessment.steps.last?.amount == assessment.amount)
        }
    }

    @Test func moneyTextGroupsThousandsAndKeepsCents() {
        #expect(Money.format(5_000_000, "CNY") == "5,000,000 CNY")
        #expect(Money.format(Decimal(string: "1234.5") ?? 0, "USD") == "1,234.50 USD")
        #expect(Money.format(Decimal(string: "0.005") ?? 0, "EUR") == "0.01 EUR")
        #expect(Money.format(999, "EUR") == "999 EUR")
        #expect(Money.format(1000, "EUR") == "1,000 EUR")
    }

    @Test func fractionalMultiplesRoundToCents() throws {
        // 333.33 × 2.5 = 833.325, rounded half away from zero to 833.33.
        let assessment = try bundledAssessor().assess(
            DamageClaim(
                jurisdiction: "CN", right: .trademark, actualLoss: Decimal(string: "333.33"), isWilful: true,
                isSerious: true, punitiveMultiple: Decimal(string: "2.5")))
        #expect(assessment.amount == Decimal(string: "833.33"))
    }

    @Test func claimsDecodeFromSnakeCaseJSONWithDefaults() throws {
        let json =
            #"{"jurisdiction":"CN","right":"trademark","actual_loss":120000,"wilful":true,"serious":true,"punitive_multiple":3}"#
        let claim = try JSONDecoder().decode(DamageClaim.self, from: Data(json.utf8))
        #expect(claim.actualLoss == 120_000 && claim.isWilful && claim.isSerious && !claim.isInnocent)
        #expect(try bundledAssessor().assess(claim).amount == 360_000)
    }
}
