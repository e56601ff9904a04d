import Foundation
import Testing

@testable import CustosText

@Suite struct ReferenceTablesTests {
    @Test func loadsBundledTables() throws {
        let tables = try ReferenceTables.bundled()
        #expect(tables.pinyin(of: "康") == "kang")
        #expect(tables.pinyin(of: "傅") == "fu")
        #expect(tables.pinyin(of: "A") == nil)
        #expect(tables.simplified("師") == "师")
        #expect(tables.simplified("發") == "发")
        #expect(tables.simplified("师") == "师")
        #expect(tables.simplified("x") == "x")
        #expect(tables.strokeCount(of: "一") == 1)
        #expect(tables.pinyinReadings(of: "乾").contains("gan"))
    }

    @Test(arguments: [("耐", "nai"), ("克", "ke"), ("雪", "xue"), ("碧", "bi"), ("奥", "ao"), ("利", "li"), ("师", "shi")])
    func pinyinAgreesWithICUTransliteration(_ han: Character, _ expected: String) throws {
        let tables = try ReferenceTables.bundled()
        #expect(tables.pinyin(of: han) == expected)
        #if canImport(Darwin)
        // Cross-check against ICU where Foundation exposes it; the table, not ICU, is what runs in production.
        let icu = String(han).applyingTransform(.mandarinToLatin, reverse: false)?
            .applyingTransform(.stripDiacritics, reverse: false)
        #expect(icu == expected)
        #endif
    }

    @Test func stripsToneMarksFromPinyin() {
        #expect(ReferenceTables.tonelessPinyin("nǚ") == "nu")
        #expect(ReferenceTables.tonelessPinyin("hé") == "he")
        #expect(ReferenceTables.tonelessPinyin("ḿ") == "m")
        #expect(ReferenceTables.tonelessPinyin("a1") == nil)
    }

    @Test func parsesInMemoryTables() throws {
        let tables = try ReferenceTables(contents: [
            .unihan: "# comment\n5E2B\tshī\t5E08\t10\n5E08\tshī\t\t6\n",
            .leet: "1\ti l\n",
            .confusables: "0421 ;\t0043 ;\tMA\n006D ;\t0072 006E ;\tMA\n",
        ])
        #expect(tables.simplified("師") == "师")
        #expect(tables.pinyin(of: "师") == "shi")
        let forms = TextNormalizer(tables: tables).forms(of: "СHANEL m1")
        #expect(forms.skeleton == "chanelm1")
        #expect(forms.deleeted == "chanelmi")
    }

    @Test(arguments: [
        (ReferenceTables.Table.unihan, "4E00\tyī\t\t1\nZZZZ\tyī\t\t1\n", 2),
        (.unihan, "4E00\tyī\t\t1\n4E01\tding1\t\t2\n", 2),
        (.unihan, "4E00\tyī\n", 1),
        (.confusables, "# header\n\n0041 ;\t0061 ;\tMA\nnot a line\n", 4),
        (.confusables, "0441 ;\tXYZ ;\tMA\n", 1),
        (.leet, "4\ta\n@@\ta\n", 2),
        (.leet, "4\tA\n", 1),
        (.samePinyin, "#汉字\t同音同调\t同音异调\nab\t壹\t漪\n", 2),
        (.sameStroke, "龙\t拢\nxy\n", 2),
        (.visualConfusables, "丁: ['工']\n丁 ['工']\n", 2),
        (.visualConfusables, "丁: ['工', x]\n", 1),
        (.curatedShapeAlike, "# pairs\n粤\t奥\n粤\n", 3),
    ])
    func rejectsMalformedLinesNamingFileAndLine(_ table: ReferenceTables.Table, _ text: String, _ line: Int) {
        do {
            _ = try ReferenceTables(contents: [table: text])
            Issue.record("accepted malformed \(table.rawValue)")
        } catch let error as TextError {
            #expect(error.code == .malformedTable)
            #expect(error.file == table.rawValue)
            #expect(error.line == line)
            #expect(error.description.hasPrefix("\(table.rawValue):\(line): "))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func filtersVisualConfusablesByStrokeCount() throws {
        let tables = try ReferenceTables(contents: [
            .unihan: "4E01\tdīng\t\t2\n5DE5\tgōng\t\t3\n7592\tnè\t\t5\n9F98\tdá\t\t22\n",
            .visualConfusables: "丁: ['工', '疒', '龘']\n",
        ])
        let similarity = ChineseSimilarity(tables: tables)
        #expect(similarity.isShapeAlike("丁", "工"))
        #expect(similarity.isShapeAlike("丁", "疒"))
        #expect(!similarity.isShapeAlike("丁", "龘"))
    }
}
