import CustosCases
import CustosCore
import Foundation

/// The checks every `CaseRepository` makes before writing, shared by the store implementations so that SQLite and
/// PostgreSQL refuse exactly the same writes with the same messages.
package enum CaseWriteCheck {
    /// Throws unless `newCase` is fit to be stored as a new case: a non-blank identifier and a history that starts
    /// with the opening event and is numbered from 1, every event of this case and surviving its canonical encoding.
    ///
    /// - Parameter newCase: the case to open.
    /// - Throws: `StoreError` `.constraint` naming the case and the first problem.
    package static func opening(_ newCase: Case) throws {
        let id = newCase.id
        guard !id.rawValue.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw StoreError(.constraint, "Cannot open a case with a blank identifier.")
        }
        guard let first = newCase.history.first, case .open = first.action else {
            throw StoreError(.constraint, "Cannot open case \(id): its history does not start with an opening event.")
        }
        try numbered(newCase.history, of: id, after: 0)
        for event in newCase.history { try canonical(event) }
    }

    /// Throws unless `events` may be appended to the case `id` whose last event the caller read as `sequence`,
    /// giving `updated`.
    ///
    /// - Parameters:
    ///   - events: the new events.
    ///   - id: the case.
    ///   - sequence: the last event's number as the caller read it.
    ///   - updated: the case after the events.
    /// - Throws: `StoreError` `.constraint` naming the case and the first problem.
    package static func appending(_ events: [CaseEvent], to id: Case.ID, after sequence: Int, updated: Case) throws {
        guard !events.isEmpty else {
            throw StoreError(.constraint, "Cannot append to case \(id): there are no events to append.")
        }
        guard updated.id == id else {
            throw StoreError(
                .constraint, "Cannot append to case \(id): the updated case is case \(updated.id).")
        }
        try numbered(events, of: id, after: sequence)
        guard updated.history.count == sequence + events.count,
            updated.history.suffix(events.count).elementsEqual(events)
        else {
            throw StoreError(
                .constraint,
                "Cannot append to case \(id): the updated case's history is not the \(sequence) stored events "
                    + "followed by the \(events.count) appended.")
        }
        for event in events { try canonical(event) }
    }

    /// Throws unless `events` are events of case `id` numbered consecutively from `sequence + 1`, each naming its
    /// predecessor.
    private static func numbered(_ events: [CaseEvent], of id: Case.ID, after sequence: Int) throws {
        for (offset, event) in events.enumerated() {
            let expected = sequence + offset + 1
            guard event.caseID == id else {
                throw StoreError(
                    .constraint, "Cannot store event \(event.sequence) of case \(event.caseID) under case \(id).")
            }
            guard event.sequence == expected, event.previousSequence == (expected == 1 ? nil : expected - 1) else {
                throw StoreError(
                    .constraint,
                    "Cannot store the events of case \(id): event \(event.sequence) is where event \(expected) "
                        + "belongs.")
            }
        }
    }

    /// Throws unless `event` reads back from its canonical JSON unchanged, so that what the store and the evidence
    /// ledger keep is exactly the event the case holds.
    private static func canonical(_ event: CaseEvent) throws {
        let decoded: CaseEvent
        do {
            decoded = try CaseEvent.decodeCanonicalJSON(event.canonicalJSONData)
        } catch {
            throw StoreError(
                .constraint, "Cannot store event \(event.sequence) of case \(event.caseID): it cannot be encoded.",
                underlying: error.debugDescription)
        }
        guard decoded == event else {
            let detail =
                decoded.at != event.at
                ? "it is dated to a fraction of a millisecond, which the ledger does not keep; date actions with "
                    + "Date.roundedToMillisecond"
                : "it does not read back from its canonical JSON unchanged"
            throw StoreError(.constraint, "Cannot store event \(event.sequence) of case \(event.caseID): \(detail).")
        }
    }
}
