import Foundation

extension DisclosureList {
    /// The CSV export's columns, in order.
    public static let csvColumns = [
        "party_id", "organisation_id", "name", "region", "platform", "grade", "reasons", "explanation",
        "case_references", "basis", "listed_on", "expires_on", "appeal_deadline", "appeal_url", "appeal_instructions",
    ]

    /// The list as CSV for joint discipline: a header row (``csvColumns``), then one record per entry in the list's
    /// order.
    ///
    /// RFC 4180: records end in CRLF; a field with a comma, a double quote, CR or LF is quoted with quotes doubled.
    /// A cell beginning with `=`, `+`, `-`, `@`, a tab or CR gets a leading `'` so that no spreadsheet runs it as a
    /// formula. Dates are UTC days (`YYYY-MM-DD`); `reasons` and `case_references` are joined with `"; "`;
    /// `basis` describes each finding as `REFERENCE (kind, YYYY-MM-DD, decided by BODY): summary`, joined with
    /// `" | "`; a missing value is an empty field.
    ///
    /// - Returns: the CSV text.
    /// - Complexity: O(size of the output).
    public func csv() -> String {
        var text = CSVField.record(Self.csvColumns)
        for entry in entries {
            let basis = entry.basis.map { item in
                "\(item.caseReference) (\(item.kind.label), \(CivilTime.dayString(item.decidedAt)), decided by "
                    + "\(item.decidedBy)): \(item.summary)"
            }
            text += CSVField.record([
                entry.party.rawValue, entry.organisation.rawValue, entry.name, entry.region ?? "",
                entry.platform ?? "", entry.grade.rawValue, entry.reasons.map(\.rawValue).joined(separator: "; "),
                entry.explanation, entry.basis.map(\.caseReference).joined(separator: "; "),
                basis.joined(separator: " | "), CivilTime.dayString(entry.listedOn),
                CivilTime.dayString(entry.expiresOn), CivilTime.dayString(entry.appeal.deadline),
                entry.appeal.url ?? "", entry.appeal.instructions,
            ])
        }
        return text
    }

    /// The CSV export as UTF-8 bytes.
    ///
    /// - Parameter byteOrderMark: whether to begin with the UTF-8 byte order mark, which some spreadsheet programs
    ///   need to read non-ASCII names correctly.
    /// - Returns: the bytes of ``csv()``.
    public func csvData(byteOrderMark: Bool = false) -> Data {
        var data = Data(byteOrderMark ? [0xEF, 0xBB, 0xBF] : [])
        data.append(contentsOf: Array(csv().utf8))
        return data
    }
}
