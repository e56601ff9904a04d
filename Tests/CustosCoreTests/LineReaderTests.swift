import CustosCore
import Foundation
import Testing

@Suite struct LineReaderTests {
    func withFile(_ bytes: [UInt8], _ body: (URL) throws -> Void) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString).txt")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        try body(url)
    }

    func readAll(_ url: URL, maximum: Int = 1 << 20) throws -> [LineReader.Line] {
        var reader = try LineReader(url: url, maximumLineLength: maximum)
        var lines: [LineReader.Line] = []
        while let line = try reader.next() { lines.append(line) }
        return lines
    }

    @Test func splitsLinesAndStripsCarriageReturns() throws {
        try withFile(Array("a\r\nbb\n\nccc".utf8)) { url in
            let lines = try readAll(url)
            #expect(lines.map(\.text) == ["a", "bb", "", "ccc"])
            #expect(lines.map(\.number) == [1, 2, 3, 4])
        }
    }

    @Test func readsLinesSpanningManyChunks() throws {
        let long = String(repeating: "x", count: 200_000)
        try withFile(Array("\(long)\nshort\n".utf8)) { url in
            let lines = try readAll(url)
            #expect(lines.count == 2)
            #expect(lines[0].bytes.count == 200_000)
            #expect(lines[1].text == "short")
        }
    }

    @Test func skipsAnOverlongLineAndGoesOn() throws {
        let long = String(repeating: "y", count: 300_000)
        try withFile(Array("first\n\(long)\nlast".utf8)) { url in
            let lines = try readAll(url, maximum: 1_000)
            #expect(lines.map(\.isOverlong) == [false, true, false])
            #expect(lines.map(\.number) == [1, 2, 3])
            #expect(lines[2].text == "last")
            #expect(lines[1].bytes.isEmpty)
        }
    }

    @Test func readsAnEmptyFile() throws {
        try withFile([]) { url in
            let lines = try readAll(url)
            #expect(lines.isEmpty)
        }
    }

    @Test func namesAMissingFile() {
        let error = #expect(throws: CustosError.self) {
            _ = try LineReader(url: URL(fileURLWithPath: "/nonexistent/feed.jsonl"))
        }
        #expect(error?.message.hasPrefix("/nonexistent/feed.jsonl: cannot open") == true)
    }

    @Test func flagsInvalidUTF8() throws {
        try withFile([0x66, 0xFF, 0x0A]) { url in
            let lines = try readAll(url)
            #expect(lines.count == 1)
            #expect(lines.first?.text == nil)
        }
    }
}
