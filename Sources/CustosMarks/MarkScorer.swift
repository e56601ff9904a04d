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
        var best = 0.0
        var reasons: [(Double, String)] = []
        var strongChannels = 0
        func record(_ score: Double, _ reason: String) {
            reasons.append((score, reason))
            if score >= 0.7 { strongChannels += 1 }
            best = max(best, score)
        }
        let markLatin = index.latin[ordinal]
        let markHan = index.han[ordinal]
        let markHasHan = !markHan.isEmpty
        var quoted: String { quote(form.forms.folded) }

        if form.folded == index.folded[ordinal] {
            record(1.0, form.isWindow ? "contains the mark" : "identical to the mark")
        } else if !markLatin.isEmpty, form.forms.latin == markLatin, markLatin.unicodeScalars.count >= 2 {
            record(0.95, sameLatinReason(form, markHasHan: markHasHan, ordinal: ordinal))
        }
        var hanRecorded = false
        if markHasHan, form.hasHan {
            if let (score, reason) = hanEvidence(form.hanScalars, Array(markHan.unicodeScalars), form: form) {
                record(score, reason)
                hanRecorded = true
            }
        }
        // Between two Han names, the characters say more than their pinyin: near-identical pinyin spellings of
        // different characters ("zhulin", "zhuolin") are not a confusion a reader makes. Same pinyin is handled
        // above as identical sound.
        let bothHan = markHasHan && form.hasHan
        if !hanRecorded, !bothHan, !markLatin.isEmpty, !form.latinValues.isEmpty, form.forms.latin != markLatin {
            let markValues = index.latinValues[ordinal]
            let length = max(markValues.count, form.latinValues.count)
            let distance = EditDistance.damerauLevenshtein(form.latinValues, markValues, limit: 3)
            let spelling = Self.spellingSimilarity(distance: distance, length: length)
            let transliterated = form.hasHan != markHasHan
            let before = reasons.count
            // Part of a longer name is weaker evidence: a fuzzy match there must be one edit on five letters or
            // more, in the same script ("labs" is not LABO, "heron" is not 鹤荣 "herong").
            let isUsable =
                !form.isWindow || distance == 1 && form.latinValues.count >= fuzzyWindowMinimumLength && !transliterated
            if isUsable, spelling >= 0.6 {
                let letters = distance == 1 ? "1 letter differs" : "\(distance) letters differ"
                record(spelling, "spelled alike: \(quote(form.forms.latin)) ~ \(quote(markLatin)) (\(letters))")
            }
            let sharesSound = index.phonetic[ordinal].contains { key in
                key.count >= 2 && form.forms.phoneticKeys.contains(key)
            }
            // Two edits sound alike only when the whole phonetic keys agree and say enough (ROLEKS ~ ROLEX: RLKS).
            let soundsTheSame =
                distance == 2
                && index.phonetic[ordinal].first.map { $0.count >= 4 && $0 == form.forms.phoneticKeys.first } == true
            if isUsable, sharesSound, distance <= (transliterated ? 2 : 1) || soundsTheSame {
                let likeness = soundsTheSame ? max(spelling, 1 - Double(distance) / Double(length)) : spelling
                record(0.55 + 0.35 * likeness, "sounds alike: \(quote(form.forms.latin)) ~ \(quote(markLatin))")
            }
            if transliterated, reasons.count > before {
                // Same strength as the evidence it explains, so it sorts next to it.
                let strongest = reasons[before...].map(\.0).max() ?? 0
                reasons.append((strongest, transliterationNote(form, markHasHan: markHasHan, ordinal: ordinal)))
            }
        }
        if !form.isWindow, form.forms.words.count == 1, let markWords = markWordsIfSeveral(ordinal),
            form.forms.folded.unicodeScalars.count >= 4, markWords.contains(form.forms.folded)
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
            if best < 1 { reasons.append((0, "in the words \(quoted)")) }
        }
        let ordered = reasons.sorted { $0.0 > $1.0 }.map(\.1)
        return (score, unique(ordered))
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

    private func markWordsIfSeveral(_ ordinal: Int) -> [String]? {
        let folded = index.folded[ordinal]
        guard folded.utf8.contains(0x20) else { return nil }
        return folded.split(separator: " ").map(String.init)
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

    /// Aligns Han characters with look-alike and sound-alike substitutions (weighted edit distance).
    private func hanEvidence(
        _ query: [Unicode.Scalar], _ mark: [Unicode.Scalar], form: ComparedForm
    ) -> (Double, String)? {
        if query == mark {
            if form.forms.simplified != form.forms.compact {
                let original = form.forms.compact
                return (0.97, "traditional characters: \(original) is \(String(String.UnicodeScalarView(mark)))")
            }
            return nil
        }
        let n = query.count
        let m = mark.count
        guard n > 0, m > 0, abs(n - m) <= 2 else { return nil }
        // Weighted Levenshtein: substitution costs 1 − weight(relation), insertion and deletion cost 1.
        var previous = [Double](unsafeUninitializedCapacity: m + 1) { buffer, count in
            for j in 0...m { buffer[j] = Double(j) }
            count = m + 1
        }
        var current = [Double](repeating: 0, count: m + 1)
        var relations: [[CharacterRelation]] = Array(repeating: [], count: n)
        for i in 1...n {
            current[0] = Double(i)
            relations[i - 1].reserveCapacity(m)
            for j in 1...m {
                let relation = index.chinese.relation(Character(query[i - 1]), Character(mark[j - 1]))
                relations[i - 1].append(relation)
                let substitution = previous[j - 1] + (1 - Self.weight(relation))
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        let cost = previous[m]
        var similarity = 1 - cost / Double(max(n, m))
        // One character changed in a name of three or more, in place, is the classic knock-off (唐师傅 for
        // 康师傅), as one letter is for Latin names; each Han character carries more of the name than a letter.
        var changed: [String] = []
        // Inside a longer name the window must be longer too: three-character windows of Chinese text often
        // share two characters with some mark by chance (竹林人家 ~ 晨林人).
        if n == m, n >= (form.isWindow ? 4 : 3) {
            for i in 0..<n where relations[i][i] != .same {
                changed.append("\(Character(query[i]))~\(Character(mark[i]))")
            }
            if changed.count == 1 { similarity = max(similarity, Self.oneHanCharacterChanged) }
        }
        guard similarity >= 0.6 else { return nil }
        var shape: [String] = []
        var sound: [String] = []
        if n == m {
            for i in 0..<n {
                switch relations[i][i] {
                case .same: break
                case .shapeAlike: shape.append("\(Character(query[i]))~\(Character(mark[i]))")
                case .soundAlike: sound.append("\(Character(query[i]))~\(Character(mark[i]))")
                case .unrelated: break
                }
            }
        }
        var parts: [String] = []
        if !shape.isEmpty { parts.append("look-alike characters: " + shape.joined(separator: ", ")) }
        if !sound.isEmpty { parts.append("sound-alike characters: " + sound.joined(separator: ", ")) }
        if parts.isEmpty, changed.count == 1 {
            parts.append("1 character differs: " + changed[0])
        }
        if parts.isEmpty {
            parts.append(
                "similar characters: \(String(String.UnicodeScalarView(query))) ~ \(String(String.UnicodeScalarView(mark)))"
            )
        }
        return (min(0.95, similarity), parts.joined(separator: "; "))
    }

    private func quote(_ text: String) -> String { "\"\(text)\"" }

    private func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
