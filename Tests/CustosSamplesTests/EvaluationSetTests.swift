import CustosSamples
import Foundation
import Testing

@Suite struct EvaluationSetTests {
    func write(_ text: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("evaluation-\(UUID().uuidString).jsonl")
        try Data(text.utf8).write(to: url)
        return url
    }

    @Test func loadsQueriesAndSkipsBlankLines() throws {
        let url = try write(
            """
            {"query":"N1KE","classes":[25],"category":"leet","expected":["TM-NIKE"]}

            {"query":"青山茶业","classes":[30],"category":"negative","expected":[]}

            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let queries = try EvaluationSet.load(from: url)
        #expect(
            queries == [
                EvaluationQuery(query: "N1KE", classes: [25], category: "leet", expected: ["TM-NIKE"]),
                EvaluationQuery(query: "青山茶业", classes: [30], category: "negative", expected: []),
            ])
        #expect(queries.map(\.isNegative) == [false, true])
    }

    @Test func namesTheLineThatIsNotAQuery() throws {
        let url = try write(
            """
            {"query":"N1KE","classes":[25],"category":"leet","expected":["TM-NIKE"]}
            {"query":"broken","classes":"25"}
            """)
        defer { try? FileManager.default.removeItem(at: url) }
        let error = try #require(throws: SampleDataError.self) { try EvaluationSet.load(from: url) }
        #expect(error.code == .invalidData)
        #expect(error.message.contains("line 2"))
    }

    @Test func reportsAMissingFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("missing-\(UUID().uuidString).jsonl")
        let error = try #require(throws: SampleDataError.self) { try EvaluationSet.load(from: url) }
        #expect(error.code == .io)
    }
}
