import CustosCore
import CustosStore
import Foundation
import GRDB

/// Listings in SQLite. A listing's seller is kept as a `seller` party of the same organisation, so the seller's
/// name and region live in one place however many listings name them.
struct SQLiteListingRepository: ListingRepository {
    let database: any DatabaseWriter

    func save(_ listings: [Listing], in organisation: Organisation.ID) async throws {
        try await database.writeMapping("save listings") { db in
            // A seller already stored (possibly as an owner) keeps its role; name, region and platform follow
            // the latest listing.
            let saveSeller = try db.cachedStatement(
                sql: """
                    INSERT INTO parties (organisation_id, id, role, name, region, platform)
                    VALUES (?, ?, 'seller', ?, ?, ?)
                    ON CONFLICT (organisation_id, id) DO UPDATE SET
                        name = excluded.name, region = coalesce(excluded.region, parties.region),
                        platform = excluded.platform
                    """)
            let saveListing = try db.cachedStatement(
                sql: """
                    INSERT INTO listings (
                        organisation_id, id, platform, url, title, description, price, currency, seller_id, images,
                        category, observed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (organisation_id, id) DO UPDATE SET
                        platform = excluded.platform, url = excluded.url, title = excluded.title,
                        description = excluded.description, price = excluded.price, currency = excluded.currency,
                        seller_id = excluded.seller_id, images = excluded.images, category = excluded.category,
                        observed_at = excluded.observed_at
                    """)
            for listing in listings {
                try saveSeller.execute(arguments: [
                    organisation.rawValue, listing.seller.id.rawValue, listing.seller.name, listing.seller.region,
                    listing.platform,
                ])
                try saveListing.execute(arguments: [
                    organisation.rawValue, listing.id.rawValue, listing.platform, listing.url, listing.title,
                    listing.description, listing.price, listing.currency, listing.seller.id.rawValue,
                    try StoredValue.json(listing.images), listing.category,
                    StoredTimestamp.string(from: listing.observedAt),
                ])
            }
        }
    }

    func listing(_ id: Listing.ID, in organisation: Organisation.ID) async throws -> Listing? {
        try await database.readMapping("read a listing") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT l.platform, l.url, l.title, l.description, l.price, l.currency, l.seller_id, p.name,
                            p.region, l.images, l.category, l.observed_at
                        FROM listings l
                        JOIN parties p ON p.organisation_id = l.organisation_id AND p.id = l.seller_id
                        WHERE l.organisation_id = ? AND l.id = ?
                        """,
                    arguments: [organisation.rawValue, id.rawValue])
            else { return nil }
            return Listing(
                id: id,
                platform: try row.decode(String.self, atIndex: 0),
                url: try row.decode(String?.self, atIndex: 1),
                title: try row.decode(String.self, atIndex: 2),
                description: try row.decode(String.self, atIndex: 3),
                price: try row.decode(Double?.self, atIndex: 4),
                currency: try row.decode(String?.self, atIndex: 5),
                seller: Listing.Seller(
                    id: Party.ID(try row.decode(String.self, atIndex: 6)),
                    name: try row.decode(String.self, atIndex: 7),
                    region: try row.decode(String?.self, atIndex: 8)),
                images: try StoredValue.decodeJSON([String].self, try row.decode(String.self, atIndex: 9)),
                category: try row.decode(String?.self, atIndex: 10),
                observedAt: try StoredValue.date(try row.decode(String.self, atIndex: 11)))
        }
    }

    func countListings(of seller: Party.ID, in organisation: Organisation.ID) async throws -> Int {
        try await database.readMapping("count a seller's listings") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM listings WHERE organisation_id = ? AND seller_id = ?",
                arguments: [organisation.rawValue, seller.rawValue]) ?? 0
        }
    }

    func countListings(in organisation: Organisation.ID) async throws -> Int {
        try await database.readMapping("count listings") { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM listings WHERE organisation_id = ?", arguments: [organisation.rawValue]
            ) ?? 0
        }
    }
}
