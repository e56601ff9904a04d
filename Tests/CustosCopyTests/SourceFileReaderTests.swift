import Foundation
import Testing

@testable import CustosCopy

/// A fresh temporary folder, removed when the test ends.
struct LoaderTestFolder: ~Copyable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "custos-copy-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to `relative` (creating folders) and returns the full path.
    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let full = path + "/" + relative
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
        return full
    }

    /// Writes `text` as UTF-8.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        try write(relative, Array(text.utf8))
    }
}

@Suite struct SourceFileReaderTests {
    private func error(_ body: () throws -> Void) -> CopyError? {
        do {
            try body()
            return nil
        } catch let error as CopyError {
            return error
        } catch {
            return nil
        }
    }

    @Test func readsAndTokenizesByExtension() throws {
        let folder = try LoaderTestFolder()
        let path = try folder.write("main.go", "package main\nfunc main() {}\n")
        let file = try SourceFileReader().read(path: path)
        #expect(file.language == .go)
        #expect(file.lineCount == 2)
        #expect(file.tokens.symbols == CodeTokenizer(language: .go).tokenize("package main func main() {}").symbols)
    }

    @Test func refusesANulByteAsBinary() throws {
        let folder = try LoaderTestFolder()
        let path = try folder.write("image.c", [0x69, 0x6E, 0x74, 0x00, 0x01])
        let failure = error { _ = try SourceFileReader().read(path: path) }
        #expect(failure?.code == .binary)
        #expect(failure?.message.contains(path) == true)
    }

    @Test func refusesMostlyControlBytesAsBinary() throws {
        let folder = try LoaderTestFolder()
        let path = try folder.write("blob.txt", [UInt8](repeating: 0x01, count: 40) + Array("text".utf8))
        #expect(error { _ = try SourceFileReader().read(path: path) }?.code == .binary)
    }

    @Test func namesTheByteOffsetOfInvalidUTF8() throws {
        let folder = try LoaderTestFolder()
        // "abc" then an overlong encoding of "/" at offset 3.
        let path = try folder.write("bad.py", [0x61, 0x62, 0x63, 0xC0, 0xAF, 0x0A])
        let failure = error { _ = try SourceFileReader().read(path: path) }
        #expect(failure?.code == .invalidEncoding)
        #expect(failure?.message.contains("byte offset 3") == true)
        #expect(failure?.message.contains(path) == true)
    }

    @Test func validatesUTF8Strictly() {
        #expect(SourceFileReader.firstInvalidUTF8(Array("héllo 世界 😀".utf8)) == nil)
        #expect(SourceFileReader.firstInvalidUTF8([0x41, 0xED, 0xA0, 0x80]) == 1)  // a surrogate
        #expect(SourceFileReader.firstInvalidUTF8([0x41, 0x42, 0xF4, 0x90, 0x80, 0x80]) == 2)  // past U+10FFFF
        #expect(SourceFileReader.firstInvalidUTF8([0x41, 0xE4, 0xB8]) == 1)  // truncated
        #expect(SourceFileReader.firstInvalidUTF8([0x80]) == 0)  // a lone continuation byte
    }

    @Test func decodesUTF16WithEitherByteOrderMark() throws {
        let text = "x = '世界'\n"
        let units = Array(text.utf16)
        let little: [UInt8] =
            [0xFF, 0xFE] + units.flatMap { unit -> [UInt8] in [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { unit -> [UInt8] in [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        #expect(try SourceFileReader.decode(little, path: "a.py") == text)
        #expect(try SourceFileReader.decode(big, path: "a.py") == text)
        let failure = error { _ = try SourceFileReader.decode([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8], path: "a.py") }
        #expect(failure?.code == .invalidEncoding)
        #expect(failure?.message.contains("byte offset 4") == true)
    }

    @Test func dropsAUTF8ByteOrderMark() throws {
        #expect(try SourceFileReader.decode([0xEF, 0xBB, 0xBF, 0x61], path: "a.txt") == "a")
    }

    @Test func refusesAFileOverTheLimitWithBothSizes() throws {
        let folder = try LoaderTestFolder()
        let path = try folder.write("big.js", String(repeating: "x;", count: 600))
        let reader = SourceFileReader(limits: SourceFileLimits(maxFileBytes: 1000))
        let failure = error { _ = try reader.read(path: path) }
        #expect(failure?.code == .tooLarge)
        #expect(failure?.message.contains("1200") == true)
        #expect(failure?.message.contains("1000") == true)
    }

    @Test func unknownExtensionNeedsALanguageAndListsTheAcceptedNames() throws {
        let folder = try LoaderTestFolder()
        let path = try folder.write("script.kt", "fun main() { println(1) }")
        let failure = error { _ = try SourceFileReader().read(path: path) }
        #expect(failure?.code == .unknownLanguage)
        #expect(failure?.message.contains("java, c, cpp") == true)
        let forced = try SourceFileReader().read(path: path, language: .java)
        #expect(forced.language == .java)
        #expect(forced.tokens.count == 10)
    }

    @Test func overrideBeatsTheExtension() throws {
        let folder = try LoaderTestFolder()
        let path = try folder.write("notes.txt", "if (a) { b(); }")
        #expect(try SourceFileReader().read(path: path).language == .text)
        #expect(try SourceFileReader().read(path: path, language: .c).tokens.count == 9)
    }

    @Test func aFileWithNoTokensIsEmpty() throws {
        let folder = try LoaderTestFolder()
        let path = try folder.write("blank.py", "# only a comment\n\n")
        let failure = error { _ = try SourceFileReader().read(path: path) }
        #expect(failure?.code == .empty)
        #expect(failure?.message.contains(path) == true)
    }

    @Test func aMissingFileOrAFolderIsUnreadable() throws {
        let folder = try LoaderTestFolder()
        #expect(error { _ = try SourceFileReader().read(path: folder.path + "/missing.c") }?.code == .unreadable)
        try FileManager.default.createDirectory(atPath: folder.path + "/dir.c", withIntermediateDirectories: true)
        #expect(error { _ = try SourceFileReader().read(path: folder.path + "/dir.c") }?.code == .unreadable)
    }

    @Test func uploadedBytesAreReadLikeFiles() throws {
        let file = try SourceFileReader().read(bytes: Array("fn main() {}".utf8), path: "upload.rs")
        #expect(file.language == .rust)
        #expect(file.byteCount == 12)
    }

    @Test(arguments: [("", 0), ("a", 1), ("a\n", 1), ("a\nb", 2), ("a\r\nb\r\n", 2), ("a\rb", 2), ("\n\n", 2)])
    func countsLines(_ text: String, _ expected: Int) {
        #expect(SourceText(path: "x", language: .text, text: text, byteCount: 0).lineCount == expected)
    }
}
