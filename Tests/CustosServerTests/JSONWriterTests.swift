import CustosCore
import CustosMarks
import Foundation
import Testing

@testable import CustosServer

/// The mark-search route writes its JSON by hand; it must be the text `JSONResponse.encoder` writes.
@Suite struct JSONWriterTests {
    func document(name: String, score: Double, reasons: [String]) -> MarkHit.Document {
        MarkHit.Document(
            MarkHit(
                entry: MarkEntry(
                    id: Right.ID("TM-\(name.count)"), name: name,
                    classes: [NiceClass(25), NiceClass(3)].compactMap { $0 },
                    owner: "Owner \"Quoted\" / Slashed"),
                score: score, reasons: reasons))
    }

    @Test func writesTheSameTextAsTheEncoderForSearchResults() throws {
        let names = ["NIKE", "康师傅", "tab\there", "new\nline", "back\\slash", "control\u{01}char", "emoji 🙂", ""]
        let scores = [1.0, 0.0, 0.9499, 0.75, 0.1234, 0.5, 0.0001]
        for (position, name) in names.enumerated() {
            let results = (0...position % 3).map { offset in
                document(
                    name: name, score: scores[(position + offset) % scores.count],
                    reasons: ["identical to the mark", "sounds alike: \"\(name)\" ~ \"NIKE\"", "same class 25"])
            }
            let result = MarkSearchResult(query: "q/\(name)", marksIndexed: 100_000 + position, results: results)
            let expected = try JSONResponse.encoder.encode(result)
            #expect(String(decoding: result.json, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
    }

    @Test func writesAnEmptyResult() throws {
        let result = MarkSearchResult(query: "", marksIndexed: 0, results: [])
        #expect(result.json == Array(try JSONResponse.encoder.encode(result)))
    }
}
