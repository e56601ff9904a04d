import CustosCases
import CustosCore
import CustosLedger
import CustosServer
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Testing

@testable import custos

/// `custos complaint file` and `custos case …`, run as a user runs them: the built executable over a data
/// directory with a rights holder (Acme), a platform (the market) and another rights holder (Globex).
@Suite struct CaseCLITests {

    /// A data directory with Acme's right TM-ACME-1 (class 25), its listing L1 and one evidence entry.
    struct Fixture {
        var data: URL
        var evidence: String

        init(in directory: URL) async throws {
            data = directory.appendingPathComponent("data")
            let store = try SQLiteStore.open(dataDirectory: data)
            let accounts = AccountService(store: store, hasher: PasswordHasher(logN: 10, blockSize: 8, parallelism: 1))
            for (id, name, kind) in [
                ("acme", "Acme Brands", Organisation.Kind.rightsHolder), ("globex", "Globex", .rightsHolder),
                ("market", "Market Place", .platform),
            ] {
                _ = try await accounts.addOrganisation(id: Organisation.ID(id), name: name, kind: kind)
            }
            for (login, organisation, role) in [
                ("owner@acme", "acme", Role.owner), ("owner@globex", "globex", .owner),
                ("reviewer@market", "market", .reviewer),
            ] {
                _ = try await accounts.addUser(
                    organisation: Organisation.ID(organisation), login: login, role: role, password: "long password 1")
            }
            let clothing = try #require(NiceClass(25))
            _ = try await store.rights.upsert([
                Right(
                    id: "TM-ACME-1", organisation: "acme", kind: .trademark, name: "ACMEX", classes: [clothing],
                    owner: "Acme Brands", jurisdiction: "CN", status: .registered)
            ])
            try await store.listings.save(
                [
                    Listing(
                        id: "L1", platform: "market", title: "ACMEX replica shoes",
                        seller: .init(id: "S1", name: "Shady Shoes"), observedAt: Date())
                ], in: "acme")
            let vault = try EvidenceVault(dataDirectory: data)
            defer { vault.log.close() }
            let file = directory.appendingPathComponent("shot.txt")
            try Data("screenshot of L1".utf8).write(to: file)
            let receipts = try await vault.deposit([
                EvidenceVault.Deposit(file: file, depositor: .init(organisation: "acme", user: "owner@acme"))
            ])
            evidence = "E\(try #require(receipts.first).leafIndex)"
        }
    }

    func custos(_ arguments: [String], data: URL) throws -> CustosRun {
        try CustosRun.run(arguments + ["--data", data.path], removing: ["CUSTOS_USER"])
    }

    /// Files Acme's complaint against L1 with the market as handler and returns the case id.
    func file(_ fixture: Fixture) throws -> String {
        let run = try custos(
            [
                "complaint", "file", "--as", "owner@acme", "--right", "TM-ACME-1", "--listing", "L1", "--evidence",
                fixture.evidence, "--good-faith", "We state in good faith that L1 sells counterfeits of ACMEX.",
                "--class", "25", "--handler", "market", "--json",
            ], data: fixture.data)
        #expect(run.status == 0, "\(run.errors)")
        let detail = try #require(run.json["case"] as? [String: Any])
        return try #require((detail["case"] as? [String: Any])?["id"] as? String)
    }

