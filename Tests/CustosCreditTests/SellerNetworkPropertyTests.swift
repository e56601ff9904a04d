import CustosCore
import Testing

@testable import CustosCredit

/// The index's networks must be exactly the connected components of "shares a normalized identifier, or has shop
/// images within the threshold", computed here the slow way: every pair of sellers compared.
@Suite struct SellerNetworkPropertyTests {
    struct Scenario {
        var sellers: [SellerIdentifiers]
        var threshold: Int
    }

    /// Random sellers drawing identifiers from small pools, written in varying forms, and shop images clustered
    /// around a few base hashes so that distances fall on both sides of the threshold.
    static func scenario(seed: UInt64, sellerCount: Int, threshold: Int, imagesOnly: Bool = false) -> Scenario {
        var random = SplitMix64(seed: seed)
        let bases = (0..<4).map { _ in [random.next(), random.next(), random.next(), random.next()] }
        func pick<T>(_ values: [T]) -> T { values[Int(random.next(below: UInt64(values.count)))] }
        func chance(_ percent: UInt64) -> Bool { random.next(below: 100) < percent }

        var sellers: [SellerIdentifiers] = []
        for index in 0..<sellerCount {
            var seller = SellerIdentifiers(seller: Party.ID("s\(index)"))
            if !imagesOnly {
                if chance(30) {
                    let user = pick(["ann", "bob", "cy", "dee", "eve", "fay", "gus", "hal"])
                    seller.emails.append(
                        pick(["\(user)@shop.com", "\(user.uppercased())@Shop.com", "\(user)+x@shop.com"]))
                }
                if chance(25) {
                    let number = pick(["13800138000", "13900139000", "13700137000", "13600136000", "13500135000"])
                    seller.phones.append(pick([number, "+86 " + number, "0086" + number]))
                }
                if chance(20) {
                    let account = pick(["6222000011112222", "6222000033334444", "6222000055556666", "62220000777788"])
                    seller.paymentAccounts.append(pick([account, account.chunked(4)]))
                }
                if chance(15) {
                    let street = pick(["1 Long Street", "22 Short Road", "3 Wide Lane", "44 Narrow Way"])
                    seller.addresses.append(
                        pick([street, street.uppercased() + ".", street.replacing(" ", with: ", ")]))
                }
            }
            if chance(imagesOnly ? 100 : 30) {
                var words = pick(bases)
                for _ in 0..<Int(random.next(below: UInt64(threshold + 24))) {
                    let bit = Int(random.next(below: 256))
                    words[bit / 64] ^= 1 << UInt64(bit % 64)
                }
                seller.shopImageHashes.append(ImageHash(words: (words[0], words[1], words[2], words[3])).hex)
            }
            sellers.append(seller)
        }
        return Scenario(sellers: sellers, threshold: threshold)
    }

    /// Components by comparing every pair, as sets of seller ids.
    static func bruteForceComponents(_ scenario: Scenario) -> Set<Set<Party.ID>> {
        let normalizer = IdentifierNormalizer.standard
        let keys = scenario.sellers.map { Set(normalizer.normalize($0).identifiers) }
        let images = scenario.sellers.map { seller in seller.shopImageHashes.compactMap { try? ImageHash(hex: $0) } }
        let count = scenario.sellers.count
        var adjacency = Array(repeating: [Int](), count: count)
        for first in 0..<count {
            for second in (first + 1)..<count {
                let sharesKey = !keys[first].isDisjoint(with: keys[second])
                let sharesImage = images[first].contains { one in
                    images[second].contains { one.distance(to: $0) <= scenario.threshold }
                }
                if sharesKey || sharesImage {
                    adjacency[first].append(second)
                    adjacency[second].append(first)
                }
            }
        }
        var seen = Array(repeating: false, count: count)
        var components: Set<Set<Party.ID>> = []
        for start in 0..<count where !seen[start] {
            var stack = [start]
            var component: Set<Party.ID> = []
            seen[start] = true
            while let node = stack.popLast() {
                component.insert(scenario.sellers[node].seller)
                for next in adjacency[node] where !seen[next] {
                    seen[next] = true
                    stack.append(next)
                }
            }
            components.insert(component)
        }
        return components
    }

    static func indexComponents(_ scenario: Scenario) throws -> Set<Set<Party.ID>> {
        let index = try SellerNetworkIndex(
            scenario.sellers, policy: SellerNetworkPolicy(imageDistanceThreshold: scenario.threshold))
        let components = Set(index.networks(minimumSize: 1).map { Set($0.members) })
        #expect(components.count == index.networkCount)
        return components
    }

