import CustosCore
import Foundation

/// Reads a rights holder's reference prices per product category: CSV with the header
/// `owner,category,reference_price,currency` (any column order, RFC 4180 quoting).
public enum CategoryPriceReader {
    /// The required columns.
    public static let columns = ["owner", "category", "reference_price", "currency"]

    /// Every row of the file at `url`.
    ///
    /// - Throws: `ImportError` with `.invalidRecords` listing every bad row as `FILE:LINE: field: problem`, or
    ///   `.cannotRead` when the file cannot be opened.
    public static func read(_ url: URL, displayName: String? = nil) throws -> [CategoryPrice] {
        let name = displayName ?? url.path
        var parser = CSVRecordParser(
            reader: try ByteChunkReader(url: url, displayName: name, chunkSize: 1 << 16), displayName: name)
        guard let header = try parser.next() else { return [] }
        var position: [String: Int] = [:]
        for (index, column) in header.fields.enumerated() {
            position[column.trimmingCharacters(in: .whitespaces).lowercased()] = index
        }
        var problems: [ImportProblem] = []
        for column in columns where position[column] == nil {
            problems.append(ImportProblem(file: name, line: header.line, field: column, message: "missing column"))
        }
        guard problems.isEmpty else {
            throw ImportError(.invalidRecords, "\(name): missing columns", problems: problems)
        }
        var prices: [CategoryPrice] = []
        while let record = try parser.next() {
            func field(_ column: String) -> String {
                guard let index = position[column], index < record.fields.count else { return "" }
                return record.fields[index].trimmingCharacters(in: .whitespaces)
            }
            func problem(_ field: String, _ message: String) {
                problems.append(ImportProblem(file: name, line: record.line, field: field, message: message))
            }
            if let error = record.error {
                problem("record", error)
                continue
            }
            let owner = field("owner")
            let category = field("category")
            let currency = field("currency")
            if owner.isEmpty { problem("owner", "must not be empty") }
            if category.isEmpty { problem("category", "must not be empty") }
            guard let amount = Double(field("reference_price")), amount.isFinite, amount > 0 else {
                problem("reference_price", "must be a number greater than 0, got \"\(field("reference_price"))\"")
                continue
            }
            guard currency.count == 3, currency.allSatisfy(\.isLetter) else {
                problem("currency", "must be a three-letter ISO 4217 code, got \"\(currency)\"")
                continue
            }
            if !owner.isEmpty, !category.isEmpty {
                prices.append(
                    CategoryPrice(
                        owner: owner, category: category, price: ReferencePrice(amount: amount, currency: currency)))
            }
        }
        guard problems.isEmpty else {
            throw ImportError(
                .invalidRecords, "\(name): \(problems.count) invalid price row(s)", problems: problems)
        }
        return prices
    }
}
