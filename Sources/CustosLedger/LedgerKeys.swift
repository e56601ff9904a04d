import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The log's Ed25519 signing key, made at the first use of a data directory and kept beside the log.
///
/// `log.skey` holds the private key in signed-note form with mode 0600 (owner read/write only), written
/// atomically; `log.vkey` holds the verifier key that anyone may have. The key's name is the log's origin.
public enum LedgerKeys {
    /// The private key's file name.
    public static let privateKeyFile = "log.skey"
    /// The verifier key's file name.
    public static let verifierKeyFile = "log.vkey"

    /// Loads the signer in `directory`, creating a new key pair (origin `origin`, or a fresh
    /// `custos.local/evidence/<random>`) when there is none.
    ///
    /// - Throws: `LedgerError.malformed` when the key file is damaged, `.io` when it cannot be read or written,
    ///   and `.tampered` when the private key is readable by others than its owner.
    public static func loadOrCreate(in directory: URL, origin: String? = nil) throws(LedgerError) -> NoteSigner {
        try StoreFile.makeDirectory(directory)
        let privateURL = directory.appendingPathComponent(privateKeyFile)
        let publicURL = directory.appendingPathComponent(verifierKeyFile)
        if FileManager.default.fileExists(atPath: privateURL.path) {
            var info = stat()
            guard stat(privateURL.path, &info) == 0 else { throw LedgerError.system("cannot stat", privateURL.path) }
            guard info.st_mode & 0o077 == 0 else {
                throw LedgerError(
                    .tampered,
                    "\(privateURL.path) is readable by group or others (mode \(String(info.st_mode & 0o777, radix: 8))); "
                        + "run chmod 600 on it")
            }
            let text: String
            do {
                text = try String(contentsOf: privateURL, encoding: .utf8)
            } catch {
                throw LedgerError(.io, "cannot read \(privateURL.path): \(error.localizedDescription)")
            }
            return try NoteSigner(skey: text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        var generator = SystemRandomNumberGenerator()
        let suffix = Hex.encode((0..<6).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let signer = try NoteSigner.generate(name: origin ?? "custos.local/evidence/\(suffix)")
        try StoreFile.writeAtomically(Array((signer.skey + "\n").utf8), to: privateURL, permissions: 0o600)
        try StoreFile.writeAtomically(Array((signer.verifier.vkey + "\n").utf8), to: publicURL)
        return signer
    }
}
