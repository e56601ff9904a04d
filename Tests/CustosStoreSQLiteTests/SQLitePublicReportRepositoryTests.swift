import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLitePublicReportRepositoryTests {
    private let start = Date(timeIntervalSince1970: 1_714_555_800)

    private func report(_ id: PublicReport.ID, minutes: Int, status: PublicReport.Status = .new) -> PublicReport {
        PublicReport(
            id: id, brand: "NIKE", location: "https://shop.example/item/\(id.rawValue)", details: "Fake trainers",
            contact: minutes.isMultiple(of: 2) ? "reporter@example.com" : nil, status: status,
            createdAt: start.addingTimeInterval(TimeInterval(minutes * 60)))
    }

    private func storeWithReports() async throws -> SQLiteStore {
        // Reports need no organisation: a bare store takes them.
        let store = try SQLiteStore.inMemory()
        try await store.reports.add(report("r1", minutes: 1))
        try await store.reports.add(report("r2", minutes: 2, status: .triaged))
        try await store.reports.add(report("r3", minutes: 3))
        try await store.reports.add(report("r4", minutes: 4, status: .rejected))
        try await store.reports.add(report("r5", minutes: 5))
        return store
    }

    @Test func addedReportRoundTrips() async throws {
        let store = try await storeWithReports()
        #expect(try await store.reports.report("r2") == report("r2", minutes: 2, status: .triaged))
        #expect(try await store.reports.report("r1")?.contact == nil)
        #expect(try await store.reports.report("missing") == nil)
    }

    @Test func reportsAreListedNewestFirstByStatus() async throws {
        let store = try await storeWithReports()
        #expect(
            try await store.reports.reports(status: nil, limit: 10, offset: 0).map(\.id) == [
                "r5", "r4", "r3", "r2", "r1",
            ])
        #expect(try await store.reports.reports(status: .new, limit: 10, offset: 0).map(\.id) == ["r5", "r3", "r1"])
        #expect(try await store.reports.reports(status: .rejected, limit: 10, offset: 0).map(\.id) == ["r4"])
    }

    @Test func reportsArePaged() async throws {
        let store = try await storeWithReports()
        #expect(try await store.reports.reports(status: nil, limit: 2, offset: 0).map(\.id) == ["r5", "r4"])
        #expect(try await store.reports.reports(status: nil, limit: 2, offset: 2).map(\.id) == ["r3", "r2"])
        #expect(try await store.reports.reports(status: nil, limit: 2, offset: 4).map(\.id) == ["r1"])
        #expect(try await store.reports.reports(status: .new, limit: 1, offset: 1).map(\.id) == ["r3"])
        #expect(try await store.reports.reports(status: nil, limit: 0, offset: 0).isEmpty)
    }

    @Test func reportsAreCountedByStatus() async throws {
        let store = try await storeWithReports()
        #expect(try await store.reports.countReports(status: nil) == 5)
        #expect(try await store.reports.countReports(status: .new) == 3)
        #expect(try await store.reports.countReports(status: .triaged) == 1)
        #expect(try await store.reports.countReports(status: .rejected) == 1)
    }

    @Test func setStatusMovesAReport() async throws {
        let store = try await storeWithReports()
        let moved = try #require(try await store.reports.setStatus(.triaged, of: "r1"))
        #expect(moved == report("r1", minutes: 1, status: .triaged))
        #expect(try await store.reports.countReports(status: .new) == 2)
        #expect(try await store.reports.countReports(status: .triaged) == 2)
        #expect(try await store.reports.setStatus(.rejected, of: "missing") == nil)
    }

    @Test func aDuplicateIdIsAConstraintError() async throws {
        let store = try await storeWithReports()
        let error = try await #require(throws: StoreError.self) {
            try await store.reports.add(report("r1", minutes: 9))
        }
        #expect(error.code == .constraint)
    }
}
