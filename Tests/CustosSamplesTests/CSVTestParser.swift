/// A small RFC 4180 reader for checking the sample CSV files without depending on the import module.
enum CSVTestParser {
    /// The records of `text`: quoted fields may hold commas, doubled quotes and line breaks.
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var inQuotes = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let scalar = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if scalar == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.unicodeScalars.append("\"")
                        } else {
                            inQuotes = false
                            pending = next
                        }
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"": inQuotes = true
            case ",":
                record.append(field)
                field = ""
            case "\r": continue
            case "\n":
                record.append(field)
                records.append(record)
                record = []
                field = ""
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    /// The records of `text` as dictionaries keyed by the header row.
    static func rows(_ text: String) -> (header: [String], rows: [[String: String]]) {
        let records = parse(text)
        guard let header = records.first else { return ([], []) }
        let rows = records.dropFirst().map { record in
            Dictionary(
                uniqueKeysWithValues: zip(
                    header, record + Array(repeating: "", count: max(0, header.count - record.count))))
        }
        return (header, rows)
    }
}
