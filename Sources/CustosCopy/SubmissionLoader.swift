import Foundation

/// A file (or folder) of a submission that could not be used, and why; loading goes on without it.
public struct SubmissionProblem: Hashable, Sendable, CustomStringConvertible {
    /// The file or folder concerned, as given or found.
    public var path: String
    /// What is wrong with it.
    public var error: CopyError

    /// Creates a problem report.
    public init(path: String, error: CopyError) {
        self.path = path
        self.error = error
    }

    /// The error's sentence (which names the path).
    public var description: String { error.message }
}

/// Turns a submission (one file, or a folder of files) into a fingerprinted `CopyDocument`.
///
/// A folder is walked recursively in sorted name order, depth first. Hidden entries (`.git`) and dependency or
/// build folders (`node_modules`, `vendor`, `build`, `target`, `.build`, `__pycache__`) are skipped. Files whose
/// extension names no language are skipped silently unless a language is forced; files that are binary,
/// wrongly encoded or too large are reported and skipped; empty files (an `__init__.py`) are skipped silently.
/// Symbolic links are followed only to files inside the submitted folder, never to folders.
public struct SubmissionLoader: Sendable {
    /// Folder names never descended into: dependencies and build output, not the submitter's work.
    public static let skippedFolderNames: Set<String> = [
        "node_modules", "vendor", "build", "target", ".build", "__pycache__",
    ]

    /// Creates a loader.
    public init() {}

    /// Loads and fingerprints a submission.
    ///
    /// - Parameters:
    ///   - path: a file or a folder.
    ///   - language: read every file as this language (and read files of unknown extension too); `nil` picks
    ///     each file's language from its extension.
    ///   - parameters: winnowing parameters; `nil` uses `WinnowingParameters.defaults(for:)` of the first file's
    ///     language (code defaults when a folder mixes code and text).
    ///   - limits: file, submission and file-count limits.
    /// - Returns: the document (`nil` when the submission has no tokens at all) and every problem met, in path
    ///   order. File paths in the document are relative to a submitted folder.
    /// - Complexity: O(total bytes read).
    public func load(
        path: String, language: SourceLanguage? = nil, parameters: WinnowingParameters? = nil,
        limits: SourceFileLimits = .defaults
    ) -> (document: CopyDocument?, problems: [SubmissionProblem]) {
        let reader = SourceFileReader(limits: limits)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            let error = CopyError(.unreadable, "\(path): no such file or folder")
            return (nil, [SubmissionProblem(path: path, error: error)])
        }
        guard isFolder.boolValue else {
            do throws(CopyError) {
                let file = try reader.read(path: path, language: language)
                return (document(name: path, files: [file], parameters: parameters), [])
            } catch {
                return (nil, [SubmissionProblem(path: path, error: error)])
            }
        }
        var walk = FolderWalk(root: path, language: language, reader: reader)
        walk.visit(folder: "")
        var problems = walk.problems
        guard !walk.files.isEmpty else {
            let error = CopyError(.empty, "\(path): has no readable source or text files with anything to compare")
            problems.append(SubmissionProblem(path: path, error: error))
            return (nil, problems)
        }
        return (document(name: path, files: walk.files, parameters: parameters), problems)
    }

    private func document(name: String, files: [SourceFile], parameters: WinnowingParameters?) -> CopyDocument {
        let chosen: WinnowingParameters
        if let parameters {
            chosen = parameters
        } else if files.contains(where: { $0.language.isCode }) {
            chosen = .code
        } else {
            chosen = WinnowingParameters.defaults(for: files.first?.language ?? .text)
        }
        var document = CopyDocument(name: name, parameters: chosen)
        for file in files {
            document.append(path: file.path, language: file.language, tokens: file.tokens, lineCount: file.lineCount)
        }
        return document
    }
}

/// One recursive walk over a submitted folder.
private struct FolderWalk {
    let root: String
    let rootURL: URL
    let language: SourceLanguage?
    let reader: SourceFileReader
    var files: [SourceFile] = []
    var problems: [SubmissionProblem] = []
    var fileCount = 0
    var byteCount = 0
    var isStopped = false

    init(root: String, language: SourceLanguage?, reader: SourceFileReader) {
        self.root = root
        self.rootURL = URL(fileURLWithPath: root).standardizedFileURL.resolvingSymlinksInPath()
        self.language = language
        self.reader = reader
    }

    private func absolute(_ relative: String) -> String {
        relative.isEmpty ? root : (root.hasSuffix("/") ? root + relative : root + "/" + relative)
    }

    private mutating func report(_ relative: String, _ error: CopyError) {
        problems.append(SubmissionProblem(path: relative.isEmpty ? root : relative, error: error))
    }

    mutating func visit(folder relative: String) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: absolute(relative)).sorted()
        } catch {
            report(relative, CopyError(.unreadable, "\(absolute(relative)): the folder cannot be listed"))
            return
        }
        for name in names {
            guard !isStopped else { return }
            if name.hasPrefix(".") || SubmissionLoader.skippedFolderNames.contains(name) { continue }
            let child = relative.isEmpty ? name : relative + "/" + name
            let path = absolute(child)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                let type = attributes[.type] as? FileAttributeType
            else {
                report(child, CopyError(.unreadable, "\(child): cannot be read"))
                continue
            }
            switch type {
            case .typeDirectory:
                visit(folder: child)
            case .typeRegular:
                visit(file: child, path: path)
            case .typeSymbolicLink:
                // Followed only to a file inside the submission: a link must not pull in the rest of the disk,
                // and links to folders could loop.
                let target = URL(fileURLWithPath: path).resolvingSymlinksInPath()
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), !isFolder.boolValue
                else { continue }
                guard target.path.hasPrefix(rootURL.path + "/") else {
                    if language != nil || SourceLanguage(path: name) != nil {
                        report(child, CopyError(.unreadable, "\(child): is a link to a file outside the submission"))
                    }
                    continue
                }
                visit(file: child, path: path)
            default:
                continue
            }
        }
    }

    mutating func visit(file relative: String, path: String) {
        guard language != nil || SourceLanguage(path: relative) != nil else { return }
        fileCount += 1
        guard fileCount <= reader.limits.maxFilesPerSubmission else {
            report(
                "",
                CopyError(
                    .tooLarge,
                    "\(root): has more than \(reader.limits.maxFilesPerSubmission) files; the rest were not read"))
            isStopped = true
            return
        }
        do throws(CopyError) {
            var source = try reader.readText(path: path, language: language)
            source.path = relative
            guard byteCount + source.byteCount <= reader.limits.maxSubmissionBytes else {
                report(
                    "",
                    CopyError(
                        .tooLarge,
                        "\(root): is larger than the \(reader.limits.maxSubmissionBytes)-byte limit for a submission;"
                            + " files from \(relative) on were not read"))
                isStopped = true
                return
            }
            byteCount += source.byteCount
            files.append(try reader.tokenize(source))
        } catch  where error.code == .empty {
            // An empty file (an `__init__.py`, a placeholder) is not a problem; only an empty submission is.
        } catch {
            report(relative, error)
        }
    }
}
