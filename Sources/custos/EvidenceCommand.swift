import ArgumentParser
import CustosLedger
import Foundation

/// `custos evidence …`.
struct EvidenceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Deposit evidence in the signed, tamper-evident log; prove, export, verify and audit it.",
        subcommands: [
            EvidenceAddCommand.self, EvidenceCaptureCommand.self, EvidenceShowCommand.self,
            EvidenceProveCommand.self, EvidenceConsistencyCommand.self, EvidenceReceiptCommand.self,
            EvidenceExportCommand.self, EvidenceVerifyCommand.self, EvidenceAuditCommand.self,
            EvidenceKeyCommand.self,
        ])
}

extension StoreOptions {
    /// Opens the evidence vault of the data directory, telling the operator what recovery repaired.
    func openVault(quiet: Bool) throws -> EvidenceVault {
        let vault = try EvidenceVault(dataDirectory: resolvedDirectory)
        if !quiet {
            for note in vault.log.recoveryNotes { Terminal.diagnostic("evidence log recovery: \(note)") }
        }
        return vault
    }

    /// The depositor for this invocation: the organisation and the operating-system user.
    var depositor: EvidenceEntry.Depositor {
        let user = ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        return EvidenceEntry.Depositor(organisation: organisation, user: "cli:\(user)")
    }
}

/// An evidence identifier on the command line: `E42`, `42` (the leaf index) or a file's SHA-256.
struct EvidenceID: ExpressibleByArgument, Sendable {
    var text: String

    init?(argument: String) { text = argument }

    /// Resolves to a leaf index in the organisation's deposits.
    func resolve(in vault: EvidenceVault, organisation: String) throws -> UInt64 {
        let digits = text.hasPrefix("E") || text.hasPrefix("e") ? String(text.dropFirst()) : text
        if text.count == 64, Hex.decode(text) != nil {
            guard let index = try vault.entries(withSHA256: text.lowercased(), for: organisation).first else {
                throw ValidationError("no evidence with SHA-256 \(text) in organisation \(organisation)")
            }
            return index
        }
        guard let index = UInt64(digits) else {
            throw ValidationError("\"\(text)\" is not an evidence id (E42, 42 or a SHA-256)")
        }
        _ = try vault.entry(at: index, for: organisation)
        return index
    }

    /// The display form of a leaf index.
    static func display(_ index: UInt64) -> String { "E\(index)" }
}

