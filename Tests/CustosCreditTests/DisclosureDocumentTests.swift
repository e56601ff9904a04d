import CustosCore
import Foundation
import Testing

@testable import CustosCredit

@Suite struct DisclosureDocumentTests {
    /// Two listed parties, one with every optional field missing and text that needs escaping.
    static func sampleList() throws -> DisclosureList {
        let policy = DisclosurePolicy(
            appeal: .init(
                instructions: "Write to the IP Protection Centre, citing the case references.",
                url: "https://ipc.example.org/appeals", period: .days(60)))
        let parties = [
            Party(
                id: "seller-7", organisation: "org", role: .seller, name: "深圳 \"Best\" Shoes, Ltd.", region: "CN-GD",
                platform: "shop"),
            Party(id: "seller-9", organisation: "org", role: .seller, name: "=HYPERLINK(\"x\")"),
        ]
        let findings = [
            Finding(
                id: "F-1", party: "seller-7", organisation: "org", kind: .infringement,
                basis: .init(
                    caseReference: "(2023) Yue 03 Min Chu 17", summary: "Sold shoes bearing a mark like NIKE."),
                decidedBy: "court-sz", decidedAt: Fixtures.date(2023, 4, 3, 9, 30)),
            Finding(
                id: "F-2", party: "seller-7", organisation: "org", kind: .wilfulInfringement,
                basis: .init(caseReference: "AMR-2024-88", summary: "Relisted after takedown, line 1\nline 2"),
                decidedBy: "amr-sz", decidedAt: Fixtures.date(2024, 2, 14)),
            Finding(
                id: "F-3", party: "seller-9", organisation: "org", kind: .counterfeiting,
                basis: .init(caseReference: "-42", summary: "+Counterfeit perfume"),
                decidedBy: "amr-sz", decidedAt: Fixtures.date(2024, 5, 1, 12)),
        ]
        return try DisclosureList.make(
            parties: parties, findings: findings, policy: policy, asOf: Fixtures.date(2024, 6, 1))
    }

    @Test func jsonDocumentMatchesTheGolden() throws {
        let text = String(decoding: try Self.sampleList().jsonData(), as: UTF8.self)
        #expect(text == DisclosureGolden.json)
    }

    @Test func jsonDocumentRoundTrips() throws {
        let list = try Self.sampleList()
        #expect(try DisclosureList.decode(json: list.jsonData()) == list)
    }

    @Test func emptyListStillHasTheTopLevelShape() throws {
        let list = try DisclosureList.make(parties: [Party](), findings: [Finding](), asOf: Fixtures.date(2024, 1, 1))
        let object = try #require(try JSONSerialization.jsonObject(with: list.jsonData()) as? [String: Any])
        #expect(Set(object.keys) == ["generated_at", "policy", "entries"])
        #expect((object["entries"] as? [Any])?.isEmpty == true)
        #expect(object["generated_at"] as? String == "2024-01-01T00:00:00Z")
    }

    @Test func decodingRejectsAMalformedDate() throws {
        var text = DisclosureGolden.json
        text = text.replacing("\"generated_at\" : \"2024-06-01T00:00:00Z\"", with: "\"generated_at\" : \"June 2024\"")
        #expect(throws: DecodingError.self) { try DisclosureList.decode(json: Data(text.utf8)) }
    }

    @Test func csvMatchesTheGolden() throws {
        #expect(try Self.sampleList().csv() == DisclosureGolden.csv)
    }

    @Test func csvRecordsEndInCRLFAndBareLineFeedsOnlyOccurInsideQuotes() throws {
        let csv = try Self.sampleList().csv()
        #expect(csv.hasSuffix("\r\n"))
        #expect(csv.hasPrefix(DisclosureList.csvColumns.joined(separator: ",") + "\r\n"))
        // Three records: the header and two entries; the quoted line feed in a summary is not a record break.
        #expect(csv.components(separatedBy: "\r\n").count == 4)
    }

    @Test func csvDataIsUTF8WithAnOptionalByteOrderMark() throws {
        let list = try Self.sampleList()
        #expect(list.csvData() == Data(list.csv().utf8))
        let marked = list.csvData(byteOrderMark: true)
        #expect(Array(marked.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(marked.dropFirst(3) == Data(list.csv().utf8))
    }
}
