import CustosLedger
import Foundation

/// Which evidence entries each organisation deposited, so lists need not scan the whole log per request.
///
/// Built by reading every entry once at start, then kept up to date by the deposits the server makes. The log
/// is the truth: this is only an index of it.
actor EvidenceIndex {
    private var entries: [String: [UInt64]] = [:]

    /// Reads the whole log.
    init(vault: EvidenceVault) throws(LedgerError) {
        var entries: [String: [UInt64]] = [:]
        for index in 0..<vault.log.size {
            let entry = try EvidenceEntry(canonicalBytes: try vault.log.entry(at: index))
            entries[entry.depositor.organisation, default: []].append(index)
        }
        self.entries = entries
    }

    /// Records new deposits of `organisation`.
    func add(_ indexes: [UInt64], for organisation: String) {
        entries[organisation, default: []].append(contentsOf: indexes)
    }

    /// The organisation's entries, newest first, a page at a time.
    func page(for organisation: String, limit: Int, offset: Int) -> [UInt64] {
        let all = entries[organisation] ?? []
        guard offset < all.count else { return [] }
        return Array(all.reversed().dropFirst(offset).prefix(limit))
    }

    /// How many entries the organisation deposited.
    func count(for organisation: String) -> Int { entries[organisation]?.count ?? 0 }
}