/// `custos evidence add FILE…`.
struct EvidenceAddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Deposit files: store them, log them, and print each one's receipt data.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "Files to deposit.")
    var files: [String]

    @Option(help: "Link the deposits to this right.")
    var right: String?

    @Option(help: "Link the deposits to this clue.")
    var clue: String?

    @Option(name: .customLong("case"), help: "Link the deposits to this case.")
    var caseID: String?

    @Option(help: "A description to record with each deposit.")
    var description: String?

    @Option(name: .customLong("media-type"), help: "The media type (default: guessed from the file).")
    var mediaType: String?

    @Option(name: .customLong("receipts"), help: "Write each receipt as E<index>.receipt.json in this directory.")
    var receiptDirectory: String?

    @Flag(help: "Print JSON only.")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one file to deposit") }
        for file in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
                throw ValidationError("\(file): no such file")
            }
            guard !isDirectory.boolValue else { throw ValidationError("\(file): is a directory, not a file") }
        }
    }

    func run() async throws {
        let vault = try store.openVault(quiet: json)
        let links = EvidenceEntry.Links(right: right, clue: clue, case: caseID)
        let deposits = files.map {
            EvidenceVault.Deposit(
                file: URL(fileURLWithPath: $0), depositor: store.depositor, mediaType: mediaType, links: links,
                description: description)
        }
        let sizes = files.map { (try? FileManager.default.attributesOfItem(atPath: $0)[.size] as? UInt64) ?? 0 }
        let total = sizes.reduce(0, +)
        var bar = ProgressBar(label: "depositing", enabled: !json)
        let done = sizes.map { _ in UInt64(0) }
        var stored = done
        let receipts = try await vault.deposit(deposits) { position, bytes in
            stored[position] = bytes
            bar.update(done: Int(stored.reduce(0, +)), total: Int(total), note: files[position])
        }
        bar.finish(done: Int(total), total: Int(total), note: "\(files.count) files")
        if let receiptDirectory {
            let directory = URL(fileURLWithPath: receiptDirectory, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for receipt in receipts {
                try Self.encoder.encode(receipt).write(
                    to: directory.appendingPathComponent("\(EvidenceID.display(receipt.leafIndex)).receipt.json"))
            }
        }
        let results = try zip(files, receipts).map { file, receipt in
            let entry = try EvidenceEntry(canonicalBytes: Array(receipt.entry.utf8))
            return Deposited(
                id: EvidenceID.display(receipt.leafIndex), file: file, sha256: entry.sha256, size: entry.size,
                leafIndex: receipt.leafIndex, treeSize: receipt.treeSize)
        }
        if json {
            try Terminal.printJSON(results)
            return
        }
        for result in results {
            print("\(result.id)  \(result.sha256)  leaf \(result.leafIndex)  \(result.file)")
        }
        print("log size \(vault.log.size); checkpoint signed by \(vault.log.origin)")
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    struct Deposited: Encodable {
        var id: String
        var file: String
        var sha256: String
        var size: UInt64
        var leafIndex: UInt64
        var treeSize: UInt64

        enum CodingKeys: String, CodingKey {
            case id, file, sha256, size
            case leafIndex = "leaf_index"
            case treeSize = "tree_size"
        }
    }
}

/// `custos evidence show ID`.
struct EvidenceShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a deposit's entry.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The evidence id (E42, 42, or the file's SHA-256).")
    var id: EvidenceID

    @Flag(help: "Print JSON only.")
    var json = false

    struct Shown: Encodable {
        var id: String
        var leafIndex: UInt64
        var leafHash: String
        var entry: EvidenceEntry
        var blobPath: String
        var blobPresent: Bool

        enum CodingKeys: String, CodingKey {
            case id, entry
            case leafIndex = "leaf_index"
            case leafHash = "leaf_hash"
            case blobPath = "blob_path"
            case blobPresent = "blob_present"
        }
    }

    func run() async throws {
        let vault = try store.openVault(quiet: json)
        let index = try id.resolve(in: vault, organisation: store.organisation)
        let entry = try vault.entry(at: index, for: store.organisation)
        let shown = Shown(
            id: EvidenceID.display(index), leafIndex: index, leafHash: Hex.encode(try vault.log.leafHash(at: index)),
            entry: entry, blobPath: vault.blobs.url(forSHA256: entry.sha256).path,
            blobPresent: vault.blobs.contains(sha256: entry.sha256))
        if json {
            try Terminal.printJSON(shown)
            return
        }
        print("\(shown.id)  leaf \(index)  \(entry.fileName)")
        print("  sha256       \(entry.sha256)")
        print("  size         \(entry.size) bytes, \(entry.mediaType)")
        print("  received at  \(entry.receivedAt)")
        print("  depositor    \(entry.depositor.user) (\(entry.depositor.organisation))")
        if let links = entry.links {
            let parts = [
                links.right.map { "right \($0)" }, links.clue.map { "clue \($0)" }, links.case.map { "case \($0)" },
            ]
            print("  links        \(parts.compactMap { $0 }.joined(separator: ", "))")
        }
        if let description = entry.description { print("  description  \(description)") }
        if entry.capture != nil { print("  capture      web capture metadata recorded (see --json)") }
        print("  leaf hash    \(shown.leafHash)")
        print("  stored at    \(shown.blobPath)\(shown.blobPresent ? "" : " (MISSING)")")
    }
}

