import CustosTestSupport
import Foundation
import Testing

/// `custos copy near-duplicates`, run as a user runs it.
@Suite struct CopyNearDuplicatesCommandTests {
    /// A chapter of about a hundred words (written for this test).
    static let chapter = """
        The lighthouse keeper counted the ships every evening from the gallery, writing each name in a ledger \
        that had belonged to his grandmother. Most nights the harbour was quiet, and the only sound was the \
        lamp turning above him and the gulls arguing on the rocks below. In the winter of the great storm, \
        however, a schooner with torn sails drifted past the point without showing a single light, and the \
        keeper, who had never once left his post, rowed out alone into the dark water to find out who was \
        aboard and why nobody answered his calls.
        """

    /// The chapter re-cased, re-punctuated and re-wrapped, with one word changed: a pirated copy.
    static let pirated = """
        THE LIGHTHOUSE KEEPER counted the ships every evening from the gallery -- writing each name in a \
        ledger that had belonged to his grandmother!
        Most nights the harbour was quiet; and the only sound was the lamp turning above him and the gulls \
        arguing on the rocks below. In the winter of the great storm, however, a schooner with torn sails \
        drifted past the point without showing a single lantern, and the keeper, who had never once left his \
        post, rowed out alone into the dark water to find out who was aboard and why nobody answered his calls
        """

    static let listing = """
        Hand-thrown stoneware mug, glazed in deep ocean blue, holds 350 ml. Dishwasher and microwave safe. Each \
        piece is unique: small variations in colour and shape are part of its charm. Ships in recycled packaging.
        """

    static let unrelated = """
        Preheat the oven to 180 degrees. Whisk the eggs with the sugar until pale, fold in the flour and the \
        melted butter, pour the batter into a lined tin and bake for twenty-five minutes until golden.
        """

    static func corpus(in directory: URL) throws -> URL {
        let folder = directory.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = [
            "chapter.txt": chapter, "pirated.txt": pirated, "shop-1.txt": listing, "shop-2.txt": listing,
            "shop-3.txt": "  " + listing.uppercased() + "\n", "recipe.txt": unrelated, "short.txt": "Blue mug.",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: folder.appendingPathComponent(name)) }
        try Data([0x00, 0x01, 0x02, 0xFF, 0x00]).write(to: folder.appendingPathComponent("blob.txt"))
        return folder
    }

    @Test func jsonClustersThePiratedCopyAndThePastedListings() async throws {
        try await withTemporaryDirectory { directory in
            let folder = try Self.corpus(in: directory)
            let run = try CustosRun.run(["copy", "near-duplicates", "--json", "--each", folder.path])
            #expect(run.status == 0, "\(run.errors)")
            let clusters = try #require(run.json["clusters"] as? [[String: Any]])
            let members = clusters.map {
                ($0["documents"] as? [String] ?? []).map { ($0 as NSString).lastPathComponent }
            }
            #expect(members == [["shop-1.txt", "shop-2.txt", "shop-3.txt"], ["chapter.txt", "pirated.txt"]])
            #expect(clusters.first?["jaccard_min"] as? Double == 1)
            let chapterJaccard = try #require(clusters.last?["jaccard_min"] as? Double)
            #expect(chapterJaccard > 0.8 && chapterJaccard < 1)
            let pairs = try #require(run.json["pairs"] as? [[String: Any]])
            #expect(pairs.count == 3)
            #expect(pairs.allSatisfy { $0["a"] is String && $0["b"] is String && $0["jaccard"] is Double })
            // The binary file and the two-word file are reported, not compared; the rest still are.
            let problems = try #require(run.json["problems"] as? [[String: Any]])
            let problemPaths = problems.compactMap {
                ($0["path"] as? String).map { ($0 as NSString).lastPathComponent }
            }
            #expect(problemPaths == ["blob.txt", "short.txt"])
            #expect(run.errors.contains("blob.txt") && run.errors.contains("short.txt"))
            let settings = try #require(run.json["settings"] as? [String: Any])
            #expect(settings["documents"] as? Int == 7)
            #expect(settings["threshold"] as? Double == 0.8)
        }
    }

    @Test func aStricterThresholdKeepsOnlyTheVerbatimCopies() async throws {
        try await withTemporaryDirectory { directory in
            let folder = try Self.corpus(in: directory)
            let run = try CustosRun.run([
                "copy", "near-duplicates", "--json", "--threshold", "0.97", "--permutations", "64", "--each",
                folder.path,
            ])
            #expect(run.status == 0, "\(run.errors)")
            let clusters = try #require(run.json["clusters"] as? [[String: Any]])
            #expect(clusters.count == 1)
            #expect((clusters.first?["documents"] as? [String])?.count == 3)
        }
    }

    @Test func textOutputIsATableOfClusters() async throws {
        try await withTemporaryDirectory { directory in
            let folder = try Self.corpus(in: directory)
            let chapter = folder.appendingPathComponent("chapter.txt").path
            let pirated = folder.appendingPathComponent("pirated.txt").path
            let recipe = folder.appendingPathComponent("recipe.txt").path
            let run = try CustosRun.run(["copy", "near-duplicates", chapter, pirated, recipe])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.text.contains("CLUSTER   SIZE  MIN JACCARD  DOCUMENTS"))
            let rows = run.text.split(separator: "\n").map(String.init)
            #expect(rows.contains { $0.hasPrefix("      1      2") && $0.hasSuffix(chapter) })
            #expect(rows.contains { $0.hasSuffix(pirated) })
            #expect(!run.text.contains(recipe))
        }
    }

    @Test func nothingSimilarIsNotAnError() async throws {
        try await withTemporaryDirectory { directory in
            let folder = try Self.corpus(in: directory)
            let run = try CustosRun.run([
                "copy", "near-duplicates", folder.appendingPathComponent("chapter.txt").path,
                folder.appendingPathComponent("recipe.txt").path,
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.text.contains("No near-duplicates found."))
        }
    }

    @Test func outOfRangeSettingsAreUsageErrors() async throws {
        for arguments in [
            ["--threshold", "1.5"], ["--shingle", "0"], ["--permutations", "0"], ["--k", "5", "--window", "3"],
        ] {
            let run = try CustosRun.run(["copy", "near-duplicates", "a.txt", "b.txt"] + arguments)
            #expect(run.status == 64, "\(arguments): \(run.errors)")
        }
        #expect(try CustosRun.run(["copy", "near-duplicates"]).status == 64)
    }
}
