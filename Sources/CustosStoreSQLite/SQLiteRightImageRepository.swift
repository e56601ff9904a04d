import CustosCore
import CustosStore
import Foundation
import GRDB

/// Registered images in SQLite: one `right_images` row per image, deleted with its right (ON DELETE CASCADE).
struct SQLiteRightImageRepository: RightImageRepository {
    let database: any DatabaseWriter

    private static let columns = "right_id, position, source, sha256, pdq, quality, width, height, recorded_at"

    func replaceImages(_ images: [RightImage]) async throws {
        guard !images.isEmpty else { return }
        for image in images where image.sha256.count != 64 || image.position < 0 {
            throw StoreError(
                .constraint, "Cannot store image \(image.position) of right \(image.right): bad position or SHA-256.")
        }
        let rights = Set(images.map { RightKey(organisation: $0.organisation, right: $0.right) })
        try await database.writeMapping("store the images of \(rights.count) rights") { db in
            let delete = try db.cachedStatement(
                sql: "DELETE FROM right_images WHERE organisation_id = ? AND right_id = ?")
            for key in rights {
                try delete.execute(arguments: [key.organisation.rawValue, key.right.rawValue])
            }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO right_images (organisation_id, \(Self.columns), thumbnail)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for image in images {
                try insert.execute(arguments: [
                    image.organisation.rawValue, image.right.rawValue, image.position, image.source, image.sha256,
                    image.hash.hex, image.quality, image.width, image.height,
                    StoredTimestamp.string(from: image.recordedAt), image.thumbnail,
                ])
            }
        }
    }

    func deleteImages(of right: Right.ID, in organisation: Organisation.ID) async throws {
        try await database.writeMapping("delete the images of right \(right)") { db in
            try db.execute(
                sql: "DELETE FROM right_images WHERE organisation_id = ? AND right_id = ?",
                arguments: [organisation.rawValue, right.rawValue])
        }
    }

    func images(of right: Right.ID, in organisation: Organisation.ID) async throws -> [RightImage] {
        try await database.readMapping("read the images of right \(right)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.columns), thumbnail FROM right_images
                    WHERE organisation_id = ? AND right_id = ? ORDER BY position
                    """,
                arguments: [organisation.rawValue, right.rawValue]
            ).map { try Self.image(from: $0, organisation: organisation, withThumbnail: true) }
        }
    }

    func forEachImage(
        in organisation: Organisation.ID, batchSize: Int, _ body: @Sendable ([RightImage]) throws -> Void
    ) async throws {
        guard batchSize > 0 else {
            throw StoreError(.constraint, "A batch of images must hold at least one image, not \(batchSize).")
        }
        let sql = """
            SELECT \(Self.columns) FROM right_images
            WHERE organisation_id = ? AND (right_id, position) > (?, ?)
            ORDER BY right_id, position LIMIT ?
            """
        // One read transaction: every batch comes from the same snapshot.
        try await database.readMapping("read the images of organisation \(organisation)") { db in
            var after = ("", -1)
            while true {
                let batch = try Row.fetchAll(
                    db.cachedStatement(sql: sql), arguments: [organisation.rawValue, after.0, after.1, batchSize]
                ).map { try Self.image(from: $0, organisation: organisation, withThumbnail: false) }
                guard let last = batch.last else { return }
                try body(batch)
                if batch.count < batchSize { return }
                after = (last.right.rawValue, last.position)
            }
        }
    }

    func countImages(in organisation: Organisation.ID) async throws -> Int {
        try await database.readMapping("count the images of organisation \(organisation)") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM right_images WHERE organisation_id = ?",
                arguments: [organisation.rawValue]) ?? 0
        }
    }

    private struct RightKey: Hashable {
        let organisation: Organisation.ID
        let right: Right.ID
    }

    private static func image(from row: Row, organisation: Organisation.ID, withThumbnail: Bool) throws -> RightImage {
        let pdq: String = try row.decode(String.self, atIndex: 4)
        guard let hash = ImageHash(parsing: pdq) else {
            throw StoreError(.io, "A stored image hash is not 64 hexadecimal digits: \(pdq.prefix(70)).")
        }
        let recorded: String = try row.decode(String.self, atIndex: 8)
        guard let recordedAt = StoredTimestamp.date(from: recorded) else {
            throw StoreError(.io, "A stored image has an unreadable timestamp: \(recorded.prefix(40)).")
        }
        return RightImage(
            organisation: organisation, right: Right.ID(try row.decode(String.self, atIndex: 0)),
            position: try row.decode(Int.self, atIndex: 1), source: try row.decode(String.self, atIndex: 2),
            sha256: try row.decode(String.self, atIndex: 3), hash: hash, quality: try row.decode(Int.self, atIndex: 5),
            width: try row.decode(Int.self, atIndex: 6), height: try row.decode(Int.self, atIndex: 7),
            thumbnail: withThumbnail ? try row.decode(Data?.self, atIndex: 9) : nil, recordedAt: recordedAt)
    }
}
