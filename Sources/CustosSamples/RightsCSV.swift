import CustosCore

/// Formats rights as lines of the rights-import CSV (`docs/formats.md`, "Rights import").
enum RightsCSV {
    /// The header row, without the line break.
    static let header =
        "id,kind,name,classes,owner,jurisdiction,status,reference_price,currency,registration_number,mark_type,"
        + "image,evaluation_report,patent_classes,work_type,product,origin_region,taxon,fingerprint"

    /// Appends one CSV line for `right`, line break included, to `out` (RFC 4180 quoting).
    static func append(_ right: Right, to out: inout [UInt8]) {
        let details = right.details
        appendField(right.id.rawValue, to: &out)
        out.append(comma)
        appendField(right.kind.rawValue, to: &out)
        out.append(comma)
        appendField(right.name, to: &out)
        out.append(comma)
        for (position, niceClass) in right.classes.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ";")) }
            out.appendDecimal(niceClass.number)
        }
        out.append(comma)
        appendField(right.owner, to: &out)
        out.append(comma)
        appendField(right.jurisdiction, to: &out)
        out.append(comma)
        appendField(right.status.rawValue, to: &out)
        out.append(comma)
        if let price = right.referencePrice {
            appendField(price == price.rounded() && abs(price) < 1e15 ? String(Int(price)) : String(price), to: &out)
        }
        func appendOptional(_ field: String?) {
            out.append(comma)
            if let field { appendField(field, to: &out) }
        }
        appendOptional(right.currency)
        appendOptional(details.registrationNumber)
        appendOptional(details.markType)
        appendOptional(details.image)
        appendOptional(details.hasEvaluationReport.map { $0 ? "true" : "false" })
        appendOptional(details.patentClasses?.joined(separator: ";"))
        appendOptional(details.workType)
        appendOptional(details.product)
        appendOptional(details.originRegion)
        appendOptional(details.taxon)
        appendOptional(details.fingerprint)
        out.append(UInt8(ascii: "\n"))
    }

    private static let comma = UInt8(ascii: ",")
    private static let quote = UInt8(ascii: "\"")

    /// Appends the field, quoted with quotes doubled when it holds a comma, quote or line break.
    static func appendField(_ field: String, to out: inout [UInt8]) {
        var field = field
        field.withUTF8 { bytes in
            let needsQuotes = bytes.contains {
                $0 == comma || $0 == quote || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r")
            }
            guard needsQuotes else {
                out.append(contentsOf: bytes)
                return
            }
            out.append(quote)
            for byte in bytes {
                if byte == quote { out.append(quote) }
                out.append(byte)
            }
            out.append(quote)
        }
    }
}
