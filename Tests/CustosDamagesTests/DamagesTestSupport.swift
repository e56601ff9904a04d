import CustosCore
import Foundation
import Testing

@testable import CustosDamages

/// The bundled table, loaded once per test process.
func bundledAssessor() throws -> DamageAssessor {
    DamageAssessor(rules: try DamageRules.bundled())
}

/// A decimal from its exact text, so tests state money without passing through binary floating point.
func money(_ text: String) -> Decimal {
    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
        preconditionFailure("not a decimal literal: \(text)")
    }
    return value
}

/// Assesses `claim` expecting a ``DamagesError`` and returns it.
func expectFailure(
    _ assessor: DamageAssessor, _ claim: DamageClaim, sourceLocation: SourceLocation = #_sourceLocation
) -> DamagesError? {
    do {
        let assessment = try assessor.assess(claim)
        Issue.record("expected an error, got \(assessment.amount)", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}

/// One step of a path into a JSON document.
enum JSONStep {
    case key(String)
    case index(Int)
}

/// The bundled rules as a mutable JSON tree, for building malformed and custom tables.
func bundledRulesJSON() throws -> Any {
    try JSONSerialization.jsonObject(with: Data(contentsOf: DamageRules.bundledURL()))
}

/// `document` with the value at `path` replaced by `value` (removed when `value` is `nil`).
func replacing(_ path: [JSONStep], with value: Any?, in document: Any) -> Any {
    guard let first = path.first else { return value ?? NSNull() }
    let rest = Array(path.dropFirst())
    switch first {
    case .key(let key):
        var object = document as? [String: Any] ?? [:]
        if rest.isEmpty, value == nil {
            object.removeValue(forKey: key)
        } else {
            object[key] = replacing(rest, with: value, in: object[key] ?? [String: Any]())
        }
        return object
    case .index(let index):
        var array = document as? [Any] ?? []
        guard array.indices.contains(index) else { return array }
        if rest.isEmpty, value == nil {
            array.remove(at: index)
        } else {
            array[index] = replacing(rest, with: value, in: array[index])
        }
        return array
    }
}

/// Serializes a JSON tree.
func data(_ document: Any) throws -> Data {
    try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
}

/// Loads a table from a JSON tree, expecting it to be rejected, and returns the error.
func rejection(_ document: Any, sourceLocation: SourceLocation = #_sourceLocation) throws -> DamagesError? {
    let bytes = try data(document)
    do {
        _ = try DamageRules(jsonData: bytes, source: "custom.json")
        Issue.record("expected the table to be rejected", sourceLocation: sourceLocation)
        return nil
    } catch {
        return error
    }
}
