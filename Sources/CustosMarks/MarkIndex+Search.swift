import CustosCore
import CustosText

extension MarkIndex {
    /// Trigram posting lists longer than this share of the register (and than `trigramMinimumCap`) are skipped
    /// when gathering trigram candidates: a trigram shared by a large share of the register says little and
    /// costs much (counting them was the largest single cost of a search).
    static let trigramDocumentFrequencyShare = 0.02
    /// The smallest trigram list length ever skipped, so that small registers keep every trigram.
    static let trigramMinimumCap = 2_000

    /// The longest trigram posting list counted in this index.
    var trigramDocumentFrequencyCap: Int {
        max(Self.trigramMinimumCap, Int(Double(count) * Self.trigramDocumentFrequencyShare))
    }
    /// At most this many trigram candidates are scored, those sharing the most trigrams first.
    static let trigramCandidateLimit = 160
    /// Whole-name candidates are also compared with every window only when there are at most this many.
    static let windowCrossCheckLimit = 24
    /// Phonetic and single-character posting lists longer than this are not used as candidate sources.
    static let broadPostingCap = 1_000

    /// Returns the marks confusingly similar to `query.text`, best first, each with its reasons.
    ///
    /// - Parameter query: the name, the classes of the goods or services, how many hits and the threshold.
    /// - Returns: at most `query.limit` hits scoring at least `query.minimumScore`, by descending score then id.
    /// - Complexity: O(k + c · w · L²) for k posting entries touched, c candidates, w windows of the query and
    ///   names of length L.
    public func search(_ query: MarkQuery) -> [MarkHit] {
        let whole = ComparedForm(normalizer.forms(of: query.text), isWindow: false, chinese: chinese)
        guard !whole.forms.compact.isEmpty, query.limit > 0 else { return [] }
        let windows = makeWindows(of: whole)
        var candidates = CandidateSet(capacity: count)
        gatherExactCandidates(for: whole, into: &candidates)
        gatherTrigramCandidates(for: whole, into: &candidates)
        gatherHanCharacterCandidates(for: whole, into: &candidates)

        // Scores first, reasons later: every candidate is scored, only the hits returned are explained.
        let scorer = MarkScorer(index: self)
        var best: [UInt32: (score: Double, form: Int)] = [:]
        best.reserveCapacity(candidates.members.count)
        func consider(_ candidate: UInt32, against form: ComparedForm, number: Int) {
            let score = scorer.score(Int(candidate), against: form)
            guard score > 0 else { return }
            if let current = best[candidate], current.score >= score { return }
            best[candidate] = (score, number)
        }
        for candidate in candidates.members { consider(candidate, against: whole, number: -1) }
        // A window is compared only with the marks its own keys found (and with the whole name's candidates
        // when the name is short enough for that to be cheap): long Chinese names have dozens of windows.
        var found = CandidateSet(capacity: windows.isEmpty ? 0 : count)
        for (number, window) in windows.enumerated() {
            found.removeAll()
            gatherExactCandidates(for: window, into: &found)
            if candidates.members.count <= Self.windowCrossCheckLimit {
                found.insert(contentsOf: candidates.members[...])
            }
            for candidate in found.members { consider(candidate, against: window, number: number) }
        }
        var ranked: [(ordinal: Int, score: Double, form: Int)] = []
        for (candidate, found) in best {
            let ordinal = Int(candidate)
            let score = found.score * scorer.classFactor(ordinal: ordinal, queryClasses: query.classes)
            guard score >= query.minimumScore else { continue }
            ranked.append((ordinal, score, found.form))
        }
        ranked.sort { lhs, rhs in
            lhs.score != rhs.score ? lhs.score > rhs.score : entries[lhs.ordinal].id < entries[rhs.ordinal].id
        }
        return ranked.prefix(query.limit).map { found in
            let form = found.form < 0 ? whole : windows[found.form]
            let explained = scorer.applyingClasses(
                scorer.evidence(found.ordinal, against: form), ordinal: found.ordinal, queryClasses: query.classes)
            return MarkHit(entry: entries[found.ordinal], score: rounded(explained.score), reasons: explained.reasons)
        }
    }

    /// Searches many queries against the same index.
    public func search(_ queries: [MarkQuery]) -> [[MarkHit]] {
        queries.map(search)
    }

