/// How much of a registered fingerprint set a suspect document contains.
public struct SetMatch: Hashable, Sendable {
    /// Distinct fingerprint hashes found on both sides.
    public var sharedFingerprints: Int
    /// Share of the set's distinct hashes found in the document: how much of the registered work is copied.
    public var registeredShare: Double
    /// Share of the document's distinct hashes found in the set: how much of the suspect is copied.
    public var documentShare: Double
    /// The matching regions, suspect side A, registered side B, in suspect order.
    public var regions: [CopyMatch]

    /// Creates a match summary.
    public init(sharedFingerprints: Int, registeredShare: Double, documentShare: Double, regions: [CopyMatch]) {
        self.sharedFingerprints = sharedFingerprints
        self.registeredShare = registeredShare
        self.documentShare = documentShare
        self.regions = regions
    }
}

extension FingerprintSet {
    /// Compares a suspect document with this set.
    ///
    /// Regions are built by walking the suspect's matching fingerprints in order and chaining those whose
    /// registered k-grams continue in the same file within a few lines of the previous one; a jump elsewhere
    /// starts a new region (reordered code yields several regions).
    ///
    /// - Parameters:
    ///   - document: the suspect, fingerprinted with this set's `parameters` (otherwise nothing can match).
    ///   - ignoring: hashes to leave out (boilerplate), already keyed like this set's hashes.
    /// - Returns: the summary; zero shares when nothing is shared.
    /// - Complexity: O(f + g) for f registered and g suspect fingerprints, plus g HMACs when salted.
    public func match(_ document: CopyDocument, ignoring: Set<UInt64> = []) -> SetMatch {
        var byHash: [UInt64: [Int]] = [:]
        for (index, entry) in entries.enumerated() where !ignoring.contains(entry.hash) {
            byHash[entry.hash, default: []].append(index)
        }
        let suspectHashes = comparableHashes(of: document)
        var shared = Set<UInt64>()
        var suspectDistinct = Set<UInt64>()
        var builder = RegionBuilder(document: document, set: self)
        for (fingerprint, hash) in zip(document.fingerprints, suspectHashes) where !ignoring.contains(hash) {
            suspectDistinct.insert(hash)
            guard let candidates = byHash[hash] else { continue }
            shared.insert(hash)
            builder.add(position: Int(fingerprint.position), candidates: candidates)
        }
        let registeredDistinct = byHash.count
        return SetMatch(
            sharedFingerprints: shared.count,
            registeredShare: registeredDistinct == 0 ? 0 : Double(shared.count) / Double(registeredDistinct),
            documentShare: suspectDistinct.isEmpty ? 0 : Double(shared.count) / Double(suspectDistinct.count),
            regions: builder.finish())
    }
}

/// Chains matching fingerprints into regions.
private struct RegionBuilder {
    let document: CopyDocument
    let set: FingerprintSet
    var regions: [CopyMatch] = []
    var current: (aFile: Int, aStart: Int, aEnd: Int, bFile: Int32, bFirst: Int32, bLast: Int32, count: Int)?

    /// Lines a chained k-gram may start after the previous one ends (a few inserted lines keep a region whole).
    static let gap: Int32 = 3

    init(document: CopyDocument, set: FingerprintSet) {
        self.document = document
        self.set = set
    }

    mutating func add(position: Int, candidates: [Int]) {
        let k = document.parameters.k
        let aFile = document.fileIndex(containing: position)
        // Prefer the registered occurrence that continues the current region.
        var chosen = set.entries[candidates[0]]
        if let current, current.aFile == aFile {
            for index in candidates {
                let entry = set.entries[index]
                if entry.file == current.bFile, entry.firstLine >= current.bFirst,
                    entry.firstLine <= current.bLast + Self.gap
                {
                    chosen = entry
                    break
                }
            }
        }
        if var region = current, region.aFile == aFile, chosen.file == region.bFile,
            chosen.firstLine >= region.bFirst, chosen.firstLine <= region.bLast + Self.gap,
            position <= region.aEnd + k
        {
            region.aEnd = max(region.aEnd, position + k)
            region.bLast = max(region.bLast, chosen.lastLine)
            region.count += 1
            current = region
        } else {
            flush()
            current = (aFile, position, position + k, chosen.file, chosen.firstLine, chosen.lastLine, 1)
        }
    }

    mutating func flush() {
        guard let region = current else { return }
        let end = min(region.aEnd, document.files[region.aFile].tokens.upperBound)
        let location = document.location(of: region.aStart..<end)
        let bFile = set.files.indices.contains(Int(region.bFile)) ? set.files[Int(region.bFile)].name : "?"
        regions.append(
            CopyMatch(
                aFile: document.files[location.file].path, aLines: location.lines, bFile: bFile,
                bLines: Int(region.bFirst)...Int(max(region.bFirst, region.bLast)), tokens: end - region.aStart))
        current = nil
    }

    mutating func finish() -> [CopyMatch] {
        flush()
        return regions
    }
}
