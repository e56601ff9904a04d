import CustosCore
import Foundation

/// Stores the copy-detection fingerprints registered for rights (at most one registration per right), always
/// within one organisation.
public protocol RightFingerprintRepository: Sendable {
    /// Stores `fingerprints` as the registration of its right, replacing any earlier one.
    ///
    /// - Throws: `StoreError` (`.constraint` when the right does not exist in the organisation).
    func replaceFingerprints(_ fingerprints: RightFingerprints) async throws
    /// Deletes the registration of `right`; nothing happens when there is none.
    ///
    /// - Returns: whether a registration was deleted.
    @discardableResult
    func deleteFingerprints(of right: Right.ID, in organisation: Organisation.ID) async throws -> Bool
    /// The registration of `right`, or `nil`.
    func fingerprints(of right: Right.ID, in organisation: Organisation.ID) async throws -> RightFingerprints?
    /// Calls `body` with every registration of `organisation` in batches, ordered by right, all from one snapshot.
    func forEachFingerprints(
        in organisation: Organisation.ID, batchSize: Int, _ body: @Sendable ([RightFingerprints]) throws -> Void
    ) async throws
    /// How many rights of `organisation` have fingerprints registered.
    func countFingerprints(in organisation: Organisation.ID) async throws -> Int
}
