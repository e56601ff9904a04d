#!/usr/bin/env python3
"""Cross-checks Custos evidence-log proofs and checkpoints with sigstore-python, a third-party RFC 6962 / signed-note
implementation (pinned in scripts/peers/requirements.txt; scripts/setup.sh installs it into .venv-peers).

Usage:  .venv-peers/bin/python scripts/peers/verify_with_sigstore.py EXPORT.json

EXPORT.json is written by Tests/CustosLedgerTests/SigstoreCrossCheckTests.swift:

    {"vkey": "<name>+<key id>+<base64 key>",
     "checkpoint": "<the latest signed checkpoint>",
     "checkpoints": ["<every signed checkpoint>", ...],                       (optional)
     "inclusion": [{"leaf_index", "tree_size", "leaf_hash", "root_hash", "proof": [hex, ...]}, ...],
     "consistency": [{"old_size", "new_size", "old_root", "new_root", "proof": [hex, ...]}, ...],
     "receipts": [<EvidenceReceipt JSON>, ...]}

What sigstore checks (sigstore 4.5.1, whose Merkle and checkpoint code is private API, hence the pin):
  * inclusion proofs by leaf hash: sigstore._internal.merkle's proof decomposition and chaining (the code behind
    verify_merkle_inclusion), compared with the root;
  * receipts end to end: each becomes a Rekor TransparencyLogEntry (body = the entry's bytes) and goes through
    sigstore's own verify_merkle_inclusion (leaf hash recomputed from the entry) and verify_checkpoint (the
    checkpoint's Ed25519 signature, and its root against the proof's root);
  * checkpoints: SignedCheckpoint parses the signed note and SignedNote.verify checks the signature with a Keyring
    holding the vkey's Ed25519 key.
sigstore-python has no consistency-proof verifier, so consistency proofs are counted but not checked here
("consistency_ok": null).

Every genuine item must verify and a corrupted copy of each must be rejected (one bit flipped in a proof hash, or in
the leaf hash when the proof is empty; one bit flipped in a checkpoint's root; one character changed in a receipt's
entry). Prints a JSON summary on stdout; exits 0 when everything held, 1 naming each failure (on stderr and in
"failures"), 2 when the input cannot be read.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import sys
from importlib import metadata

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sigstore._internal import merkle
from sigstore._internal.rekor.checkpoint import SignedCheckpoint, verify_checkpoint
from sigstore._internal.trust import Keyring
from sigstore._utils import KeyID
from sigstore.errors import VerificationError
from sigstore.models import TransparencyLogEntry
from sigstore_models.common import v1 as common_v1
from sigstore_models.rekor import v1 as rekor_v1

HASH_SIZE = 32
# C2SP signed-note signature type of Ed25519 keys (the byte before the key in a vkey).
ED25519_TYPE = 0x01


class InputError(Exception):
    """The export file is not what the Swift test writes."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unhex(text: str, what: str) -> bytes:
    try:
        return bytes.fromhex(text)
    except (TypeError, ValueError) as error:
        raise InputError(f"{what} is not hex: {text!r}") from error


def flip_bit(data: bytes, seed: int) -> bytes:
    """Flips one bit, chosen by `seed` so that different items get different bits."""
    if not data:
        return b"\x01"
    position = seed % len(data)
    return data[:position] + bytes([data[position] ^ (1 << (seed % 8))]) + data[position + 1 :]


class Vkey:
    """A C2SP signed-note verifier key: `<name>+<hex key id>+base64(0x01 || Ed25519 public key)`."""

    def __init__(self, text: str):
        # The base64 key may itself contain '+', so split on the first two only.
        parts = text.strip().split("+", 2)
        if len(parts) != 3:
            raise InputError(f"vkey {text!r} is not name+keyid+key")
        self.name, key_id_hex, key_b64 = parts
        try:
            key = base64.b64decode(key_b64, validate=True)
        except binascii.Error as error:
            raise InputError(f"vkey key material is not base64: {key_b64!r}") from error
        if len(key) != 1 + HASH_SIZE or key[0] != ED25519_TYPE:
            raise InputError("vkey is not an Ed25519 (type 0x01, 32-byte) key")
        self.key_id = unhex(key_id_hex, "vkey key id")
        if len(self.key_id) != 4:
            raise InputError(f"vkey key id {key_id_hex!r} is not 4 bytes")
        self.public_key = key[1:]
        # C2SP signed-note: key ID = SHA-256(name || "\n" || type || key)[:4]. sigstore does not know C2SP key IDs
        # (Rekor's is SHA-256 of the DER SPKI), so this one derivation is checked here.
        derived = hashlib.sha256(self.name.encode() + b"\n" + key).digest()[:4]
        self.key_id_matches = derived == self.key_id
        der = Ed25519PublicKey.from_public_bytes(self.public_key).public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        self.keyring = Keyring(
            [common_v1.PublicKey(raw_bytes=b64(der), key_details=common_v1.PublicKeyDetails.PKIX_ED25519)]
        )
        # sigstore's SignedNote.verify matches a signature's 4-byte hint against key_id[:4]; a 32-byte ID unknown to
        # the Keyring makes it try every key it holds (README gotcha 6), so the C2SP ID is padded with zeros.
        self.sigstore_key_id = KeyID(self.key_id + bytes(28))


