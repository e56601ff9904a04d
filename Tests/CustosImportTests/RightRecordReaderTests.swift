import CustosCore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosImport

/// Reads every record of a fixture with `chunkSize`, so chunk boundaries fall everywhere.
func readAll(_ name: String, chunkSize: Int = 64 * 1024, format: RightsFormat? = nil) throws -> [RightRecord] {
    var records: [RightRecord] = []
    let reader = try RightRecordReader(
        url: Fixtures.url(name), format: format, displayName: name, chunkSize: chunkSize)
    try reader.forEachRecord { records.append($0) }
    return records
}

func day(_ text: String) -> Date? { CalendarDate.parse(text) }

@Suite struct RightRecordReaderTests {
    @Test(arguments: [1, 7, 64 * 1024])
    func readsCSVWithBOMCRLFQuotesAndLineBreaks(chunkSize: Int) throws {
        let records = try readAll("rights.csv", chunkSize: chunkSize)
        #expect(records.map(\.line) == [2, 3, 4, 6, 7, 8])
        #expect(records.flatMap(\.problems).map(\.description) == [])
        let rights = records.compactMap(\.right)
        let nike = try #require(rights.first)
        #expect(nike.id == "TM-001")
        #expect(nike.classes.map(\.number) == [18, 25])
        #expect(nike.referencePrice == 120)
        #expect(nike.filedOn == day("1971-06-18"))
        #expect(nike.details.registrationNumber == "978952")
        #expect(nike.details.markType == "word")
        #expect(rights[1].name == #"Acme, "The Best" Widgets"#)
        #expect(rights[1].details.image == "logos/acme.png")
        #expect(rights[2].name == "TWO-LINE\r\nMARK")
        #expect(rights[3].kind == .utilityModel)
        #expect(rights[3].details.hasEvaluationReport == true)
        #expect(rights[3].details.patentClasses == ["A43B 13/00", "A43B 13/14"])
        #expect(rights[4].details.product == "tea")
        #expect(rights[4].details.originRegion == "Hangzhou")
        #expect(rights[5].details.fingerprint == String(repeating: "ab", count: 32))
        #expect(records[2].raw == "TM-003,trademark,\"TWO-LINE\r\nMARK\",3,\"Line Owner\",CN,filed,,,,,,,word,,,,,,,,")
    }

    @Test(arguments: [3, 64 * 1024])
    func readsJSONLinesWithArraysStringsAndBlankLines(chunkSize: Int) throws {
        let records = try readAll("rights.jsonl", chunkSize: chunkSize)
        #expect(records.map(\.line) == [1, 3, 4, 5, 6])
        #expect(records.flatMap(\.problems).map(\.description) == [])
        let rights = records.compactMap(\.right)
        #expect(rights[0].details.patentClasses == ["A43B 11/00", "A43C 11/16"])
        #expect(rights[0].classes.isEmpty)
        #expect(rights[1].classes.map(\.number) == [21])
        #expect(rights[1].jurisdiction == "EM")
        #expect(rights[1].details.hasEvaluationReport == true)
        #expect(rights[2].classes.map(\.number) == [16])
        #expect(rights[2].referencePrice == 24.5)
        #expect(rights[2].currency == "GBP")
        #expect(rights[3].classes.map(\.number) == [31, 44])
        #expect(rights[4].details.registrationNumber == "BS.21500001")
    }

    @Test(arguments: [5, 64 * 1024])
    func readsST66TrademarksByLocalName(chunkSize: Int) throws {
        let records = try readAll("trademarks-st66.xml", chunkSize: chunkSize)
        #expect(records.flatMap(\.problems).map(\.description) == [])
        let rights = records.compactMap(\.right)
        #expect(rights.count == 3)
        let first = rights[0]
        #expect(first.id == "018000001")
        #expect(first.kind == .trademark)
        #expect(first.name == "ZENTAURO")
        #expect(first.classes.map(\.number) == [18, 25])
        #expect(first.owner == "Zentauro Moda S.p.A.")
        #expect(first.jurisdiction == "EM")
        #expect(first.status == .registered)
        #expect(first.filedOn == day("2019-01-02"))
        #expect(first.registeredOn == day("2019-05-10"))
        #expect(first.expiresOn == day("2029-01-02"))
        #expect(first.details.markType == "word")

        // No registration number yet: the application number is the id.
        #expect(rights[1].id == "CN-2021-55555")
        #expect(rights[1].name == "龙井 & Co")
        #expect(rights[1].status == .filed)
        #expect(rights[1].owner == "Hangzhou Tea Trading Co.")
        #expect(rights[1].details.markType == "combined")
        #expect(rights[1].details.image == "images/cn-2021-55555.png")

        #expect(rights[2].id == "7000123")
        #expect(rights[2].status == .cancelled)
        #expect(rights[2].owner == "Bottle One LLC; Jane Doe")
        #expect(rights[2].details.markType == "3d")
        #expect(records.map(\.line) == records.map(\.line).sorted())
        #expect(records[0].line == 10)
    }

