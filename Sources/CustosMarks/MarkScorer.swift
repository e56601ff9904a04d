import CustosCore
import CustosText

/// Scores how confusingly similar a name is to one mark, and says why.
///
/// Evidence comes in channels, each scored in 0…1: identity; the same Latin form after folding homoglyphs,
/// leetspeak, traditional characters or transliteration; spelling (optimal-string-alignment edit distance);
/// sound (a shared Double Metaphone key, tempered by spelling); Han characters aligned one by one with look-alike and
/// sound-alike characters counted as near matches; and containment (the mark inside a longer name). The best
/// channel gives the score, a second strong channel adds a little, and the classes scale it: a shared class keeps
/// it, a related class (EUIPO) lowers it slightly, unrelated classes lower it more. See `docs/mark-search.md`.
struct MarkScorer {
    /// Weight of a Han character pair by relation.
    static func weight(_ relation: CharacterRelation) -> Double {
        switch relation {
        case .same: 1
        case .shapeAlike: 0.8
        case .soundAlike: 0.75
        case .unrelated: 0
        }
    }

    /// Class factors.
    static let sameClassFactor = 1.0
    static let relatedClassFactor = 0.9
    static let unrelatedClassFactor = 0.75
    /// The score of a Han name of three or more characters with exactly one character changed in place.
    static let oneHanCharacterChanged = 0.8
    /// A word of a multi-word mark found in at most this many marks is distinctive.
    static let distinctiveWordLimit = 5
    /// A match on part of a longer name counts slightly less than a match on the whole name.
    static let windowFactor = 0.95

    let index: MarkIndex
    /// A fuzzy spelling match inside a longer name needs a window of at least this many letters: among
    /// hundreds of thousands of marks, most four-letter words are one letter from some mark ("labs" ~ LABO,
    /// "case" ~ CASSE), so four-letter knock-offs (PUNA) are found only as whole names.
    let fuzzyWindowMinimumLength = 5

    /// The score and reasons of mark `ordinal` against `form`, before classes are applied.
    func evidence(_ ordinal: Int, against form: ComparedForm) -> (score: Double, reasons: [String]) {
        assess(ordinal, against: form, explain: true)
    }

    /// The score of mark `ordinal` against `form`, before classes are applied: the same as `evidence`'s, without
    /// composing the reasons (a search scores hundreds of candidates and explains only the hits it returns).
    func score(_ ordinal: Int, against form: ComparedForm) -> Double {
        assess(ordinal, against: form, explain: false).score
    }

