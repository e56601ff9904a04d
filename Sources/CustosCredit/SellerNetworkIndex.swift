import CustosCore

/// Links seller accounts that share identifiers into networks, so that an infringer who re-lists under a new
/// name is recognised.
///
/// Each inserted seller's identifiers are normalized (``IdentifierNormalizer``). A dictionary maps every normalized
/// identifier to its slot; the first seller to hold an identifier is joined (union-find, union by size with path
/// halving) with every later one. Shop images also link when their PDQ hashes are within
/// ``SellerNetworkPolicy/imageDistanceThreshold`` bits, found with a multi-index over sixteen 16-bit chunks (see
/// `docs/credit.md`). Every network keeps its members on a circular list, so listing one network costs its size,
/// not the index's.
///
/// The index holds one organisation's sellers; build one per tenant. Identifiers are only ever added: to forget
/// one, build the index again. Storage is mostly flat `Int32` arrays (16 bytes per seller–identifier pair) beside
/// the identifier strings and their dictionary: a million sellers with five identifiers each, shop images
/// included, take about 1 GB (`docs/credit.md`).
public struct SellerNetworkIndex: Sendable, CustomStringConvertible {
    /// What one ``insert(_:)`` did.
    public struct Insertion: Hashable, Sendable {
        /// The seller.
        public var seller: Party.ID
        /// Whether the seller was new to the index.
        public var isNewSeller: Bool
        /// The normalized identifiers the seller did not hold before.
        public var added: [NormalizedIdentifier]
        /// The raw values that were not used, and why.
        public var rejected: [IdentifierNormalizer.Rejection]
        /// Whether an image search skipped a bucket over ``SellerNetworkPolicy/maximumImageBucketSize``.
        public var isImageSearchTruncated: Bool

        /// Creates an insertion report.
        ///
        /// - Parameters:
        ///   - seller: the seller.
        ///   - isNewSeller: whether the seller was new.
        ///   - added: identifiers the seller did not hold before.
        ///   - rejected: raw values not used.
        ///   - isImageSearchTruncated: whether an image search skipped an over-full bucket.
        public init(
            seller: Party.ID, isNewSeller: Bool, added: [NormalizedIdentifier],
            rejected: [IdentifierNormalizer.Rejection], isImageSearchTruncated: Bool
        ) {
            self.seller = seller
            self.isNewSeller = isNewSeller
            self.added = added
            self.rejected = rejected
            self.isImageSearchTruncated = isImageSearchTruncated
        }
    }

    /// The rules the index links by.
    public let policy: SellerNetworkPolicy

    // Sellers, by slot.
    var sellerIDs: [Party.ID] = []
    var sellerSlots: [Party.ID: Int32] = [:]
    var parent: [Int32] = []
    var componentSize: [Int32] = []
    /// Each network's members form a cycle through `nextMember`; a union swaps the two roots' successors.
    var nextMember: [Int32] = []
    /// At a root: the slot of the member with the smallest id, the network's identifier.
    var smallestMember: [Int32] = []
    var sellerFirstIncidence: [Int32] = []

    // Identifiers, by slot.
    var identifierSlots: [NormalizedIdentifier: Int32] = [:]
    var identifiers: [NormalizedIdentifier] = []
    var identifierFirstIncidence: [Int32] = []
    var identifierFirstEdgeEnd: [Int32] = []

    // Seller–identifier pairs, each on its seller's and its identifier's list.
    var incidenceSeller: [Int32] = []
    var incidenceIdentifier: [Int32] = []
    var incidenceNextOfSeller: [Int32] = []
    var incidenceNextOfIdentifier: [Int32] = []

    // Shop images: hashes by image slot, and the multi-index over their 16-bit chunks: bucket
    // `chunk << 16 | value` lists the images whose chunk `chunk` is `value`. Contiguous buckets let the processor
    // load many candidates' hashes at once, where a linked list would wait for each in turn.
    var imageHashes: [ImageHash] = []
    var imageIdentifier: [Int32] = []
    var imageBuckets: [[Int32]] = []
    let probeMasks: [UInt16]
    /// Below this many stored images a linear scan beats the multi-index (its probe count); tests lower it to
    /// exercise the multi-index on small inputs.
    var linearScanLimit: Int

    // Near-identical image pairs: edge e has ends 2e and 2e + 1, each on its identifier's list.
    var edgeEndIdentifier: [Int32] = []
    var edgeEndNext: [Int32] = []
    var edgeDistance: [UInt16] = []

