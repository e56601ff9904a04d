import CustosCases
import CustosCore
import CustosCredit
import CustosServer
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The public disclosure list, filled by case decisions: `GET /disclosure`, `GET /public/disclosure.json`,
/// `GET /public/disclosure.csv`, and the old addresses `/infringers` and `GET /api/v1/infringers`.
@Suite("Disclosure list")
struct DisclosurePagesTests {
    /// Files a complaint against `targets` and takes it to a decision by the market's reviewer.
    @discardableResult
    func decide(_ action: CaseAction, against targets: [ComplaintTarget], _ fixture: CaseFixture) async throws -> Case {
        let opened = try await fixture.file(fixture.draft(targets: targets))
        try await fixture.act(.verify, on: opened.id, as: "reviewer@market")
        try await fixture.act(.notifyRespondent, on: opened.id, as: "reviewer@market")
        return try await fixture.act(action, on: opened.id, as: "reviewer@market")
    }

    /// Two takedowns against S1 (a repeat infringer), one wilful takedown against S2, one plain takedown against S3.
    func listedFixture() async throws -> (CaseFixture, wilful: Case) {
        let fixture = try await CaseFixture()
        try await decide(.decide(.takedown), against: [.listing("L1")], fixture)
        try await decide(.decide(.takedown), against: [.listing("L1")], fixture)
        let wilful = try await decide(
            .decide(.takedown, wilful: true), against: [.seller("S2", platform: "market")], fixture)
        try await decide(.decide(.takedown), against: [.seller("S3", platform: "market")], fixture)
        return (fixture, wilful)
    }