    /// Scores mark `ordinal` against `form`, composing the reasons only when `explain` is set.
    private func assess(_ ordinal: Int, against form: ComparedForm, explain: Bool) -> (
        score: Double, reasons: [String]
    ) {
        var best = 0.0
        var reasons: [(Double, String)] = []
        var strongChannels = 0
        var recorded = 0
        func record(_ score: Double, _ reason: @autoclosure () -> String) {
            if explain { reasons.append((score, reason())) }
            recorded += 1
            if score >= 0.7 { strongChannels += 1 }
            best = max(best, score)
        }
        // The fingerprint first: for nearly every candidate it settles each question without touching a string.
        let mark = index.fingerprints[ordinal]
        let markLatinCount = Int(mark.latinCount)
        let markHasHan = mark.hasHan
        var quoted: String { quote(form.forms.folded) }
        var markLatin: String { index.latin[ordinal] }
        let sameLatin = mark.latin == form.fingerprint.latin && form.forms.latin == markLatin

        if mark.folded == form.fingerprint.folded, form.folded == index.folded[ordinal] {
            record(1.0, form.isWindow ? "contains the mark" : "identical to the mark")
        } else if markLatinCount > 0, sameLatin, markLatinCount >= 2 {
            record(0.95, sameLatinReason(form, markHasHan: markHasHan, ordinal: ordinal))
        }
        var hanRecorded = false
        if markHasHan, form.hasHan {
            if let score = hanScore(form, index.hanValues[ordinal], explain: explain) {
                record(score.score, score.reason)
                hanRecorded = true
            }
        }
        // Between two Han names, the characters say more than their pinyin: near-identical pinyin spellings of
        // different characters ("zhulin", "zhuolin") are not a confusion a reader makes. Same pinyin is handled
        // above as identical sound.
        let bothHan = markHasHan && form.hasHan
        if !hanRecorded, !bothHan, markLatinCount > 0, !form.latinValues.isEmpty, !sameLatin {
            let length = max(markLatinCount, form.latinValues.count)
            let distance =
                form.latinPattern.flatMap { pattern in mark.withLatinBytes { pattern.distance(to: $0, limit: 3) } }
                ?? EditDistance.damerauLevenshtein(form.latinValues, index.latinValues[ordinal], limit: 3)
            let spelling = Self.spellingSimilarity(distance: distance, length: length)
            let transliterated = form.hasHan != markHasHan
            let before = reasons.count
            let recordedBefore = recorded
            // Part of a longer name is weaker evidence: a fuzzy match there must be one edit on five letters or
            // more, in the same script ("labs" is not LABO, "heron" is not 鹤荣 "herong").
            let isUsable =
                !form.isWindow || distance == 1 && form.latinValues.count >= fuzzyWindowMinimumLength && !transliterated
            if isUsable, spelling >= 0.6 {
                record(
                    spelling,
                    "spelled alike: \(quote(form.forms.latin)) ~ \(quote(markLatin)) "
                        + (distance == 1 ? "(1 letter differs)" : "(\(distance) letters differ)"))
            }
            let sharesSound = mark.sharesSound(with: form.fingerprint)
            // Two edits sound alike only when the whole phonetic keys agree and say enough (ROLEKS ~ ROLEX: RLKS).
            let soundsTheSame =
                distance == 2 && MarkFingerprint.length(ofCode: mark.primary) >= 4
                && mark.primary == form.fingerprint.primary
            if isUsable, sharesSound, distance <= (transliterated ? 2 : 1) || soundsTheSame {
                let likeness = soundsTheSame ? max(spelling, 1 - Double(distance) / Double(length)) : spelling
                record(0.55 + 0.35 * likeness, "sounds alike: \(quote(form.forms.latin)) ~ \(quote(markLatin))")
            }
            if explain, transliterated, recorded > recordedBefore {
                // Same strength as the evidence it explains, so it sorts next to it.
                let strongest = reasons[before...].map(\.0).max() ?? 0
                reasons.append((strongest, transliterationNote(form, markHasHan: markHasHan, ordinal: ordinal)))
            }
        }
        if !form.isWindow, mark.hasSpace, form.isOneWordOfFourOrMore,
            Self.containsWord(index.folded[ordinal], form.forms.folded)
        {
            // A word shared by few marks is distinctive (VUITTON); one shared by many is descriptive (OUTDOOR).
            let sharing = index.postings.count(for: makeKey(.word, form.forms.folded))
            if sharing <= Self.distinctiveWordLimit {
                record(0.8, "the mark contains \(quoted), a distinctive word")
            } else {
                record(0.65, "the mark contains \(quoted), a word \(sharing) marks share")
            }
        }
        guard best > 0 else { return (0, []) }
        var score = best
        if strongChannels >= 2 { score = min(1, score + 0.02) }
        if form.isWindow {
            score *= Self.windowFactor
            if explain, best < 1 { reasons.append((0, "in the words \(quoted)")) }
        }
        guard explain else { return (score, []) }
        let ordered = reasons.sorted { $0.0 > $1.0 }.map(\.1)
        return (score, unique(ordered))
    }

