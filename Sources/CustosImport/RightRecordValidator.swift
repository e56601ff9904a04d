import CustosCore
import Foundation

/// The columns of the rights import schema (docs/formats.md, "Rights import").
enum RightColumn: String, CaseIterable {
    case id, kind, name, classes, owner, jurisdiction, status
    case referencePrice = "reference_price"
    case currency
    case filedOn = "filed_on"
    case registeredOn = "registered_on"
    case expiresOn = "expires_on"
    case registrationNumber = "registration_number"
    case markType = "mark_type"
    case image
    case evaluationReport = "evaluation_report"
    case patentClasses = "patent_classes"
    case workType = "work_type"
    case product
    case originRegion = "origin_region"
    case taxon, fingerprint
    case work
    case fingerprintFile = "fingerprint_file"

    /// Columns every file must have.
    static let required: [RightColumn] = [.id, .kind, .name, .classes, .owner, .jurisdiction, .status]

    /// Every column name, in schema order, for "accepted: …" messages.
    static let acceptedList = allCases.map(\.rawValue).joined(separator: ", ")

    /// The kinds a kind-specific column applies to, or `nil` for the common columns.
    var kinds: [RightKind]? {
        switch self {
        case .markType: [.trademark]
        case .image: [.trademark, .design, .icLayout, .copyright]
        case .evaluationReport: [.utilityModel, .design]
        case .patentClasses: [.patent, .utilityModel, .design]
        case .workType: [.copyright]
        case .product, .originRegion: [.geographicalIndication]
        case .taxon: [.plantVariety]
        case .fingerprint, .fingerprintFile: [.tradeSecret]
        case .work: [.copyright]
        default: nil
        }
    }
}

/// Turns a raw record's text fields into a `Right`, or into every problem found in it.
struct RightRecordValidator {
    static let markTypes = ["word", "figurative", "combined", "sound", "3d", "other"]
    static let workTypes = ["text", "image", "source_code", "audio", "video", "other"]
    /// The work types whose content (`work`) is fingerprinted for copy detection.
    static let fingerprintedWorkTypes = ["text", "source_code"]
    private static let kindList = RightKind.allCases.map(\.rawValue).joined(separator: ", ")
    private static let statusList = RightStatus.allCases.map(\.rawValue).joined(separator: ", ")

    let organisation: Organisation.ID

    /// The right the fields describe, or the problems as `(field, message)` pairs.
    func validate(_ fields: [String: String]) -> Result<Right, Problems> {
        var problems = Problems()
        // Trim every value once; lookups below are then cheap, which matters at millions of records.
        var values: [RightColumn: String] = [:]
        var present = Set<RightColumn>()
        for (key, text) in fields {
            guard let column = RightColumn(rawValue: key) else {
                problems.add(key, "unknown field; accepted: \(Self.acceptedFields)")
                continue
            }
            present.insert(column)
            let trimmed = text.trimmed
            if !trimmed.isEmpty { values[column] = trimmed }
        }
        if fields.count > present.count { problems.sortByField() }
        func value(_ column: RightColumn) -> String? { values[column] }
        func required(_ column: RightColumn) -> String? {
            guard present.contains(column) else {
                problems.add(column, "missing required field")
                return nil
            }
            guard let text = values[column] else {
                problems.add(column, "must not be empty")
                return nil
            }
            return text
        }

        let id = required(.id)
        let kind = required(.kind).flatMap { text -> RightKind? in
            guard let kind = RightKind(rawValue: Self.token(text)) else {
                problems.add(.kind, "unknown kind '\(text)'; accepted: \(Self.kindList)")
                return nil
            }
            return kind
        }
        let name = required(.name)
        let owner = required(.owner)
        let status = required(.status).flatMap { text -> RightStatus? in
            guard let status = RightStatus(rawValue: Self.token(text)) else {
                problems.add(.status, "unknown status '\(text)'; accepted: \(Self.statusList)")
                return nil
            }
            return status
        }
        let jurisdiction = required(.jurisdiction).flatMap { text -> String? in
            let code = text.uppercased()
            guard code.count == 2, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                problems.add(.jurisdiction, "'\(text)' is not a two-letter code (ISO 3166, or EM, WO)")
                return nil
            }
            return code
        }
        let classes = parseClasses(
            values[.classes], isPresent: present.contains(.classes), kind: kind, problems: &problems)

