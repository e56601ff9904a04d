import CustosCore

extension SellerNetworkIndex {
    /// Whether the seller is in the index.
    ///
    /// - Parameter seller: the seller.
    /// - Returns: `true` when inserted.
    public func contains(_ seller: Party.ID) -> Bool { sellerSlots[seller] != nil }

    /// The identifier of the seller's network: its smallest member id.
    ///
    /// - Parameter seller: the seller.
    /// - Returns: the network id, or `nil` when the seller is not in the index.
    /// - Complexity: O(log n).
    public func networkID(of seller: Party.ID) -> Party.ID? {
        guard let slot = sellerSlots[seller] else { return nil }
        return sellerIDs[Int(smallestMember[Int(root(of: slot))])]
    }

    /// Whether two sellers are in the same network.
    ///
    /// - Parameters:
    ///   - first: one seller.
    ///   - second: another seller.
    /// - Returns: `true` when both are in the index and linked, directly or through others.
    /// - Complexity: O(log n).
    public func areLinked(_ first: Party.ID, _ second: Party.ID) -> Bool {
        guard let one = sellerSlots[first], let other = sellerSlots[second] else { return false }
        return root(of: one) == root(of: other)
    }

    /// The members of the seller's network, in id order.
    ///
    /// - Parameter seller: the seller.
    /// - Returns: the members, the seller included; empty when the seller is not in the index.
    /// - Complexity: O(m log m) for m members.
    public func members(ofNetworkContaining seller: Party.ID) -> [Party.ID] {
        guard let slot = sellerSlots[seller] else { return [] }
        return memberSlots(of: slot).map { sellerIDs[Int($0)] }.sorted()
    }

    /// The seller's normalized identifiers.
    ///
    /// - Parameter seller: the seller.
    /// - Returns: the identifiers, sorted by kind and value; empty when the seller is not in the index.
    public func identifiers(of seller: Party.ID) -> [NormalizedIdentifier] {
        guard let slot = sellerSlots[seller] else { return [] }
        return identifierSlots(ofSeller: slot).map { identifiers[Int($0)] }.sorted()
    }

    /// The sellers that hold exactly this identifier (normalize it first with the policy's normalizer).
    ///
    /// - Parameter identifier: a normalized identifier.
    /// - Returns: the sellers in id order.
    public func sellers(sharing identifier: NormalizedIdentifier) -> [Party.ID] {
        guard let slot = identifierSlots[identifier] else { return [] }
        return sellerSlots(ofIdentifier: slot).map { sellerIDs[Int($0)] }.sorted()
    }

    /// The seller's network with the links that join it.
    ///
    /// - Parameter seller: the seller.
    /// - Returns: the network (a network of one when the seller shares nothing), or `nil` when the seller is not in
    ///   the index.
    /// - Complexity: O(p log p) for p seller–identifier pairs and image pairs in the network.
    public func network(of seller: Party.ID) -> SellerNetwork? {
        guard let slot = sellerSlots[seller] else { return nil }
        return network(rootedAt: root(of: slot))
    }

    /// Every network of at least `minimumSize` members.
    ///
    /// - Parameter minimumSize: the fewest members a network must have (2 leaves out unlinked sellers).
    /// - Returns: the networks in id order.
    /// - Complexity: O(n + p log p) for n sellers and p pairs in the networks returned.
    public func networks(minimumSize: Int = 2) -> [SellerNetwork] {
        var result: [SellerNetwork] = []
        for slot in parent.indices where parent[slot] == Int32(slot) && Int(componentSize[slot]) >= minimumSize {
            result.append(network(rootedAt: Int32(slot)))
        }
        return result.sorted { $0.id < $1.id }
    }

    func network(rootedAt root: Int32) -> SellerNetwork {
        let members = memberSlots(of: root)
        var held: Set<Int32> = []
        for member in members { held.formUnion(identifierSlots(ofSeller: member)) }

        var links: [(identifier: NormalizedIdentifier, link: SellerNetwork.Link)] = []
        var imageLinks: [SellerNetwork.Link] = []
        for identifier in held {
            let holders = sellerSlots(ofIdentifier: identifier)
            let value = identifiers[Int(identifier)]
            if holders.count >= 2 {
                links.append(
                    (value, SellerNetwork.Link(kind: value.kind, values: [value.masked], sellers: ids(holders))))
            }
            var end = identifierFirstEdgeEnd[Int(identifier)]
            while end >= 0 {
                // Each pair is reported from its first end only.
                if end & 1 == 0 {
                    let other = edgeEndIdentifier[Int(end + 1)]
                    imageLinks.append(
                        SellerNetwork.Link(
                            kind: .shopImage, values: [value.masked, identifiers[Int(other)].masked],
                            sellers: ids(holders + sellerSlots(ofIdentifier: other)),
                            distance: Int(edgeDistance[Int(end / 2)])))
                }
                end = edgeEndNext[Int(end)]
            }
        }
        links.sort { $0.identifier < $1.identifier }
        imageLinks.sort { lhs, rhs in
            if lhs.distance != rhs.distance { return (lhs.distance ?? 0) < (rhs.distance ?? 0) }
            if lhs.values != rhs.values { return lhs.values.lexicographicallyPrecedes(rhs.values) }
            return lhs.sellers.lexicographicallyPrecedes(rhs.sellers)
        }
        return SellerNetwork(
            id: sellerIDs[Int(smallestMember[Int(root)])], members: ids(members),
            links: links.map(\.link) + imageLinks)
    }

    /// Party ids of slots, distinct and sorted.
    func ids(_ slots: [Int32]) -> [Party.ID] {
        Set(slots).map { sellerIDs[Int($0)] }.sorted()
    }

    func memberSlots(of slot: Int32) -> [Int32] {
        var members = [slot]
        var member = nextMember[Int(slot)]
        while member != slot {
            members.append(member)
            member = nextMember[Int(member)]
        }
        return members
    }

    func identifierSlots(ofSeller slot: Int32) -> [Int32] {
        var result: [Int32] = []
        var incidence = sellerFirstIncidence[Int(slot)]
        while incidence >= 0 {
            result.append(incidenceIdentifier[Int(incidence)])
            incidence = incidenceNextOfSeller[Int(incidence)]
        }
        return result
    }

    func sellerSlots(ofIdentifier slot: Int32) -> [Int32] {
        var result: [Int32] = []
        var incidence = identifierFirstIncidence[Int(slot)]
        while incidence >= 0 {
            result.append(incidenceSeller[Int(incidence)])
            incidence = incidenceNextOfIdentifier[Int(incidence)]
        }
        return result
    }
}