    /// The number of networks, counting sellers linked to no one.
    public private(set) var networkCount = 0
    /// How many sellers' image searches skipped a bucket over ``SellerNetworkPolicy/maximumImageBucketSize`` (in a
    /// bulk load, how many images).
    public internal(set) var truncatedImageSearches = 0

    /// Creates an empty index.
    ///
    /// - Parameter policy: the rules it links by.
    public init(policy: SellerNetworkPolicy = .standard) {
        self.policy = policy
        // By the pigeonhole principle, two hashes within t bits agree to within ⌊t / 16⌋ bits in at least one of
        // their sixteen chunks, so probing each chunk's buckets at those few bit flips finds every match.
        probeMasks = Self.masks(flippingAtMost: policy.effectiveImageDistanceThreshold / 16)
        linearScanLimit = probeMasks.count * 16
    }

    /// Every 16-bit mask with at most `bits` bits set, fewest bits first.
    static func masks(flippingAtMost bits: Int) -> [UInt16] {
        var masks: [UInt16] = [0]
        // Each layer adds one bit above the highest bit already set, so every mask is made once.
        var layer: [(mask: UInt16, nextBit: Int)] = [(0, 0)]
        for _ in 0..<min(max(0, bits), 16) {
            layer = layer.flatMap { entry in
                (entry.nextBit..<16).map { bit in (entry.mask | UInt16(1) << UInt16(bit), bit + 1) }
            }
            masks += layer.map(\.mask)
        }
        return masks
    }

    /// Creates an index of sellers, linking their shop images in bulk.
    ///
    /// Much faster than inserting the same sellers one by one when many have shop images: the image pairs are found
    /// by a sort-based join over each 16-bit chunk (`docs/credit.md`) instead of one search per image. The networks
    /// and links are the same either way.
    ///
    /// - Parameters:
    ///   - sellers: the sellers' identifiers.
    ///   - policy: the rules it links by.
    /// - Throws: ``CreditError`` `.capacityExceeded` past 2³¹ − 1 sellers, identifiers or pairs.
    /// - Complexity: O(k) expected for k identifiers, plus the bounded image join.
    public init(_ sellers: some Sequence<SellerIdentifiers>, policy: SellerNetworkPolicy = .standard) throws {
        self.init(policy: policy)
        try load(sellers)
    }

    /// Adds sellers to an index that holds no shop images yet, linking their images in one join.
    mutating func load(_ sellers: some Sequence<SellerIdentifiers>) throws {
        var images: [PendingImage] = []
        for seller in sellers { _ = try add(seller, newImages: &images) }
        joinImages(images)
    }

    /// The number of sellers.
    public var sellerCount: Int { sellerIDs.count }

    /// A one-line summary (counts only, never identifiers), for logs and test failures.
    public var description: String {
        "SellerNetworkIndex(sellers: \(sellerCount), identifiers: \(identifierCount), networks: \(networkCount), "
            + "shop images: \(imageHashes.count))"
    }

    /// The number of distinct normalized identifiers.
    public var identifierCount: Int { identifiers.count }

    /// Adds a seller, or more identifiers for a seller already in the index, and links it to every seller that
    /// shares an identifier with it.
    ///
    /// - Parameter seller: the raw identifiers.
    /// - Returns: what was added and which raw values were not used.
    /// - Throws: ``CreditError`` `.capacityExceeded` past 2³¹ − 1 sellers, identifiers or pairs; the index is
    ///   unchanged then.
    /// - Complexity: O(k) expected for k identifiers, plus for each new shop image a multi-index search of at most
    ///   16 × (probes per chunk) buckets of at most ``SellerNetworkPolicy/maximumImageBucketSize`` images.
    @discardableResult
    public mutating func insert(_ seller: SellerIdentifiers) throws -> Insertion {
        var images: [PendingImage] = []
        var insertion = try add(seller, newImages: &images)
        for image in images where linkImage(image) { insertion.isImageSearchTruncated = true }
        if insertion.isImageSearchTruncated { truncatedImageSearches += 1 }
        return insertion
    }

    /// A shop image new to the index, not yet linked to the others.
    struct PendingImage {
        var hash: ImageHash
        var identifier: Int32
    }

