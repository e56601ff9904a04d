import CustosCore
import Foundation
import Testing

@testable import CustosDamages

/// The bundled table, custom tables, and the errors a malformed table produces.
@Suite struct DamageRulesTests {
    @Test func bundledTableLoadsAndCoversTheIssuesJurisdictions() throws {
        let rules = try DamageRules.bundled()
        #expect(rules.jurisdictions == ["CN", "EU", "US"])
        let required: [(String, RightKind, String)] = [
            ("CN", .trademark, "Art. 63"), ("CN", .patent, "Art. 71"), ("CN", .copyright, "Art. 54"),
            ("US", .trademark, "§ 1117"), ("US", .copyright, "§ 504"), ("US", .patent, "§ 284"),
            ("EU", .trademark, "Art. 13"),
        ]
        for (jurisdiction, right, article) in required {
            let rule = try rules.rule(for: jurisdiction, right: right)
            #expect(rule.methods.flatMap(\.citations).contains { $0.article == article }, "\(rule.id)")
        }
    }

    @Test func everyEntryMethodEnhancementAndCostRuleHasACitation() throws {
        for rule in try DamageRules.bundled().entries {
            #expect(!rule.costs.citations.isEmpty, "\(rule.id) costs")
            for method in rule.methods {
                #expect(!method.citations.isEmpty, "\(rule.id) \(method.id)")
                #expect(method.citations.allSatisfy { !$0.law.isEmpty && !$0.article.isEmpty && !$0.text.isEmpty })
            }
            for enhancement in rule.enhancements {
                #expect(!enhancement.citations.isEmpty, "\(rule.id) \(enhancement.id)")
            }
            if rule.enhancements.isEmpty {
                #expect(rule.punitiveUnavailable != nil, "\(rule.id) should say why it has no punitive damages")
            }
            #expect(CalendarDay.isValid(rule.effectiveFrom))
        }
    }

    @Test func chineseCitationsCarryTheChineseText() throws {
        for rule in try DamageRules.bundled().entries where rule.jurisdiction == "CN" {
            for citation in rule.methods.flatMap(\.citations) {
                #expect(citation.originalText?.isEmpty == false, "\(rule.id) \(citation.reference)")
            }
        }
    }

