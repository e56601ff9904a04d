import CustosCases
import CustosCore
import CustosCredit
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
        migrator.registerMigration("v3-cases") { db in
            try db.execute(sql: casesSchema)
        }
        migrator.registerMigration("v4-finding-kinds") { db in
            try db.execute(sql: findingKindsSchema)
        }
        migrator.registerMigration("v5-right-images") { db in
            try db.execute(sql: rightImagesSchema)
        }
        migrator.registerMigration("v6-right-fingerprints") { db in
            try db.execute(sql: rightFingerprintsSchema)
        }
        return migrator
    }

    /// Registered images of rights: one row per image, its PDQ hash as 64 hex digits and a JPEG thumbnail.
    private static let rightImagesSchema = """
        CREATE TABLE right_images (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            right_id TEXT NOT NULL,
            position INTEGER NOT NULL CHECK (position >= 0),
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
            pdq TEXT NOT NULL CHECK (length(pdq) = 64),
            quality INTEGER NOT NULL CHECK (quality BETWEEN 0 AND 100),
            width INTEGER NOT NULL CHECK (width > 0),
            height INTEGER NOT NULL CHECK (height > 0),
            thumbnail BLOB,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, right_id, position),
            FOREIGN KEY (organisation_id, right_id) REFERENCES rights(organisation_id, id) ON DELETE CASCADE
        );
        """

    /// Copy-detection fingerprints of rights: one row per right (a work's content or a trade secret's fingerprint
    /// file), the fingerprints packed into one BLOB, so that loading an organisation's registry reads one row per
    /// right rather than one per fingerprint.
    ///
    /// A trade secret may now be registered by its fingerprint file alone, so `trade_secret_details.fingerprint`
    /// (the SHA-256 of the secret) becomes optional; the table is rebuilt because SQLite cannot relax a NOT NULL.
    private static var rightFingerprintsSchema: String {
        """
        CREATE TABLE right_fingerprints (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            right_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN (\(checkList(RightFingerprints.Kind.self)))),
            k INTEGER NOT NULL CHECK (k > 0),
            window INTEGER NOT NULL CHECK (window > 0),
            salt TEXT CHECK (salt IS NULL OR (length(salt) >= 32 AND salt NOT GLOB '*[^0-9a-f]*')),
            files TEXT NOT NULL,
            fingerprint_count INTEGER NOT NULL CHECK (fingerprint_count >= 0),
            entries BLOB NOT NULL,
            source TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (organisation_id, right_id),
            FOREIGN KEY (organisation_id, right_id) REFERENCES rights(organisation_id, id) ON DELETE CASCADE
        );
        \(detailTableSQL(
            "trade_secret_details_rebuilt",
            columns: [
                "fingerprint TEXT CHECK (fingerprint IS NULL OR (length(fingerprint) = 64 AND fingerprint NOT GLOB '*[^0-9a-f]*'))"
            ]
        ))
        INSERT INTO trade_secret_details_rebuilt SELECT organisation_id, right_id, fingerprint FROM trade_secret_details;
        DROP TABLE trade_secret_details;
        ALTER TABLE trade_secret_details_rebuilt RENAME TO trade_secret_details;
        """
    }

    /// The findings table under `name`, its kinds guarded by the current ``Finding/Kind`` cases.
    private static func findingsTableSQL(_ name: String) -> String {
        """
        CREATE TABLE \(name) (
            organisation_id TEXT NOT NULL REFERENCES organisations(id),
            id TEXT NOT NULL CHECK (length(id) > 0),
            party_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN (\(checkList(Finding.Kind.self)))),
            case_reference TEXT NOT NULL,
            summary TEXT NOT NULL,
            decided_by TEXT NOT NULL CHECK (length(decided_by) > 0),
            decided_at TEXT NOT NULL,
            appeal_outcome TEXT
                CHECK (appeal_outcome IS NULL OR appeal_outcome IN (\(checkList(Finding.Appeal.Outcome.self)))),
            appeal_varied_kind TEXT
                CHECK (appeal_varied_kind IS NULL OR appeal_varied_kind IN (\(checkList(Finding.Kind.self)))),
            appeal_decided_at TEXT,
            appeal_reference TEXT,
            appeal_decided_by TEXT,
            PRIMARY KEY (organisation_id, id),
            FOREIGN KEY (organisation_id, party_id) REFERENCES parties(organisation_id, id),
            CHECK ((appeal_outcome IS NULL) = (appeal_decided_at IS NULL))
        );
        """
    }

    /// Rebuilds the findings table so that its `CHECK` admits every current ``Finding/Kind``: SQLite cannot alter a
    /// `CHECK`, and a store created before a kind was added (`malicious_complaint`) would refuse its findings.
    private static var findingKindsSchema: String {
        """
        \(findingsTableSQL("findings_rebuilt"))
        INSERT INTO findings_rebuilt SELECT * FROM findings;
        DROP TABLE findings;
        ALTER TABLE findings_rebuilt RENAME TO findings;
        CREATE INDEX findings_by_party ON findings(organisation_id, party_id, decided_at, id);
        """
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

    /// Cases (snapshot, complaint, events, who may see them), findings against parties, and sellers' identifiers.
    ///
    /// A case is shared by several tenants (the complainant and every handler), so `cases`, `complaints` and
    /// `case_events` are keyed by the case's identifier, which is unique across the installation, and
    /// `case_access` is the tenant-keyed entry point: one row per organisation that may see a case, leading with
    /// `organisation_id`, carrying copies of the fields lists filter and sort on so that a page of a tenant's cases
    /// is one index range joined to `cases` by primary key. `case_events.body` holds the canonical JSON that goes
    /// into the evidence ledger; the other event columns are extracted from it for indexing.
    private static var casesSchema: String {
        let states = checkList(CaseState.self)
        let channels = checkList(CaseChannel.self)
        return """
            CREATE TABLE cases (
                id TEXT NOT NULL PRIMARY KEY CHECK (length(id) > 0),
                complainant_id TEXT NOT NULL REFERENCES organisations(id),
                handler_id TEXT NOT NULL REFERENCES organisations(id),
                state TEXT NOT NULL CHECK (state IN (\(states))),
                channel TEXT NOT NULL CHECK (channel IN (\(channels))),
                outcome TEXT CHECK (outcome IS NULL OR outcome IN (\(checkList(CaseOutcome.self)))),
                received_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                last_sequence INTEGER NOT NULL CHECK (last_sequence >= 1),
                snapshot TEXT NOT NULL
            );
            -- Work queues and deadline sweeps walk the open cases of every tenant.
            CREATE INDEX cases_by_state ON cases(state, id);

            -- The complaint as filed: written once with the case and never changed.
            CREATE TABLE complaints (
                case_id TEXT NOT NULL PRIMARY KEY REFERENCES cases(id),
                complainant_id TEXT NOT NULL REFERENCES organisations(id),
                filed_by TEXT NOT NULL,
                filed_at TEXT NOT NULL,
                body TEXT NOT NULL
            );

            CREATE TABLE case_events (
                case_id TEXT NOT NULL REFERENCES cases(id),
                sequence INTEGER NOT NULL CHECK (sequence >= 1),
                kind TEXT NOT NULL CHECK (kind IN (\(checkList(CaseAction.Kind.self)))),
                actor_organisation_id TEXT NOT NULL,
                actor_user_id TEXT NOT NULL,
                actor_role TEXT NOT NULL CHECK (actor_role IN (\(checkList(Role.self)))),
                from_state TEXT CHECK (from_state IS NULL OR from_state IN (\(states))),
                to_state TEXT NOT NULL CHECK (to_state IN (\(states))),
                occurred_at TEXT NOT NULL,
                body TEXT NOT NULL,
                ledger_entry TEXT CHECK (ledger_entry IS NULL OR length(ledger_entry) > 0),
                PRIMARY KEY (case_id, sequence)
            );
            -- An organisation's audit trail, and statistics of actions over time, read without decoding JSON.
            CREATE INDEX case_events_by_actor ON case_events(actor_organisation_id, occurred_at);
            CREATE INDEX case_events_by_kind ON case_events(kind, occurred_at);
            -- Events appended but not yet deposited in the evidence ledger: few, and found without a scan.
            CREATE INDEX case_events_awaiting_ledger ON case_events(occurred_at, case_id, sequence)
                WHERE ledger_entry IS NULL;

            CREATE TABLE case_access (
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                case_id TEXT NOT NULL REFERENCES cases(id),
                is_complainant INTEGER NOT NULL CHECK (is_complainant IN (0, 1)),
                is_handler INTEGER NOT NULL CHECK (is_handler IN (0, 1)),
                is_current_handler INTEGER NOT NULL CHECK (is_current_handler IN (0, 1)),
                state TEXT NOT NULL CHECK (state IN (\(states))),
                channel TEXT NOT NULL CHECK (channel IN (\(channels))),
                received_at TEXT NOT NULL,
                PRIMARY KEY (organisation_id, case_id),
                CHECK (is_complainant = 1 OR is_handler = 1),
                CHECK (is_handler = 1 OR is_current_handler = 0)
            );
            CREATE INDEX case_access_by_receipt ON case_access(organisation_id, received_at, case_id);
            CREATE INDEX case_access_by_state ON case_access(organisation_id, state, received_at, case_id);
            CREATE INDEX case_access_by_case ON case_access(case_id);

            -- Findings are keyed by the party's tenant; the party must be stored, as the disclosure list names it.
            \(findingsTableSQL("findings"))
            CREATE INDEX findings_by_party ON findings(organisation_id, party_id, decided_at, id);

            -- Identifiers as the marketplace gave them (JSON lists of strings); normalised when an index is built.
            CREATE TABLE seller_identifiers (
                organisation_id TEXT NOT NULL REFERENCES organisations(id),
                seller_id TEXT NOT NULL CHECK (length(seller_id) > 0),
                emails TEXT NOT NULL DEFAULT '[]',
                phones TEXT NOT NULL DEFAULT '[]',
                payment_accounts TEXT NOT NULL DEFAULT '[]',
                addresses TEXT NOT NULL DEFAULT '[]',
                shop_image_hashes TEXT NOT NULL DEFAULT '[]',
                PRIMARY KEY (organisation_id, seller_id)
            );
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
