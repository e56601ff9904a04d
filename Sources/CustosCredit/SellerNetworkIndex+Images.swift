extension SellerNetworkIndex {
    /// Links a new shop-image identifier to every stored image within the threshold, then indexes it.
    ///
    /// - Returns: whether the search stopped at the candidate limit.
    mutating func linkImage(_ hash: ImageHash, identifier: Int32, seller: Int32) -> Bool {
        let (matches, isTruncated) = searchImages(near: hash)
        for (image, distance) in matches {
            let other = imageIdentifier[Int(image)]
            let holder = identifierFirstIncidence[Int(other)]
            if holder >= 0 { union(seller, incidenceSeller[Int(holder)]) }
            addEdge(identifier, other, distance: distance)
        }
        if bucketHeads.isEmpty { bucketHeads = Array(repeating: -1, count: 16 << 16) }
        let image = Int32(imageHashes.count)
        imageHashes.append(hash)
        imageIdentifier.append(identifier)
        imageVisit.append(0)
        for chunk in 0..<16 {
            let bucket = chunk << 16 | Int(hash.chunk(chunk))
            bucketNext.append(bucketHeads[bucket])
            bucketHeads[bucket] = image
        }
        return isTruncated
    }

    /// Stored images within the threshold of `hash`, in search order, and whether the candidate limit cut the
    /// search short.
    ///
    /// Each of the sixteen 16-bit chunks of `hash` is looked up at every bit flip in `probeMasks`; the candidates
    /// so found (each examined once, thanks to a visit stamp) are checked with the full 256-bit distance. When the
    /// probes would outnumber the stored images, a linear scan is cheaper and is used instead.
    mutating func searchImages(near hash: ImageHash) -> (matches: [(image: Int32, distance: Int)], isTruncated: Bool) {
        let threshold = policy.effectiveImageDistanceThreshold
        let limit = max(1, policy.maximumImageCandidates)
        var matches: [(image: Int32, distance: Int)] = []
        var examined = 0
        if probeMasks.count * 16 >= imageHashes.count {
            for image in imageHashes.indices {
                if examined == limit { return (matches, true) }
                examined += 1
                let distance = hash.distance(to: imageHashes[image])
                if distance <= threshold { matches.append((Int32(image), distance)) }
            }
            return (matches, false)
        }
        visitStamp &+= 1
        if visitStamp == 0 {
            for index in imageVisit.indices { imageVisit[index] = 0 }
            visitStamp = 1
        }
        for chunk in 0..<16 {
            let value = hash.chunk(chunk)
            for mask in probeMasks {
                var image = bucketHeads[chunk << 16 | Int(value ^ mask)]
                while image >= 0 {
                    if imageVisit[Int(image)] != visitStamp {
                        imageVisit[Int(image)] = visitStamp
                        if examined == limit { return (matches, true) }
                        examined += 1
                        let distance = hash.distance(to: imageHashes[Int(image)])
                        if distance <= threshold { matches.append((image, distance)) }
                    }
                    image = bucketNext[Int(image) * 16 + chunk]
                }
            }
        }
        return (matches, false)
    }

    private mutating func addEdge(_ first: Int32, _ second: Int32, distance: Int) {
        // Past 2³¹ edge ends the pair still links its sellers; it is only not listed among the network's links.
        guard edgeEndIdentifier.count < Int(Int32.max) - 2 else { return }
        for identifier in [first, second] {
            let index = Int32(edgeEndIdentifier.count)
            edgeEndIdentifier.append(identifier)
            edgeEndNext.append(identifierFirstEdgeEnd[Int(identifier)])
            identifierFirstEdgeEnd[Int(identifier)] = index
        }
        edgeDistance.append(UInt16(distance))
    }
}
