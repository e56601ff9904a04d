import Crypto
import CustosCore
import CustosImage
import CustosStore
import CustosStoreSQLite
import CustosTestSupport
import Foundation
import Synchronization
import Testing

@testable import CustosImport

@Suite struct RightImageImportTests {
    static let header =
        "id,kind,name,classes,owner,jurisdiction,status,image\n"

    /// A JPEG of blocky pseudo-random texture (PDQ quality well over 50); different seeds are far apart.
    static func texturedJPEG(seed: UInt64, width: Int = 96, height: Int = 64) throws -> Data {
        var state = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        var blocks: [UInt8] = []
        for _ in 0..<((width / 8) * (height / 8)) {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            blocks.append(UInt8(truncatingIfNeeded: state))
        }
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                let value = blocks[(y / 8) * (width / 8) + x / 8]
                pixels += [value, value &+ 40, 255 &- value]
            }
        }
        return try JPEGEncoder(quality: 95).encode(RGBImage(width: width, height: height, pixels: pixels))
    }

    static func flatJPEG() throws -> Data {
        try JPEGEncoder().encode(RGBImage(width: 64, height: 64, pixels: [UInt8](repeating: 128, count: 64 * 64 * 3)))
    }

    static func write(_ data: Data, to url: URL) throws {
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    static func importer(
        _ store: SQLiteStore, limits: ImageLimits = .standard, confined: Bool = false,
        options: RightsImporter.Options = .init()
    ) -> RightsImporter {
        RightsImporter(
            repository: store.rights, options: options,
            images: RightImageRegistration(
                repository: store.rightImages, limits: limits, isConfinedToBaseDirectory: confined, concurrency: 2,
                batchSize: 2))
    }

    @Test func importHashesTheImageAndStoresItWithAThumbnail() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            let jpeg = try Self.texturedJPEG(seed: 1)
            try Self.write(jpeg, to: directory.appendingPathComponent("designs/chair.jpg"))
            let file = directory.appendingPathComponent("rights.csv")
            try (Self.header + "DS-1,design,Chair,20,Acme,CN,registered,designs/chair.jpg\n").write(
                to: file, atomically: true, encoding: .utf8)

            let summary = try await Self.importer(store).importRights(from: file)
            #expect(summary.inserted == 1 && summary.imagesRegistered == 1 && summary.warnings.isEmpty)

            let images = try await store.rightImages.images(of: "DS-1", in: Organisation.defaultID)
            let image = try #require(images.first)
            #expect(images.count == 1)
            let expected = try ImageFingerprinter().fingerprint(jpeg)
            #expect(image.hash == expected.hash && image.quality == expected.quality)
            #expect(image.width == 96 && image.height == 64 && image.position == 0)
            #expect(image.source == "designs/chair.jpg")
            let digest = SHA256.hash(data: jpeg).map { String(format: "%02x", $0) }.joined()
            #expect(image.sha256 == digest)
            let thumbnail = try ImageDecoder().decode(try #require(image.thumbnail))
            #expect(thumbnail.width == 96 && thumbnail.height == 64)
        }
    }

    @Test func relativePathsResolveAgainstTheFilesFolderAndAbsolutePathsAreFollowed() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            let folder = directory.appendingPathComponent("register/2024")
            try Self.write(try Self.texturedJPEG(seed: 2), to: folder.appendingPathComponent("img/mark.jpg"))
            let elsewhere = directory.appendingPathComponent("elsewhere/logo.jpg")
            try Self.write(try Self.texturedJPEG(seed: 3), to: elsewhere)
            let file = folder.appendingPathComponent("rights.jsonl")
            let lines = [
                #"{"id":"TM-1","kind":"trademark","name":"ACME","classes":[25],"owner":"Acme","#
                    + #""jurisdiction":"CN","status":"registered","mark_type":"figurative","image":"img/mark.jpg"}"#,
                #"{"id":"TM-2","kind":"trademark","name":"ACMA","classes":[25],"owner":"Acme","#
                    + #""jurisdiction":"CN","status":"registered","image":"\#(elsewhere.path)"}"#,
                #"{"id":"TM-3","kind":"trademark","name":"ACMO","classes":[25],"owner":"Acme","#
                    + #""jurisdiction":"CN","status":"registered","image":"../../elsewhere/logo.jpg"}"#,
            ]
            try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

            // The process's working directory is not the file's folder: only the folder can explain a hit.
            #expect(FileManager.default.currentDirectoryPath != folder.path)
            let summary = try await Self.importer(store).importRights(from: file)
            #expect(summary.imagesRegistered == 3, "\(summary.warnings)")
            for id in ["TM-1", "TM-2", "TM-3"] {
                #expect(try await store.rightImages.images(of: Right.ID(id), in: Organisation.defaultID).count == 1)
            }
        }
    }

    @Test func confinedRegistrationRefusesPathsOutsideTheFolder() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            let folder = directory.appendingPathComponent("upload")
            try Self.write(try Self.texturedJPEG(seed: 4), to: folder.appendingPathComponent("ok.jpg"))
            let outside = directory.appendingPathComponent("secret.jpg")
            try Self.write(try Self.texturedJPEG(seed: 5), to: outside)
            let file = folder.appendingPathComponent("rights.csv")
            try
                (Self.header
                + "DS-1,design,A,20,Acme,CN,registered,ok.jpg\n"
                + "DS-2,design,B,20,Acme,CN,registered,../secret.jpg\n"
                + "DS-3,design,C,20,Acme,CN,registered,\(outside.path)\n")
                .write(to: file, atomically: true, encoding: .utf8)

            let summary = try await Self.importer(store, confined: true).importRights(from: file)
            #expect(summary.inserted == 3 && summary.imagesRegistered == 1)
            #expect(summary.warnings.map(\.line) == [3, 4])
            #expect(summary.warnings.allSatisfy { $0.message.contains("outside the rights file's folder") })
        }
    }

    @Test func missingCorruptOversizedAndRemoteImagesAreReportedPerRecordAndTheRightsStillLand() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            try Self.write(Data("not an image at all".utf8), to: directory.appendingPathComponent("corrupt.jpg"))
            try Self.write(
                try Self.texturedJPEG(seed: 6).prefix(300), to: directory.appendingPathComponent("truncated.jpg"))
            try Self.write(
                try Self.texturedJPEG(seed: 7, width: 400, height: 400), to: directory.appendingPathComponent("big.jpg")
            )
            try Self.write(try Self.texturedJPEG(seed: 8), to: directory.appendingPathComponent("fine.jpg"))
            let file = directory.appendingPathComponent("rights.csv")
            try
                (Self.header
                + "DS-1,design,A,20,Acme,CN,registered,missing.jpg\n"
                + "DS-2,design,B,20,Acme,CN,registered,corrupt.jpg\n"
                + "DS-3,design,C,20,Acme,CN,registered,truncated.jpg\n"
                + "DS-4,design,D,20,Acme,CN,registered,big.jpg\n"
                + "DS-5,design,E,20,Acme,CN,registered,https://cdn.example.com/e.jpg\n"
                + "DS-6,design,F,20,Acme,CN,registered,fine.jpg\n")
                .write(to: file, atomically: true, encoding: .utf8)

            let summary = try await Self.importer(store, limits: ImageLimits(maximumPixels: 50_000))
                .importRights(from: file, displayName: "rights.csv")
            #expect(summary.read == 6 && summary.inserted == 6 && summary.rejected == 0)
            #expect(summary.imagesRegistered == 1)
            #expect(try await store.rights.countRights(in: Organisation.defaultID) == 6)
            let lines = summary.warnings.map(\.description)
            #expect(lines.count == 5)
            #expect(lines[0].hasPrefix("rights.csv:2: image: image not registered: missing.jpg: no such file"))
            #expect(lines[1].hasPrefix("rights.csv:3: image: image not registered: corrupt.jpg:"))
            #expect(lines[1].contains("JPEG, PNG and WebP"))
            #expect(lines[2].hasPrefix("rights.csv:4: image: image not registered: truncated.jpg:"))
            #expect(lines[3].hasPrefix("rights.csv:5: image: image not registered: big.jpg:"))
            #expect(lines[3].contains("over the limit of 50000 pixels"))
            #expect(lines[4] == "rights.csv:6: image: image not hashed: remote URL; upload it through the API")
        }
    }

    @Test func aFlatImageIsStoredWithAWarning() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            try Self.write(try Self.flatJPEG(), to: directory.appendingPathComponent("grey.jpg"))
            let file = directory.appendingPathComponent("rights.csv")
            try (Self.header + "DS-1,design,A,20,Acme,CN,registered,grey.jpg\n").write(
                to: file, atomically: true, encoding: .utf8)
            let summary = try await Self.importer(store).importRights(from: file)
            #expect(summary.imagesRegistered == 1)
            let warning = try #require(summary.warnings.first)
            #expect(warning.line == 2 && warning.message.contains("too flat to match reliably"))
            let stored = try await store.rightImages.images(of: "DS-1", in: Organisation.defaultID)
            #expect(stored.first.map { $0.quality < PDQHasher.minimumQuality } == true)
        }
    }

    @Test func reimportReplacesTheImagesAndKeepsThemWhenNoneCanBeHashed() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            let first = try Self.texturedJPEG(seed: 9)
            let second = try Self.texturedJPEG(seed: 10)
            let third = try Self.texturedJPEG(seed: 11)
            try Self.write(first, to: directory.appendingPathComponent("a.jpg"))
            try Self.write(second, to: directory.appendingPathComponent("b.jpg"))
            try Self.write(third, to: directory.appendingPathComponent("c.jpg"))
            let file = directory.appendingPathComponent("rights.jsonl")
            func importNaming(_ images: String) async throws -> RightsImportSummary {
                try
                    (#"{"id":"DS-1","kind":"design","name":"A","classes":[20],"owner":"Acme","#
                    + #""jurisdiction":"CN","status":"registered","image":\#(images)}"#)
                    .write(to: file, atomically: true, encoding: .utf8)
                return try await Self.importer(store).importRights(from: file)
            }
            func storedHashes() async throws -> [ImageHash] {
                try await store.rightImages.images(of: "DS-1", in: Organisation.defaultID).map(\.hash)
            }
            let hasher = ImageFingerprinter()

            _ = try await importNaming(#"["a.jpg", "b.jpg"]"#)
            #expect(
                try await storedHashes() == [try hasher.fingerprint(first).hash, try hasher.fingerprint(second).hash])

            let again = try await importNaming(#""c.jpg""#)
            #expect(again.updated == 1 && again.imagesRegistered == 1)
            #expect(try await storedHashes() == [try hasher.fingerprint(third).hash])

            let broken = try await importNaming(#""gone.jpg""#)
            #expect(broken.warnings.count == 1)
            #expect(try await storedHashes() == [try hasher.fingerprint(third).hash], "the stored image is kept")
            #expect(try await store.rightImages.countImages(in: Organisation.defaultID) == 1)
        }
    }

    @Test func copyrightedWorksAndST66MarksHaveTheirImagesHashed() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            try Self.write(try Self.texturedJPEG(seed: 12), to: directory.appendingPathComponent("photo.jpg"))
            try Self.write(
                try Self.texturedJPEG(seed: 13), to: directory.appendingPathComponent("images/cn-2021-55555.png"))
            let works = directory.appendingPathComponent("works.jsonl")
            try
                (#"{"id":"CR-1","kind":"copyright","name":"Photo","classes":[],"owner":"Studio","#
                + #""jurisdiction":"CN","status":"registered","work_type":"image","image":"photo.jpg"}"#)
                .write(to: works, atomically: true, encoding: .utf8)
            let marks = directory.appendingPathComponent("marks.xml")
            try Fixtures.text("trademarks-st66.xml").write(to: marks, atomically: true, encoding: .utf8)

            let importer = Self.importer(store)
            #expect(try await importer.importRights(from: works).imagesRegistered == 1)
            let st66 = try await importer.importRights(from: marks)
            #expect(st66.read == 3 && st66.imagesRegistered == 1)
            #expect(try await store.rightImages.countImages(in: Organisation.defaultID) == 2)
        }
    }

    @Test func anAtomicImportThatFailsHashesNothing() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            try Self.write(try Self.texturedJPEG(seed: 14), to: directory.appendingPathComponent("a.jpg"))
            let file = directory.appendingPathComponent("rights.csv")
            try
                (Self.header
                + "DS-1,design,A,20,Acme,CN,registered,a.jpg\n"
                + "DS-2,spaceship,B,20,Acme,CN,registered,a.jpg\n")
                .write(to: file, atomically: true, encoding: .utf8)
            await #expect(throws: ImportError.self) { try await Self.importer(store).importRights(from: file) }
            #expect(try await store.rightImages.countImages(in: Organisation.defaultID) == 0)

            let skipping = try await Self.importer(store, options: .init(skipInvalid: true)).importRights(from: file)
            #expect(skipping.rejected == 1 && skipping.imagesRegistered == 1)
        }
    }

    @Test func progressCountsTheImagesHashed() async throws {
        let store = try await makeStore()
        try await withTemporaryDirectory { directory in
            var rows = Self.header
            for index in 0..<5 {
                try Self.write(
                    try Self.texturedJPEG(seed: UInt64(20 + index)),
                    to: directory.appendingPathComponent("\(index).jpg"))
                rows += "DS-\(index),design,D\(index),20,Acme,CN,registered,\(index).jpg\n"
            }
            let file = directory.appendingPathComponent("rights.csv")
            try rows.write(to: file, atomically: true, encoding: .utf8)
            let reports = ProgressLog()
            _ = try await Self.importer(store, options: .init(progressInterval: .zero))
                .importRights(from: file, progress: { reports.append($0) })
            let last = try #require(reports.all.last)
            #expect(last.imagesHashed == 5 && last.imagesToHash == 5 && last.records == 5)
            #expect(reports.all.contains { $0.imagesToHash == 5 && $0.imagesHashed < 5 })
        }
    }

    @Test func withoutARegistrationTheImageFieldIsKeptAsText() async throws {
        let store = try await makeStore()
        let summary = try await RightsImporter(repository: store.rights).importRights(
            from: Fixtures.url("rights.jsonl"))
        #expect(summary.imagesRegistered == 0 && summary.warnings.isEmpty)
        let design = try #require(try await store.rights.right("DS-100", in: Organisation.defaultID))
        #expect(design.details.image == "designs/bottle.png")
    }
}

/// Progress reports collected from a `@Sendable` callback.
final class ProgressLog: Sendable {
    private let reports = Mutex<[ImportProgress]>([])
    func append(_ progress: ImportProgress) { reports.withLock { $0.append(progress) } }
    var all: [ImportProgress] { reports.withLock { $0 } }
}
