import CustosCore
import Foundation

/// A validated table of damage rules, one entry per jurisdiction and group of right kinds.
///
/// Custos bundles a table (``bundled()``, `Resources/damage-rules.json`); a caller may supply its own file in the
/// same format (``init(contentsOf:)``), e.g. a Member State's implementation of Directive 2004/48/EC. Every
/// initializer validates the whole table, so a value of this type is always usable: a malformed file fails at
/// load time with a ``DamagesError`` naming the entry and the field, never later in the middle of an assessment.
/// The format is described in `docs/damages.md`.
public struct DamageRules: Hashable, Sendable, Encodable {
    /// The format version this build reads and writes.
    public static let formatVersion = 1

    /// The table's format version.
    public let version: Int
    /// The table's entries, in file order.
    public let entries: [DamageRule]

    /// Creates a table from entries and validates it.
    ///
    /// - Parameter entries: The rules.
    /// - Throws: ``DamagesError/Code/invalidRules`` naming the first entry and field that is inconsistent.
    public init(entries: [DamageRule]) throws(DamagesError) {
        try self.init(version: Self.formatVersion, entries: entries, source: "rules table")
    }

    /// Reads and validates a rules file.
    ///
    /// - Parameter url: A JSON file in the format of `Resources/damage-rules.json`.
    /// - Throws: ``DamagesError/Code/cannotReadRules`` when the file cannot be read;
    ///   ``DamagesError/Code/invalidRules`` naming the entry and field when it is malformed or inconsistent.
    public init(contentsOf url: URL) throws(DamagesError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DamagesError(
                .cannotReadRules, "cannot read the damage rules file \(url.path)",
                underlying: String(describing: error))
        }
        try self.init(jsonData: data, source: url.lastPathComponent)
    }

    /// Parses and validates a rules table.
    ///
    /// - Parameters:
    ///   - jsonData: The table as JSON.
    ///   - source: A name for the table in error messages (e.g. its file name).
    /// - Throws: ``DamagesError/Code/invalidRules`` naming the entry and field when it is malformed or
    ///   inconsistent.
    public init(jsonData: Data, source: String) throws(DamagesError) {
        let file: RulesFile
        do {
            file = try JSONDecoder().decode(RulesFile.self, from: jsonData)
        } catch let error as DecodingError {
            throw Self.describe(error, in: jsonData, source: source)
        } catch {
            throw DamagesError(
                .invalidRules, "\(source) cannot be read as a rules table", underlying: String(describing: error))
        }
        try self.init(version: file.version, entries: file.entries, source: source)
    }

    private init(version: Int, entries: [DamageRule], source: String) throws(DamagesError) {
        self.version = version
        self.entries = entries
        try RulesValidator(source: source).validate(self)
    }

    /// The table bundled with Custos, loaded and validated once per process.
    ///
    /// - Throws: ``DamagesError`` when the bundle lacks the file or the file is invalid (a packaging fault).
    public static func bundled() throws(DamagesError) -> DamageRules {
        try bundledTable.get()
    }

    /// The location of the bundled table, for callers that want to copy it as a starting point.
    ///
    /// - Throws: ``DamagesError/Code/cannotReadRules`` when the resource bundle lacks the file.
    public static func bundledURL() throws(DamagesError) -> URL {
        // The target copies the whole `Resources` folder, so the file sits in a subdirectory of the bundle.
        guard let url = Bundle.module.url(forResource: "damage-rules", withExtension: "json", subdirectory: "Resources")
        else {
            throw DamagesError(
                .cannotReadRules, "the bundled damage rules (Resources/damage-rules.json) are missing",
                underlying: Bundle.module.bundlePath)
        }
        return url
    }

    private static let bundledTable = Result { () throws(DamagesError) -> DamageRules in
        try DamageRules(contentsOf: bundledURL())
    }

    /// The jurisdiction codes the table covers, sorted.
    public var jurisdictions: [String] {
        Array(Set(entries.map(\.jurisdiction))).sorted()
    }

    /// The rule for a kind of right in a jurisdiction.
    ///
    /// - Parameters:
    ///   - jurisdiction: The jurisdiction's code, in any case (`cn` finds `CN`).
    ///   - right: The kind of right infringed.
    /// - Returns: The first entry covering both.
    /// - Throws: ``DamagesError/Code/unknownJurisdiction`` when no entry has the jurisdiction;
    ///   ``DamagesError/Code/ruleNotAvailable`` when none of its entries covers the kind of right.
    public func rule(for jurisdiction: String, right: RightKind) throws(DamagesError) -> DamageRule {
        let code = jurisdiction.trimmingCharacters(in: .whitespaces).uppercased()
        let candidates = entries.filter { $0.jurisdiction == code }
        guard !candidates.isEmpty else {
            throw DamagesError(
                .unknownJurisdiction,
                "no damage rules for jurisdiction \"\(jurisdiction)\"; the table covers "
                    + jurisdictions.joined(separator: ", "),
                field: "jurisdiction")
        }
        guard let rule = candidates.first(where: { $0.rights.contains(right) }) else {
            let covered = candidates.flatMap(\.rights).map(\.rawValue)
            throw DamagesError(
                .ruleNotAvailable,
                "the \(code) damage rules cover \(covered.joined(separator: ", ")) but not \(right.rawValue)",
                field: "right")
        }
        return rule
    }

    /// Maps a decoding failure to an error naming the entry (by its `id` when the JSON has one) and the field.
    private static func describe(_ error: DecodingError, in data: Data, source: String) -> DamagesError {
        let context: DecodingError.Context
        var path: [any CodingKey]
        let problem: String
        switch error {
        case .keyNotFound(let key, let keyContext):
            context = keyContext
            path = keyContext.codingPath + [key]
            problem = "is missing"
        case .typeMismatch(let type, let mismatchContext):
            context = mismatchContext
            path = mismatchContext.codingPath
            problem = "has the wrong type (expected \(Self.typeName(type)))"
        case .valueNotFound(let type, let nullContext):
            context = nullContext
            path = nullContext.codingPath
            problem = "is null (expected \(Self.typeName(type)))"
        case .dataCorrupted(let corruptContext):
            context = corruptContext
            path = corruptContext.codingPath
            problem = "is invalid: \(corruptContext.debugDescription)"
        @unknown default:
            return DamagesError(.invalidRules, "\(source) is not a valid rules table", underlying: "\(error)")
        }
        if path.isEmpty {
            return DamagesError(
                .invalidRules, "\(source) is not valid JSON: \(context.debugDescription)",
                underlying: context.underlyingError.map { String(describing: $0) })
        }
        var entry: String?
        if path.count >= 2, path[0].stringValue == "entries", let index = path[1].intValue {
            entry = entryID(at: index, in: data) ?? "entries[\(index)]"
            path.removeFirst(2)
        }
        let field = fieldPath(path)
        let location =
            entry.map { "entry \"\($0)\"" + (field.isEmpty ? "" : ", field \"\(field)\"") } ?? "field \"\(field)\""
        return DamagesError(
            .invalidRules, "\(source): \(location) \(problem)", field: field.isEmpty ? nil : field, entry: entry,
            underlying: context.underlyingError.map { String(describing: $0) })
    }

    /// The `id` of entry `index` read leniently, so an error can name the entry even when it fails to decode.
    private static func entryID(at index: Int, in data: Data) -> String? {
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let entries = root["entries"] as? [Any], entries.indices.contains(index),
            let entry = entries[index] as? [String: Any], let id = entry["id"] as? String, !id.isEmpty
        else { return nil }
        return id
    }

    private static func fieldPath(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type: "an integer"
        case is Decimal.Type: "a number"
        default: String(describing: type)
        }
    }
}

/// The JSON document: decoded first, validated as a whole afterwards.
private struct RulesFile: Decodable {
    var version: Int
    var entries: [DamageRule]
}
