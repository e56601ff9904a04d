import CustosCopy
import CustosTestSupport
import Foundation
import Testing

/// `custos copy compare` and `custos copy fingerprint`, run as a user runs them.
@Suite struct CopyCompareCommandTests {
    static let original = """
        import java.util.ArrayList;
        import java.util.List;

        public class Inventory {
            private final List<String> names = new ArrayList<>();
            private final List<Integer> counts = new ArrayList<>();

            public void add(String name, int count) {
                int index = names.indexOf(name);
                if (index >= 0) {
                    counts.set(index, counts.get(index) + count);
                } else {
                    names.add(name);
                    counts.add(count);
                }
            }

            public int total() {
                int sum = 0;
                for (int i = 0; i < counts.size(); i++) {
                    sum += counts.get(i);
                }
                return sum;
            }

            public String largest() {
                String best = null;
                int most = -1;
                for (int i = 0; i < names.size(); i++) {
                    if (counts.get(i) > most) {
                        most = counts.get(i);
                        best = names.get(i);
                    }
                }
                return best;
            }
        }
        """

    /// The original with every identifier renamed, comments added and the layout changed.
    static let disguised = """
        import java.util.ArrayList;
        import java.util.List;

        // Stock keeping for the shop.
        public class Stock
        {
            private final List<String> labels = new ArrayList<>();
            private final List<Integer> amounts = new ArrayList<>();

            /* Adds an amount of an item. */
            public void put(String label, int amount)
            {
                int at = labels.indexOf(label);
                if (at >= 0) { amounts.set(at, amounts.get(at) + amount); }
                else { labels.add(label); amounts.add(amount); }
            }

            public int sumAll()
            {
                int acc = 0;
                for (int j = 0; j < amounts.size(); j++) { acc += amounts.get(j); }
                return acc;
            }

            public String top()
            {
                String winner = null;
                int highest = -1;
                for (int j = 0; j < labels.size(); j++) {
                    if (amounts.get(j) > highest) { highest = amounts.get(j); winner = labels.get(j); }
                }
                return winner;
            }
        }
        """

    static let unrelated = """
        public class Fibonacci {
            public static long nth(int n) {
                long previous = 0, current = 1;
                while (n-- > 0) {
                    long next = previous + current;
                    previous = current;
                    current = next;
                }
                return previous;
            }

            public static void main(String[] arguments) {
                System.out.println(nth(Integer.parseInt(arguments[0])));
            }
        }
        """

