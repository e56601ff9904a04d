import ArgumentParser
import Foundation
import Testing

@testable import custos

/// `custos damages`, run as a user runs it: the built executable, its exit status, its JSON and its messages.
@Suite struct DamagesCLITests {

    func custos(_ arguments: [String]) throws -> CustosRun {
        try CustosRun.run(["damages"] + arguments)
    }

    static let example = [
        "--jurisdiction", "CN", "--right", "trademark", "--actual-loss", "120000", "--wilful", "--serious",
        "--punitive", "3", "--costs", "20000",
    ]

    @Test func jsonPrintsOneObjectWithAmountRangeCurrencyStepsAndCitations() throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        let run = try custos(Self.example + ["--json"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.errors.isEmpty)
        #expect(run.text.filter { $0 == "\n" }.count == 1, "one line of JSON and nothing else")
        let object = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])
        #expect(object["amount"] as? Int == 380_000)
        #expect(object["range"] is NSNull)
        #expect(object["currency"] as? String == "CNY")
        #expect(object["rule"] as? String == "CN-trademark")
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["amount"] as? Int } == [120_000, 360_000, 380_000])
        for step in steps {
            #expect(step["title"] is String && step["explanation"] is String && step["formula"] is String)
            #expect((step["citations"] as? [Any])?.isEmpty == false)
        }
        let citations = try #require(object["citations"] as? [[String: Any]])
        #expect(citations.contains { ($0["reference"] as? String)?.contains("Art. 63") == true })
    }

    @Test func jsonShowsTheRangeWhenTheLawLeavesTheAmountToTheCourt() throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        let run = try custos(["--jurisdiction", "US", "--right", "copyright", "--works", "3", "--wilful", "--json"])
        #expect(run.status == 0, "\(run.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: run.output) as? [String: Any])
        let range = try #require(object["range"] as? [String: Any])
        #expect(range["low"] as? Int == 2_250)
        #expect(range["high"] as? Int == 450_000)
        #expect(object["amount"] as? Int == 2_250)
    }

    @Test func humanOutputNumbersTheStepsAndCitesTheLaw() throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        let run = try custos(Self.example)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.text.contains("1. Right holder's actual loss"))
        #expect(run.text.contains("2. Punitive damages"))
        #expect(run.text.contains("Formula: 120,000 CNY × 3 = 360,000 CNY"))
        #expect(run.text.contains("Cites Trademark Law of the PRC (2019), Art. 63 para. 1"))
        #expect(run.text.contains("Result: 380,000 CNY"))
    }

    @Test(arguments: [
        (["--punitive", "7"], "--punitive"),
        (["--actual-loss", "12abc"], "--actual-loss"),
        (["--costs", "1e3"], "--costs"),
    ])
    func aBadValueExitsNonZeroNamingTheFlag(change: [String], flag: String) throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        let run = try custos(Self.example + change + ["--json"])
        #expect(run.status == ExitCode.validationFailure.rawValue)
        #expect(run.output.isEmpty, "nothing on stdout in --json mode when the input is refused")
        #expect(run.errors.contains(flag))
    }

    @Test func engineRefusalsNameTheFlag() throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        let unknown = try custos(["--jurisdiction", "XX", "--right", "trademark"])
        #expect(unknown.status == ExitCode.validationFailure.rawValue)
        #expect(unknown.errors.contains("--jurisdiction"))

        let european = try custos([
            "--jurisdiction", "EU", "--right", "trademark", "--actual-loss", "1000", "--wilful", "--punitive", "2",
        ])
        #expect(european.status == ExitCode.validationFailure.rawValue)
        #expect(european.errors.contains("--punitive"))
        #expect(european.errors.contains("Recital 26"))

        let badRight = try custos(["--jurisdiction", "CN", "--right", "recipe"])
        #expect(badRight.status != 0)
        #expect(badRight.errors.contains("--right"))
    }

    @Test func aMalformedRulesFileExitsWithTheEntryNamed() throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("custos-rules-\(UUID()).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let table = """
            {"version": 1, "entries": [{"id": "XX-trademark", "jurisdiction": "XX", "jurisdiction_name": "X",
             "rights": ["trademark"], "law": "X Act", "effective_from": "2020-01-01", "currency": "XXX",
             "methods": [], "costs": {"title": "c", "explanation": "c", "citations": []}}]}
            """
        try Data(table.utf8).write(to: file)
        let run = try custos(["--jurisdiction", "XX", "--right", "trademark", "--rules", file.path, "--json"])
        #expect(run.status == ExitCode.failure.rawValue)
        #expect(run.output.isEmpty)
        #expect(run.errors.contains("--rules"))
        #expect(run.errors.contains("entry \"XX-trademark\""))
    }

    @Test func parsingRefusesMalformedAmountsBeforeRunning() {
        #expect(throws: (any Error).self) {
            try DamagesCommand.parse(["--jurisdiction", "CN", "--right", "trademark", "--licence-fee", "ten"])
        }
        #expect(throws: (any Error).self) { try DamagesCommand.parse(["--right", "trademark"]) }
        #expect(throws: Never.self) {
            try DamagesCommand.parse(["--jurisdiction", "CN", "--right", "trademark", "--actual-loss", "1,200.50"])
        }
    }
}