    @Test func filesAComplaintAndRunsTheCaseToATakedownWithTheLedgerRecordingEveryEvent() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        try await withTemporaryDirectory { directory in
            let fixture = try await Fixture(in: directory)
            let id = try file(fixture)
            #expect(id.hasPrefix("C-"))

            let list = try custos(["case", "list", "--as", "reviewer@market"], data: fixture.data)
            #expect(list.status == 0, "\(list.errors)")
            #expect(list.text.hasPrefix("CASE"))
            #expect(list.text.contains(id) && list.text.contains("received"))

            let queue = try custos(["case", "queue", "--as", "reviewer@market", "--json"], data: fixture.data)
            #expect(queue.status == 0, "\(queue.errors)")
            #expect((queue.json["items"] as? [[String: Any]])?.map { $0["case"] as? String } == [id])

            for arguments in [
                ["verify", "--note", "Mark checked."], ["notify_respondent"],
                ["decide", "--outcome", "takedown", "--wilful", "--counterfeit"],
            ] {
                let run = try custos(
                    ["case", "act", id] + arguments + ["--as", "reviewer@market"], data: fixture.data)
                #expect(run.status == 0, "\(arguments): \(run.errors)")
            }
            let show = try custos(["case", "show", id, "--events", "--as", "owner@acme", "--json"], data: fixture.data)
            #expect(show.status == 0, "\(show.errors)")
            let detail = try #require(show.json["case"] as? [String: Any])
            let subject = try #require(detail["case"] as? [String: Any])
            #expect(subject["state"] as? String == "decided")
            #expect(subject["outcome"] as? String == "takedown")
            let events = try #require(show.json["events"] as? [[String: Any]])
            #expect(events.count == 4)
            #expect(events.allSatisfy { ($0["ledger_entry"] as? String)?.hasPrefix("E") == true })
            let decision = try #require((events.last?["event"] as? [String: Any])?["action"] as? [String: Any])
            #expect(decision["wilful"] as? Bool == true)
            #expect(decision["counterfeit"] as? Bool == true)

            let text = try custos(["case", "show", id, "--events", "--as", "owner@acme"], data: fixture.data)
            #expect(text.text.contains("state:        decided (takedown)"))
            #expect(text.text.contains("4. "))

            // The takedown recorded a finding against the listing's seller, as the server does.
            let store = try SQLiteStore.open(dataDirectory: fixture.data)
            #expect(try await store.findings.findings(of: "S1", in: "acme").count == 1)
        }
    }

    @Test func refusalsPrintTheServiceMessageAndExitNonZero() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        try await withTemporaryDirectory { directory in
            let fixture = try await Fixture(in: directory)
            // Every problem of an invalid complaint, at once; nothing is filed.
            let invalid = try custos(
                [
                    "complaint", "file", "--as", "owner@acme", "--right", "TM-NOPE", "--url", "not a url",
                    "--handler", "globex",
                ], data: fixture.data)
            #expect(invalid.status == 1)
            #expect(invalid.errors.contains("problems; nothing was filed"))
            for path in ["rights[0]", "targets[0].url", "evidence", "goodFaithStatement", "handler"] {
                #expect(invalid.errors.contains("- \(path):"), "\(path) missing from \(invalid.errors)")
            }
            let id = try file(fixture)
            // The rights holder may not verify; the other tenant cannot see the case at all.
            let verify = try custos(["case", "act", id, "verify", "--as", "owner@acme"], data: fixture.data)
            #expect(verify.status == 1)
            #expect(verify.errors.contains("(forbidden)"), "\(verify.errors)")
            for arguments in [["case", "show", id], ["case", "act", id, "withdraw", "--reason", "mine"]] {
                let run = try custos(arguments + ["--as", "owner@globex"], data: fixture.data)
                #expect(run.status == 1)
                #expect(run.errors.contains("(not_found)"), "\(run.errors)")
            }
            let list = try custos(["case", "list", "--as", "owner@globex", "--json"], data: fixture.data)
            #expect(list.json["total"] as? Int == 0)
            // Deciding before the respondent is notified is out of order.
            let early = try custos(
                ["case", "act", id, "decide", "--outcome", "takedown", "--as", "reviewer@market"], data: fixture.data)
            #expect(early.status == 1)
            #expect(early.errors.contains("(conflict)"), "\(early.errors)")
            // The queue needs cases:handle; an unknown user and a missing --as are named.
            let queue = try custos(["case", "queue", "--as", "owner@acme"], data: fixture.data)
            #expect(queue.status == 1)
            #expect(queue.errors.contains("may not"))
            let stranger = try custos(["case", "list", "--as", "nobody@nowhere"], data: fixture.data)
            #expect(stranger.status == 1)
            #expect(stranger.errors.contains("no user signs in as \"nobody@nowhere\""))
            let anonymous = try custos(["case", "list"], data: fixture.data)
            #expect(anonymous.status == 1)
            #expect(anonymous.errors.contains("--as LOGIN"))
        }
    }

    @Test func fileTakesTheAPIBody() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: EvidenceDurabilityTests.executable.path))
        try await withTemporaryDirectory { directory in
            let fixture = try await Fixture(in: directory)
            let body = directory.appendingPathComponent("complaint.json")
            try Data(
                (#"{"rights":["TM-ACME-1"],"targets":[{"kind":"seller","seller":"S1","platform":"market"}],"#
                    + #""evidence":["\#(fixture.evidence)"],"good_faith_statement":"We state in good faith that "#
                    + #"S1 sells counterfeits.","handler":"market"}"#).utf8
            ).write(to: body)
            let run = try custos(
                ["complaint", "file", "--as", "owner@acme", "--file", body.path], data: fixture.data)
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.text.contains("Filed case C-"))
            let both = try custos(
                ["complaint", "file", "--as", "owner@acme", "--file", body.path, "--right", "TM-ACME-1"],
                data: fixture.data)
            #expect(both.status != 0)
            #expect(both.errors.contains("--file holds the whole complaint"))
        }
    }

    @Test func actionOptionsAreCheckedBeforeTheStoreIsOpened() throws {
        #expect(throws: (any Error).self) { try CaseActCommand.parse(["C-1", "decide", "--as", "x"]) }
        #expect(throws: (any Error).self) { try CaseActCommand.parse(["C-1", "verify", "--outcome", "takedown"]) }
        #expect(throws: (any Error).self) { try CaseActCommand.parse(["C-1", "reject", "--wilful", "--reason", "r"]) }
        #expect(throws: (any Error).self) { try CaseActCommand.parse(["C-1", "open"]) }
        #expect(throws: (any Error).self) { try CaseActCommand.parse(["C-1", "explode"]) }
        let decide = try CaseActCommand.parse([
            "C-1", "decide", "--outcome", "dismissed", "--malicious-complaint", "--note", "n",
        ])
        #expect(try decide.action() == .decide(.dismissed, maliciousComplaint: true))
        let transfer = try CaseActCommand.parse(["C-1", "transfer", "--to", "ipc", "--region", "CN-SH"])
        #expect(try transfer.action() == .transfer(to: "ipc", region: "CN-SH"))
        let seller = try ComplaintFileCommand.parse(["--seller", "S9", "--seller", "S8@shop", "--handler", "market"])
        #expect(try seller.draft().targets == [.seller("S9", platform: "market"), .seller("S8", platform: "shop")])
        #expect(throws: (any Error).self) { try ComplaintFileCommand.parse(["--class", "46"]) }
    }
}
