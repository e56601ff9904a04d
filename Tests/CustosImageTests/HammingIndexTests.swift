import CustosCore
import CustosImage
import Testing

@Suite struct HammingIndexTests {
    /// SplitMix64 (Steele, Lea and Flood 2014): a seeded generator, so a failure names a reproducible case.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func hash() -> ImageHash {
            ImageHash(words: (next(), next(), next(), next()))
        }

        /// `hash` with `bits` distinct bits flipped.
        mutating func flip(_ hash: ImageHash, bits: Int) -> ImageHash {
            var words = [hash.words.0, hash.words.1, hash.words.2, hash.words.3]
            var positions = Set<Int>()
            while positions.count < bits { positions.insert(Int.random(in: 0..<256, using: &self)) }
            for position in positions { words[position / 64] ^= 1 << UInt64(position % 64) }
            return ImageHash(words: (words[0], words[1], words[2], words[3]))
        }

        /// A hash whose chunks come from a handful of values, as hashes of flat or similar images share chunks.
        mutating func skewed() -> ImageHash {
            let palette: [UInt64] = [0, 0xFFFF, 0x8000, 0x00FF]
            var words: [UInt64] = []
            for _ in 0..<4 {
                var word: UInt64 = 0
                for _ in 0..<4 { word = word << 16 | palette[Int.random(in: 0..<palette.count, using: &self)] }
                words.append(word)
            }
            return flip(
                ImageHash(words: (words[0], words[1], words[2], words[3])), bits: Int.random(in: 0...6, using: &self))
        }
    }

    /// Random hashes, clusters of near-duplicates (0–40 bits apart) and skewed hashes that share chunks, mixed.
    static func corpus(count: Int, seed: UInt64) -> [ImageHash] {
        var generator = Generator(state: seed)
        var hashes: [ImageHash] = []
        while hashes.count < count {
            switch Int.random(in: 0..<10, using: &generator) {
            case 0..<4: hashes.append(generator.hash())
            case 4..<7:
                let base = hashes.randomElement(using: &generator) ?? generator.hash()
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    hashes.append(generator.flip(base, bits: Int.random(in: 0...40, using: &generator)))
                }
            default: hashes.append(generator.skewed())
            }
        }
        return Array(hashes.prefix(count))
    }

    /// Queries near indexed hashes (0–40 bits), random ones, and skewed ones.
    static func queries(count: Int, near hashes: [ImageHash], seed: UInt64) -> [ImageHash] {
        var generator = Generator(state: seed)
        return (0..<count).map { index in
            switch index % 4 {
            case 0, 1:
                let base = hashes.randomElement(using: &generator) ?? generator.hash()
                return generator.flip(base, bits: Int.random(in: 0...40, using: &generator))
            case 2: return generator.hash()
            default: return generator.skewed()
            }
        }
    }

    /// The reference: every hash's distance checked, by distance then identifier (identifiers ascending within
    /// each distance's bucket).
    static func linearScan(_ hashes: [ImageHash], _ query: ImageHash, _ maxDistance: Int) -> [HammingMatch] {
        var byDistance = [[HammingMatch]](repeating: [], count: 257)
        for (id, hash) in hashes.enumerated() {
            let distance = hash.distance(to: query)
            if distance <= maxDistance { byDistance[distance].append(HammingMatch(id: id, distance: distance)) }
        }
        return byDistance.flatMap { $0 }
    }

    static let radii = Array(0...64) + [90, 128, 256]

    @Test func searchEqualsLinearScanForEveryRadius() {
        let hashes = Self.corpus(count: 4000, seed: 6)
        let index = HammingIndex(hashes)
        var nonEmpty = 0
        for (number, query) in Self.queries(count: 40, near: hashes, seed: 7).enumerated() {
            // The scan once per query at the largest radius; a smaller radius's matches are a prefix of it.
            let scanned = Self.linearScan(hashes, query, 256)
            // Radii from 48 visit thousands of lists per chunk (65,536 at 256): fewer queries cover them.
            for radius in Self.radii where radius < 48 || (radius <= 64 && number < 14) || number < 3 {
                let expected = Array(scanned.prefix { $0.distance <= radius })
                if !expected.isEmpty { nonEmpty += 1 }
                #expect(
                    index.search(query, maxDistance: radius, strategy: .multiIndex) == expected,
                    "query \(number) \(query) radius \(radius) (lists)")
                if radius % 4 == 3 || radius > 64 {
                    #expect(
                        index.search(query, maxDistance: radius) == expected,
                        "query \(number) \(query) radius \(radius)")
                }
            }
        }
        // The corpus must exercise real matches, not only empty results.
        #expect(nonEmpty > 500)
    }

    @Test func appendedHashesAreFoundBeforeAndAfterTheListsAreRebuilt() {
        let hashes = Self.corpus(count: 3000, seed: 11)
        var index = HammingIndex(hashes.prefix(1000))
        let queries = Self.queries(count: 12, near: hashes, seed: 12)
        // 1000 indexed and up to 1024 scanned, then a rebuild at 2025, then scanned again.
        for (offset, hash) in hashes.dropFirst(1000).enumerated() {
            #expect(index.append(hash) == 1000 + offset)
            guard offset % 700 == 0 || offset == 1024 || offset == 1999 else { continue }
            let added = Array(hashes.prefix(1001 + offset))
            for query in queries {
                for radius in [0, 15, 16, 31, 32, 40, 64] {
                    #expect(
                        index.search(query, maxDistance: radius, strategy: .multiIndex)
                            == Self.linearScan(added, query, radius))
                }
            }
        }
        #expect(index.count == 3000)
    }

    @Test func everyStrategyReturnsTheSameMatches() {
        let hashes = Self.corpus(count: 2000, seed: 21)
        let index = HammingIndex(hashes)
        for query in Self.queries(count: 16, near: hashes, seed: 22) {
            for radius in [0, 8, 31, 47, 63] {
                let scan = index.search(query, maxDistance: radius, strategy: .linearScan)
                #expect(index.search(query, maxDistance: radius, strategy: .multiIndex) == scan)
                #expect(index.search(query, maxDistance: radius, strategy: .automatic) == scan)
            }
        }
    }

    @Test func indexBuiltByAppendingOrStreamingEqualsIndexBuiltAtOnce() {
        let hashes = Self.corpus(count: 2500, seed: 31)
        var appended = HammingIndex()
        for hash in hashes { appended.append(hash) }
        let built = HammingIndex(hashes)
        // A sequence without contiguous storage takes the generic path.
        let streamed = HammingIndex(hashes.lazy.map { $0 })
        #expect(streamed.count == hashes.count)
        for query in Self.queries(count: 10, near: hashes, seed: 32) {
            let expected = built.search(query, maxDistance: 31)
            #expect(appended.search(query, maxDistance: 31) == expected)
            #expect(streamed.search(query, maxDistance: 31) == expected)
        }
    }

    @Test func emptyIndexFindsNothing() {
        let index = HammingIndex()
        let query = ImageHash(words: (1, 2, 3, 4))
        #expect(index.isEmpty)
        #expect(index.count == 0)
        #expect(index.memoryBytes == 0)
        for strategy in [HammingIndex.Strategy.automatic, .multiIndex, .linearScan] {
            #expect(index.search(query, maxDistance: 256, strategy: strategy).isEmpty)
        }
        #expect(index.nearest(query, count: 5, maxDistance: 256).isEmpty)
        #expect(HammingIndex([ImageHash]()).search(query, maxDistance: 256).isEmpty)
    }

    @Test func duplicatesAreAllReturnedInIdentifierOrder() {
        let hash = ImageHash(words: (0xDEAD_BEEF, 0, 0xFFFF_0000_FFFF_0000, 42))
        var generator = Generator(state: 41)
        let other = generator.hash()
        let index = HammingIndex([hash, other, hash, hash, generator.flip(hash, bits: 3), hash])
        #expect(
            index.search(hash, maxDistance: 3) == [
                HammingMatch(id: 0, distance: 0), HammingMatch(id: 2, distance: 0), HammingMatch(id: 3, distance: 0),
                HammingMatch(id: 5, distance: 0), HammingMatch(id: 4, distance: 3),
            ])
        #expect(index.search(hash, maxDistance: 2).map(\.id) == [0, 2, 3, 5])
    }

    @Test func identifiersAreInsertionPositionsAndNeverChange() {
        let hashes = Self.corpus(count: 1500, seed: 51)
        var index = HammingIndex(hashes.prefix(500))
        for hash in hashes.dropFirst(500) { index.append(hash) }
        for id in stride(from: 0, to: hashes.count, by: 37) {
            #expect(index[id] == hashes[id])
            #expect(index.search(hashes[id], maxDistance: 0).contains(HammingMatch(id: id, distance: 0)))
        }
    }

    @Test func radiiOutsideZeroTo256AreClampedNotTrapped() {
        let hashes = Self.corpus(count: 300, seed: 61)
        let index = HammingIndex(hashes)
        #expect(index.search(hashes[0], maxDistance: -1).isEmpty)
        #expect(index.search(hashes[0], maxDistance: Int.min).isEmpty)
        #expect(index.search(hashes[0], maxDistance: 257) == index.search(hashes[0], maxDistance: 256))
        #expect(index.search(hashes[0], maxDistance: Int.max).count == hashes.count)
        #expect(index.nearest(hashes[0], count: 3, maxDistance: -5).isEmpty)
        #expect(index.nearest(hashes[0], count: 0, maxDistance: 31).isEmpty)
        #expect(index.nearest(hashes[0], count: -1, maxDistance: 31).isEmpty)
    }

    @Test func nearestIsThePrefixOfTheFullSearch() {
        let hashes = Self.corpus(count: 2000, seed: 71)
        let index = HammingIndex(hashes)
        for query in Self.queries(count: 12, near: hashes, seed: 72) {
            let scanned = Self.linearScan(hashes, query, 256)
            for (count, maxDistance) in [(1, 31), (5, 64), (10, 256), (3000, 256), (4, 20)] {
                let expected = Array(scanned.prefix { $0.distance <= maxDistance }.prefix(count))
                #expect(index.nearest(query, count: count, maxDistance: maxDistance) == expected)
            }
        }
    }

    @Test func memoryIsHashesListsAndOffsets() {
        let index = HammingIndex(Self.corpus(count: 1000, seed: 81))
        // 32 bytes of hash and 16 list entries of 4 bytes per hash, 16 × 65,537 offsets of 4 bytes.
        #expect(index.memoryBytes >= 1000 * (32 + 64) + 16 * 65_537 * 4)
        #expect(index.memoryBytes < 1000 * (32 + 64) * 2 + 16 * 65_537 * 4)
    }

    @Test func matchesOrderByDistanceThenIdentifier() {
        let matches = [
            HammingMatch(id: 3, distance: 2), HammingMatch(id: 1, distance: 5), HammingMatch(id: 0, distance: 2),
        ]
        #expect(matches.sorted().map(\.description) == ["0@2", "3@2", "1@5"])
    }
}
