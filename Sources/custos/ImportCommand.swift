import ArgumentParser
import CustosCore
import CustosImport
import Foundation

/// `custos import …`.
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import data into the registry.", subcommands: [ImportRightsCommand.self])
}

/// `custos import rights FILE`.
struct ImportRightsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rights",
        abstract: "Import rights from CSV, JSON Lines or WIPO ST.66 XML.",
        discussion: """
            Atomic by default: if any record is invalid, nothing is imported and every problem is reported as
            FILE:LINE: field: what is wrong. With --skip-invalid, valid records are imported and the rejects are
            written, with their reasons, to --rejects (default FILE.rejects.jsonl). Re-importing an id updates it.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The file: .csv, .jsonl/.ndjson or .xml (ST.66).")
    var file: String

    @Option(help: "The format, when the extension does not say: csv, jsonl, st66.")
    var format: RightsFormat?

    @Flag(name: .customLong("skip-invalid"), help: "Import the valid records and write the rejects to a file.")
    var skipInvalid = false

    @Option(help: "Where --skip-invalid writes rejected records (JSON Lines).")
    var rejects: String?

    @Flag(help: "Print JSON only.")
    var json = false

    func run() async throws {
        let database = try await store.openStore()
        let url = URL(fileURLWithPath: file)
        let importer = RightsImporter(
            repository: database.rights, organisation: store.organisationID,
            options: .init(skipInvalid: skipInvalid))
        let rejectsPath = rejects ?? file + ".rejects.jsonl"
        let writer = skipInvalid ? try RejectsFileWriter(url: URL(fileURLWithPath: rejectsPath)) : nil
        let bar = SharedProgressBar(label: "importing", enabled: !json)
        let rejectsHandler: (@Sendable (RejectedRecord) throws -> Void)?
        if let writer {
            rejectsHandler = { record in try writer.write(record) }
        } else {
            rejectsHandler = nil
        }
        let summary: RightsImportSummary
        do {
            summary = try await importer.importRights(
                from: url, format: format, displayName: file,
                rejects: rejectsHandler,
                progress: { progress in
                    bar.update(
                        done: Int(progress.bytesRead), total: progress.totalBytes.map(Int.init),
                        note: "\(progress.records) records")
                })
            bar.finish(note: "\(summary.read) records")
        } catch let error as ImportError {
            bar.finish(note: "failed")
            if json {
                try Terminal.printJSON(ImportFailure(error: error.message, problems: error.problems.map(\.description)))
            } else {
                for problem in error.problems { Terminal.diagnostic(problem.description) }
                if error.unreportedProblemCount > 0 {
                    Terminal.diagnostic("… and \(error.unreportedProblemCount) more problems")
                }
                Terminal.diagnostic("custos: \(error.message)")
            }
            throw ExitCode(1)
        }
        if json {
            try Terminal.printJSON(
                ImportReport(summary: summary, rejectsFile: summary.rejected > 0 ? rejectsPath : nil))
        } else {
            for problem in summary.problems { Terminal.diagnostic(problem.description) }
            print(
                "Imported \(file): \(summary.read) records read, \(summary.inserted) new, \(summary.updated) updated"
                    + (skipInvalid ? ", \(summary.rejected) rejected" : "") + ".")
            if summary.rejected > 0 { print("Rejected records and their reasons: \(rejectsPath)") }
        }
    }
}

extension RightsFormat: ExpressibleByArgument {}

/// The JSON of a successful import.
struct ImportReport: Encodable {
    var read: Int
    var inserted: Int
    var updated: Int
    var rejected: Int
    var problems: [String]
    var rejectsFile: String?

    init(summary: RightsImportSummary, rejectsFile: String?) {
        read = summary.read
        inserted = summary.inserted
        updated = summary.updated
        rejected = summary.rejected
        problems = summary.problems.map(\.description)
        self.rejectsFile = rejectsFile
    }

    enum CodingKeys: String, CodingKey {
        case read, inserted, updated, rejected, problems
        case rejectsFile = "rejects_file"
    }
}

/// The JSON of a failed import.
struct ImportFailure: Encodable {
    var error: String
    var problems: [String]
}
