import CustosCore
import CustosStore
import GRDB

/// Organisations in SQLite.
struct SQLiteOrganisationRepository: OrganisationRepository {
    let database: any DatabaseWriter

    func save(_ organisation: Organisation) async throws {
        try await database.writeMapping("save an organisation") { db in
            try db.execute(
                sql: """
                    INSERT INTO organisations (id, name, kind) VALUES (?, ?, ?)
                    ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind
                    """,
                arguments: [organisation.id.rawValue, organisation.name, organisation.kind.rawValue])
        }
    }

    func organisation(_ id: Organisation.ID) async throws -> Organisation? {
        try await database.readMapping("read an organisation") { db in
            try Self.fetchOne(db, id: id)
        }
    }

    /// The organisation `id` (every authenticated request runs this: the statement is cached).
    static func fetchOne(_ db: Database, id: Organisation.ID) throws -> Organisation? {
        try Row.fetchOne(
            db.cachedStatement(sql: "SELECT id, name, kind FROM organisations WHERE id = ?"), arguments: [id.rawValue]
        ).map(organisation(from:))
    }

    func organisations() async throws -> [Organisation] {
        try await database.readMapping("list organisations") { db in
            try Row.fetchAll(db, sql: "SELECT id, name, kind FROM organisations ORDER BY id").map(
                Self.organisation(from:))
        }
    }

    private static func organisation(from row: Row) throws -> Organisation {
        Organisation(
            id: Organisation.ID(try row.decode(String.self, atIndex: 0)),
            name: try row.decode(String.self, atIndex: 1),
            kind: try StoredValue.enumeration(Organisation.Kind.self, try row.decode(String.self, atIndex: 2)))
    }
}

/// Owners and sellers in SQLite.
struct SQLitePartyRepository: PartyRepository {
    let database: any DatabaseWriter

    func save(_ parties: [Party]) async throws {
        try await database.writeMapping("save parties") { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO parties (organisation_id, id, role, name, region, platform) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (organisation_id, id) DO UPDATE SET
                        role = excluded.role, name = excluded.name, region = excluded.region,
                        platform = excluded.platform
                    """)
            for party in parties {
                try statement.execute(arguments: [
                    party.organisation.rawValue, party.id.rawValue, party.role.rawValue, party.name, party.region,
                    party.platform,
                ])
            }
        }
    }

    func party(_ id: Party.ID, in organisation: Organisation.ID) async throws -> Party? {
        try await database.readMapping("read a party") { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT role, name, region, platform FROM parties WHERE organisation_id = ? AND id = ?
                        """,
                    arguments: [organisation.rawValue, id.rawValue])
            else { return nil }
            return Party(
                id: id, organisation: organisation,
                role: try StoredValue.enumeration(Party.Role.self, try row.decode(String.self, atIndex: 0)),
                name: try row.decode(String.self, atIndex: 1), region: try row.decode(String?.self, atIndex: 2),
                platform: try row.decode(String?.self, atIndex: 3))
        }
    }
}
