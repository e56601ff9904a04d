import CustosCore
import CustosCredit
import CustosStore
import Foundation
import GRDB

/// Sellers' identifiers in SQLite: one `seller_identifiers` row per `(organisation, seller)`, each kind of
/// identifier a JSON list of strings.
struct SQLiteSellerIdentifierRepository: SellerIdentifierRepository {
    let database: any DatabaseWriter

    private static let columns = "seller_id, emails, phones, payment_accounts, addresses, shop_image_hashes"

    func upsert(_ sellers: [SellerIdentifiers], in organisation: Organisation.ID) async throws {
        guard !sellers.isEmpty else { return }
        if sellers.contains(where: { $0.seller.rawValue.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw StoreError(
                .constraint, "Cannot store seller identifiers of organisation \(organisation) for a blank seller.")
        }
        let rows: [StatementArguments] = try sellers.map { seller in
            [
                organisation.rawValue, seller.seller.rawValue, try StoredValue.json(seller.emails),
                try StoredValue.json(seller.phones), try StoredValue.json(seller.paymentAccounts),
                try StoredValue.json(seller.addresses), try StoredValue.json(seller.shopImageHashes),
            ]
        }
        try await database.writeMapping("store the identifiers of sellers of organisation \(organisation)") { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO seller_identifiers (organisation_id, \(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (organisation_id, seller_id) DO UPDATE SET
                        emails = excluded.emails, phones = excluded.phones,
                        payment_accounts = excluded.payment_accounts, addresses = excluded.addresses,
                        shop_image_hashes = excluded.shop_image_hashes
                    """)
            for row in rows { try upsert.execute(arguments: row) }
        }
    }

    func identifiers(of seller: Party.ID, in organisation: Organisation.ID) async throws -> SellerIdentifiers? {
        try await database.readMapping("read the identifiers of seller \(seller)") { db in
            try Row.fetchOne(
                db,
                sql: "SELECT \(Self.columns) FROM seller_identifiers WHERE organisation_id = ? AND seller_id = ?",
                arguments: [organisation.rawValue, seller.rawValue]
            ).map(Self.identifiers(from:))
        }
    }

    func forEachSeller(
        in organisation: Organisation.ID, batchSize: Int, _ body: @Sendable ([SellerIdentifiers]) throws -> Void
    ) async throws {
        precondition(batchSize > 0, "batchSize must be positive")
        let sql = """
            SELECT \(Self.columns) FROM seller_identifiers WHERE organisation_id = ? AND seller_id > ?
            ORDER BY seller_id LIMIT ?
            """
        // One read transaction: every batch comes from the same snapshot, and in WAL mode writers are not held up.
        try await database.readMapping("read the seller identifiers of organisation \(organisation)") { db in
            var after = ""
            while true {
                let batch = try Row.fetchAll(
                    db.cachedStatement(sql: sql), arguments: [organisation.rawValue, after, batchSize]
                ).map(Self.identifiers(from:))
                guard let last = batch.last else { return }
                try body(batch)
                if batch.count < batchSize { return }
                after = last.seller.rawValue
            }
        }
    }

    func countSellers(in organisation: Organisation.ID) async throws -> Int {
        try await database.readMapping("count sellers with identifiers") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM seller_identifiers WHERE organisation_id = ?",
                arguments: [organisation.rawValue]) ?? 0
        }
    }

    func delete(_ seller: Party.ID, in organisation: Organisation.ID) async throws -> Bool {
        try await database.writeMapping("delete the identifiers of seller \(seller)") { db in
            try db.execute(
                sql: "DELETE FROM seller_identifiers WHERE organisation_id = ? AND seller_id = ?",
                arguments: [organisation.rawValue, seller.rawValue])
            return db.changesCount > 0
        }
    }

    private static func identifiers(from row: Row) throws -> SellerIdentifiers {
        func list(_ index: Int) throws -> [String] {
            try StoredValue.decodeJSON([String].self, try row.decode(String.self, atIndex: index))
        }
        return SellerIdentifiers(
            seller: Party.ID(try row.decode(String.self, atIndex: 0)), emails: try list(1), phones: try list(2),
            paymentAccounts: try list(3), addresses: try list(4), shopImageHashes: try list(5))
    }
}