/// `custos evidence prove ID [--size N]`.
struct EvidenceProveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove", abstract: "Print the inclusion proof of a deposit in the log (RFC 9162 §2.1.3).")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The evidence id.")
    var id: EvidenceID

    @Option(help: "Prove inclusion in the tree of this many entries (default: the whole log).")
    var size: UInt64?

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let vault = try store.openVault(quiet: json)
        let index = try id.resolve(in: vault, organisation: store.organisation)
        let result = try EvidenceBundle.InclusionProofFile.make(log: vault.log, index: index, size: size)
        if json {
            try Terminal.printJSON(result)
            return
        }
        print(
            "leaf \(result.leafIndex) of \(result.treeSize)\nleaf hash \(result.leafHash)\nroot      \(result.rootHash)"
        )
        for (position, hash) in result.proof.enumerated() { print("  \(position)  \(hash)") }
    }
}

/// `custos evidence consistency OLD NEW`.
struct EvidenceConsistencyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consistency",
        abstract: "Print the consistency proof between two sizes of the log (RFC 9162 §2.1.4).")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The older tree size.")
    var old: UInt64

    @Argument(help: "The newer tree size.")
    var new: UInt64

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let vault = try store.openVault(quiet: json)
        let result = try EvidenceBundle.ConsistencyProofFile.make(log: vault.log, old: old, new: new)
        if json {
            try Terminal.printJSON(result)
            return
        }
        print("from \(old) (\(result.oldRoot))\nto   \(new) (\(result.newRoot))")
        for (position, hash) in result.proof.enumerated() { print("  \(position)  \(hash)") }
    }
}

/// `custos evidence receipt ID`.
struct EvidenceReceiptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt", abstract: "Print a deposit's receipt against the newest checkpoint.")

    @OptionGroup var store: StoreOptions

    @Argument(help: "The evidence id.")
    var id: EvidenceID

    @Option(name: .shortAndLong, help: "Write the receipt to this file instead of standard output.")
    var output: String?

    func run() async throws {
        let vault = try store.openVault(quiet: true)
        let index = try id.resolve(in: vault, organisation: store.organisation)
        let data = try EvidenceAddCommand.encoder.encode(
            try vault.receipt(for: index, organisation: store.organisation))
        if let output {
            try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        } else {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }
}

/// `custos evidence key`.
struct EvidenceKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "key", abstract: "Print the log's verifier key (C2SP signed-note vkey).")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let directory = store.resolvedDirectory.appendingPathComponent("evidence/keys", isDirectory: true)
        let verifier = try LedgerKeys.loadOrCreate(in: directory).verifier
        if json {
            try Terminal.printJSON([
                "origin": verifier.name, "vkey": verifier.vkey,
                "key_id": String(format: "%08x", verifier.keyID),
            ])
        } else {
            print(verifier.vkey)
        }
    }
}

/// `custos evidence audit`.
struct EvidenceAuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Re-hash every file, re-derive the tree from the journal, check every checkpoint; report tampering.")

    @OptionGroup var store: StoreOptions

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        var bar = ProgressBar(label: "auditing", enabled: !json)
        let report = try LedgerAudit(dataDirectory: store.resolvedDirectory).run { entries, bytes in
            bar.update(done: Int(entries), total: nil, note: "\(entries) entries, \(bytes / 1_048_576) MiB re-hashed")
        }
        bar.finish(done: Int(report.entries), total: nil, note: "done")
        if json {
            try Terminal.printJSON(AuditOutput(report: report))
        } else {
            print(
                "audited \(report.entries) entries, \(report.checkpoints) checkpoints, \(report.blobsChecked) files "
                    + "(\(report.blobBytes) bytes)")
            print("root \(report.rootHash)")
            if report.isClean {
                print("clean: every file, entry and checkpoint agrees with the journal")
            } else {
                print("\(report.findings.count) problem(s):")
                for finding in report.findings { print("  [\(finding.kind)] \(finding.location): \(finding.message)") }
            }
        }
        if !report.isClean { throw ExitCode(1) }
    }

    struct AuditOutput: Encodable {
        var report: LedgerAudit.Report
        var clean: Bool { report.isClean }

        enum CodingKeys: String, CodingKey { case clean, report }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(clean, forKey: .clean)
            try container.encode(report, forKey: .report)
        }
    }
}
