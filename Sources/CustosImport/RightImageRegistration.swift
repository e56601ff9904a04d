import Crypto
import CustosCore
import CustosImage
import CustosStore
import Foundation

/// How a rights import registers the images its records name (the `image` field of trademarks, designs, layouts
/// and copyrighted works): each local file is fingerprinted (decoded, border-trimmed, PDQ-hashed), given a JPEG
/// thumbnail and its SHA-256, and stored as a ``RightImage``.
///
/// Paths resolve against ``baseDirectory`` (the import file's folder unless set), so a rights file and its image
/// folder move together. An absolute path, or one leading out of the folder with `..`, is followed too: the CLI
/// imports the operator's own files from the operator's own disk. Set ``isConfinedToBaseDirectory`` where the rights
/// file comes from someone else (an upload), so it cannot make the importer read files outside its folder.
///
/// `http` and `https` URLs are not fetched at import (that would let a rights file make the importer reach any
/// host): the record gets the warning "image not hashed: remote URL; upload it through the API".
///
/// An image that is missing, corrupt, unsupported or over the limits is a warning on its record; the right is
/// imported all the same. A record naming several images separates them with `;` (a JSON array in JSON Lines).
public struct RightImageRegistration: Sendable {
    /// Where the images are stored.
    public var repository: any RightImageRepository
    /// The decode, trim and hash pipeline, with its decoding limits.
    public var fingerprinter: ImageFingerprinter
    /// Makes the thumbnails.
    public var thumbnailer: Thumbnailer
    /// The folder relative paths resolve against; `nil` for the import file's folder.
    public var baseDirectory: URL?
    /// Refuse absolute paths and paths that leave ``baseDirectory`` (after following symbolic links).
    public var isConfinedToBaseDirectory: Bool
    /// Images hashed at the same time; by default one per processor.
    public var concurrency: Int
    /// Images written to the store per transaction.
    public var batchSize: Int

    /// Creates the settings.
    ///
    /// - Parameters:
    ///   - repository: where the images are stored.
    ///   - limits: decoding limits for each image file.
    ///   - baseDirectory: the folder relative paths resolve against; `nil` for the import file's folder.
    ///   - isConfinedToBaseDirectory: refuse paths outside the folder.
    ///   - concurrency: images hashed at the same time.
    ///   - batchSize: images written per transaction.
    public init(
        repository: any RightImageRepository, limits: ImageLimits = .standard, baseDirectory: URL? = nil,
        isConfinedToBaseDirectory: Bool = false, concurrency: Int = ProcessInfo.processInfo.activeProcessorCount,
        batchSize: Int = 64
    ) {
        self.repository = repository
        fingerprinter = ImageFingerprinter(limits: limits)
        thumbnailer = Thumbnailer()
        self.baseDirectory = baseDirectory
        self.isConfinedToBaseDirectory = isConfinedToBaseDirectory
        self.concurrency = max(1, concurrency)
        self.batchSize = max(1, batchSize)
    }

    /// The image sources a record's `image` field names, in order, blanks dropped.
    static func sources(in field: String) -> [String] {
        field.split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty }
    }

    /// Fingerprints the images of one right.
    ///
    /// - Parameters:
    ///   - pending: the right and the sources its record named.
    ///   - folder: the folder relative paths resolve against.
    ///   - file: the import file as problems name it.
    /// - Returns: the images that could be registered, and a warning for each source that could not be (or is
    ///   unreliable).
    func register(_ pending: PendingRightImages, folder: URL, file: String) -> ([RightImage], [ImportProblem]) {
        var images: [RightImage] = []
        var warnings: [ImportProblem] = []
        func warn(_ message: String) {
            warnings.append(ImportProblem(file: file, line: pending.line, field: "image", message: message))
        }
        for source in pending.sources {
            let path: String
            switch resolve(source, folder: folder) {
            case .failure(let reason):
                warn(reason.message)
                continue
            case .success(let resolved): path = resolved
            }
            do {
                let registered = try fingerprint(path: path, source: source)
                if !registered.fingerprint.isUsable {
                    warn(
                        "\(source): PDQ quality \(registered.fingerprint.quality) of 100 is too flat to match "
                            + "reliably (registered anyway; a more detailed image matches better)")
                }
                images.append(
                    RightImage(
                        organisation: pending.organisation, right: pending.right, position: images.count,
                        source: source, sha256: registered.sha256, hash: registered.fingerprint.hash,
                        quality: registered.fingerprint.quality, width: registered.fingerprint.width,
                        height: registered.fingerprint.height, thumbnail: registered.thumbnail, recordedAt: Date()))
            } catch {
                warn("image not registered: \(error.message)")
            }
        }
        return (images, warnings)
    }

    /// The local path `source` names, or why it is not hashed.
    func resolve(_ source: String, folder: URL) -> Result<String, ImageError> {
        RecordFilePath(isConfinedToBaseDirectory: isConfinedToBaseDirectory).resolve(source, folder: folder)
            .mapError { ImageError(.unreadable, "image not hashed: \($0.reason)") }
    }

    /// Reads, hashes and thumbnails one file.
    private func fingerprint(path: String, source: String) throws(ImageError) -> RegisteredFile {
        let limit = fingerprinter.decoder.limits.maximumFileBytes
        let url = URL(fileURLWithPath: path)
        let values: URLResourceValues
        do {
            values = try url.resourceValues(forKeys: [.fileSizeKey, .isRegularFileKey])
        } catch {
            let exists = FileManager.default.fileExists(atPath: path)
            throw ImageError(.unreadable, exists ? "\(source): cannot be read" : "\(source): no such file (\(path))")
        }
        guard values.isRegularFile == true else { throw ImageError(.unreadable, "\(source): not a regular file") }
        let size = values.fileSize ?? 0
        // Checked before reading, so an enormous file is never loaded.
        guard size <= limit else {
            throw ImageError(.tooLarge, "\(source): the file is \(size) bytes, over the limit of \(limit) bytes")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url, options: .mappedIfSafe)
        } catch {
            throw ImageError(.unreadable, "\(source): cannot be read")
        }
        let digest = SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
        do {
            let image = try fingerprinter.decoder.decode(data, source: source)
            return RegisteredFile(
                fingerprint: fingerprinter.fingerprint(image), sha256: digest,
                thumbnail: try thumbnailer.thumbnail(of: image))
        } catch let error as ImageError {
            throw error
        } catch {
            throw ImageError(.corrupt, "\(source): \(error)")
        }
    }

    private struct RegisteredFile {
        var fingerprint: ImageFingerprint
        var sha256: String
        var thumbnail: Data
    }
}

/// A written right whose record named images, waiting for them to be hashed after the rights are committed.
struct PendingRightImages: Sendable {
    var organisation: Organisation.ID
    var right: Right.ID
    var line: Int
    var sources: [String]
}
