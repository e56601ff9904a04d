import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Testing

/// The behaviour every `CustosStore` must have, checked through the protocol alone (today against the SQLite
/// store from `makeStore()`; the PostgreSQL store will run the same checks).
@Suite struct CustosStoreContractTests {
    private func store() async throws -> any CustosStore { try await makeStore() }

    private func right(_ id: String, classes: [Int] = [25]) -> Right {
        Right(
            id: Right.ID(id), kind: .trademark, name: "MARK \(id)", classes: classes.compactMap(NiceClass.init),
            owner: "Owner", jurisdiction: "DE", status: .registered)
    }

    @Test func upsertNeverDuplicatesAnId() async throws {
        let store = try await store()
        #expect(try await store.rights.upsert([right("a"), right("b")]) == RightsWriteSummary(inserted: 2))
        #expect(try await store.rights.upsert([right("a", classes: [9])]) == RightsWriteSummary(updated: 1))
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == 2)
        #expect(try await store.rights.right("a", in: Organisation.defaultID)?.classes.map(\.number) == [9])
    }

    @Test func importTransactionIsAllOrNothing() async throws {
        struct Stop: Error {}
        let store = try await store()
        let batch = [right("a"), right("b")]
        await #expect(throws: Stop.self) {
            try await store.rights.withImportTransaction { writer in
                _ = try writer.write(batch)
                throw Stop()
            }
        }
        #expect(try await store.rights.countRights(in: Organisation.defaultID) == 0)
    }

    @Test func theDefaultOrganisationIsSavedByTheTestStore() async throws {
        let store = try await store()
        #expect(try await store.organisations.organisation(Organisation.defaultID)?.name == "Default organisation")
    }

    @Test func storeErrorsDescribeThemselvesWithTheSafeMessage() {
        let error = StoreError(.constraint, "Cannot write rights.", underlying: "SQLITE_CONSTRAINT_CHECK")
        #expect(error.description == "Cannot write rights.")
        #expect(error.code.description == "constraint violated")
    }
}
