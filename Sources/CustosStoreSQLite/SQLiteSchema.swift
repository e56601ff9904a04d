import CustosCore
import GRDB

/// The store's schema, as versioned, named migrations.
///
/// The layout mirrors the PostgreSQL schema that comes later: every tenant table leads with
/// `organisation_id` and has the composite primary key `(organisation_id, id)`, so a distributed PostgreSQL
/// (Citus) can shard every table on the organisation. Enumerations are `TEXT` guarded by `CHECK`, instants are
/// ISO 8601 UTC text with milliseconds (see `StoredTimestamp`), lists are JSON text.
enum SQLiteSchema {
    /// The migrations, oldest first. Never edit a shipped migration; append a new one.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-core") { db in
            try db.execute(sql: coreSchema)
        }
        migrator.registerMigration("v2-accounts") { db in
            try db.execute(sql: accountsSchema)
        }
        return migrator
    }

    /// The detail table that holds the kind-specific fields of `kind`.
    static func detailTable(for kind: RightKind) -> String {
        switch kind {
        case .trademark: "trademark_details"
        case .patent, .utilityModel, .design: "patent_details"
        case .copyright: "copyright_details"
        case .geographicalIndication: "geographical_indication_details"
        case .plantVariety: "plant_variety_details"
        case .icLayout: "ic_layout_details"
        case .tradeSecret: "trade_secret_details"
        }
    }

    private static func checkList<T: RawRepresentable & CaseIterable>(_ type: T.Type) -> String
    where T.RawValue == String {
        type.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")
    }

    /// A kind-specific table: one row per right of the kinds it serves, deleted with the right.
    private static func detailTableSQL(_ name: String, columns: [String]) -> String {
        """
        CREATE TABLE \(name) (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            right_id TEXT NOT NULL,
            \(columns.joined(separator: ",\n    ")),
            PRIMARY KEY (organisation_id, right_id),
            FOREIGN KEY (organisation_id, right_id) REFERENCES rights(organisation_id, id) ON DELETE CASCADE
        );
        """
    }

    /// A column holding a lowercase hex SHA-256: secrets are only ever stored hashed, and the CHECK keeps a raw
    /// secret from being written by mistake.
    private static func sha256Check(_ column: String) -> String {
        "CHECK (length(\(column)) = 64 AND \(column) NOT GLOB '*[^0-9a-f]*')"
    }

    /// Users, their sessions and API tokens, public reports, and the indexes the dashboard and rights search need.
    ///
    /// `users.login` is unique across the installation (sign-in happens before the organisation is known), so
    /// it is the one constraint that is not scoped to an organisation.
    private static var accountsSchema: String {
        """
        CREATE TABLE users (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            id TEXT NOT NULL CHECK (length(id) > 0),
            login TEXT NOT NULL UNIQUE CHECK (length(login) > 0),
            display_name TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN (\(checkList(Role.self)))),
            password_hash TEXT NOT NULL,
            failed_logins INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
            locked_until TEXT,
            created_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, id)
        );

        CREATE TABLE sessions (
            secret_hash TEXT NOT NULL PRIMARY KEY \(sha256Check("secret_hash")),
            organisation_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            csrf_token TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            FOREIGN KEY (organisation_id, user_id) REFERENCES users(organisation_id, id) ON DELETE CASCADE
        );
        CREATE INDEX sessions_by_expiry ON sessions(expires_at);
        CREATE INDEX sessions_by_user ON sessions(organisation_id, user_id);

        CREATE TABLE api_tokens (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            id TEXT NOT NULL CHECK (length(id) > 0),
            user_id TEXT NOT NULL,
            name TEXT NOT NULL,
            secret_hash TEXT NOT NULL UNIQUE \(sha256Check("secret_hash")),
            created_at TEXT NOT NULL,
            expires_at TEXT,
            revoked_at TEXT,
            PRIMARY KEY (organisation_id, id),
            FOREIGN KEY (organisation_id, user_id) REFERENCES users(organisation_id, id) ON DELETE CASCADE
        );
        CREATE INDEX api_tokens_by_user ON api_tokens(organisation_id, user_id, created_at DESC);

        -- Reports come from the public and belong to no organisation until an authority takes them up.
        CREATE TABLE public_reports (
            id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
            brand TEXT NOT NULL,
            location TEXT NOT NULL,
            details TEXT NOT NULL,
            contact TEXT,
            status TEXT NOT NULL CHECK (status IN (\(checkList(PublicReport.Status.self)))),
            created_at TEXT NOT NULL
        );
        CREATE INDEX public_reports_by_status ON public_reports(status, created_at DESC);
        CREATE INDEX public_reports_by_creation ON public_reports(created_at DESC);

        -- A right's clues are listed best score first; this index serves that order and supersedes
        -- clues_by_right, whose columns are its prefix.
        CREATE INDEX clues_by_right_score ON clues(organisation_id, right_id, score DESC, id);
        DROP INDEX clues_by_right;
        -- The dashboard counts clues raised since a day.
        CREATE INDEX clues_by_creation ON clues(organisation_id, created_at);
        """
    }

    private static var coreSchema: String {
        """
        CREATE TABLE organisations (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN (\(checkList(Organisation.Kind.self))))
        );

        CREATE TABLE parties (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            id TEXT NOT NULL,
            role TEXT NOT NULL CHECK (role IN (\(checkList(Party.Role.self)))),
            name TEXT NOT NULL,
            region TEXT,
            platform TEXT,
            PRIMARY KEY (organisation_id, id)
        );

        CREATE TABLE rights (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            id TEXT NOT NULL CHECK (length(id) > 0),
            kind TEXT NOT NULL CHECK (kind IN (\(checkList(RightKind.self)))),
            name TEXT NOT NULL,
            owner TEXT NOT NULL,
            jurisdiction TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN (\(checkList(RightStatus.self)))),
            reference_price REAL CHECK (reference_price IS NULL OR reference_price >= 0),
            currency TEXT,
            filed_on TEXT,
            registered_on TEXT,
            expires_on TEXT,
            registration_number TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, id)
        );
        CREATE INDEX rights_by_kind ON rights(organisation_id, kind, id);

        CREATE TABLE right_classes (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            right_id TEXT NOT NULL,
            class INTEGER NOT NULL CHECK (class BETWEEN 1 AND 45),
            PRIMARY KEY (organisation_id, right_id, class),
            FOREIGN KEY (organisation_id, right_id) REFERENCES rights(organisation_id, id) ON DELETE CASCADE
        );
        CREATE INDEX right_classes_by_class ON right_classes(organisation_id, class);

        \(detailTableSQL("trademark_details", columns: ["mark_type TEXT", "image TEXT"]))
        \(detailTableSQL(
            "patent_details",
            columns: [
                "has_evaluation_report INTEGER CHECK (has_evaluation_report IN (0, 1))",
                "patent_classes TEXT", "image TEXT",
            ]))
        \(detailTableSQL("copyright_details", columns: ["work_type TEXT"]))
        \(detailTableSQL("geographical_indication_details", columns: ["product TEXT", "origin_region TEXT"]))
        \(detailTableSQL("plant_variety_details", columns: ["taxon TEXT"]))
        \(detailTableSQL("ic_layout_details", columns: ["image TEXT"]))
        \(detailTableSQL(
            "trade_secret_details",
            columns: ["fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9a-f]*')"]
        ))

        CREATE TABLE listings (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            id TEXT NOT NULL,
            platform TEXT NOT NULL,
            url TEXT,
            title TEXT NOT NULL,
            description TEXT NOT NULL,
            price REAL,
            currency TEXT,
            seller_id TEXT NOT NULL,
            images TEXT NOT NULL DEFAULT '[]',
            category TEXT,
            observed_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, id),
            FOREIGN KEY (organisation_id, seller_id) REFERENCES parties(organisation_id, id)
        );
        CREATE INDEX listings_by_seller ON listings(organisation_id, seller_id);

        -- listing_id and seller_id carry no foreign key: listings may be observed under a platform's
        -- organisation while the clue belongs to the right's organisation.
        CREATE TABLE clues (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            id TEXT NOT NULL,
            listing_id TEXT NOT NULL,
            right_id TEXT NOT NULL,
            seller_id TEXT NOT NULL,
            score REAL NOT NULL CHECK (score BETWEEN 0 AND 1),
            signals TEXT NOT NULL DEFAULT '[]',
            status TEXT NOT NULL CHECK (status IN (\(checkList(Clue.Status.self)))),
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, id),
            FOREIGN KEY (organisation_id, right_id) REFERENCES rights(organisation_id, id) ON DELETE CASCADE
        );
        CREATE INDEX clues_by_score ON clues(organisation_id, score DESC, id);
        CREATE INDEX clues_by_status_score ON clues(organisation_id, status, score DESC, id);
        CREATE INDEX clues_by_seller ON clues(organisation_id, seller_id);
        CREATE INDEX clues_by_right ON clues(organisation_id, right_id);
        CREATE INDEX clues_by_listing ON clues(organisation_id, listing_id);
        """
    }
}
