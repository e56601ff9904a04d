import CustosCases
import CustosCore
import CustosStore
import Foundation
import GRDB

/// Cases in SQLite: a `cases` row holding the snapshot (the case's JSON), a `complaints` row, one `case_events`
/// row per event (its canonical JSON and indexed columns) and one `case_access` row per organisation that may see
/// the case (see `SQLiteSchema`).
///
/// The snapshot holds the whole case, history included, so a read is one row; it is rewritten on every append,
/// which costs little at the tens of events a case has.
struct SQLiteCaseRepository: CaseRepository {
    let database: any DatabaseWriter

    func open(_ newCase: Case) async throws {
        try CaseWriteCheck.opening(newCase)
        let id = newCase.id
        let snapshot = try StoredValue.json(newCase)
        let complaint = try StoredValue.json(newCase.complaint)
        let last = newCase.history.count
        try await database.writeMapping("open case \(id)") { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM cases WHERE id = ?", arguments: [id.rawValue]) != nil {
                throw StoreError(.constraint, "Cannot open case \(id): a case with that identifier is already stored.")
            }
            try db.execute(
                sql: """
                    INSERT INTO cases (
                        id, complainant_id, handler_id, state, channel, outcome, received_at, updated_at,
                        last_sequence, snapshot)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id.rawValue, newCase.complaint.complainant.rawValue, newCase.handler.organisation.rawValue,
                    newCase.state.rawValue, newCase.channel.rawValue, newCase.outcome?.rawValue,
                    StoredTimestamp.string(from: newCase.receivedAt), Self.updatedAt(of: newCase), last, snapshot,
                ])
            try db.execute(
                sql: """
                    INSERT INTO complaints (case_id, complainant_id, filed_by, filed_at, body)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id.rawValue, newCase.complaint.complainant.rawValue, newCase.complaint.filedBy.rawValue,
                    StoredTimestamp.string(from: newCase.complaint.filedAt), complaint,
                ])
            try Self.insert(newCase.history, db: db)
            try Self.grantAccess(to: newCase, db: db)
        }
    }

    func append(_ events: [CaseEvent], to id: Case.ID, expecting sequence: Int, updated: Case) async throws {
        try CaseWriteCheck.appending(events, to: id, after: sequence, updated: updated)
        let snapshot = try StoredValue.json(updated)
        try await database.writeMapping("append to case \(id)") { db in
            guard
                let stored = try Int.fetchOne(
                    db, sql: "SELECT last_sequence FROM cases WHERE id = ?", arguments: [id.rawValue])
            else {
                throw StoreError(.constraint, "Cannot append to case \(id): no such case is stored.")
            }
            guard stored == sequence else {
                throw StoreError(
                    .conflict,
                    "Case \(id) has changed since it was read: its last event is \(stored), not \(sequence). "
                        + "Read the case again and retry.")
            }
            // The caller's history must continue the stored one: its event at `sequence` is the stored last event,
            // and its complaint is the one filed. Values are compared rather than text, so that rows written by an
            // earlier encoding still compare equal.
            let lastEvent = try Row.fetchOne(
                db, sql: "SELECT body, ledger_entry FROM case_events WHERE case_id = ? AND sequence = ?",
                arguments: [id.rawValue, sequence]
            ).map(Self.recordedEvent(from:))
            guard lastEvent?.event == updated.history[sequence - 1] else {
                throw StoreError(
                    .constraint,
                    "Cannot append to case \(id): the updated case's event \(sequence) differs from the stored one.")
            }
            let storedComplaint = try String.fetchOne(
                db, sql: "SELECT body FROM complaints WHERE case_id = ?", arguments: [id.rawValue]
            ).map { try StoredValue.decodeJSON(Complaint.self, $0) }
            guard storedComplaint == updated.complaint else {
                throw StoreError(
                    .constraint,
                    "Cannot append to case \(id): the updated case holds another complaint than the one filed.")
            }
            try Self.insert(events, db: db)
            try db.execute(
                sql: """
                    UPDATE cases SET handler_id = ?, state = ?, channel = ?, outcome = ?, updated_at = ?,
                        last_sequence = ?, snapshot = ?
                    WHERE id = ?
                    """,
                arguments: [
                    updated.handler.organisation.rawValue, updated.state.rawValue, updated.channel.rawValue,
                    updated.outcome?.rawValue, Self.updatedAt(of: updated), updated.history.count, snapshot,
                    id.rawValue,
                ])
            try Self.grantAccess(to: updated, db: db)
        }
    }

    func setLedgerEntry(_ entry: String, for id: Case.ID, sequence: Int) async throws -> Bool {
        guard !entry.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(
                .constraint, "Cannot record a blank ledger entry for event \(sequence) of case \(id).")
        }
        return try await database.writeMapping("record the ledger entry of event \(sequence) of case \(id)") { db in
            let key: StatementArguments = [id.rawValue, sequence]
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT ledger_entry FROM case_events WHERE case_id = ? AND sequence = ?",
                    arguments: key)
            else { return false }
            let existing: String? = try row.decode(String?.self, atIndex: 0)
            if let existing {
                guard existing == entry else {
                    throw StoreError(
                        .conflict,
                        "Event \(sequence) of case \(id) is already in ledger entry \(existing), not \(entry).")
                }
                return true
            }
            try db.execute(
                sql: "UPDATE case_events SET ledger_entry = ? WHERE case_id = ? AND sequence = ?",
                arguments: [entry] + key)
            return true
        }
    }

    func eventsAwaitingLedgerEntry(limit: Int) async throws -> [RecordedCaseEvent] {
        guard limit > 0 else { return [] }
        return try await database.readMapping("list events awaiting the ledger") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT body, ledger_entry FROM case_events WHERE ledger_entry IS NULL
                    ORDER BY occurred_at, case_id, sequence LIMIT ?
                    """,
                arguments: [limit]
            ).map(Self.recordedEvent(from:))
        }
    }

    func `case`(_ id: Case.ID, visibleTo organisation: Organisation.ID) async throws -> Case? {
        try await database.readMapping("read case \(id)") { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT c.snapshot FROM case_access a JOIN cases c ON c.id = a.case_id
                    WHERE a.organisation_id = ? AND a.case_id = ?
                    """,
                arguments: [organisation.rawValue, id.rawValue]
            ).map(Self.decodeCase)
        }
    }

    func events(of id: Case.ID, visibleTo organisation: Organisation.ID) async throws -> [RecordedCaseEvent]? {
        try await database.readMapping("read the events of case \(id)") { db in
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM case_access WHERE organisation_id = ? AND case_id = ?",
                    arguments: [organisation.rawValue, id.rawValue]) != nil
            else { return nil }
            return try Row.fetchAll(
                db, sql: "SELECT body, ledger_entry FROM case_events WHERE case_id = ? ORDER BY sequence",
                arguments: [id.rawValue]
            ).map(Self.recordedEvent(from:))
        }
    }

    func cases(
        visibleTo organisation: Organisation.ID, matching query: CaseQuery, after cursor: CaseCursor?, limit: Int
    ) async throws -> CasePage {
        guard
            let (sql, arguments) = Self.pageQuery(visibleTo: organisation, matching: query, after: cursor, limit: limit)
        else { return CasePage(cases: [], next: nil) }
        return try await database.readMapping("list cases") { db in
            var cases = try String.fetchAll(db, sql: sql, arguments: arguments).map(Self.decodeCase)
            guard cases.count > limit else { return CasePage(cases: cases, next: nil) }
            cases.removeLast(cases.count - limit)
            return CasePage(cases: cases, next: cases.last.map(CaseCursor.init(after:)))
        }
    }

    /// The query of a page of cases, or `nil` when nothing can match (no states, or a limit below one).
    ///
    /// It asks for one case more than `limit`, which tells whether another page follows without a second query.
    static func pageQuery(
        visibleTo organisation: Organisation.ID, matching query: CaseQuery, after cursor: CaseCursor?, limit: Int
    ) -> (String, StatementArguments)? {
        guard limit > 0, var (condition, arguments) = condition(organisation, query) else { return nil }
        if let cursor {
            // A row value compares column by column, which is exactly the list's order, and SQLite turns it into
            // one range of the index.
            condition += " AND (a.received_at, a.case_id) < (?, ?)"
            arguments += [StoredTimestamp.string(from: cursor.receivedAt), cursor.id.rawValue]
        }
        arguments += [limit + 1]
        let sql = """
            SELECT c.snapshot FROM case_access a JOIN cases c ON c.id = a.case_id WHERE \(condition)
            ORDER BY a.received_at DESC, a.case_id DESC LIMIT ?
            """
        return (sql, arguments)
    }

    func countCases(visibleTo organisation: Organisation.ID, matching query: CaseQuery) async throws -> Int {
        guard let (condition, arguments) = Self.condition(organisation, query) else { return 0 }
        return try await database.readMapping("count cases") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM case_access a WHERE \(condition)", arguments: arguments)
                ?? 0
        }
    }

    func caseCountsByState(visibleTo organisation: Organisation.ID, matching query: CaseQuery) async throws
        -> [CaseState: Int]
    {
        var counts = Dictionary(uniqueKeysWithValues: (query.states ?? Set(CaseState.allCases)).map { ($0, 0) })
        guard let (condition, arguments) = Self.condition(organisation, query) else { return counts }
        let rows = try await database.readMapping("count cases by state") { db in
            try Row.fetchAll(
                db, sql: "SELECT a.state, COUNT(*) FROM case_access a WHERE \(condition) GROUP BY a.state",
                arguments: arguments
            ).map { (try $0.decode(String.self, atIndex: 0), try $0.decode(Int.self, atIndex: 1)) }
        }
        for (state, count) in rows {
            counts[try StoredValue.enumeration(CaseState.self, state)] = count
        }
        return counts
    }

    func forEachCase(
        states: Set<CaseState>?, batchSize: Int, _ body: @Sendable ([Case]) throws -> Void
    ) async throws {
        precondition(batchSize > 0, "batchSize must be positive")
        let sortedStates = states.map { $0.map(\.rawValue).sorted() }
        if sortedStates?.isEmpty == true { return }
        let filter = sortedStates.map { " AND state IN (\(Self.placeholders($0.count)))" } ?? ""
        let stateArguments = StatementArguments(sortedStates ?? [])
        let sql = "SELECT id, snapshot FROM cases WHERE id > ?\(filter) ORDER BY id LIMIT ?"
        // One read transaction: every batch comes from the same snapshot, and in WAL mode writers are not held up.
        try await database.readMapping("read cases") { db in
            var after = ""
            while true {
                let rows = try Row.fetchAll(
                    db.cachedStatement(sql: sql), arguments: [after] + stateArguments + [batchSize])
                guard let last = rows.last else { return }
                try body(try rows.map { try Self.decodeCase(try $0.decode(String.self, atIndex: 1)) })
                if rows.count < batchSize { return }
                after = try last.decode(String.self, atIndex: 0)
            }
        }
    }

    /// The `WHERE` clause over `case_access a` selecting what `organisation` sees of `query`, or `nil` when nothing
    /// can match (an empty set of states).
    private static func condition(_ organisation: Organisation.ID, _ query: CaseQuery)
        -> (String, StatementArguments)?
    {
        var conditions = ["a.organisation_id = ?"]
        var arguments: StatementArguments = [organisation.rawValue]
        if let states = query.states {
            guard !states.isEmpty else { return nil }
            let sorted = states.map(\.rawValue).sorted()
            conditions.append("a.state IN (\(placeholders(sorted.count)))")
            arguments += StatementArguments(sorted)
        }
        if let channel = query.channel {
            conditions.append("a.channel = ?")
            arguments += [channel.rawValue]
        }
        switch query.relation {
        case nil: break
        case .complainant: conditions.append("a.is_complainant = 1")
        case .handler: conditions.append("a.is_handler = 1")
        case .currentHandler: conditions.append("a.is_current_handler = 1")
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }

    /// When the case last changed: the date of its latest event.
    private static func updatedAt(of subject: Case) -> String {
        StoredTimestamp.string(from: subject.history.last?.at ?? subject.receivedAt)
    }

    /// Inserts events: their canonical JSON and the columns indexed from it.
    private static func insert(_ events: [CaseEvent], db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO case_events (
                    case_id, sequence, kind, actor_organisation_id, actor_user_id, actor_role, from_state, to_state,
                    occurred_at, body)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for event in events {
            try statement.execute(arguments: [
                event.caseID.rawValue, event.sequence, event.action.kind.rawValue, event.actor.organisation.rawValue,
                event.actor.user.rawValue, event.actor.role.rawValue, event.fromState?.rawValue,
                event.toState.rawValue, StoredTimestamp.string(from: event.at), event.canonicalJSON,
            ])
        }
    }

    /// Makes `subject` visible to its complainant and every organisation that has handled it, and brings the
    /// copies of its state, channel and current handler on every access row up to date.
    ///
    /// Organisations are only ever added: one that handed the case on keeps seeing it.
    private static func grantAccess(to subject: Case, db: Database) throws {
        let id = subject.id.rawValue
        let complainant = subject.complaint.complainant
        let receivedAt = StoredTimestamp.string(from: subject.receivedAt)
        let insert = try db.cachedStatement(
            sql: """
                INSERT INTO case_access (
                    organisation_id, case_id, is_complainant, is_handler, is_current_handler, state, channel,
                    received_at)
                VALUES (?, ?, ?, ?, 0, ?, ?, ?)
                ON CONFLICT (organisation_id, case_id) DO UPDATE SET
                    is_complainant = max(is_complainant, excluded.is_complainant),
                    is_handler = max(is_handler, excluded.is_handler)
                """)
        let handlers = subject.handlingOrganisations
        var organisations = handlers
        if !handlers.contains(complainant) { organisations.insert(complainant, at: 0) }
        for organisation in organisations {
            try insert.execute(arguments: [
                organisation.rawValue, id, organisation == complainant, handlers.contains(organisation),
                subject.state.rawValue, subject.channel.rawValue, receivedAt,
            ])
        }
        try db.execute(
            sql: """
                UPDATE case_access SET state = ?, channel = ?, is_current_handler = (organisation_id = ?)
                WHERE case_id = ?
                """,
            arguments: [subject.state.rawValue, subject.channel.rawValue, subject.handler.organisation.rawValue, id])
    }

    private static func decodeCase(_ snapshot: String) throws -> Case {
        try StoredValue.decodeJSON(Case.self, snapshot)
    }

    private static func recordedEvent(from row: Row) throws -> RecordedCaseEvent {
        let body: String = try row.decode(String.self, atIndex: 0)
        let event: CaseEvent
        do {
            event = try CaseEvent.decodeCanonicalJSON(Data(body.utf8))
        } catch {
            throw StoreError(
                .incompatibleSchema, "The store holds a case event this version of Custos cannot read.",
                underlying: error.debugDescription)
        }
        return RecordedCaseEvent(event: event, ledgerEntry: try row.decode(String?.self, atIndex: 1))
    }
}