    /// Whether `name` has two or more space-separated words and `word` is one of them.
    ///
    /// Scans the UTF-8 bytes in place: the scorer asks this of every candidate.
    static func containsWord(_ name: String, _ word: String) -> Bool {
        var name = name
        var word = word
        return name.withUTF8 { name in
            word.withUTF8 { word in
                guard !word.isEmpty, name.count > word.count, name.contains(0x20) else { return false }
                var start = 0
                while start <= name.count {
                    var end = start
                    while end < name.count, name[end] != 0x20 { end += 1 }
                    if end - start == word.count, name[start..<end].elementsEqual(word) { return true }
                    start = end + 1
                }
                return false
            }
        }
    }

    /// Spelling similarity from an edit distance: one edit is a typical knock-off at any length from four
    /// letters; two edits need seven letters and three need eleven, and each costs more than its share of the
    /// length, since unrelated long names often lie three edits apart ("terraverde", "terraware").
    static func spellingSimilarity(distance: Int, length: Int) -> Double {
        let share = Double(distance) / Double(max(length, 1))
        switch distance {
        case 0: return 1
        case 1 where length >= 4: return max(0.78, 1 - share)
        case 2 where length >= 7: return 1 - share - 0.1
        case 3 where length >= 11: return 1 - share - 0.1
        default: return 0
        }
    }

    /// The factor the class relation applies to a score: `applyingClasses` without the reason.
    func classFactor(ordinal: Int, queryClasses: [NiceClass]) -> Double {
        switch index.relatedness.relation(markClasses: index.entries[ordinal].classes, queryClasses: queryClasses) {
        case .notCompared: 1
        case .sameClass: Self.sameClassFactor
        case .relatedClasses: Self.relatedClassFactor
        case .unrelated: Self.unrelatedClassFactor
        }
    }

    /// Applies the class relation to a score and adds its reason.
    func applyingClasses(
        _ evidence: (score: Double, reasons: [String]), ordinal: Int, queryClasses: [NiceClass]
    ) -> (score: Double, reasons: [String]) {
        var (score, reasons) = evidence
        switch index.relatedness.relation(markClasses: index.entries[ordinal].classes, queryClasses: queryClasses) {
        case .notCompared:
            break
        case .sameClass(let shared):
            score *= Self.sameClassFactor
            reasons.append("same class \(shared)")
        case .relatedClasses(let query, let mark):
            score *= Self.relatedClassFactor
            let (low, high) = query < mark ? (query, mark) : (mark, query)
            reasons.append("related classes \(low)~\(high)")
        case .unrelated:
            score *= Self.unrelatedClassFactor
            let markClasses = index.entries[ordinal].classes.map(\.description).joined(separator: ",")
            let asked = queryClasses.map(\.description).joined(separator: ",")
            reasons.append("unrelated classes: \(asked) vs \(markClasses)")
        }
        return (score, reasons)
    }

    private func sameLatinReason(_ form: ComparedForm, markHasHan: Bool, ordinal: Int) -> String {
        let forms = form.forms
        let latin = quote(forms.latin)
        if form.hasHan && markHasHan {
            return "sounds alike: \(forms.simplified) ~ \(index.han[ordinal]) (both \(latin))"
        }
        if form.hasHan != markHasHan {
            return transliterationNote(form, markHasHan: markHasHan, ordinal: ordinal) + ", the same sound as the mark"
        }
        if forms.skeleton != forms.compact {
            return "look-alike letters: \(quote(forms.compact)) reads as \(quote(forms.skeleton))"
                + (forms.deleeted != forms.skeleton ? ", leetspeak reads as \(latin)" : "")
        }
        if forms.deleeted != forms.skeleton {
            return "leetspeak: \(quote(forms.skeleton)) reads as \(latin)"
        }
        return "same letters: \(latin)"
    }

    private func transliterationNote(_ form: ComparedForm, markHasHan: Bool, ordinal: Int) -> String {
        if form.hasHan {
            return "transliteration: \(form.forms.simplified) reads \(quote(form.forms.latin))"
        }
        return "transliteration: \(index.han[ordinal]) reads \(quote(index.latin[ordinal]))"
    }

