import CustosCore

extension SellerNetworkIndex {
    /// Links a new shop image to every stored image within the threshold, then indexes it.
    ///
    /// - Returns: whether the search skipped an over-full bucket.
    mutating func linkImage(_ image: PendingImage) -> Bool {
        let (matches, isTruncated) = searchImages(near: image.hash)
        for (stored, distance) in matches {
            link(image.identifier, imageIdentifier[Int(stored)], distance: distance)
        }
        store(image)
        return isTruncated
    }

    /// Stored images within the threshold of `hash`, and whether an over-full bucket was skipped.
    ///
    /// Each of the sixteen 16-bit chunks of `hash` is looked up at every bit flip in `probeMasks`; the candidates
    /// so found are checked with the full 256-bit distance. A near match may turn up in several chunks and is
    /// reported once. When the probes would outnumber the stored images, a linear scan is cheaper and is used
    /// instead.
    func searchImages(near hash: ImageHash) -> (matches: [(image: Int32, distance: Int)], isTruncated: Bool) {
        let threshold = policy.effectiveImageDistanceThreshold
        var matches: [(image: Int32, distance: Int)] = []
        if imageHashes.count <= linearScanLimit {
            for image in imageHashes.indices {
                let distance = hash.distance(to: imageHashes[image])
                if distance <= threshold { matches.append((Int32(image), distance)) }
            }
            return (matches, false)
        }
        let capacity = policy.effectiveMaximumImageBucketSize
        var isTruncated = false
        var found: Set<Int32> = []
        for chunk in 0..<16 {
            let value = hash.chunk(chunk)
            for mask in probeMasks {
                let bucket = imageBuckets[chunk << 16 | Int(value ^ mask)]
                guard bucket.count <= capacity else {
                    isTruncated = true
                    continue
                }
                for image in bucket {
                    let distance = hash.distance(to: imageHashes[Int(image)])
                    if distance <= threshold, found.insert(image).inserted { matches.append((image, distance)) }
                }
            }
        }
        return (matches, isTruncated)
    }

    /// Links many new shop images, among themselves only (the index holds no images yet), then indexes them.
    ///
    /// For each chunk, the images are counting-sorted by the chunk's value and their hashes copied in that order, so
    /// that every bucket is one contiguous run; each bucket is then compared with itself and with the buckets one
    /// probe mask away. Every pair within the threshold shares a chunk within the probe radius, so every pair is
    /// found (by the pigeonhole argument of `init(policy:)`), and a set keeps each pair once. This touches memory in
    /// order, where one search per image would jump around the whole index for every candidate.
    mutating func joinImages(_ images: [PendingImage]) {
        precondition(imageHashes.isEmpty, "a bulk image join runs on an index without images")
        let count = images.count
        let threshold = policy.effectiveImageDistanceThreshold
        var pairs: [(later: Int32, earlier: Int32, distance: Int)] = []
        var truncated = Array(repeating: false, count: count)

        if count <= linearScanLimit {
            for later in images.indices {
                for earlier in 0..<later {
                    let distance = images[later].hash.distance(to: images[earlier].hash)
                    if distance <= threshold { pairs.append((Int32(later), Int32(earlier), distance)) }
                }
            }
        } else {
            let capacity = policy.effectiveMaximumImageBucketSize
            var seen: Set<Int64> = []
            var starts = [Int](repeating: 0, count: (1 << 16) + 1)
            var order = [Int32](repeating: 0, count: count)
            var sorted = [ImageHash](repeating: ImageHash(words: (0, 0, 0, 0)), count: count)
            for chunk in 0..<16 {
                // Counting sort of the images by this chunk's value.
                for index in starts.indices { starts[index] = 0 }
                for image in images { starts[Int(image.hash.chunk(chunk)) + 1] += 1 }
                for value in 0..<(1 << 16) { starts[value + 1] += starts[value] }
                var next = starts
                for (index, image) in images.enumerated() {
                    let value = Int(image.hash.chunk(chunk))
                    order[next[value]] = Int32(index)
                    sorted[next[value]] = image.hash
                    next[value] += 1
                }

                for value in 0..<(1 << 16) where starts[value] < starts[value + 1] {
                    let group = starts[value]..<starts[value + 1]
                    if group.count > capacity {
                        // Nobody probes an over-full bucket: its images, and those that would have probed it, miss
                        // whatever only this chunk would have found.
                        for mask in probeMasks {
                            let other = value ^ Int(mask)
                            for position in starts[other]..<starts[other + 1] { truncated[Int(order[position])] = true }
                        }
                        continue
                    }
                    for mask in probeMasks {
                        let other = value ^ Int(mask)
                        // Each unordered pair of buckets once: the bucket itself, then only partners above it.
                        guard other >= value else { continue }
                        let partner = starts[other]..<starts[other + 1]
                        guard !partner.isEmpty, partner.count <= capacity else { continue }
                        for first in group {
                            for second in (other == value ? first + 1 : partner.lowerBound)..<partner.upperBound {
                                let distance = sorted[first].distance(to: sorted[second])
                                guard distance <= threshold else { continue }
                                let one = order[first]
                                let two = order[second]
                                let later = max(one, two)
                                let earlier = min(one, two)
                                if seen.insert(Int64(later) << 32 | Int64(earlier)).inserted {
                                    pairs.append((later, earlier, distance))
                                }
                            }
                        }
                    }
                }
            }
        }

        // Record pairs in the order one-by-one insertion would have: by the later image, then the earlier.
        pairs.sort { $0.later != $1.later ? $0.later < $1.later : $0.earlier < $1.earlier }
        for pair in pairs {
            link(images[Int(pair.later)].identifier, images[Int(pair.earlier)].identifier, distance: pair.distance)
        }
        for image in images { store(image) }
        truncatedImageSearches += truncated.count { $0 }
    }

    /// Joins the sellers holding two near-identical images and records the pair.
    private mutating func link(_ newer: Int32, _ older: Int32, distance: Int) {
        let newerHolder = identifierFirstIncidence[Int(newer)]
        let olderHolder = identifierFirstIncidence[Int(older)]
        if newerHolder >= 0, olderHolder >= 0 {
            union(incidenceSeller[Int(newerHolder)], incidenceSeller[Int(olderHolder)])
        }
        // Past 2³¹ edge ends the pair still links its sellers; it is only not listed among the network's links.
        guard edgeEndIdentifier.count < Int(Int32.max) - 2 else { return }
        for identifier in [newer, older] {
            let index = Int32(edgeEndIdentifier.count)
            edgeEndIdentifier.append(identifier)
            edgeEndNext.append(identifierFirstEdgeEnd[Int(identifier)])
            identifierFirstEdgeEnd[Int(identifier)] = index
        }
        edgeDistance.append(UInt16(distance))
    }

    /// Adds an image to the hash list and, once searches use the multi-index, to its sixteen buckets. The million
    /// buckets are only made when the index outgrows the linear scan, so small indexes never pay for them.
    private mutating func store(_ image: PendingImage) {
        let slot = Int32(imageHashes.count)
        imageHashes.append(image.hash)
        imageIdentifier.append(image.identifier)
        if !imageBuckets.isEmpty {
            for chunk in 0..<16 { imageBuckets[chunk << 16 | Int(image.hash.chunk(chunk))].append(slot) }
        } else if imageHashes.count > linearScanLimit {
            imageBuckets = Array(repeating: [], count: 16 << 16)
            for (stored, hash) in imageHashes.enumerated() {
                for chunk in 0..<16 { imageBuckets[chunk << 16 | Int(hash.chunk(chunk))].append(Int32(stored)) }
            }
        }
    }
}
