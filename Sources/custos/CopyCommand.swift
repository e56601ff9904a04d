import ArgumentParser
import CustosCopy
import Foundation
import Synchronization

/// `custos copy …`: copied source code and text.
struct CopyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract:
            "Find copied source code and text: compare submissions, fingerprint trade secrets, search works, cluster "
            + "near-duplicates.",
        subcommands: [
            CopyCompareCommand.self, CopyFingerprintCommand.self, CopySearchCommand.self,
            CopyNearDuplicatesCommand.self,
        ])
}

/// Options shared by the copy subcommands that read submissions.
struct CopyInputOptions: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: "Read every file as this language (\(SourceLanguage.acceptedNames)); default: by file extension.")
    var language: String?

    @Option(help: "K-gram length in tokens (default: 20 for code, 8 for text).") var k: Int?

    @Option(help: "Winnowing window in k-grams (default: 8 for code, 5 for text).") var window: Int?

    @Option(name: .customLong("max-file-mib"), help: "Skip files larger than this many MiB.")
    var maximumFileMiB = SourceFileLimits.defaults.maxFileBytes >> 20

    func validate() throws {
        if let language, SourceLanguage(name: language) == nil {
            throw ValidationError("unknown language '\(language)'; accepted: \(SourceLanguage.acceptedNames)")
        }
        if (k == nil) != (window == nil) { throw ValidationError("give --k and --window together") }
        if let k, let window {
            do { _ = try WinnowingParameters(k: k, window: window) } catch {
                throw ValidationError(error.message)
            }
        }
        guard (1...4096).contains(maximumFileMiB) else { throw ValidationError("--max-file-mib must be 1…4096") }
    }

    var forcedLanguage: SourceLanguage? { language.flatMap(SourceLanguage.init(name:)) }

    var explicitParameters: WinnowingParameters? {
        guard let k, let window else { return nil }
        return try? WinnowingParameters(k: k, window: window)
    }

    var limits: SourceFileLimits {
        var limits = SourceFileLimits.defaults
        limits.maxFileBytes = maximumFileMiB << 20
        return limits
    }

    /// Loads submissions with one parameter set for all (code defaults when any submission is code), in
    /// parallel, reporting progress; problems are collected, never thrown.
    func load(_ paths: [String], progress: SharedProgressBar?) -> (
        documents: [CopyDocument?], problems: [SubmissionProblem]
    ) {
        let loader = SubmissionLoader()
        let language = forcedLanguage
        let limits = limits
        let total = paths.count
        let counter = Counter()
        let first = paths.concurrentMap(workers: nil) {
            path -> (document: CopyDocument?, problems: [SubmissionProblem]) in
            let result = loader.load(path: path, language: language, parameters: explicitParameters, limits: limits)
            progress?.update(done: counter.next(), total: total, note: path)
            return result
        }
        var documents = first.map(\.document)
        var problems = first.flatMap(\.problems)
        let parameterSets = Set(documents.compactMap { $0?.parameters })
        if explicitParameters == nil, parameterSets.count > 1 {
            // Mixed code and text: compare everything as code, the stricter setting.
            for (index, document) in documents.enumerated() where document?.parameters != .code {
                let again = loader.load(path: paths[index], language: language, parameters: .code, limits: limits)
                documents[index] = again.document
            }
        }
        problems.sort { $0.path < $1.path }
        return (documents, problems)
    }
}

/// A thread-safe counter for progress from parallel work.
final class Counter: Sendable {
    private let value = Mutex(0)

    func next() -> Int {
        value.withLock {
            $0 += 1; return $0
        }
    }
}
