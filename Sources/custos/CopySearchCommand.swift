import ArgumentParser
import CustosCopy
import CustosCore
import CustosScreening
import Foundation

/// `custos copy search FILE [--lang L] [--json] [--org ORG] [--min-share X]`: the organisation's registered works
/// and trade secrets that a file or folder copies from.
struct CopySearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the registered works and trade secrets a file or folder copies from.",
        discussion: """
            The file (or every source and text file of the folder) is tokenized and winnowed like the works \
            custos import fingerprints (the work field of copyright records, the fingerprint_file of trade \
            secrets), and looked up in the organisation's registry. Works are listed by shared fingerprints, with \
            the share of the registered work found, the share of the suspect copied, and the matching line ranges. \
            Files that cannot be read (binary, unknown language, too large, wrongly encoded) are named on standard \
            error and skipped. Exit status 0 whether or not anything is found, 1 when nothing could be read.
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The suspect file or folder.") var file: String

    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            "Read every file as this language instead of going by extension.",
            discussion: "One of: \(SourceLanguage.acceptedNames)."))
    var language: String?

    @Option(
        name: .customLong("min-share"),
        help: "Report works of which at least this share (0-1) is found, or that make up this share of the suspect.")
    var minimumShare = 0.0

    @Flag(help: "Print one JSON object: {\"file\", \"files\", \"problems\", \"matches\": [...]}.") var json = false

    func validate() throws {
        guard (0...1).contains(minimumShare) else { throw ValidationError("--min-share must be between 0 and 1.") }
        if let language, SourceLanguage(name: language) == nil {
            throw ValidationError("Unknown --lang '\(language)'; accepted: \(SourceLanguage.acceptedNames).")
        }
    }

    func run() async throws {
        let loaded = SubmissionLoader().load(path: file, language: language.flatMap(SourceLanguage.init(name:)))
        for problem in loaded.problems { Terminal.diagnostic("custos: \(problem.error.message)") }
        guard let document = loaded.document else {
            Terminal.diagnostic("custos: \(file): nothing to search for")
            throw ExitCode(1)
        }
        let database = try await store.openStore()
        let hits = try await RegisteredWorkSearch.search(
            document, minimumShare: minimumShare, in: database, organisation: store.organisationID)
        if json {
            try Terminal.printJSON(
                CopySearchOutput(
                    file: file, files: document.files.count, problems: loaded.problems.map(\.error.message),
                    matches: hits))
            return
        }
        let files = document.files.count
        print("\(file): \(files) file\(files == 1 ? "" : "s"), \(document.fingerprints.count) fingerprints")
        guard !hits.isEmpty else {
            print("No registered work shares fingerprints with it.")
            return
        }
        print(Self.table(hits))
        for hit in hits {
            print("\n\(hit.right.rawValue) '\(hit.name)':")
            for region in hit.regions.prefix(20) {
                print(
                    "  \(region.suspectFile):\(Self.lines(region.suspectLines)) ~ "
                        + "\(region.registeredFile):\(Self.lines(region.registeredLines))")
            }
            if hit.regions.count > 20 { print("  … and \(hit.regions.count - 20) more regions") }
        }
    }

    /// `[3, 9]` → "3-9", `[4, 4]` → "4".
    static func lines(_ range: [Int]) -> String {
        guard range.count == 2 else { return range.map(String.init).joined(separator: "-") }
        return range[0] == range[1] ? "\(range[0])" : "\(range[0])-\(range[1])"
    }

    /// The hits as aligned columns: right, kind, shared fingerprints, the two shares, name.
    static func table(_ hits: [RegisteredWorkHit]) -> String {
        func percent(_ share: Double) -> String { "\(Int((share * 100).rounded()))%" }
        let rows =
            [["RIGHT", "KIND", "SHARED", "OF WORK", "OF SUSPECT", "NAME"]]
            + hits.map {
                [
                    $0.right.rawValue, $0.kind.rawValue, String($0.sharedFingerprints), percent($0.registeredShare),
                    percent($0.suspectShare), $0.name,
                ]
            }
        let widths = (0..<6).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).enumerated().map { column, cell in
                let (text, width) = cell
                return column == 5 ? text : text + String(repeating: " ", count: width - text.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// The output of `custos copy search --json`.
struct CopySearchOutput: Encodable {
    /// The file or folder as named on the command line.
    var file: String
    /// How many of its files were read.
    var files: Int
    /// The files that could not be read, and why.
    var problems: [String]
    /// The registered works it copies from, most shared fingerprints first.
    var matches: [RegisteredWorkHit]
}
