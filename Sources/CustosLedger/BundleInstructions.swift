/// The VERIFY.md placed in every evidence bundle: how to check it by hand with common tools, without Custos.
enum BundleInstructions {
    static func text(manifest: EvidenceBundle.Manifest) -> String {
        let example = manifest.items.first
        let id = example?.id ?? "E0"
        return """
            # Verifying this evidence bundle

            This bundle holds \(manifest.items.count) deposit(s) from the Custos evidence log `\(manifest.origin)`,
            with proofs that each was recorded in the log's Merkle tree of \(manifest.treeSize) entries, whose root
            `\(manifest.rootHash)` the log signed. Everything can be checked offline, with no access to the operator.
            The quickest way is `custos evidence verify <this zip> --key <the log's published key>`; below is how to
            check each step by hand.

            ## 1. Trust the right key

            `log.vkey` holds the log's verifier key in C2SP signed-note form:

                \(manifest.vkey)

            Compare it with the key the operator publishes (`custos evidence key` prints it) through a channel you
            trust. A bundle signed by another key proves nothing about this log.

            ## 2. Check the checkpoint's signature

            `checkpoint.txt` is a C2SP signed note (c2sp.org/signed-note) whose body is a C2SP tlog-checkpoint:
            origin, tree size, base64 root hash. The signature line's base64 holds a 4-byte key id and a 64-byte
            Ed25519 signature over the body (everything before the blank line, including its final newline).
            `checkpoint-body.txt` and `checkpoint.sig` are those two parts; `log-key.pem` is the key. With OpenSSL 3:

                openssl pkeyutl -verify -pubin -inkey log-key.pem -rawin -in checkpoint-body.txt -sigfile checkpoint.sig

            It must print `Signature Verified Successfully`. The key id is the first 4 bytes of
            SHA-256(origin ‖ 0x0A ‖ 0x01 ‖ public key).

            ## 3. Check each file against its entry

            `entries/<id>.json` is the exact statement the log recorded (sha256, size, media type, file name,
            depositor, received_at, capture metadata, links). The file's SHA-256 must equal the entry's `sha256`:

                sha256sum \(example?.file ?? "files/…")
                grep -o '"sha256":"[0-9a-f]*"' \(example?.entry ?? "entries/…")

            ## 4. Check each entry is in the signed tree

            The leaf hash is SHA-256(0x00 ‖ entry bytes), RFC 9162 §2.1.1:

                (printf '\\x00'; cat entries/\(id).json) | sha256sum

            It must equal `leaf_hash` in `proofs/\(id).json`. Then fold the proof (RFC 9162 §2.1.3.2): start with
            `r = leaf_hash`, `fn = leaf_index`, `sn = tree_size - 1`; for each proof hash `p`: if `fn` is odd or
            `fn == sn`, set `r = SHA-256(0x01 ‖ p ‖ r)` and, while `fn` is even and not 0, shift `fn` and `sn` right
            by one; otherwise set `r = SHA-256(0x01 ‖ r ‖ p)`; then shift `fn` and `sn` right by one. At the end `sn`
            must be 0 and `r` must equal the checkpoint's root (base64 in checkpoint.txt, hex in the proof file).
            A dozen lines of Python with `hashlib` do this.

            ## 5. Check the deposit-time receipt

            `receipts/<id>.json` is the receipt issued when the file was deposited: the same entry bytes, an
            inclusion proof to the checkpoint signed at that moment (`checkpoint`, also in C2SP tlog-proof form in
            `tlog_proof`). Check its signature and proof as in steps 2 and 4. `consistency/<id>.json` proves that
            the tree the receipt's checkpoint signed is a prefix of this bundle's tree (RFC 9162 §2.1.4.2): the log
            changed nothing recorded between the deposit and this export.

            ## What each check establishes

            - The signature: the log's operator committed to this tree, of this size, under this key.
            - The inclusion proof: this exact entry, with its `received_at` time, is in that tree.
            - The file hash: these are the bytes the entry describes.
            - The consistency proof: the tree only grew since the deposit; no entry was altered or removed.

            Bundle format: \(EvidenceBundle.format); created \(manifest.createdAt).

            """
    }
}