    @Test func reportsEveryBadCSVRecordAsFileLineFieldMessage() throws {
        let records = try readAll("bad-records.csv", chunkSize: 16)
        let problems = records.flatMap(\.problems).map(\.description)
        let expected = [
            "bad-records.csv:3: kind: unknown kind 'spaceship'; accepted: trademark, patent, utility_model, design, "
                + "copyright, geographical_indication, plant_variety, ic_layout, trade_secret",
            "bad-records.csv:4: status: unknown status 'alive'; accepted: filed, pending, registered, expired, "
                + "cancelled, refused",
            "bad-records.csv:5: classes: class '46' is not an integer in 1…45",
            "bad-records.csv:5: classes: class 'abc' is not an integer in 1…45",
            "bad-records.csv:6: name: must not be empty",
            "bad-records.csv:7: filed_on: '2020-02-30' is not a date (YYYY-MM-DD)",
            "bad-records.csv:8: reference_price: must not be negative, got -5",
            "bad-records.csv:9: reference_price: 'cheap' is not a number",
            "bad-records.csv:10: fingerprint: must be 64 hexadecimal digits (a SHA-256 digest)",
            "bad-records.csv:11: id: duplicate id, first seen on line 2",
            "bad-records.csv:12: record: malformed CSV quoting: text after a closing quote (double a quote inside a "
                + "quoted field)",
            "bad-records.csv:13: record: has 7 fields, the header has 11",
            "bad-records.csv:14: id: must not be empty",
            "bad-records.csv:15: mark_type: does not apply to kind patent (only to trademark)",
            "bad-records.csv:16: jurisdiction: 'Germany' is not a two-letter code (ISO 3166, or EM, WO)",
            "bad-records.csv:19: record: malformed CSV quoting: the quoted field is never closed",
        ]
        #expect(problems == expected)
        #expect(records.filter(\.isValid).map(\.line) == [2, 17])
    }

    @Test func reportsBadJSONLinesWithTheParsersReason() throws {
        let records = try readAll("bad.jsonl")
        #expect(records.map(\.isValid) == [true, false, false, false, false, false])
        let problems = records.flatMap(\.problems)
        #expect(problems[0].description == "bad.jsonl:2: classes: class '99' is not an integer in 1…45")
        #expect(problems[1].line == 3)
        #expect(problems[1].field == "json")
        #expect(problems[1].message.hasPrefix("malformed JSON: "))
        #expect(problems[1].message.count > "malformed JSON: ".count)
        #expect(problems[2].description.hasPrefix("bad.jsonl:4: colour: unknown field; accepted: id, kind, name"))
        #expect(problems[3].description == "bad.jsonl:5: json: expected a JSON object, one per line")
        #expect(problems[4].description == "bad.jsonl:6: owner: missing required field")
    }

    @Test func rejectsAnUnusableCSVHeaderAsAWhole() throws {
        let error = try #require(throws: ImportError.self) { try readAll("bad-header.csv") }
        #expect(error.code == .malformedFile)
        #expect(
            error.problems.map(\.description) == [
                "bad-header.csv:1: header: unknown column 'colour'; accepted: \(RightColumn.acceptedList)",
                "bad-header.csv:1: header: missing required column 'classes'",
                "bad-header.csv:1: header: missing required column 'jurisdiction'",
            ])
    }

    @Test func reportsXMLThatIsNotWellFormedWithTheParserLine() throws {
        let error = try #require(throws: ImportError.self) { try readAll("malformed.xml") }
        #expect(error.code == .malformedFile)
        let problem = try #require(error.problems.first)
        #expect(problem.line == 10)
        #expect(problem.field == "xml")
        #expect(problem.description.hasPrefix("malformed.xml:10: xml: XML is not well-formed: "))
    }

    @Test func infersTheFormatFromTheExtension() throws {
        #expect(RightsFormat(inferringFrom: URL(fileURLWithPath: "a.CSV")) == .csv)
        #expect(RightsFormat(inferringFrom: URL(fileURLWithPath: "a.ndjson")) == .jsonLines)
        #expect(RightsFormat(inferringFrom: URL(fileURLWithPath: "a.jsonl")) == .jsonLines)
        #expect(RightsFormat(inferringFrom: URL(fileURLWithPath: "a.xml")) == .st66Trademarks)
        let error = try #require(throws: ImportError.self) {
            try RightRecordReader(url: URL(fileURLWithPath: "rights.txt"))
        }
        #expect(error.code == .unknownFormat)
        #expect(try RightRecordReader(url: URL(fileURLWithPath: "rights.txt"), format: .csv).format == .csv)
    }

    @Test func anEmptyCSVFileNeedsAHeader() throws {
        try withTemporaryDirectorySync { directory in
            let file = directory.appendingPathComponent("empty.csv")
            try Data().write(to: file)
            let error = try #require(throws: ImportError.self) {
                try RightRecordReader(url: file, displayName: "empty.csv").forEachRecord { _ in }
            }
            #expect(error.problems.first?.description.hasPrefix("empty.csv:1: header: the file is empty") == true)
        }
    }

    @Test func aMissingFileCannotBeRead() throws {
        let error = try #require(throws: ImportError.self) {
            try RightRecordReader(url: URL(fileURLWithPath: "/nonexistent/rights.csv")).forEachRecord { _ in }
        }
        #expect(error.code == .cannotRead)
    }
}

/// A synchronous `withTemporaryDirectory` for tests that do not await.
func withTemporaryDirectorySync(_ body: (URL) throws -> Void) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try body(directory.url)
}
