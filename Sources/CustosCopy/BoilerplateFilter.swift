/// K-gram hashes that do not count as copying: code every submission was given (a template, a framework's
/// skeleton) and fingerprints common to a large share of the corpus (idioms, licence headers, generated code).
///
/// Tokens covered by an ignored k-gram are left out of matches and out of the denominators of the scores, so a
/// submission that is mostly template does not look copied, and one that copies only the template scores 0.
public struct BoilerplateFilter: Hashable, Sendable {
    /// The ignored k-gram hashes.
    public var hashes: Set<UInt64>

    /// Creates a filter ignoring `hashes`.
    public init(hashes: Set<UInt64> = []) {
        self.hashes = hashes
    }

    /// Whether the filter ignores nothing.
    public var isEmpty: Bool { hashes.isEmpty }

    /// Ignores every k-gram of a base document (not only its winnowing fingerprints, so that template code is
    /// masked wherever the winnowing window of a submission happens to fall).
    ///
    /// - Complexity: O(n) in the base's tokens.
    public mutating func addBase(_ base: CopyDocument) {
        let winnower = Winnower(parameters: base.parameters)
        for file in base.files {
            hashes.formUnion(winnower.kgramHashes(base.symbols[file.tokens]))
        }
    }

    /// Ignores fingerprints held by more than `share` of `documents` (and by at least two of them).
    ///
    /// - Parameters:
    ///   - documents: the corpus.
    ///   - share: the largest share of documents a fingerprint may appear in and still count, in 0…1.
    /// - Complexity: O(F) for F fingerprints in the corpus.
    public mutating func addFrequent(in documents: [CopyDocument], share: Double) {
        guard documents.count > 2 else { return }
        // A fingerprint in two submissions is what copying between them looks like: never suppress it as common.
        let limit = max(2, Int((share * Double(documents.count)).rounded(.down)))
        var counts: [UInt64: Int32] = [:]
        for document in documents {
            for hash in Set(document.fingerprints.map(\.hash)) { counts[hash, default: 0] += 1 }
        }
        for (hash, count) in counts where Int(count) > limit { hashes.insert(hash) }
    }

    /// Which tokens of `document` lie under an ignored k-gram.
    ///
    /// - Complexity: O(n).
    public func mask(for document: CopyDocument) -> [Bool] {
        var mask = [Bool](repeating: false, count: document.tokenCount)
        guard !hashes.isEmpty else { return mask }
        let k = document.parameters.k
        let winnower = Winnower(parameters: document.parameters)
        for file in document.files {
            let kgrams = winnower.kgramHashes(document.symbols[file.tokens])
            var coveredUntil = file.tokens.lowerBound
            for (offset, hash) in kgrams.enumerated() where hashes.contains(hash) {
                let start = max(file.tokens.lowerBound + offset, coveredUntil)
                let end = file.tokens.lowerBound + offset + k
                for index in start..<end { mask[index] = true }
                coveredUntil = end
            }
        }
        return mask
    }
}
