import CustosCore
import Testing

@testable import CustosCredit

@Suite struct SellerNetworkIndexTests {
    /// A hash with the given bits set (bit 0 is the most significant bit of the first word).
    static func hash(bits: [Int]) -> String {
        var words: [UInt64] = [0, 0, 0, 0]
        for bit in bits { words[bit / 64] |= 1 << UInt64(63 - bit % 64) }
        return ImageHash(words: (words[0], words[1], words[2], words[3])).hex
    }

    @Test func sellersSharingAnEmailVariantAreLinked() throws {
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "old", emails: ["Shoe.King@gmail.com"]),
            SellerIdentifiers(seller: "new", emails: ["shoeking+relist@googlemail.com"]),
            SellerIdentifiers(seller: "other", emails: ["shoeking@example.com"]),
        ])
        #expect(index.areLinked("old", "new"))
        #expect(!index.areLinked("old", "other"))
        let network = try #require(index.network(of: "new"))
        #expect(network.id == "new")
        #expect(network.members == ["new", "old"])
        #expect(network.links == [.init(kind: .email, values: ["s***@gmail.com"], sellers: ["new", "old"])])
        #expect(network.links.first?.explanation == "email address s***@gmail.com is shared by new, old")
        #expect(index.networkCount == 2)
    }

    @Test func linksAreTransitive() throws {
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "a", phones: ["+86 138 0013 8000"]),
            SellerIdentifiers(seller: "b", phones: ["13800138000"], paymentAccounts: ["6222 0000 1111 2222"]),
            SellerIdentifiers(seller: "c", paymentAccounts: ["6222-0000-1111-2222"], addresses: ["1 Long Street"]),
            SellerIdentifiers(seller: "d", addresses: ["1 long st."]),
        ])
        #expect(index.areLinked("a", "c"))
        #expect(!index.areLinked("a", "d"))
        let network = try #require(index.network(of: "c"))
        #expect(network.members == ["a", "b", "c"])
        #expect(
            network.links == [
                .init(kind: .phone, values: ["***8000"], sellers: ["a", "b"]),
                .init(kind: .paymentAccount, values: ["***2222"], sellers: ["b", "c"]),
            ])
        #expect(index.members(ofNetworkContaining: "d") == ["d"])
        #expect(index.network(of: "d") == SellerNetwork(id: "d", members: ["d"], links: []))
    }

    @Test func networkIDIsTheSmallestMemberWhateverTheInsertionOrder() throws {
        let sellers = [
            SellerIdentifiers(seller: "m", emails: ["x@shop.com"]),
            SellerIdentifiers(seller: "z", emails: ["x@shop.com"], phones: ["+1 415 555 0100"]),
            SellerIdentifiers(seller: "b", phones: ["+14155550100"]),
        ]
        for order in [sellers, sellers.reversed(), [sellers[1], sellers[0], sellers[2]]] {
            let index = try SellerNetworkIndex(order)
            #expect(index.networkID(of: "z") == "b")
            #expect(index.network(of: "m")?.members == ["b", "m", "z"])
        }
    }

    @Test func shopImagesWithinTheThresholdLinkAndBeyondDoNot() throws {
        let base = Self.hash(bits: [])
        let near = Self.hash(bits: Array(0..<31))
        let far = Self.hash(bits: Array(100..<132))
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "a", shopImageHashes: [base]),
            SellerIdentifiers(seller: "b", shopImageHashes: [near]),
            SellerIdentifiers(seller: "c", shopImageHashes: [far]),
        ])
        #expect(index.areLinked("a", "b"))
        #expect(!index.areLinked("a", "c"))
        // b and c differ in 63 bits.
        #expect(!index.areLinked("b", "c"))
        let network = try #require(index.network(of: "a"))
        #expect(network.links.count == 1)
        #expect(network.links.first?.distance == 31)
        #expect(network.links.first?.kind == .shopImage)
        #expect(network.links.first?.values == [near.prefix(16) + "...", base.prefix(16) + "..."])
    }

    @Test func identicalShopImagesLinkAsOneSharedIdentifier() throws {
        let hex = Self.hash(bits: [3, 70, 200])
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "a", shopImageHashes: [hex]),
            SellerIdentifiers(seller: "b", shopImageHashes: [hex.uppercased()]),
        ])
        let network = try #require(index.network(of: "a"))
        #expect(network.links == [.init(kind: .shopImage, values: [hex.prefix(16) + "..."], sellers: ["a", "b"])])
    }

    @Test func imageThresholdIsConfigurable() throws {
        let policy = SellerNetworkPolicy(imageDistanceThreshold: 8)
        let sellers = [
            SellerIdentifiers(seller: "a", shopImageHashes: [Self.hash(bits: [])]),
            SellerIdentifiers(seller: "b", shopImageHashes: [Self.hash(bits: Array(0..<8))]),
            SellerIdentifiers(seller: "c", shopImageHashes: [Self.hash(bits: Array(200..<209))]),
        ]
        let index = try SellerNetworkIndex(sellers, policy: policy)
        #expect(index.areLinked("a", "b"))
        #expect(!index.areLinked("a", "c"))
    }

    @Test func reinsertingASellerAddsIdentifiersAndLinksLater() throws {
        var index = SellerNetworkIndex()
        try index.insert(SellerIdentifiers(seller: "a", emails: ["a@shop.com"]))
        try index.insert(SellerIdentifiers(seller: "b", emails: ["b@shop.com"]))
        #expect(!index.areLinked("a", "b"))
        let insertion = try index.insert(SellerIdentifiers(seller: "a", emails: ["a@shop.com", "B@shop.com"]))
        #expect(!insertion.isNewSeller)
        #expect(insertion.added == [NormalizedIdentifier(kind: .email, value: "b@shop.com")])
        #expect(index.areLinked("a", "b"))
        #expect(index.sellerCount == 2)
        #expect(index.identifierCount == 2)
        #expect(index.identifiers(of: "a").map(\.value) == ["a@shop.com", "b@shop.com"])
        #expect(index.sellers(sharing: NormalizedIdentifier(kind: .email, value: "b@shop.com")) == ["a", "b"])
    }

    @Test func rejectedAndIgnoredValuesLinkNoOne() throws {
        var normalizer = IdentifierNormalizer()
        normalizer.ignore("Warehouse 1, Logistics Park", as: .address)
        var index = SellerNetworkIndex(policy: SellerNetworkPolicy(normalizer: normalizer))
        let first = try index.insert(
            SellerIdentifiers(seller: "a", phones: ["n/a"], addresses: ["warehouse 1 logistics park"]))
        try index.insert(SellerIdentifiers(seller: "b", phones: ["n/a"], addresses: ["Warehouse 1, Logistics Park"]))
        #expect(!index.areLinked("a", "b"))
        #expect(first.rejected.map(\.reason) == [.malformed, .ignored])
        #expect(first.added.isEmpty)
    }

    @Test func networksListsLinkedGroupsInIDOrder() throws {
        let index = try SellerNetworkIndex([
            SellerIdentifiers(seller: "x", emails: ["one@a.com"]),
            SellerIdentifiers(seller: "c", emails: ["one@a.com"]),
            SellerIdentifiers(seller: "q", emails: ["two@a.com"]),
            SellerIdentifiers(seller: "b", emails: ["two@a.com"]),
            SellerIdentifiers(seller: "alone", emails: ["three@a.com"]),
        ])
        #expect(index.networks().map(\.id) == ["b", "c"])
        #expect(index.networks(minimumSize: 1).map(\.id) == ["alone", "b", "c"])
        #expect(index.networkCount == 3)
    }

    @Test func unknownSellerHasNoNetwork() {
        let index = SellerNetworkIndex()
        #expect(index.network(of: "ghost") == nil)
        #expect(index.networkID(of: "ghost") == nil)
        #expect(!index.contains("ghost"))
        #expect(index.members(ofNetworkContaining: "ghost").isEmpty)
    }

    /// Twenty images whose first fifteen chunks are all zero: with threshold 0 the search probes only exact chunk
    /// values, and with buckets of at most two the shared zero buckets overflow.
    static func crowdedImages() -> [SellerIdentifiers] {
        (0..<20).map { seller in
            SellerIdentifiers(
                seller: Party.ID("s\(seller)"), shopImageHashes: [ImageHash(words: (0, 0, 0, UInt64(seller + 1))).hex])
        }
    }

    @Test func overFullBucketsAreSkippedAndCountedWhenInsertingOneByOne() throws {
        let policy = SellerNetworkPolicy(imageDistanceThreshold: 0, maximumImageBucketSize: 2)
        var index = SellerNetworkIndex(policy: policy)
        var truncated: [Bool] = []
        for seller in Self.crowdedImages() { truncated.append(try index.insert(seller).isImageSearchTruncated) }
        // Up to sixteen stored images are scanned linearly; from the eighteenth on, the multi-index meets
        // over-full buckets.
        #expect(truncated == Array(repeating: false, count: 17) + Array(repeating: true, count: 3))
        #expect(index.truncatedImageSearches == 3)
        #expect(index.networkCount == 20)
    }

    @Test func overFullBucketsAreSkippedAndCountedInABulkLoad() throws {
        let policy = SellerNetworkPolicy(imageDistanceThreshold: 0, maximumImageBucketSize: 2)
        let index = try SellerNetworkIndex(Self.crowdedImages(), policy: policy)
        #expect(index.truncatedImageSearches == 20)
        #expect(index.networkCount == 20)
    }

    @Test func multiIndexFindsEveryHashWithinTheThresholdAmongManyDistantOnes() throws {
        var random = SplitMix64(seed: 11)
        var sellers: [SellerIdentifiers] = []
        for seller in 0..<600 {
            let words = (random.next(), random.next(), random.next(), random.next())
            sellers.append(
                SellerIdentifiers(seller: Party.ID("s\(seller)"), shopImageHashes: [ImageHash(words: words).hex]))
        }
        // A target that differs from s42's hash in 31 bits spread over all sixteen chunks (two bits in fifteen of
        // them, one in the last), the hardest case for the pigeonhole bound.
        let target = try ImageHash(hex: sellers[42].shopImageHashes[0])
        var words = [target.words.0, target.words.1, target.words.2, target.words.3]
        for chunk in 0..<16 {
            for bit in chunk == 15 ? [5] : [1, 9] { words[chunk / 4] ^= 1 << UInt64(chunk % 4 * 16 + bit) }
        }
        let probe = ImageHash(words: (words[0], words[1], words[2], words[3]))
        #expect(probe.distance(to: target) == 31)
        sellers.append(SellerIdentifiers(seller: "probe", shopImageHashes: [probe.hex]))
        let index = try SellerNetworkIndex(sellers)
        #expect(index.areLinked("probe", "s42"))
        #expect(index.members(ofNetworkContaining: "probe") == ["probe", "s42"])
    }
}
