import Foundation
import Testing

@testable import CustosCopy

@Suite struct SubmissionLoaderTests {
    private let program = "int add(int a, int b) {\n    return a + b;\n}\n"

    @Test func walksAFolderInSortedOrderWithRelativePaths() throws {
        let folder = try LoaderTestFolder()
        try folder.write("src/b.c", program)
        try folder.write("src/a.c", program)
        try folder.write("main.c", program)
        try folder.write("lib/util/z.h", program)
        let (document, problems) = SubmissionLoader().load(path: folder.path)
        let loaded = try #require(document)
        #expect(problems.isEmpty)
        #expect(loaded.files.map(\.path) == ["lib/util/z.h", "main.c", "src/a.c", "src/b.c"])
        #expect(loaded.name == folder.path)
        #expect(loaded.files.allSatisfy { $0.lineCount == 3 })
        #expect(loaded.files[1].tokens == 15..<30)
        #expect(loaded.parameters == .code)
    }

    @Test func skipsHiddenEntriesAndDependencyFolders() throws {
        let folder = try LoaderTestFolder()
        try folder.write("app.js", "let a = 1")
        for skipped in [
            ".git/hook.js", ".hidden.js", "node_modules/x/index.js", "vendor/v.js", "build/b.js",
            "target/t.js", ".build/c.js", "__pycache__/p.js",
        ] {
            try folder.write(skipped, "let b = 2")
        }
        let (document, problems) = SubmissionLoader().load(path: folder.path)
        #expect(try #require(document).files.map(\.path) == ["app.js"])
        #expect(problems.isEmpty)
    }

    @Test func reportsBadFilesAndGoesOn() throws {
        let folder = try LoaderTestFolder()
        try folder.write("a.c", program)
        try folder.write("b.c", [0x00, 0x01, 0x02])
        try folder.write("c.py", [0x78, 0x3D, 0xFF])
        try folder.write("d.go", String(repeating: "x ", count: 100))
        try folder.write("e.png", [0x89, 0x50, 0x00])
        try folder.write("f.md", "Some notes.")
        try folder.write("g/__init__.py", "")
        let limits = SourceFileLimits(maxFileBytes: 150)
        let (document, problems) = SubmissionLoader().load(path: folder.path, limits: limits)
        #expect(try #require(document).files.map(\.path) == ["a.c", "f.md"])
        #expect(problems.map(\.path) == ["b.c", "c.py", "d.go"])
        #expect(problems.map(\.error.code) == [.binary, .invalidEncoding, .tooLarge])
    }

    @Test func aForcedLanguageReadsUnknownExtensions() throws {
        let folder = try LoaderTestFolder()
        try folder.write("Main.kt", "fun main() { println(1) }")
        try folder.write("README", "notes")
        let (document, problems) = SubmissionLoader().load(path: folder.path, language: .java)
        let loaded = try #require(document)
        #expect(loaded.files.map(\.path) == ["Main.kt", "README"])
        #expect(loaded.files.allSatisfy { $0.language == .java })
        #expect(problems.isEmpty)
    }

    @Test func anEmptySubmissionHasNoDocumentAndAnEmptyProblem() throws {
        let folder = try LoaderTestFolder()
        try folder.write("blank.py", "# nothing\n")
        try folder.write("image.bin", [0, 1, 2])
        let (document, problems) = SubmissionLoader().load(path: folder.path)
        #expect(document == nil)
        #expect(problems.map(\.error.code) == [.empty])
        #expect(problems.first?.path == folder.path)
    }

    @Test func aSingleFileKeepsItsPathAndItsLanguageDefaults() throws {
        let folder = try LoaderTestFolder()
        let path = try folder.write("essay.txt", "It was the best of times, it was the worst of times.")
        let (document, problems) = SubmissionLoader().load(path: path)
        let loaded = try #require(document)
        #expect(problems.isEmpty)
        #expect(loaded.files.map(\.path) == [path])
        #expect(loaded.parameters == .text)
        #expect(loaded.tokenCount == 12)
    }

    @Test func aMissingPathIsAProblem() {
        let (document, problems) = SubmissionLoader().load(path: "/nonexistent/custos/\(UUID().uuidString)")
        #expect(document == nil)
        #expect(problems.map(\.error.code) == [.unreadable])
    }

    @Test func explicitParametersAndMixedFoldersUseCodeDefaults() throws {
        let folder = try LoaderTestFolder()
        try folder.write("a.md", "Read me first, please.")
        try folder.write("b.py", "x = 1\n")
        #expect(SubmissionLoader().load(path: folder.path).document?.parameters == .code)
        let custom = try WinnowingParameters(k: 3, window: 2)
        #expect(SubmissionLoader().load(path: folder.path, parameters: custom).document?.parameters == custom)
    }

    @Test func symbolicLinksDoNotLeaveTheSubmission() throws {
        let outside = try LoaderTestFolder()
        let secret = try outside.write("secret.c", program)
        let folder = try LoaderTestFolder()
        try folder.write("a.c", program)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/inside.c", withDestinationPath: "a.c")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/leak.c", withDestinationPath: secret)
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/loop", withDestinationPath: folder.path)
        let (document, problems) = SubmissionLoader().load(path: folder.path)
        #expect(try #require(document).files.map(\.path) == ["a.c", "inside.c"])
        #expect(problems.map(\.path) == ["leak.c"])
    }

    @Test func tooManyFilesStopsWithAProblem() throws {
        let folder = try LoaderTestFolder()
        for name in ["a.c", "b.c", "c.c"] { try folder.write(name, program) }
        let limits = SourceFileLimits(maxFilesPerSubmission: 2)
        let (document, problems) = SubmissionLoader().load(path: folder.path, limits: limits)
        #expect(try #require(document).files.count == 2)
        #expect(problems.map(\.error.code) == [.tooLarge])
    }
}
