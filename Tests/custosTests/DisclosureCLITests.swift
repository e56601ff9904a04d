import CustosCore
import CustosCredit
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Testing

/// `custos disclosure export`, run as a user runs it: the built executable over a data directory with findings.
@Suite struct DisclosureCLITests {
    /// 2026-03-01T10:00:00Z.
    static let decided = Date(timeIntervalSince1970: 1_772_359_200)

    /// A data directory where seller S1 has two infringement findings (a repeat infringer), S2 one wilful
    /// finding, and S3 one plain finding (not listed).
    static func makeData(in directory: URL) async throws -> URL {
        let data = directory.appendingPathComponent("data")
        let store = try SQLiteStore.open(dataDirectory: data)
        try await store.organisations.save(Organisation(id: "acme", name: "Acme Brands"))
        try await store.organisations.save(Organisation(id: "market", name: "Market Place"))
        try await store.parties.save([
            Party(id: "S1", organisation: "acme", role: .seller, name: "Shady Shoes", platform: "market"),
            Party(id: "S2", organisation: "acme", role: .seller, name: "=SUM(A1:A9)", platform: "market"),
            Party(id: "S3", organisation: "acme", role: .seller, name: "Once Only", platform: "market"),
        ])
        func finding(_ id: String, _ party: Party.ID, _ kind: Finding.Kind, days: Double) -> Finding {
            Finding(
                id: Finding.ID(id), party: party, organisation: "acme", kind: kind,
                basis: .init(caseReference: id, summary: "Upheld with a takedown."), decidedBy: "market",
                decidedAt: decided.addingTimeInterval(days * 86_400))
        }
        try await store.findings.save([
            finding("C-1", "S1", .infringement, days: 0), finding("C-2", "S1", .infringement, days: 10),
            finding("C-3", "S2", .wilfulInfringement, days: 5), finding("C-4", "S3", .infringement, days: 1),
        ])
        return data
    }

    func custos(_ arguments: [String]) throws -> CustosRun {
        try CustosRun.run(arguments)
    }

    @Test func exportsTheListAsJSONOnStandardOutput() async throws {
        try await withTemporaryDirectory { directory in
            let data = try await Self.makeData(in: directory)
            let run = try custos(["disclosure", "export", "--data", data.path, "--as-of", "2026-04-01T00:00:00Z"])
            #expect(run.status == 0, "\(run.errors)")
            let list = try DisclosureList.decode(json: run.output)
            #expect(list.entries.map(\.party) == ["S1", "S2"])
            #expect(list.entries.first?.reasons == [.repeated])
            #expect(list.entries.last?.reasons == [.wilful])
            #expect(list.generatedAt == Date(timeIntervalSince1970: 1_775_001_600))
            // Before the second finding, S1 is not yet a repeat infringer.
            let early = try custos(["disclosure", "export", "--data", data.path, "--as-of", "2026-03-07"])
            #expect(try DisclosureList.decode(json: early.output).entries.map(\.party) == ["S2"])
        }
    }

    @Test func followsTheServersDisclosureSettings() async throws {
        try await withTemporaryDirectory { directory in
            let data = try await Self.makeData(in: directory)
            let asOf = ["--data", data.path, "--as-of", "2026-04-01T00:00:00Z"]
            // Three findings make a repeat infringer here: S1's two no longer list it.
            let set = try custos(["disclosure", "export", "--set", "disclosure_repeat_threshold=3"] + asOf)
            #expect(set.status == 0, "\(set.errors)")
            #expect(try DisclosureList.decode(json: set.output).entries.map(\.party) == ["S2"])
            let file = directory.appendingPathComponent("custos.json")
            try Data(#"{"disclosure_repeat_threshold": 3}"#.utf8).write(to: file)
            let configured = try custos(["disclosure", "export", "--config", file.path] + asOf)
            #expect(configured.status == 0, "\(configured.errors)")
            #expect(try DisclosureList.decode(json: configured.output).entries.map(\.party) == ["S2"])
            let bad = try custos(["disclosure", "export", "--set", "disclosure_repeat_threshold=0"] + asOf)
            #expect(bad.status != 0)
            #expect(bad.errors.contains("disclosure_repeat_threshold"))
            #expect(bad.output.isEmpty)
        }
    }

    @Test func writesTheCSVToAFileWithFormulasDisarmed() async throws {
        try await withTemporaryDirectory { directory in
            let data = try await Self.makeData(in: directory)
            let file = directory.appendingPathComponent("list.csv")
            let run = try custos([
                "disclosure", "export", "--format", "csv", "-o", file.path, "--data", data.path, "--as-of",
                "2026-04-01T00:00:00Z",
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.output.isEmpty)
            let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\r\n")
            #expect(lines.first == DisclosureList.csvColumns.joined(separator: ","))
            #expect(lines.count == 4)
            #expect(lines[1].hasPrefix("S1,acme,Shady Shoes,"))
            #expect(lines[2].hasPrefix("S2,acme,'=SUM(A1:A9),"))
        }
    }

    @Test func refusesAnUnknownFormatOrAMissingDataDirectory() async throws {
        try await withTemporaryDirectory { directory in
            let format = try custos(["disclosure", "export", "--format", "xml", "--data", directory.path])
            #expect(format.status != 0)
            #expect(format.errors.contains("xml"))
            let missing = try custos(["disclosure", "export", "--data", directory.appendingPathComponent("nope").path])
            #expect(missing.status == 1)
            #expect(missing.errors.contains("no Custos data"))
        }
    }
}
