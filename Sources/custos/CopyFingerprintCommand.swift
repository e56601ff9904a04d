import ArgumentParser
import CustosCopy
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `custos copy fingerprint PATH -o secret.fp`: a trade secret's fingerprints, salted with the owner's key, in a
/// file from which the source cannot be rebuilt.
struct CopyFingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Fingerprint source code or text (a trade secret) into a file that holds no content.",
        discussion: """
            The file holds only 64-bit hashes of 20-token k-grams of abstracted code (identifiers, literals, \
            layout and comments removed), keyed with the owner's salt (HMAC-SHA256), with each hash's line range. \
            Register it with the trade secret (the fingerprint_file column of a rights import, or the API); \
            suspect code is then matched against it without the platform ever holding the secret. The salt file \
            is created on first use; keep it to fingerprint further secrets of the same owner with the same key.
            """)

    @Argument(help: "The secret: a file or a folder.") var path: String

    @Option(name: [.customShort("o"), .customLong("output")], help: "The fingerprint file to write.")
    var output: String

    @Option(
        name: .customLong("salt-file"),
        help:
            "The owner's salt (hexadecimal); created when missing (default: $CUSTOS_SALT_FILE, else ./custos-owner.salt)."
    )
    var saltFile: String?

    @Flag(name: .customLong("disclose-names"), help: "Keep file paths in the file (default: files are #1, #2, …).")
    var disclosesNames = false

    @OptionGroup var input: CopyInputOptions

    @Flag(help: "Print a JSON summary instead of text.") var json = false

    func run() throws {
        let (document, problems) = SubmissionLoader().load(
            path: path, language: input.forcedLanguage, parameters: input.explicitParameters, limits: input.limits)
        for problem in problems { Terminal.diagnostic("custos: skipped \(problem.error.message)") }
        guard let document else {
            Terminal.diagnostic("custos: \(path): nothing to fingerprint")
            throw ExitCode(1)
        }
        let salt = try loadSalt()
        let set = FingerprintSet(document: document, salt: salt, disclosesFileNames: disclosesNames)
        let url = URL(fileURLWithPath: output)
        // Written beside the target and renamed, so an interrupted run never leaves half a file under the name.
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).partial")
        do {
            try FingerprintFile.encode(set).write(to: temporary)
        } catch {
            throw ValidationError("\(output): cannot write the fingerprint file (\(error.localizedDescription))")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw ValidationError("\(output): cannot write the fingerprint file (\(reason))")
        }
        if json {
            try Terminal.printJSON(
                Summary(
                    output: output, files: set.files.count, fingerprints: set.entries.count, k: set.parameters.k,
                    window: set.parameters.window, skipped: problems.count))
        } else {
            print(
                "\(output): \(set.entries.count) fingerprints of \(set.files.count) files "
                    + "(k \(set.parameters.k), window \(set.parameters.window)), salted; "
                    + "\(problems.count) files skipped")
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    private func loadSalt() throws -> FingerprintSalt {
        let path = saltFile ?? ProcessInfo.processInfo.environment["CUSTOS_SALT_FILE"] ?? "custos-owner.salt"
        if FileManager.default.fileExists(atPath: path) {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ValidationError("\(path): cannot read the salt file (\(error.localizedDescription))")
            }
            do {
                return try FingerprintSalt(hex: text)
            } catch {
                throw ValidationError("\(path): \(error.message)")
            }
        }
        let salt = FingerprintSalt.random()
        let created = FileManager.default.createFile(
            atPath: path, contents: Data((salt.hex + "\n").utf8), attributes: [.posixPermissions: 0o600])
        guard created else { throw ValidationError("\(path): cannot create the salt file") }
        Terminal.diagnostic("custos: created the owner's salt in \(path) (keep it private and keep it)")
        return salt
    }

    struct Summary: Encodable {
        var output: String
        var files: Int
        var fingerprints: Int
        var k: Int
        var window: Int
        var skipped: Int
    }
}