def sigstore_inclusion_root(index: int, size: int, leaf_hash: bytes, proof: list[bytes]) -> bytes:
    """The root sigstore's RFC 6962 chaining derives from an inclusion proof (as verify_merkle_inclusion does)."""
    if not 0 <= index < size:
        raise VerificationError(f"leaf index {index} is outside a tree of {size}")
    if len(leaf_hash) != HASH_SIZE or any(len(h) != HASH_SIZE for h in proof):
        raise VerificationError("a hash is not 32 bytes")
    inner, border = merkle._decomp_inclusion_proof(index, size)
    if len(proof) != inner + border:
        raise VerificationError(f"inclusion proof has {len(proof)} hashes, expected {inner + border}")
    chained = merkle._chain_inner(leaf_hash, proof[:inner], index)
    return merkle._chain_border_right(chained, proof[inner:])


def verify_signed_checkpoint(text: str, vkey: Vkey) -> SignedCheckpoint:
    """Parses a signed checkpoint with sigstore and verifies its signature by the vkey; raises when it fails."""
    signed = SignedCheckpoint.from_text(text)
    if signed.checkpoint.origin != vkey.name:
        raise VerificationError(f"origin {signed.checkpoint.origin!r} is not the key's name {vkey.name!r}")
    # sigstore checks only the 4-byte hint; C2SP also binds the signature line to the key's name.
    if not any(sig.name == vkey.name and sig.sig_hash == vkey.key_id for sig in signed.signed_note.signatures):
        raise VerificationError(f"no signature line by {vkey.name}+{vkey.key_id.hex()}")
    signed.signed_note.verify(vkey.keyring, vkey.sigstore_key_id)
    return signed


def with_root_flipped(text: str, seed: int) -> str:
    """The checkpoint text with one bit of its root hash (third line) flipped, signature lines unchanged."""
    lines = text.split("\n")
    if len(lines) < 3:
        raise InputError("checkpoint has fewer than three lines")
    lines[2] = b64(flip_bit(base64.b64decode(lines[2]), seed))
    return "\n".join(lines)


def receipt_log_entry(receipt: dict, vkey: Vkey, entry: bytes) -> TransparencyLogEntry:
    """The receipt as the Rekor log entry sigstore verifies: body, inclusion proof and checkpoint."""
    inner = rekor_v1.TransparencyLogEntry.from_dict(
        {
            "logIndex": str(receipt["leaf_index"]),
            "logId": {"keyId": b64(bytes(vkey.sigstore_key_id))},
            "kindVersion": {"kind": "custos-evidence-entry", "version": "v1"},
            "inclusionProof": {
                "logIndex": str(receipt["leaf_index"]),
                "rootHash": b64(unhex(receipt["root_hash"], "receipt root_hash")),
                "treeSize": str(receipt["tree_size"]),
                "hashes": [b64(unhex(h, "receipt proof hash")) for h in receipt["inclusion_proof"]],
                "checkpoint": {"envelope": receipt["checkpoint"]},
            },
            "canonicalizedBody": b64(entry),
        }
    )
    return TransparencyLogEntry(inner)


def verify_receipt(receipt: dict, vkey: Vkey, entry: bytes) -> None:
    log_entry = receipt_log_entry(receipt, vkey, entry)
    merkle.verify_merkle_inclusion(log_entry)
    verify_checkpoint(vkey.keyring, log_entry)
    # verify_checkpoint compares roots only; the signed size must be the proof's size too.
    signed = SignedCheckpoint.from_text(receipt["checkpoint"])
    if signed.checkpoint.log_size != receipt["tree_size"]:
        raise VerificationError(
            f"checkpoint is for {signed.checkpoint.log_size} entries, the proof for {receipt['tree_size']}"
        )
    if signed.checkpoint.origin != vkey.name:
        raise VerificationError(f"origin {signed.checkpoint.origin!r} is not the key's name")