    /// Word windows (one to three consecutive words) and Han substrings of a multi-part name, for containment.
    func makeWindows(of whole: ComparedForm) -> [ComparedForm] {
        let words = whole.forms.words
        var texts: [String] = []
        if words.count > 1 {
            for length in 1...min(3, words.count - 1) {
                for start in 0...(words.count - length) {
                    texts.append(words[start..<(start + length)].joined(separator: " "))
                }
            }
        }
        let hanWords = words.filter { word in word.unicodeScalars.contains { $0.properties.isIdeographic } }
        for word in hanWords {
            let scalars = Array(word.unicodeScalars)
            guard scalars.count > 2 else { continue }
            for length in 2...min(8, scalars.count - 1) {
                for start in 0...(scalars.count - length) {
                    texts.append(String(String.UnicodeScalarView(scalars[start..<(start + length)])))
                }
            }
        }
        var seen = Set<String>()
        return texts.filter { seen.insert($0).inserted }.map {
            ComparedForm(normalizer.forms(of: $0), isWindow: true, chinese: chinese)
        }
    }

    /// Candidates from exact keys: Latin form and deletions, phonetic keys, Han form, deletions and shape class.
    func gatherExactCandidates(for form: ComparedForm, into candidates: inout CandidateSet) {
        let forms = form.forms
        var latinForms = [forms.latin]
        latinForms.append(contentsOf: forms.deleetVariants)
        // A window of a Han name is looked up by its exact pinyin only: fuzzy pinyin of every substring of a long
        // Chinese name would pull in thousands of unrelated marks at a million marks.
        let isHanWindow = form.isWindow && form.hasHan
        for latin in latinForms where !latin.isEmpty {
            let scalars = Array(latin.unicodeScalars)
            candidates.insert(contentsOf: postings.postings(for: makeKey(.latin, scalars)))
            guard !isHanWindow else { continue }
            let keys =
                scalars.count >= Self.minimumDeletionLength - 1
                ? deletionKeys(.latinDeletion, scalars) : [makeKey(.latinDeletion, scalars)]
            for key in keys { candidates.insert(contentsOf: postings.postings(for: key)) }
        }
        for key in forms.phoneticKeys where key.count >= 2 && !form.isWindow {
            let list = postings.postings(for: makeKey(.phonetic, key))
            if list.count <= Self.broadPostingCap { candidates.insert(contentsOf: list) }
        }
        if !form.isWindow, forms.words.count == 1, forms.folded.unicodeScalars.count >= 3 {
            candidates.insert(contentsOf: postings.postings(for: makeKey(.word, forms.folded)))
        }
        let han = form.hanScalars
        if !han.isEmpty {
            candidates.insert(contentsOf: postings.postings(for: makeKey(.han, han)))
            if han.count >= 2 {
                candidates.insert(contentsOf: postings.postings(for: makeKey(.hanShape, shapes.classKeys(han))))
                for key in deletionKeys(.hanDeletion, han) {
                    candidates.insert(contentsOf: postings.postings(for: key))
                }
            }
        }
    }

    /// Candidates sharing many padded trigrams with the Latin form, counted over the rarer trigrams.
    func gatherTrigramCandidates(for form: ComparedForm, into candidates: inout CandidateSet) {
        let scalars = Array(form.forms.latin.unicodeScalars)
        let keys = Self.trigramKeys(scalars)
        guard keys.count >= 2 else { return }
        let cap = trigramDocumentFrequencyCap
        let lists = keys.map { postings.postings(for: $0) }.filter { !$0.isEmpty && $0.count <= cap }
        let threshold = max(2, Int((Double(keys.count) * 0.4).rounded(.up)))
        guard lists.count >= threshold else { return }
        let reached = countedCandidates(lists, threshold: threshold, limit: Self.trigramCandidateLimit)
        candidates.insert(contentsOf: reached)
    }

    /// Candidates sharing at least half of the query's Han characters (or one of two).
    func gatherHanCharacterCandidates(for form: ComparedForm, into candidates: inout CandidateSet) {
        let han = Array(Set(form.hanScalars))
        guard !han.isEmpty, han.count <= 12 else { return }
        let threshold = (han.count + 1) / 2
        let lists = han.map { postings.postings(for: makeKey(.hanCharacter, CollectionOfOne($0))) }.filter {
            $0.count <= Self.broadPostingCap * 4
        }
        candidates.insert(contentsOf: countedCandidates(lists, threshold: threshold, limit: Self.trigramCandidateLimit))
    }

