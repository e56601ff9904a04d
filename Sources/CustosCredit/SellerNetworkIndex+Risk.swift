import CustosCore

extension SellerNetworkIndex {
    /// Scores a seller by the credit of the other accounts in its network.
    ///
    /// The strongest chain from the seller to each member is found with a max-product Dijkstra search over sellers
    /// and their identifiers (every factor is at most 1, so the first time a node is settled its chain is the
    /// strongest).
    ///
    /// - Parameters:
    ///   - seller: the seller to score.
    ///   - credit: credit records of the network's members (others are ignored; members without one count as A).
    ///   - policy: the weights.
    /// - Returns: the score, each graded member's share and the reasons in words.
    /// - Complexity: O(p log p) for p seller–identifier pairs and image pairs in the seller's network.
    public func networkRisk(
        of seller: Party.ID, credit: [Party.ID: CreditRecord], policy: NetworkRiskPolicy = .standard
    ) -> NetworkRisk {
        guard let start = sellerSlots[seller] else {
            return NetworkRisk(seller: seller, network: nil, networkSize: 0, score: 0, contributions: [], reasons: [])
        }
        let root = root(of: start)
        let networkID = sellerIDs[Int(smallestMember[Int(root)])]
        let graded = memberSlots(of: root).filter { member in
            guard member != start, let record = credit[sellerIDs[Int(member)]] else { return false }
            return policy.gradeWeights.weight(of: record.grade) > 0
        }
        guard !graded.isEmpty else {
            return NetworkRisk(
                seller: seller, network: networkID, networkSize: Int(componentSize[Int(root)]), score: 0,
                contributions: [], reasons: [])
        }

        let search = strongestChains(from: start, policy: policy)
        var contributions: [NetworkRisk.Contribution] = []
        for member in graded {
            guard let record = credit[sellerIDs[Int(member)]], let chain = search.strength[Node.seller(member)],
                chain > 0
            else { continue }
            let path = search.path(to: member, index: self)
            let strength = policy.gradeWeights.weight(of: record.grade) * chain
            contributions.append(
                NetworkRisk.Contribution(
                    member: record.party, grade: record.grade, creditSummary: record.summary, path: path,
                    strength: strength, explanation: explanation(path, member: record.party, record: record)))
        }
        contributions.sort { $0.strength != $1.strength ? $0.strength > $1.strength : $0.member < $1.member }
        let score = 1 - contributions.reduce(1.0) { $0 * (1 - $1.strength) }
        return NetworkRisk(
            seller: seller, network: networkID, networkSize: Int(componentSize[Int(root)]),
            score: min(1, max(0, score)), contributions: contributions,
            reasons: contributions.prefix(max(0, policy.maximumReasons)).map(\.explanation))
    }

    /// A seller or an identifier in the search graph.
    enum Node: Hashable, Comparable {
        case seller(Int32)
        case identifier(Int32)

        static func < (lhs: Node, rhs: Node) -> Bool {
            switch (lhs, rhs) {
            case (.seller(let a), .seller(let b)), (.identifier(let a), .identifier(let b)): return a < b
            case (.seller, .identifier): return true
            case (.identifier, .seller): return false
            }
        }
    }

    /// The strongest chain to every node reached, and how each was reached.
    struct ChainSearch {
        var strength: [Node: Double] = [:]
        /// The node each was reached from, and the image distance when the step joined two images.
        var previous: [Node: (node: Node, distance: Int?)] = [:]