def check(data: dict) -> dict:
    failures: list[str] = []
    vkey = Vkey(data["vkey"])
    if not vkey.key_id_matches:
        failures.append(f"vkey: key id {vkey.key_id.hex()} is not SHA-256(name, 0x0A, 0x01, key)[:4]")

    # Checkpoints: the latest, then every other one the test exported.
    texts = [data["checkpoint"]] + [t for t in data.get("checkpoints", []) if t != data["checkpoint"]]
    signed_roots: dict[int, str] = {}
    checkpoints_ok = checkpoints_rejected = 0
    checkpoint_ok = False
    for number, text in enumerate(texts):
        label = "checkpoint (latest)" if number == 0 else f"checkpoints[{number - 1}]"
        try:
            signed = verify_signed_checkpoint(text, vkey)
            checkpoints_ok += 1
            signed_roots[signed.checkpoint.log_size] = signed.checkpoint.log_hash
            checkpoint_ok = checkpoint_ok or number == 0
        except VerificationError as error:
            failures.append(f"{label}: genuine checkpoint did not verify: {error}")
        try:
            verify_signed_checkpoint(with_root_flipped(text, number), vkey)
            failures.append(f"{label}: checkpoint with a flipped root bit still verified")
        except VerificationError:
            checkpoints_rejected += 1

    # Inclusion proofs by leaf hash.
    inclusion_ok = inclusion_rejected = anchored = 0
    for number, item in enumerate(data["inclusion"]):
        index, size = item["leaf_index"], item["tree_size"]
        label = f"inclusion[{number}] (leaf {index} of {size})"
        leaf = unhex(item["leaf_hash"], f"{label} leaf_hash")
        root = unhex(item["root_hash"], f"{label} root_hash")
        proof = [unhex(h, f"{label} proof hash") for h in item["proof"]]
        try:
            if sigstore_inclusion_root(index, size, leaf, proof) == root:
                inclusion_ok += 1
            else:
                failures.append(f"{label}: sigstore derives a different root")
        except VerificationError as error:
            failures.append(f"{label}: {error}")
        if size in signed_roots:
            if signed_roots[size] == root.hex():
                anchored += 1
            else:
                failures.append(f"{label}: root is not the signed checkpoint's root of size {size}")
        if proof:
            which = number % len(proof)
            tampered_leaf, tampered_proof = leaf, list(proof)
            tampered_proof[which] = flip_bit(proof[which], number)
        else:
            tampered_leaf, tampered_proof = flip_bit(leaf, number), proof
        try:
            if sigstore_inclusion_root(index, size, tampered_leaf, tampered_proof) == root:
                failures.append(f"{label}: proof with a flipped bit still verified")
            else:
                inclusion_rejected += 1
        except VerificationError:
            inclusion_rejected += 1

    # Receipts: leaf hash and the whole Rekor-style entry verification.
    receipts_ok = receipts_rejected = receipt_leaf_hashes_ok = 0
    for number, receipt in enumerate(data.get("receipts", [])):
        label = f"receipts[{number}] (leaf {receipt.get('leaf_index')})"
        entry = receipt["entry"].encode("utf-8")
        if merkle._hash_leaf(entry).hex() == receipt["leaf_hash"]:
            receipt_leaf_hashes_ok += 1
        else:
            failures.append(f"{label}: sigstore's leaf hash of the entry is not the receipt's leaf_hash")
        try:
            verify_receipt(receipt, vkey, entry)
            receipts_ok += 1
        except (VerificationError, ValueError) as error:
            failures.append(f"{label}: {error}")
        try:
            verify_receipt(receipt, vkey, flip_bit(entry, number + 1))
            failures.append(f"{label}: receipt with a changed entry still verified")
        except (VerificationError, ValueError):
            receipts_rejected += 1

    consistency = data.get("consistency", [])
    if not data["inclusion"] or not texts:
        failures.append("nothing to verify: the export has no inclusion proofs or no checkpoint")
    return {
        "verifier": f"sigstore {metadata.version('sigstore')}",
        "inclusion_ok": inclusion_ok,
        "inclusion_rejected_tampered": inclusion_rejected,
        "inclusion_anchored_to_checkpoint": anchored,
        "consistency_ok": None,
        "consistency_not_checked": len(consistency),
        "consistency_note": "sigstore-python has no consistency-proof verifier",
        "checkpoint_ok": checkpoint_ok,
        "checkpoints_ok": checkpoints_ok,
        "checkpoints_rejected_tampered": checkpoints_rejected,
        "receipts_ok": receipts_ok,
        "receipts_rejected_tampered": receipts_rejected,
        "receipt_leaf_hashes_ok": receipt_leaf_hashes_ok,
        "vkey_key_id_ok": vkey.key_id_matches,
        "failures": failures,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(f"usage: {argv[0]} EXPORT.json", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as file:
            data = json.load(file)
        summary = check(data)
    except (OSError, ValueError, KeyError, TypeError, InputError) as error:
        print(f"verify_with_sigstore: cannot read {argv[1]}: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
    print(json.dumps(summary, indent=2))
    for failure in summary["failures"]:
        print(f"FAIL {failure}", file=sys.stderr)
    return 1 if summary["failures"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