    static func write(_ files: [String: String], in directory: URL) throws {
        for (name, text) in files {
            let url = directory.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    @Test func jsonRanksTheDisguisedCopyFirstWithLineRanges() async throws {
        try await withTemporaryDirectory { directory in
            try Self.write(
                ["a/Inventory.java": Self.original, "b/Stock.java": Self.disguised, "c/Fib.java": Self.unrelated],
                in: directory)
            let run = try CustosRun.run([
                "copy", "compare", "--json", "--each", directory.path, "--data",
                directory.appendingPathComponent(
                    "data"
                ).path,
            ])
            #expect(run.status == 0, "\(run.errors)")
            let pairs = try #require(run.json["pairs"] as? [[String: Any]])
            let first = try #require(pairs.first)
            #expect((first["a"] as? String)?.hasSuffix("/a") == true)
            #expect((first["b"] as? String)?.hasSuffix("/b") == true)
            let similarity = try #require(first["similarity"] as? Double)
            #expect(similarity > 0.8)
            #expect((first["a_in_b"] as? Double ?? 0) > 0.8)
            let matches = try #require(first["matches"] as? [[String: Any]])
            let match = try #require(matches.first)
            #expect(match["a_file"] as? String == "Inventory.java")
            #expect(match["b_file"] as? String == "Stock.java")
            let lines = try #require(match["a_lines"] as? [Int])
            #expect(lines.count == 2 && lines[0] <= 8 && lines[1] >= 35)
            // The unrelated program shares nothing worth a pair with either.
            #expect(
                pairs.allSatisfy {
                    ($0["similarity"] as? Double ?? 1) < 0.3 || $0 as NSDictionary == first as NSDictionary
                })
        }
    }

    @Test func badFilesAreNamedAndSkippedWhileTheRestIsCompared() async throws {
        try await withTemporaryDirectory { directory in
            try Self.write(["a/Inventory.java": Self.original, "b/Stock.java": Self.disguised], in: directory)
            try Data([0x00, 0x01, 0x02, 0xFF]).write(to: directory.appendingPathComponent("b/blob.java"))
            try Data([0x61, 0xC3, 0x28, 0x62]).write(to: directory.appendingPathComponent("b/bad.java"))
            try Data().write(to: directory.appendingPathComponent("empty.java"))
            let run = try CustosRun.run([
                "copy", "compare", "--json", directory.appendingPathComponent("a").path,
                directory.appendingPathComponent("b").path, directory.appendingPathComponent("empty.java").path,
                directory.appendingPathComponent("missing").path,
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.errors.contains("blob.java"))
            #expect(run.errors.contains("bad.java"))
            #expect(run.errors.contains("missing"))
            let problems = try #require(run.json["problems"] as? [[String: Any]])
            #expect(problems.count == 4)
            let pairs = try #require(run.json["pairs"] as? [[String: Any]])
            #expect(pairs.count == 1)
        }
    }

    @Test func baseCodeGivenToEveryoneDoesNotCount() async throws {
        try await withTemporaryDirectory { directory in
            try Self.write(
                [
                    "base/Inventory.java": Self.original, "a/Inventory.java": Self.original + "\n" + Self.unrelated,
                    "b/Stock.java": Self.original,
                ], in: directory)
            let run = try CustosRun.run([
                "copy", "compare", "--json", "--base", directory.appendingPathComponent("base").path,
                directory.appendingPathComponent("a").path, directory.appendingPathComponent("b").path,
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect((run.json["pairs"] as? [Any])?.isEmpty == true)
        }
    }

    @Test func htmlReportShowsRankedPairsAndHighlightedSideBySideRegions() async throws {
        try await withTemporaryDirectory { directory in
            try Self.write(["a/Inventory.java": Self.original, "b/Stock.java": Self.disguised], in: directory)
            let report = directory.appendingPathComponent("report.html")
            let run = try CustosRun.run([
                "copy", "compare", directory.appendingPathComponent("a").path,
                directory.appendingPathComponent("b").path, "--report", report.path,
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.text.contains("A ↔ B"))
            let html = try String(contentsOf: report, encoding: .utf8)
            #expect(html.contains("<table class=\"pairs\">"))
            #expect(html.contains("id=\"pair-1\""))
            #expect(html.contains("class=\"c0\" href=\"#p1-b0\""))
            #expect(html.contains("class=\"c0\" href=\"#p1-a0\""))
            #expect(html.contains("&lt;String&gt;"))
            #expect(html.contains("<svg"))
        }
    }

    @Test func depositedMatchReportIsInTheLedger() async throws {
        try await withTemporaryDirectory { directory in
            try Self.write(["a/Inventory.java": Self.original, "b/Stock.java": Self.disguised], in: directory)
            let data = directory.appendingPathComponent("data").path
            let run = try CustosRun.run([
                "copy", "compare", "--json", "--deposit", "--data", data, directory.appendingPathComponent("a").path,
                directory.appendingPathComponent("b").path,
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.errors.contains("deposited E"))
            let submissions = try #require(run.json["submissions"] as? [[String: Any]])
            #expect(submissions.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
            let shown = try CustosRun.run(["evidence", "show", "E0", "--data", data, "--json"])
            #expect(shown.status == 0, "\(shown.errors)")
            #expect(shown.text.contains("copy match report"))
        }
    }

    @Test func fingerprintFileHoldsNoSourceAndStillMatches() async throws {
        try await withTemporaryDirectory { directory in
            try Self.write(["secret/Inventory.java": Self.original], in: directory)
            let output = directory.appendingPathComponent("secret.fp")
            let salt = directory.appendingPathComponent("owner.salt")
            let run = try CustosRun.run([
                "copy", "fingerprint", directory.appendingPathComponent("secret").path, "-o", output.path,
                "--salt-file", salt.path, "--json",
            ])
            #expect(run.status == 0, "\(run.errors)")
            #expect(run.json["fingerprints"] as? Int ?? 0 > 5)
            let bytes = try String(contentsOf: output, encoding: .utf8)
            for word in ["Inventory", "counts", "largest", "indexOf", "ArrayList"] { #expect(!bytes.contains(word)) }
            let set = try FingerprintFile.read(from: output)
            #expect(set.salt != nil)
            #expect(set.files.map(\.name) == ["#1"])
            let suspect = try #require(
                SubmissionLoader().load(path: directory.appendingPathComponent("secret/Inventory.java").path).document)
            #expect(set.match(suspect).registeredShare > 0.9)
            // A second secret of the same owner reuses the salt file.
            let again = try CustosRun.run([
                "copy", "fingerprint", directory.appendingPathComponent("secret").path, "-o",
                directory.appendingPathComponent("again.fp").path, "--salt-file", salt.path,
            ])
            #expect(again.status == 0)
            #expect(try FingerprintFile.read(from: directory.appendingPathComponent("again.fp")).salt == set.salt)
        }
    }
}
