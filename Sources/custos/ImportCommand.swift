import ArgumentParser
import CustosCore
import CustosImage
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

            Images named in the image field (paths relative to FILE's folder, or absolute) are hashed (PDQ) and \
            registered with a thumbnail after the rights are written. An image that is missing, unreadable or too \
            flat to match is a warning (FILE:LINE: image: …); its right is imported all the same. http(s) URLs are \
            not fetched: upload those images through the API.
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

    @Flag(name: .customLong("no-images"), help: "Import the rights without hashing the images they name.")
    var noImages = false

    @Flag(
        name: .customLong("no-works"),
        help: "Import the rights without fingerprinting the works and fingerprint files they name.")
    var noWorks = false

    @Option(name: .customLong("max-image-mib"), help: "Refuse image files larger than this many MiB.")
    var maximumImageMiB = ImageLimits.standard.maximumFileBytes >> 20

    @Option(
        name: .customLong("max-image-pixels"),
        help: "Refuse images declaring more pixels than this (decompression bombs are refused before decoding).")
    var maximumImagePixels = ImageLimits.standard.maximumPixels

    func validate() throws {
        // 8 TiB keeps the shift in `imageLimits` from overflowing; no image file comes near it.
        guard (1...(8 << 20)).contains(maximumImageMiB) else {
            throw ValidationError("--max-image-mib must be between 1 and \(8 << 20).")
        }
        guard maximumImagePixels > 0 else { throw ValidationError("--max-image-pixels must be at least 1.") }
    }

    /// "1 image", "2 images".
    private static func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private var imageLimits: ImageLimits {
        ImageLimits(maximumFileBytes: maximumImageMiB << 20, maximumPixels: maximumImagePixels)
    }

    func run() async throws {
        let database = try await store.openStore()
        let url = URL(fileURLWithPath: file)
        let importer = RightsImporter(
            repository: database.rights, organisation: store.organisationID,
            options: .init(skipInvalid: skipInvalid),
            images: noImages ? nil : RightImageRegistration(repository: database.rightImages, limits: imageLimits),
            works: noWorks ? nil : RightWorkRegistration(repository: database.rightFingerprints))
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
                    if progress.imagesToHash > 0 {
                        bar.update(
                            done: progress.imagesHashed, total: progress.imagesToHash,
                            note:
                                "\(progress.records) records, \(progress.imagesHashed) of \(progress.imagesToHash) images hashed"
                        )
                    } else {
                        bar.update(
                            done: Int(progress.bytesRead), total: progress.totalBytes.map(Int.init),
                            note: "\(progress.records) records")
                    }
                })
            bar.finish(
                note: "\(summary.read) records"
                    + (summary.imagesRegistered > 0 ? ", \(summary.imagesRegistered) images" : ""))
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
            for warning in summary.warnings { Terminal.diagnostic(warning.description) }
            if summary.unreportedWarningCount > 0 {
                Terminal.diagnostic("… and \(summary.unreportedWarningCount) more warnings")
            }
            print(
                "Imported \(file): \(summary.read) records read, \(summary.inserted) new, \(summary.updated) updated"
                    + (skipInvalid ? ", \(summary.rejected) rejected" : "")
                    + (noImages ? "" : ", " + Self.count(summary.imagesRegistered, "image") + " registered")
                    + (summary.worksFingerprinted > 0
                        ? ", " + Self.count(summary.worksFingerprinted, "work") + " fingerprinted" : "")
                    + (summary.warnings.isEmpty
                        ? "" : ", " + Self.count(summary.warnings.count + summary.unreportedWarningCount, "warning"))
                    + ".")
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
    var imagesRegistered: Int
    var worksFingerprinted: Int
    var warnings: [String]

    init(summary: RightsImportSummary, rejectsFile: String?) {
        read = summary.read
        inserted = summary.inserted
        updated = summary.updated
        rejected = summary.rejected
        problems = summary.problems.map(\.description)
        self.rejectsFile = rejectsFile
        imagesRegistered = summary.imagesRegistered
        worksFingerprinted = summary.worksFingerprinted
        warnings = summary.warnings.map(\.description)
    }

    enum CodingKeys: String, CodingKey {
        case read, inserted, updated, rejected, problems, warnings
        case rejectsFile = "rejects_file"
        case imagesRegistered = "images_registered"
        case worksFingerprinted = "works_fingerprinted"
    }
}

/// The JSON of a failed import.
struct ImportFailure: Encodable {
    var error: String
    var problems: [String]
}