    /// Adds a seller's identifiers and links it through shared values; new shop images are left in `newImages`
    /// for the caller to link.
    private mutating func add(_ seller: SellerIdentifiers, newImages: inout [PendingImage]) throws -> Insertion {
        let (normalized, rejected) = policy.normalizer.normalize(seller)
        let limit = Int(Int32.max)
        guard sellerIDs.count < limit, identifiers.count + normalized.count < limit,
            incidenceSeller.count + normalized.count < limit, imageHashes.count + normalized.count < limit / 16
        else {
            throw CreditError(.capacityExceeded, "The seller network index is full.")
        }
        let existingSlot = sellerSlots[seller.seller]
        let slot = existingSlot ?? addSeller(seller.seller)
        // The normalizer returns distinct values, so only a returning seller can repeat one it already holds.
        var held: Set<Int32> = []
        if existingSlot != nil {
            var incidence = sellerFirstIncidence[Int(slot)]
            while incidence >= 0 {
                held.insert(incidenceIdentifier[Int(incidence)])
                incidence = incidenceNextOfSeller[Int(incidence)]
            }
        }
        var added: [NormalizedIdentifier] = []
        for identifier in normalized {
            let (identifierSlot, isKnown) = findOrAdd(identifier)
            if existingSlot != nil, !held.insert(identifierSlot).inserted { continue }
            let first = identifierFirstIncidence[Int(identifierSlot)]
            if first >= 0 { union(slot, incidenceSeller[Int(first)]) }
            addIncidence(seller: slot, identifier: identifierSlot)
            added.append(identifier)
            if !isKnown, identifier.kind == .shopImage, let hash = ImageHash(parsing: identifier.value) {
                newImages.append(PendingImage(hash: hash, identifier: identifierSlot))
            }
        }
        return Insertion(
            seller: seller.seller, isNewSeller: existingSlot == nil, added: added, rejected: rejected,
            isImageSearchTruncated: false)
    }

    private mutating func addSeller(_ id: Party.ID) -> Int32 {
        let slot = Int32(sellerIDs.count)
        sellerIDs.append(id)
        sellerSlots[id] = slot
        parent.append(slot)
        componentSize.append(1)
        nextMember.append(slot)
        smallestMember.append(slot)
        sellerFirstIncidence.append(-1)
        networkCount += 1
        return slot
    }

    /// The identifier's slot, added if new, with one dictionary lookup (a bulk load makes millions).
    private mutating func findOrAdd(_ identifier: NormalizedIdentifier) -> (slot: Int32, isKnown: Bool) {
        let next = Int32(identifiers.count)
        let slot = Self.valueOrInsert(next, into: &identifierSlots[identifier, default: -1])
        guard slot == next else { return (slot, true) }
        identifiers.append(identifier)
        identifierFirstIncidence.append(-1)
        identifierFirstEdgeEnd.append(-1)
        return (slot, false)
    }

    private static func valueOrInsert(_ next: Int32, into value: inout Int32) -> Int32 {
        if value < 0 { value = next }
        return value
    }

    private mutating func addIncidence(seller: Int32, identifier: Int32) {
        let incidence = Int32(incidenceSeller.count)
        incidenceSeller.append(seller)
        incidenceIdentifier.append(identifier)
        incidenceNextOfSeller.append(sellerFirstIncidence[Int(seller)])
        incidenceNextOfIdentifier.append(identifierFirstIncidence[Int(identifier)])
        sellerFirstIncidence[Int(seller)] = incidence
        identifierFirstIncidence[Int(identifier)] = incidence
    }

    /// The root of a seller's network, halving the path on the way.
    mutating func find(_ slot: Int32) -> Int32 {
        var node = slot
        while parent[Int(node)] != node {
            let grandparent = parent[Int(parent[Int(node)])]
            parent[Int(node)] = grandparent
            node = grandparent
        }
        return node
    }

    /// The root of a seller's network, without changing the index (union by size keeps paths logarithmic).
    func root(of slot: Int32) -> Int32 {
        var node = slot
        while parent[Int(node)] != node { node = parent[Int(node)] }
        return node
    }

    mutating func union(_ first: Int32, _ second: Int32) {
        var big = find(first)
        var small = find(second)
        guard big != small else { return }
        if componentSize[Int(big)] < componentSize[Int(small)] { swap(&big, &small) }
        parent[Int(small)] = big
        componentSize[Int(big)] += componentSize[Int(small)]
        nextMember.swapAt(Int(big), Int(small))
        if sellerIDs[Int(smallestMember[Int(small)])] < sellerIDs[Int(smallestMember[Int(big)])] {
            smallestMember[Int(big)] = smallestMember[Int(small)]
        }
        networkCount -= 1
    }
}