        func path(to member: Int32, index: SellerNetworkIndex) -> [NetworkRisk.Hop] {
            var hops: [NetworkRisk.Hop] = []
            var node = Node.seller(member)
            var identifiersSinceSeller: [Int32] = []
            var distance: Int?
            var to = member
            while let step = previous[node] {
                switch step.node {
                case .identifier(let identifier):
                    identifiersSinceSeller.insert(identifier, at: 0)
                    if step.distance != nil { distance = step.distance }
                case .seller(let from):
                    let values = identifiersSinceSeller.map { index.identifiers[Int($0)] }
                    hops.insert(
                        NetworkRisk.Hop(
                            from: index.sellerIDs[Int(from)], to: index.sellerIDs[Int(to)],
                            kind: values.first?.kind ?? .email, values: values.map(\.masked), distance: distance),
                        at: 0)
                    identifiersSinceSeller = []
                    distance = nil
                    to = from
                }
                node = step.node
            }
            return hops
        }
    }

    private func strongestChains(from start: Int32, policy: NetworkRiskPolicy) -> ChainSearch {
        var search = ChainSearch()
        var settled: Set<Node> = []
        var queue = MaxQueue()
        search.strength[.seller(start)] = 1
        queue.push(1, .seller(start))

        func relax(_ node: Node, _ strength: Double, from: Node, distance: Int? = nil) {
            guard strength > (search.strength[node] ?? 0), !settled.contains(node) else { return }
            search.strength[node] = strength
            search.previous[node] = (from, distance)
            queue.push(strength, node)
        }

        while let (strength, node) = queue.pop() {
            guard settled.insert(node).inserted else { continue }
            switch node {
            case .seller(let slot):
                let decay = slot == start ? 1 : policy.effectiveHopDecay
                for identifier in identifierSlots(ofSeller: slot) {
                    let weight = policy.linkWeights.weight(of: identifiers[Int(identifier)].kind)
                    relax(.identifier(identifier), strength * weight * decay, from: node)
                }
            case .identifier(let identifier):
                for holder in sellerSlots(ofIdentifier: identifier) { relax(.seller(holder), strength, from: node) }
                var end = identifierFirstEdgeEnd[Int(identifier)]
                while end >= 0 {
                    let other = edgeEndIdentifier[Int(end ^ 1)]
                    relax(.identifier(other), strength, from: node, distance: Int(edgeDistance[Int(end / 2)]))
                    end = edgeEndNext[Int(end)]
                }
            }
        }
        return search
    }

    private func explanation(_ path: [NetworkRisk.Hop], member: Party.ID, record: CreditRecord) -> String {
        let graded = "graded \(record.summary)"
        guard let first = path.first else { return "linked to seller \(member), \(graded)" }
        if path.count == 1 {
            if let distance = first.distance {
                return "has a shop image within \(distance) bits of one of seller \(member)'s, \(graded)"
            }
            return
                "shares a \(first.kind.label) \(first.values.joined(separator: ", ")) with seller \(member), \(graded)"
        }
        let through = path.dropLast().map { "seller \($0.to)" }.joined(separator: ", ")
        let links = path.map { hop in
            hop.distance.map { "near-identical shop images (\($0) bits)" } ?? "\(hop.kind.label) \(hop.values[0])"
        }
        return "linked to seller \(member) through \(through) (\(links.joined(separator: ", then "))), \(graded)"
    }
}

/// A binary max-heap of (strength, node); ties pop the smaller node first, so searches are deterministic.
struct MaxQueue {
    private var items: [(Double, SellerNetworkIndex.Node)] = []

    private static func above(_ lhs: (Double, SellerNetworkIndex.Node), _ rhs: (Double, SellerNetworkIndex.Node))
        -> Bool
    {
        lhs.0 != rhs.0 ? lhs.0 > rhs.0 : lhs.1 < rhs.1
    }

    mutating func push(_ strength: Double, _ node: SellerNetworkIndex.Node) {
        items.append((strength, node))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.above(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Double, SellerNetworkIndex.Node)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var best = parent
            if left < items.count, Self.above(items[left], items[best]) { best = left }
            if right < items.count, Self.above(items[right], items[best]) { best = right }
            guard best != parent else { break }
            items.swapAt(parent, best)
            parent = best
        }
        return top
    }
}