    /// Aligns Han characters with look-alike and sound-alike substitutions (weighted edit distance); the reason
    /// is composed only when `explain` is set.
    private func hanScore(_ form: ComparedForm, _ mark: [UInt32], explain: Bool) -> (score: Double, reason: String)? {
        let query = form.han.characters
        if query == mark {
            if form.forms.simplified != form.forms.compact {
                let reason =
                    explain ? "traditional characters: \(form.forms.compact) is \(Self.text(mark[...]))" : ""
                return (0.97, reason)
            }
            return nil
        }
        let n = query.count
        let m = mark.count
        guard n > 0, m > 0, abs(n - m) <= 2 else { return nil }
        return withUnsafeTemporaryAllocation(of: CharacterRelation.self, capacity: n * m) { relations in
            mark.withUnsafeBufferPointer { index.chinese.relations(of: form.han, to: $0, into: relations) }
            return withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * (m + 1)) { rows in
                alignedScore(form, mark, relations: UnsafeBufferPointer(relations), rows: rows, explain: explain)
            }
        }
    }

    /// The weighted Levenshtein alignment of `form`'s characters with `mark`'s over precomputed relations.
    private func alignedScore(
        _ form: ComparedForm, _ mark: [UInt32], relations: UnsafeBufferPointer<CharacterRelation>,
        rows: UnsafeMutableBufferPointer<Double>, explain: Bool
    ) -> (score: Double, reason: String)? {
        let query = form.han.characters
        let n = query.count
        let m = mark.count
        // Substitution costs 1 − weight(relation), insertion and deletion cost 1.
        guard let base = rows.baseAddress else { return nil }
        var previous = base
        var current = base + (m + 1)
        for j in 0...m { previous[j] = Double(j) }
        for i in 1...n {
            current[0] = Double(i)
            for j in 1...m {
                let substitution = previous[j - 1] + (1 - Self.weight(relations[(i - 1) * m + (j - 1)]))
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        let cost = previous[m]
        var similarity = 1 - cost / Double(max(n, m))
        func diagonal(_ i: Int) -> CharacterRelation { relations[i * m + i] }
        // One character changed in a name of three or more, in place, is the classic knock-off (唐师傅 for
        // 康师傅), as one letter is for Latin names; each Han character carries more of the name than a letter.
        var changed = 0
        // Inside a longer name the window must be longer too: three-character windows of Chinese text often
        // share two characters with some mark by chance (竹林人家 ~ 晨林人).
        if n == m, n >= (form.isWindow ? 4 : 3) {
            for i in 0..<n where diagonal(i) != .same { changed += 1 }
            if changed == 1 { similarity = max(similarity, Self.oneHanCharacterChanged) }
        }
        guard similarity >= 0.6 else { return nil }
        let score = min(0.95, similarity)
        guard explain else { return (score, "") }
        var shape: [String] = []
        var sound: [String] = []
        var differing: [String] = []
        if n == m {
            for i in 0..<n {
                let pair = "\(Self.text(query[i...i]))~\(Self.text(mark[i...i]))"
                switch diagonal(i) {
                case .same: break
                case .shapeAlike: shape.append(pair)
                case .soundAlike: sound.append(pair)
                case .unrelated: break
                }
                if diagonal(i) != .same { differing.append(pair) }
            }
        }
        var parts: [String] = []
        if !shape.isEmpty { parts.append("look-alike characters: " + shape.joined(separator: ", ")) }
        if !sound.isEmpty { parts.append("sound-alike characters: " + sound.joined(separator: ", ")) }
        if parts.isEmpty, changed == 1, let only = differing.first {
            parts.append("1 character differs: " + only)
        }
        if parts.isEmpty {
            parts.append("similar characters: \(Self.text(query[...])) ~ \(Self.text(mark[...]))")
        }
        return (score, parts.joined(separator: "; "))
    }

    /// The text of Han scalar values.
    private static func text(_ values: ArraySlice<UInt32>) -> String {
        String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
    }

    private func quote(_ text: String) -> String { "\"\(text)\"" }

    private func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
