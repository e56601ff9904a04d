/// Verifies inclusion and consistency proofs (RFC 9162 §2.1.3.2 and §2.1.4.2) with the edge-case rules of
/// transparency-dev/merkle: every hash must be 32 bytes; a consistency proof from size 0 is rejected, even to 0;
/// between equal sizes the proof must be empty and the roots equal.
public enum MerkleVerifier {
    /// Checks that `proof` shows the leaf with `leafHash` at `leafIndex` in the tree of `treeSize` leaves whose
    /// root is `root`.
    ///
    /// - Throws: `LedgerError.invalidProof` saying why the proof fails.
    public static func verifyInclusion(
        leafIndex: UInt64, treeSize: UInt64, leafHash: [UInt8], proof: [[UInt8]], root: [UInt8]
    ) throws(LedgerError) {
        guard leafIndex < treeSize else {
            throw LedgerError(.invalidProof, "leaf index \(leafIndex) is not below tree size \(treeSize)")
        }
        try checkLength(leafHash, "leaf hash")
        try checkLength(root, "root")
        for (position, hash) in proof.enumerated() { try checkLength(hash, "proof hash \(position)") }
        var fn = leafIndex
        var sn = treeSize - 1
        var r = leafHash
        for hash in proof {
            guard sn > 0 else {
                throw LedgerError(.invalidProof, "the proof has more hashes than a tree of \(treeSize) leaves needs")
            }
            if fn & 1 == 1 || fn == sn {
                r = RFC6962.nodeHash(hash, r)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                r = RFC6962.nodeHash(r, hash)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else {
            throw LedgerError(.invalidProof, "the proof has fewer hashes than a tree of \(treeSize) leaves needs")
        }
        guard r == root else {
            throw LedgerError(.invalidProof, "the proof leads to a different root than the one given")
        }
    }

    /// Checks that `proof` shows the tree of `newSize` leaves with root `newRoot` extends the tree of `oldSize`
    /// leaves with root `oldRoot`.
    ///
    /// - Throws: `LedgerError.invalidProof` saying why the proof fails.
    public static func verifyConsistency(
        oldSize: UInt64, newSize: UInt64, oldRoot: [UInt8], newRoot: [UInt8], proof: [[UInt8]]
    ) throws(LedgerError) {
        guard newSize >= oldSize else {
            throw LedgerError(.invalidProof, "the new size \(newSize) is smaller than the old size \(oldSize)")
        }
        guard oldSize > 0 else {
            throw LedgerError(.invalidProof, "no consistency proof can start from the empty tree")
        }
        if oldSize == newSize {
            guard proof.isEmpty else {
                throw LedgerError(.invalidProof, "between equal sizes the proof must be empty")
            }
            guard oldRoot == newRoot else { throw LedgerError(.invalidProof, "equal sizes with different roots") }
            return
        }
        guard !proof.isEmpty else { throw LedgerError(.invalidProof, "the proof is empty") }
        try checkLength(oldRoot, "old root")
        try checkLength(newRoot, "new root")
        for (position, hash) in proof.enumerated() { try checkLength(hash, "proof hash \(position)") }
        // When the old tree is a perfect subtree, its root is the first node of the path (RFC 9162 step 2).
        let path = oldSize & (oldSize - 1) == 0 ? [oldRoot] + proof : proof
        var fn = oldSize - 1
        var sn = newSize - 1
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var fr = path[0]
        var sr = path[0]
        for hash in path.dropFirst() {
            guard sn > 0 else {
                throw LedgerError(.invalidProof, "the proof has more hashes than these sizes need")
            }
            if fn & 1 == 1 || fn == sn {
                fr = RFC6962.nodeHash(hash, fr)
                sr = RFC6962.nodeHash(hash, sr)
                if fn & 1 == 0 {
                    repeat {
                        fn >>= 1
                        sn >>= 1
                    } while fn & 1 == 0 && fn != 0
                }
            } else {
                sr = RFC6962.nodeHash(sr, hash)
            }
            fn >>= 1
            sn >>= 1
        }
        guard sn == 0 else { throw LedgerError(.invalidProof, "the proof has fewer hashes than these sizes need") }
        guard fr == oldRoot else { throw LedgerError(.invalidProof, "the proof does not lead to the old root") }
        guard sr == newRoot else { throw LedgerError(.invalidProof, "the proof does not lead to the new root") }
    }

    private static func checkLength(_ hash: [UInt8], _ name: String) throws(LedgerError) {
        guard hash.count == RFC6962.hashSize else {
            throw LedgerError(.invalidProof, "\(name) is \(hash.count) bytes, not \(RFC6962.hashSize)")
        }
    }
}