    @Test(arguments: 0..<40)
    func networksEqualPairwiseComponentsOnSmallInputs(seed: UInt64) throws {
        let threshold = [31, 0, 12, 47][Int(seed % 4)]
        let scenario = Self.scenario(seed: seed, sellerCount: 5 + Int(seed % 7) * 6, threshold: threshold)
        #expect(try Self.indexComponents(scenario) == Self.bruteForceComponents(scenario), "seed \(seed)")
    }

    /// The multi-index, for a bulk load and for one-by-one insertion, against every pair compared. The linear-scan
    /// crossover is lowered so that small inputs use the multi-index at every radius; one case keeps the default
    /// crossover with enough images to pass it.
    @Test(arguments: [
        (UInt64(100), 31, 700, false), (101, 15, 300, true), (102, 20, 300, true), (103, 47, 300, true),
        (104, 70, 200, true),
    ])
    func networksEqualPairwiseComponentsWithTheMultiIndex(
        seed: UInt64, threshold: Int, sellerCount: Int, lowersCrossover: Bool
    ) throws {
        let scenario = Self.scenario(seed: seed, sellerCount: sellerCount, threshold: threshold, imagesOnly: true)
        let policy = SellerNetworkPolicy(imageDistanceThreshold: threshold)
        var bulk = SellerNetworkIndex(policy: policy)
        var incremental = SellerNetworkIndex(policy: policy)
        if lowersCrossover {
            bulk.linearScanLimit = 0
            incremental.linearScanLimit = 0
        }
        #expect(bulk.linearScanLimit < sellerCount - 300 || lowersCrossover)
        try bulk.load(scenario.sellers)
        for seller in scenario.sellers { try incremental.insert(seller) }

        let expectedComponents = Self.bruteForceComponents(scenario)
        #expect(Set(bulk.networks(minimumSize: 1).map { Set($0.members) }) == expectedComponents, "seed \(seed)")
        #expect(Set(incremental.networks(minimumSize: 1).map { Set($0.members) }) == expectedComponents)

        // Components can hide a missed pair behind other links, so the recorded near pairs are checked too.
        func pairs(_ index: SellerNetworkIndex) -> Set<[String]> {
            var recorded: Set<[String]> = []
            for edge in index.edgeDistance.indices {
                let ends = [index.edgeEndIdentifier[2 * edge], index.edgeEndIdentifier[2 * edge + 1]]
                recorded.insert(ends.map { index.identifiers[Int($0)].value }.sorted())
            }
            return recorded
        }
        let hashes = Array(Set(scenario.sellers.flatMap(\.shopImageHashes))).compactMap { try? ImageHash(hex: $0) }
        var expected: Set<[String]> = []
        for first in hashes.indices {
            for second in (first + 1)..<hashes.count where hashes[first].distance(to: hashes[second]) <= threshold {
                expected.insert([hashes[first].hex, hashes[second].hex].sorted())
            }
        }
        #expect(pairs(bulk) == expected, "seed \(seed)")
        #expect(pairs(incremental) == expected, "seed \(seed)")
        #expect(bulk.truncatedImageSearches == 0)
        #expect(incremental.truncatedImageSearches == 0)
    }

    /// A bulk load and one-by-one insertion must give the same networks and links, with and without the
    /// multi-index.
    @Test(arguments: [(UInt64(300), 40, false), (301, 500, true), (302, 60, false)])
    func bulkLoadEqualsInsertingOneByOne(seed: UInt64, sellerCount: Int, imagesOnly: Bool) throws {
        let scenario = Self.scenario(seed: seed, sellerCount: sellerCount, threshold: 31, imagesOnly: imagesOnly)
        let bulk = try SellerNetworkIndex(scenario.sellers)
        var incremental = SellerNetworkIndex()
        for seller in scenario.sellers { try incremental.insert(seller) }
        #expect(bulk.networks(minimumSize: 1) == incremental.networks(minimumSize: 1), "seed \(seed)")
        #expect(bulk.networkCount == incremental.networkCount)
        #expect(bulk.edgeDistance.count == incremental.edgeDistance.count)
    }

    @Test(arguments: 200..<210)
    func linksExplainEveryNetwork(seed: UInt64) throws {
        // Every member of a network of two or more appears in at least one of its links, and every link's sellers
        // are members.
        let scenario = Self.scenario(seed: seed, sellerCount: 40, threshold: 31)
        let index = try SellerNetworkIndex(scenario.sellers)
        for network in index.networks() {
            let linked = Set(network.links.flatMap(\.sellers))
            #expect(linked == Set(network.members), "seed \(seed), network \(network.id)")
            #expect(network.links.allSatisfy { $0.sellers.count >= 2 })
        }
    }
}

extension String {
    /// The string in groups of `size` characters separated by spaces.
    fileprivate func chunked(_ size: Int) -> String {
        var groups: [String] = []
        var rest = Substring(self)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return groups.joined(separator: " ")
    }
}
