import CustosCore
import Foundation
import Testing

@Suite struct DomainTypesTests {
    @Test func acceptsOnlyNiceClassesOneToFortyFive() throws {
        #expect(NiceClass(0) == nil)
        #expect(NiceClass(46) == nil)
        #expect(try #require(NiceClass(35)).isServices)
        #expect(try #require(NiceClass(25)).isServices == false)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([NiceClass].self, from: Data("[25, 99]".utf8)) }
    }

    @Test func derivesOneClueIDPerListingAndRight() {
        #expect(Clue.makeID(listing: "l-1", right: "TM-NIKE") == Clue.makeID(listing: "l-1", right: "TM-NIKE"))
        #expect(Clue.makeID(listing: "l-1", right: "TM-NIKE") != Clue.makeID(listing: "l-2", right: "TM-NIKE"))
    }

    @Test func decodesAFeedListingWithOptionalFieldsAbsent() throws {
        let line =
            #"{"id":"x1","platform":"jd","title":"kettle","seller":{"id":"s1","name":"S"},"observed_at":"2026-01-02T03:04:05Z"}"#
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let listing = try decoder.decode(Listing.self, from: Data(line.utf8))
        #expect(listing.description == "")
        #expect(listing.images == [])
        #expect(listing.price == nil)
        #expect(listing.seller.id == "s1")
    }

    @Test func encodesIdentifiersAsBareStrings() throws {
        let data = try JSONEncoder().encode([Right.ID("TM-1")])
        #expect(String(decoding: data, as: UTF8.self) == #"["TM-1"]"#)
    }

    @Test func marksOnlyNameSearchableKinds() {
        #expect(RightKind.trademark.isNameSearchable)
        #expect(RightKind.geographicalIndication.isNameSearchable)
        #expect(!RightKind.tradeSecret.isNameSearchable)
        #expect(!RightKind.patent.isNameSearchable)
    }
}

@Test(
    "digits are grouped in threes from the right, with the sign kept in front",
    arguments: [
        (0, "0"), (7, "7"), (999, "999"), (1_000, "1,000"), (12_345, "12,345"), (1_234_567, "1,234,567"),
        (-1_000, "-1,000"), (-12, "-12"),
    ])
func digitGrouping(value: Int, expected: String) {
    #expect(DigitGrouping.grouped(value) == expected)
}
