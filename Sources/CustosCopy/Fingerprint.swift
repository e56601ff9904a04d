/// One winnowing fingerprint: the hash of a k-gram of tokens and where the k-gram starts.
public struct Fingerprint: Hashable, Sendable {
    /// The k-gram's 64-bit hash (salted for trade-secret fingerprint files).
    public var hash: UInt64
    /// The index, in its document's token array, of the k-gram's first token.
    public var position: Int32

    /// Creates a fingerprint.
    public init(hash: UInt64, position: Int32) {
        self.hash = hash
        self.position = position
    }
}
