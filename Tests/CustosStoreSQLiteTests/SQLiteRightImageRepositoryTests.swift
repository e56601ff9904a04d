import CustosCore
import CustosStore
import CustosTestSupport
import Foundation
import Synchronization
import Testing

@testable import CustosStoreSQLite

@Suite struct SQLiteRightImageRepositoryTests {
    private func image(_ right: Right.ID, _ position: Int, in organisation: Organisation.ID = Organisation.defaultID)
        -> RightImage
    {
        RightImage(
            organisation: organisation, right: right, position: position, source: "logos/\(right)-\(position).png",
            sha256: String(repeating: "0\(position)", count: 32),
            hash: ImageHash(words: (UInt64(position), 0xF0F0, 0xABCD, 0x1234)), quality: 87, width: 640, height: 480,
            thumbnail: Data([0xFF, 0xD8, UInt8(position)]), recordedAt: Date(timeIntervalSince1970: 1_790_000_000.5))
    }

    @Test func replaceImagesStoresEveryFieldAndReplacesARightsImagesTogether() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(sampleRights)
        try await store.rightImages.replaceImages([image("tm-1", 0), image("tm-1", 1), image("ds-1", 0)])
        #expect(
            try await store.rightImages.images(of: "tm-1", in: Organisation.defaultID) == [
                image("tm-1", 0), image("tm-1", 1),
            ])
        // A new import of the right replaces its images: position 1 is gone.
        try await store.rightImages.replaceImages([image("tm-1", 0)])
        #expect(try await store.rightImages.images(of: "tm-1", in: Organisation.defaultID) == [image("tm-1", 0)])
        #expect(try await store.rightImages.countImages(in: Organisation.defaultID) == 2)
    }

    @Test func batchesCoverEveryImageWithoutThumbnails() async throws {
        let store = try await makeStore()
        _ = try await store.rights.upsert(sampleRights)
        try await store.rightImages.replaceImages([
            image("tm-1", 0), image("tm-1", 1), image("tm-1", 2), image("ds-1", 0), image("ic-1", 0),
        ])
        let seen = Mutex<[RightImage]>([])
        try await store.rightImages.forEachImage(in: Organisation.defaultID, batchSize: 2) { batch in
            seen.withLock { $0 += batch }
        }
        let images = seen.withLock { $0 }
        #expect(images.map { "\($0.right)/\($0.position)" } == ["ds-1/0", "ic-1/0", "tm-1/0", "tm-1/1", "tm-1/2"])
        #expect(images.allSatisfy { $0.thumbnail == nil })
        #expect(images[2].hash == image("tm-1", 0).hash)
    }

    @Test func imagesBelongToOneTenantAndGoWithTheirRight() async throws {
        let store = try await makeStore()
        try await store.ensureOrganisation(Organisation(id: "b", name: "Bee", kind: .rightsHolder))
        _ = try await store.rights.upsert(sampleRights)
        try await store.rightImages.replaceImages([image("tm-1", 0)])
        #expect(try await store.rightImages.images(of: "tm-1", in: "b").isEmpty)
        #expect(try await store.rightImages.countImages(in: "b") == 0)
        // An image of a right the organisation does not hold is refused.
        await #expect(throws: StoreError.self) {
            try await store.rightImages.replaceImages([image("tm-1", 0, in: "b")])
        }
        #expect(try await store.rights.delete("tm-1", in: Organisation.defaultID))
        #expect(try await store.rightImages.countImages(in: Organisation.defaultID) == 0)
    }
}