    @Test("the JSON lists a repeat infringer and a wilful one, not a single plain infringement, without sign-in")
    func jsonListsRepeatAndWilfulInfringers() async throws {
        let (fixture, wilful) = try await listedFixture()
        defer { fixture.harness.remove() }
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/public/disclosure.json", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "application/json; charset=utf-8")
            #expect(response.headers[.cacheControl] == "public, max-age=300")
            let list = try DisclosureList.decode(json: Data(response.text.utf8))
            let byParty = Dictionary(uniqueKeysWithValues: list.entries.map { ($0.party, $0) })
            #expect(Set(byParty.keys) == ["S1", "S2"])
            let repeated = try #require(byParty["S1"])
            #expect(repeated.reasons == [.repeated])
            #expect(repeated.name == "Shady Shoes")
            #expect(repeated.basis.count == 2)
            #expect(repeated.basis.allSatisfy { $0.decidedBy == "market" && $0.kind == .infringement })
            let intentional = try #require(byParty["S2"])
            #expect(intentional.reasons == [.wilful])
            #expect(intentional.basis.map(\.caseReference) == [wilful.id.rawValue])
            #expect(intentional.basis.first?.kind == .wilfulInfringement)
            let decided = try #require(wilful.decidedAt)
            #expect(intentional.expiresOn == CalendarPeriod.years(3).added(to: decided))
            #expect(intentional.appeal.deadline == CalendarPeriod.days(60).added(to: decided))
            // The API's first address serves the same document.
            let old = try await client.execute(uri: "/api/v1/infringers", method: .get)
            #expect(old.status == .ok)
            #expect(try DisclosureList.decode(json: Data(old.text.utf8)).entries == list.entries)
        }
    }

    @Test("the page shows each entry's basis, deciding body, listing dates and appeal path to anyone")
    func pageShowsEntriesToAnyone() async throws {
        let (fixture, wilful) = try await listedFixture()
        defer { fixture.harness.remove() }
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/disclosure", method: .get)
            #expect(response.status == .ok)
            let html = response.text
            #expect(html.contains("<h1>Disclosure list</h1>"))
            #expect(html.contains(#"<a href="/disclosure" aria-current="page">Disclosure list</a>"#))
            #expect(html.contains("Shady Shoes") && html.contains("S2"))
            #expect(!html.contains(">S3<"))
            #expect(html.contains("<strong>\(wilful.id.rawValue)</strong> (wilful infringement), decided by"))
            #expect(html.contains("repeat infringer") && html.contains("wilful infringer"))
            #expect(html.contains("Expires") && html.contains("Listed since"))
            #expect(html.contains("Appeals are accepted until"))
            #expect(html.contains(#"href="/public/disclosure.csv""#))
            #expect(!html.contains("<script"))
            #expect(response.isProtectedHTML)
        }
    }

    @Test("the old page address redirects permanently to the disclosure list")
    func infringersRedirects() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/infringers", method: .get)
            #expect(response.status == .movedPermanently)
            #expect(response.location == "/disclosure")
            let empty = try await client.execute(uri: "/disclosure", method: .get)
            #expect(empty.text.contains("No one is listed."))
        }
    }

    @Test("a finding overturned by a restore takes the seller off the list")
    func overturnedFindingLeavesTheList() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        let decided = try await decide(
            .decide(.takedown, counterfeit: true), against: [.seller("S2", platform: "market")], fixture)
        try await fixture.application.test(.router) { client in
            let before = try await client.execute(uri: "/public/disclosure.json", method: .get)
            #expect(try DisclosureList.decode(json: Data(before.text.utf8)).entries.map(\.party) == ["S2"])
            try await fixture.act(
                .fileCounterNotice(summary: "Genuine goods."), on: decided.id, as: "reviewer@market")
            try await fixture.act(.decide(.restore), on: decided.id, as: "reviewer@market")
            let after = try await client.execute(uri: "/public/disclosure.json", method: .get)
            #expect(try DisclosureList.decode(json: Data(after.text.utf8)).entries.isEmpty)
            let page = try await client.execute(uri: "/disclosure", method: .get)
            #expect(!page.text.contains(decided.id.rawValue))
        }
    }

    @Test("the CSV is an attachment whose cells cannot run as spreadsheet formulas")
    func csvGuardsFormulaInjection() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        try await fixture.harness.store.listings.save(
            [
                Listing(
                    id: "L9", platform: "market", title: "ACMEX replica boots",
                    seller: .init(id: "S9", name: #"=HYPERLINK("http://evil.example")"#),
                    observedAt: CaseFixture.start)
            ], in: "acme")
        let decided = try await decide(.decide(.takedown, wilful: true), against: [.listing("L9")], fixture)
        try await fixture.application.test(.router) { client in
            let response = try await client.execute(uri: "/public/disclosure.csv", method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(response.headers[.contentDisposition] == #"attachment; filename="disclosure.csv""#)
            let lines = response.text.components(separatedBy: "\r\n")
            #expect(lines.first == DisclosureList.csvColumns.joined(separator: ","))
            #expect(lines.count == 3, "a header, one record and the final line break")
            #expect(lines[1].hasPrefix(#"S9,acme,"'=HYPERLINK(""http://evil.example"")","#))
            #expect(lines[1].contains(decided.id.rawValue))
            #expect(!lines[1].contains(",=HYPERLINK"))
        }
    }

    @Test("an unchanged list answers 304 to its entity tag, a changed one sends the new list")
    func entityTagRevalidates() async throws {
        let fixture = try await CaseFixture()
        defer { fixture.harness.remove() }
        try await fixture.application.test(.router) { client in
            let first = try await client.execute(uri: "/public/disclosure.json", method: .get)
            let tag = try #require(first.headers[.eTag])
            #expect(tag.hasPrefix("W/\""))
            fixture.clock.advance(by: .seconds(3600))
            let same = try await client.execute(
                uri: "/public/disclosure.json", method: .get, headers: [.ifNoneMatch: tag])
            #expect(same.status == .notModified)
            #expect(same.body.readableBytes == 0)
            let csv = try await client.execute(
                uri: "/public/disclosure.csv", method: .get, headers: [.ifNoneMatch: tag])
            #expect(csv.status == .ok, "each format has its own tag")
            try await decide(.decide(.takedown, wilful: true), against: [.listing("L1")], fixture)
            let changed = try await client.execute(
                uri: "/public/disclosure.json", method: .get, headers: [.ifNoneMatch: tag])
            #expect(changed.status == .ok)
            #expect(changed.headers[.eTag] != tag)
        }
    }

    @Test("the disclosure policy's threshold, window, listing period and appeal address are server settings")
    func policyIsConfigurable() throws {
        let configuration = try ServerConfiguration.resolve(
            file: nil, environment: ["CUSTOS_DISCLOSURE_REPEAT_THRESHOLD": "3"],
            flags: [
                "disclosure_repeat_window": "P18M", "disclosure_listing_period": "P5Y",
                "disclosure_appeal_url": "https://ipc.example.org/appeals",
            ])
        let policy = configuration.disclosurePolicy
        #expect(policy.repeatThreshold == 3)
        #expect(policy.repeatWindow == .months(18))
        #expect(policy.listingPeriod == .years(5))
        #expect(policy.appeal.url == "https://ipc.example.org/appeals")
        #expect(policy.listedKinds == DisclosurePolicy.standard.listedKinds)
        #expect(ServerConfiguration().disclosurePolicy == .standard)
        for (key, value) in [("disclosure_repeat_window", "two years"), ("disclosure_repeat_threshold", "0")] {
            #expect(throws: APIError.self, "\(key)=\(value)") {
                try ServerConfiguration.resolve(file: nil, environment: [:], flags: [key: value])
            }
        }
    }
}