        let referencePrice = value(.referencePrice).flatMap { text -> Double? in
            guard let price = Double(text), price.isFinite else {
                problems.add(.referencePrice, "'\(text)' is not a number")
                return nil
            }
            guard price >= 0 else {
                problems.add(.referencePrice, "must not be negative, got \(text)")
                return nil
            }
            return price
        }
        let currency = value(.currency).flatMap { text -> String? in
            let code = text.uppercased()
            guard code.count == 3, code.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                problems.add(.currency, "'\(text)' is not a three-letter ISO 4217 code")
                return nil
            }
            return code
        }
        let filedOn = date(.filedOn, value(.filedOn), &problems)
        let registeredOn = date(.registeredOn, value(.registeredOn), &problems)
        let expiresOn = date(.expiresOn, value(.expiresOn), &problems)

        var details = RightDetails(registrationNumber: value(.registrationNumber))
        if let kind {
            for column in RightColumn.allCases where values[column] != nil {
                if let kinds = column.kinds, !kinds.contains(kind) {
                    let names = kinds.map(\.rawValue).joined(separator: ", ")
                    problems.add(column, "does not apply to kind \(kind.rawValue) (only to \(names))")
                }
            }
        }
        details.markType = choice(.markType, value(.markType), Self.markTypes, &problems)
        details.image = value(.image)
        details.hasEvaluationReport = value(.evaluationReport).flatMap { text in
            switch text.lowercased() {
            case "true", "yes", "1": return true
            case "false", "no", "0": return false
            default:
                problems.add(.evaluationReport, "'\(text)' is not a boolean; accepted: true, false, yes, no, 1, 0")
                return nil
            }
        }
        details.patentClasses = value(.patentClasses).map {
            $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        details.workType = choice(.workType, value(.workType), Self.workTypes, &problems)
        details.product = value(.product)
        details.originRegion = value(.originRegion)
        details.taxon = value(.taxon)
        details.fingerprint = value(.fingerprint).flatMap { text -> String? in
            let hex = text.lowercased()
            guard hex.utf8.count == 64,
                hex.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x61 && $0 <= 0x66) })
            else {
                problems.add(.fingerprint, "must be 64 hexadecimal digits (a SHA-256 digest)")
                return nil
            }
            return hex
        }
        if kind == .tradeSecret, value(.fingerprint) == nil, value(.fingerprintFile) == nil {
            problems.add(
                .fingerprint,
                "a trade secret needs its fingerprint (64 hexadecimal digits) or a fingerprint_file "
                    + "(from custos copy fingerprint), or both")
        }
        // A work is fingerprinted as text or code; a picture, a recording or a film has nothing to tokenize.
        if kind == .copyright, value(.work) != nil, let type = details.workType,
            !Self.fingerprintedWorkTypes.contains(type)
        {
            problems.add(
                .work,
                "applies only to work_type \(Self.fingerprintedWorkTypes.joined(separator: " or ")), not \(type)")
        }

        guard problems.isEmpty, let id, let kind, let name, let owner, let jurisdiction, let status else {
            return .failure(problems)
        }
        return .success(
            Right(
                id: Right.ID(id), organisation: organisation, kind: kind, name: name, classes: classes, owner: owner,
                jurisdiction: jurisdiction, status: status, referencePrice: referencePrice, currency: currency,
                filedOn: filedOn, registeredOn: registeredOn, expiresOn: expiresOn, details: details))
    }

    private static let acceptedFields = RightColumn.acceptedList

    /// Kinds and statuses match case-insensitively, with `-` or a space standing for `_`.
    private static func token(_ text: String) -> String {
        String(text.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
    }

    private func parseClasses(_ text: String?, isPresent: Bool, kind: RightKind?, problems: inout Problems)
        -> [NiceClass]
    {
        guard isPresent else {
            problems.add(.classes, "missing required field")
            return []
        }
        let text = text ?? ""
        var classes = Set<NiceClass>()
        for token in text.split(separator: ";") {
            let trimmed = String(token).trimmed
            if trimmed.isEmpty { continue }
            guard let number = Int(trimmed), let niceClass = NiceClass(number) else {
                problems.add(.classes, "class '\(trimmed)' is not an integer in 1…45")
                continue
            }
            classes.insert(niceClass)
        }
        if kind == .trademark, classes.isEmpty, !problems.has(.classes) {
            problems.add(.classes, "a trademark needs at least one Nice class (1…45, separated by ';')")
        }
        return classes.sorted()
    }

    private func date(_ column: RightColumn, _ text: String?, _ problems: inout Problems) -> Date? {
        guard let text else { return nil }
        guard let date = CalendarDate.parse(text) else {
            problems.add(column, "'\(text)' is not a date (YYYY-MM-DD)")
            return nil
        }
        return date
    }

    private func choice(_ column: RightColumn, _ text: String?, _ accepted: [String], _ problems: inout Problems)
        -> String?
    {
        guard let text else { return nil }
        let token = String(text.lowercased().map { $0 == "-" ? "_" : $0 })
        guard accepted.contains(token) else {
            problems.add(column, "unknown value '\(text)'; accepted: \(accepted.joined(separator: ", "))")
            return nil
        }
        return token
    }
}

/// The problems found in one record, in the order found.
struct Problems {
    private(set) var items: [(field: String, message: String)] = []

    var isEmpty: Bool { items.isEmpty }

    mutating func add(_ column: RightColumn, _ message: String) {
        items.append((column.rawValue, message))
    }

    mutating func add(_ field: String, _ message: String) {
        items.append((field, message))
    }

    /// Orders the problems found so far by field name (unknown fields arrive in dictionary order).
    mutating func sortByField() {
        items.sort { $0.field < $1.field }
    }

    func has(_ column: RightColumn) -> Bool {
        items.contains { $0.field == column.rawValue }
    }
}

extension Problems: Error {}

/// Calendar dates in `YYYY-MM-DD` form, as midnight UTC.
enum CalendarDate {
    /// The date `text` names, or `nil` when it is not a real `YYYY-MM-DD` date.
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let civil = CivilDate(year: year, month: month, day: day)
        else { return nil }
        return Date(timeIntervalSince1970: Double(civil.daysSince1970) * 86_400)
    }
}
