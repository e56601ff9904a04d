import CustosCore
import Foundation

/// Stores the registered images of rights, always within one organisation.
public protocol RightImageRepository: Sendable {
    /// Replaces the images of every right named in `images` with the ones given (a right's images are written
    /// together), in one transaction.
    func replaceImages(_ images: [RightImage]) async throws
    /// Deletes every image of `right`.
    func deleteImages(of right: Right.ID, in organisation: Organisation.ID) async throws
    /// The images of `right`, by position.
    func images(of right: Right.ID, in organisation: Organisation.ID) async throws -> [RightImage]
    /// Calls `body` with every image of `organisation` in batches, ordered by right and position, without their
    /// thumbnails (an index needs only the hashes).
    func forEachImage(
        in organisation: Organisation.ID, batchSize: Int, _ body: @Sendable ([RightImage]) throws -> Void
    ) async throws
    /// How many images `organisation` holds.
    func countImages(in organisation: Organisation.ID) async throws -> Int
}