    /// The ordinals appearing in at least `threshold` of `lists`, those in the most lists first (then the lowest
    /// ordinals), at most `limit`. The lists must be sorted and free of duplicates, as posting lists are.
    ///
    /// Counts go in a dense byte array (one per mark) rather than a dictionary, borrowed from the index's pool and
    /// returned zeroed. Only the `lists.count - threshold + 1` shortest lists can start a count: a mark in none of
    /// them is in at most `threshold - 1` lists. The longer lists only add to marks already counted, so they are
    /// read, rarely written, and need no reset. Over the limit, the marks in the most lists are kept by a
    /// selection, not a sort.
    ///
    /// - Complexity: O(Σ |list|) time.
    func countedCandidates(_ lists: [ArraySlice<UInt32>], threshold: Int, limit: Int) -> [UInt32] {
        // Counts are bytes: a name with more lists than that (hundreds of letters) is counted on its shortest.
        let ordered = lists.sorted { $0.count < $1.count }.prefix(Int(UInt8.max) - 1)
        guard threshold >= 1, limit > 0, threshold <= ordered.count else { return [] }
        let seeding = ordered.count - threshold + 1
        let target = UInt8(threshold)
        // Every mark reaches the threshold at most once, and only if it is in a seeding list.
        let bound = ordered[..<seeding].reduce(0) { $0 + $1.count }
        return storage.counters.withCounters { counts in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: max(1, bound)) { reached in
                var reachedCount = 0
                for list in ordered[..<seeding] {
                    list.withUnsafeBufferPointer { list in
                        for ordinal in list {
                            let count = counts[Int(ordinal)] &+ 1
                            counts[Int(ordinal)] = count
                            if count == target {
                                reached[reachedCount] = ordinal
                                reachedCount += 1
                            }
                        }
                    }
                }
                for list in ordered[seeding...] {
                    list.withUnsafeBufferPointer { list in
                        for ordinal in list {
                            let count = counts[Int(ordinal)]
                            guard count != 0 else { continue }
                            counts[Int(ordinal)] = count &+ 1
                            if count &+ 1 == target {
                                reached[reachedCount] = ordinal
                                reachedCount += 1
                            }
                        }
                    }
                }
                let found = UnsafeBufferPointer(rebasing: reached[..<reachedCount])
                let selected =
                    found.count > limit ? Self.mostCounted(found, counts: counts, limit: limit) : Array(found)
                for list in ordered[..<seeding] {
                    list.withUnsafeBufferPointer { list in
                        for ordinal in list { counts[Int(ordinal)] = 0 }
                    }
                }
                return selected
            }
        }
    }

    /// The `limit` ordinals of `reached` with the highest counts, ties to the lowest ordinal, in that order.
    static func mostCounted(
        _ reached: UnsafeBufferPointer<UInt32>, counts: UnsafeMutableBufferPointer<UInt8>, limit: Int
    ) -> [UInt32] {
        // The lowest count still kept: counts above it all fit, and it fills what is left.
        var histogram = [Int](repeating: 0, count: Int(UInt8.max) + 1)
        for ordinal in reached { histogram[Int(counts[Int(ordinal)])] += 1 }
        var cut = Int(UInt8.max)
        var above = 0
        while above + histogram[cut] < limit {
            above += histogram[cut]
            cut -= 1
        }
        var selected: [UInt32] = []
        var tied: [UInt32] = []
        selected.reserveCapacity(limit)
        for ordinal in reached {
            let count = Int(counts[Int(ordinal)])
            if count > cut {
                selected.append(ordinal)
            } else if count == cut {
                tied.append(ordinal)
            }
        }
        selected.sort { lhs, rhs in
            let (left, right) = (counts[Int(lhs)], counts[Int(rhs)])
            return left != right ? left > right : lhs < rhs
        }
        selected.append(contentsOf: smallest(limit - selected.count, of: &tied))
        return selected
    }

    /// The `k` smallest values of `values`, ascending (a quickselect, then a sort of the `k` kept).
    static func smallest(_ k: Int, of values: inout [UInt32]) -> ArraySlice<UInt32> {
        guard k < values.count else { return values.sorted()[...] }
        values.withUnsafeMutableBufferPointer { buffer in
            var low = 0
            var high = buffer.count - 1
            while low < high {
                // Median of three keeps sorted runs (posting lists) from degrading the partition.
                let middle = low + (high - low) / 2
                let pivot = max(min(buffer[low], buffer[middle]), min(max(buffer[low], buffer[middle]), buffer[high]))
                var i = low
                var j = high
                while i <= j {
                    while buffer[i] < pivot { i += 1 }
                    while buffer[j] > pivot { j -= 1 }
                    if i <= j {
                        buffer.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k - 1 <= j {
                    high = j
                } else if k - 1 >= i {
                    low = i
                } else {
                    break
                }
            }
        }
        return values[..<k].sorted()[...]
    }

    private func rounded(_ score: Double) -> Double { (min(1, max(0, score)) * 10_000).rounded() / 10_000 }
}
