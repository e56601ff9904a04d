import Foundation

extension CaseEvent {
    /// The event's canonical JSON text: keys sorted (RFC 8785), no whitespace, absent values as `null`, dates as
    /// ISO 8601 UTC with milliseconds (`2026-03-01T08:00:00.000Z`).
    ///
    /// Equal events always give the same text, on every platform and in every release of this format
    /// (``canonicalSchema``). Members: `action` (an object: `kind` plus the kind's arguments), `actor` (`user`, `role`,
    /// `organisation`), `at`, `case`, `evidence`, `from`, `note`, `previous`, `schema`, `sequence`, `to`.
    ///
    /// - Complexity: O(n log n) in the size of the event, for sorting member names.
    public var canonicalJSON: String {
        let members: [String: CanonicalJSON] = [
            CodingKeys.action.stringValue: action.canonicalJSON,
            CodingKeys.actor.stringValue: .object([
                "user": .string(actor.user.rawValue), "role": .string(actor.role.rawValue),
                "organisation": .string(actor.organisation.rawValue),
            ]),
            CodingKeys.at.stringValue: .string(CanonicalDate.string(from: at)),
            CodingKeys.caseID.stringValue: .string(caseID.rawValue),
            CodingKeys.evidence.stringValue: .array(evidence.map(CanonicalJSON.string)),
            CodingKeys.fromState.stringValue: .optional(fromState?.rawValue),
            CodingKeys.note.stringValue: .optional(note),
            CodingKeys.previousSequence.stringValue: previousSequence.map(CanonicalJSON.integer) ?? .null,
            "schema": .string(Self.canonicalSchema),
            CodingKeys.sequence.stringValue: .integer(sequence),
            CodingKeys.toState.stringValue: .string(toState.rawValue),
        ]
        return CanonicalJSON.object(members).text
    }

    /// The canonical JSON text as UTF-8 bytes, ready to append to the evidence ledger.
    public var canonicalJSONData: Data { Data(canonicalJSON.utf8) }

    /// Reads an event back from its canonical JSON.
    ///
    /// - Parameter data: the UTF-8 bytes of ``canonicalJSON``.
    /// - Returns: the event (its date rounded to the millisecond, as the encoding keeps it).
    /// - Throws: ``CaseError/Code/invalidEncoding`` when the bytes are not a canonical event of a known schema.
    public static func decodeCanonicalJSON(_ data: Data) throws(CaseError) -> CaseEvent {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = CanonicalDate.date(from: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(text) is not a canonical date (YYYY-MM-DDTHH:MM:SS.sssZ)")
            }
            return date
        }
        let event: CaseEvent
        let schema: String?
        do {
            event = try decoder.decode(CaseEvent.self, from: data)
            schema = try decoder.decode(SchemaProbe.self, from: data).schema
        } catch {
            throw CaseError(.invalidEncoding, "The case event cannot be read.", underlying: String(describing: error))
        }
        guard schema == canonicalSchema else {
            throw CaseError(
                .invalidEncoding, "The case event has schema \(schema ?? "none"), not \(canonicalSchema).")
        }
        return event
    }

    private struct SchemaProbe: Decodable {
        var schema: String?
    }
}
