import CustosCore
import CustosCredit
import CustosStore
import CustosTestSupport
import Foundation
import Synchronization
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteSellerIdentifierRepositoryTests {
    private let logoHash = String(repeating: "a5", count: 32)

    private func seller(_ id: Party.ID, email: String, phone: String = "+86 138 0013 8000") -> SellerIdentifiers {
        SellerIdentifiers(
            seller: id, emails: [email], phones: [phone], paymentAccounts: ["6222 0000 1111 2222"],
            addresses: ["12 Market St, Yiwu"], shopImageHashes: [logoHash])
    }

    @Test func upsertStoresAndReplacesEachSellersLists() async throws {
        let store = try await makeStore()
        let first = seller("s1", email: "Alice@Example.com")
        try await store.sellerIdentifiers.upsert(
            [first, seller("s2", email: "bob@example.com")], in: Organisation.defaultID)
        #expect(try await store.sellerIdentifiers.identifiers(of: "s1", in: Organisation.defaultID) == first)

        // An upsert replaces the lists (the stored record is what the marketplace knows now), it does not merge.
        let changed = SellerIdentifiers(seller: "s1", emails: ["alice@new.example"])
        try await store.sellerIdentifiers.upsert([changed], in: Organisation.defaultID)
        #expect(try await store.sellerIdentifiers.identifiers(of: "s1", in: Organisation.defaultID) == changed)
        #expect(try await store.sellerIdentifiers.countSellers(in: Organisation.defaultID) == 2)
    }

    @Test func tenantsKeepTheirOwnSellers() async throws {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "b", name: "Bee Market", kind: .platform))
        try await store.sellerIdentifiers.upsert([seller("s1", email: "a@example.com")], in: Organisation.defaultID)
        try await store.sellerIdentifiers.upsert([seller("s1", email: "b@example.com")], in: "b")
        #expect(try await store.sellerIdentifiers.identifiers(of: "s1", in: "b")?.emails == ["b@example.com"])
        #expect(
            try await store.sellerIdentifiers.identifiers(of: "s1", in: Organisation.defaultID)?.emails == [
                "a@example.com"
            ])
        #expect(try await store.sellerIdentifiers.delete("s1", in: "b"))
        #expect(try await store.sellerIdentifiers.identifiers(of: "s1", in: "b") == nil)
        #expect(try await store.sellerIdentifiers.identifiers(of: "s1", in: Organisation.defaultID) != nil)
        #expect(try await store.sellerIdentifiers.delete("s1", in: "b") == false)
    }

    @Test func writesForAnUnknownOrganisationOrABlankSellerAreRefusedWhole() async throws {
        let store = try await makeStore()
        let unknown = try await #require(throws: StoreError.self) {
            try await store.sellerIdentifiers.upsert([seller("s1", email: "a@example.com")], in: "nobody")
        }
        #expect(unknown.code == .constraint)
        let blank = try await #require(throws: StoreError.self) {
            try await store.sellerIdentifiers.upsert(
                [seller("s1", email: "a@example.com"), seller(" ", email: "b@example.com")], in: Organisation.defaultID)
        }
        #expect(blank.code == .constraint)
        #expect(try await store.sellerIdentifiers.countSellers(in: Organisation.defaultID) == 0)
    }

    @Test func streamedSellersBuildTheNetworkIndex() async throws {
        let store = try await makeStore()
        var sellers: [SellerIdentifiers] = []
        for index in 0..<9 {
            // Sellers 0, 3 and 6 share a phone; the others each have their own.
            let phone = index.isMultiple(of: 3) ? "+86 138 0013 8000" : "+86 139 0000 000\(index)"
            sellers.append(
                SellerIdentifiers(
                    seller: Party.ID("s\(index)"), emails: ["seller\(index)@example.com"], phones: [phone]))
        }
        try await store.sellerIdentifiers.upsert(sellers.reversed(), in: Organisation.defaultID)

        let batches = Mutex<[[SellerIdentifiers]]>([])
        try await store.sellerIdentifiers.forEachSeller(in: Organisation.defaultID, batchSize: 4) { batch in
            batches.withLock { $0.append(batch) }
        }
        let streamed = batches.withLock { $0 }
        #expect(streamed.map(\.count) == [4, 4, 1])
        #expect(streamed.flatMap { $0 } == sellers)

        let index = try SellerNetworkIndex(streamed.flatMap { $0 })
        #expect(Set(index.members(ofNetworkContaining: "s3")) == ["s0", "s3", "s6"])
        #expect(!index.areLinked("s1", "s2"))
    }
}