    @Test func citationReferencesReadAsLawyersWriteThem() {
        #expect(
            Citation(law: "15 U.S.C.", article: "§ 1117", paragraph: "(c)", text: "…").reference
                == "15 U.S.C. § 1117(c)")
        #expect(
            Citation(law: "Trademark Law of the PRC (2019)", article: "Art. 63", paragraph: "para. 1", text: "…")
                .reference == "Trademark Law of the PRC (2019), Art. 63 para. 1")
    }

    @Test func statutoryFiguresMatchTheCitedLaws() throws {
        let rules = try DamageRules.bundled()
        func range(_ jurisdiction: String, _ right: RightKind) throws -> StatutoryDamages {
            try #require(try rules.rule(for: jurisdiction, right: right).methods.compactMap(\.statutory).first)
        }
        #expect(try range("CN", .trademark) == StatutoryDamages(per: .case, minimum: 0, maximum: 5_000_000))
        #expect(try range("CN", .patent) == StatutoryDamages(per: .case, minimum: 30_000, maximum: 5_000_000))
        #expect(try range("CN", .copyright) == StatutoryDamages(per: .case, minimum: 500, maximum: 5_000_000))
        #expect(
            try range("US", .copyright)
                == StatutoryDamages(
                    per: .work, minimum: 750, maximum: 30_000, wilfulMaximum: 150_000, innocentMinimum: 200))
        #expect(
            try range("US", .trademark)
                == StatutoryDamages(
                    per: .markPerGoodsType, minimum: 1_000, maximum: 200_000, wilfulMaximum: 2_000_000))
    }

    @Test func aCustomTableFileIsUsedInsteadOfTheBundledOne() throws {
        // The additive reading of "一倍以上五倍以下": compensation plus base × multiple. Profit 1,000,000 at 3×
        // then gives 1,000,000 + 3,000,000 = 4,000,000, and costs 50,000 make 4,050,000.
        let document = replacing(
            [.key("entries"), .index(0), .key("enhancements"), .index(0), .key("combination")], with: "add_multiple",
            in: try bundledRulesJSON())
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("custos-rules-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try data(document).write(to: file)
        let assessor = DamageAssessor(rules: try DamageRules(contentsOf: file))
        let result = try assessor.assess(
            DamageClaim(
                jurisdiction: "CN", right: .trademark, infringerProfit: 1_000_000, isWilful: true,
                isSerious: true, punitiveMultiple: 3, enforcementCosts: 50_000))
        #expect(result.amount == 4_050_000)
        #expect(result.steps[1].formula == "1,000,000 CNY + 1,000,000 CNY × 3 = 4,000,000 CNY")
    }

    @Test func aMissingFileCannotBeRead() {
        #expect {
            _ = try DamageRules(contentsOf: URL(fileURLWithPath: "/nonexistent/custos/rules.json"))
        } throws: { error in
            (error as? DamagesError)?.code == .cannotReadRules
        }
    }

    @Test func textThatIsNotJSONIsRefused() {
        #expect {
            _ = try DamageRules(jsonData: Data("{ not json".utf8), source: "broken.json")
        } throws: { error in
            let error = error as? DamagesError
            return error?.code == .invalidRules && error?.entry == nil && error?.message.contains("broken.json") == true
        }
    }

    @Test func aMissingCitationsKeyNamesTheEntryAndField() throws {
        let document = replacing(
            [.key("entries"), .index(1), .key("methods"), .index(0), .key("citations")], with: nil,
            in: try bundledRulesJSON())
        let error = try rejection(document)
        #expect(error?.code == .invalidRules)
        #expect(error?.entry == "CN-patent")
        #expect(error?.field == "methods[0].citations")
        #expect(error?.message.contains("entry \"CN-patent\", field \"methods[0].citations\" is missing") == true)
    }

    @Test func anUnknownMethodKindNamesTheEntryAndField() throws {
        let document = replacing(
            [.key("entries"), .index(0), .key("methods"), .index(3), .key("kind")], with: "guesswork",
            in: try bundledRulesJSON())
        let error = try rejection(document)
        #expect(error?.entry == "CN-trademark")
        #expect(error?.field == "methods[3].kind")
    }

    @Test func aWrongTypeNamesTheEntryAndField() throws {
        let document = replacing(
            [.key("entries"), .index(2), .key("methods"), .index(3), .key("statutory"), .key("maximum")],
            with: "five million", in: try bundledRulesJSON())
        let error = try rejection(document)
        #expect(error?.entry == "CN-copyright")
        #expect(error?.field == "methods[3].statutory.maximum")
        #expect(error?.message.contains("a number") == true)
    }

    @Test func anInvertedStatutoryRangeNamesTheEntryAndField() throws {
        let document = replacing(
            [.key("entries"), .index(0), .key("methods"), .index(3), .key("statutory"), .key("maximum")], with: -1,
            in: try bundledRulesJSON())
        let error = try rejection(document)
        #expect(error?.entry == "CN-trademark")
        #expect(error?.field == "methods[3].statutory.maximum")
    }

    @Test func anEmptyCitationListIsRefused() throws {
        let document = replacing(
            [.key("entries"), .index(3), .key("costs"), .key("citations")], with: [Any](), in: try bundledRulesJSON())
        let error = try rejection(document)
        #expect(error?.entry == "US-trademark")
        #expect(error?.field == "costs.citations")
        #expect(error?.message.contains("every rule needs its citation") == true)
    }

    @Test func anEnhancementNamingNoMethodIsRefused() throws {
        let document = replacing(
            [.key("entries"), .index(0), .key("enhancements"), .index(0), .key("methods"), .index(0)], with: "nope",
            in: try bundledRulesJSON())
        let error = try rejection(document)
        #expect(error?.field == "enhancements[0].methods[0]")
    }

    @Test func twoEntriesForTheSameRightAreRefused() throws {
        let document = replacing(
            [.key("entries"), .index(1), .key("rights")], with: ["trademark"], in: try bundledRulesJSON())
        let error = try rejection(document)
        #expect(error?.entry == "CN-patent")
        #expect(error?.field == "rights")
        #expect(error?.message.contains("already covered by CN-trademark") == true)
    }

    @Test func anEntryWithoutAnIDIsNamedByItsPosition() throws {
        var document = replacing([.key("entries"), .index(4), .key("id")], with: nil, in: try bundledRulesJSON())
        document = replacing([.key("entries"), .index(4), .key("law")], with: nil, in: document)
        let error = try rejection(document)
        #expect(error?.entry == "entries[4]")
    }

    @Test func anInvalidDateOrCurrencyIsRefused() throws {
        let date = try rejection(
            replacing(
                [.key("entries"), .index(0), .key("effective_from")], with: "2019-02-30", in: try bundledRulesJSON()))
        #expect(date?.field == "effective_from")
        let currency = try rejection(
            replacing([.key("entries"), .index(0), .key("currency")], with: "yuan", in: try bundledRulesJSON()))
        #expect(currency?.field == "currency")
    }

    @Test func anUnsupportedVersionIsRefused() throws {
        let error = try rejection(replacing([.key("version")], with: 2, in: try bundledRulesJSON()))
        #expect(error?.field == "version")
        #expect(error?.entry == nil)
    }
}
