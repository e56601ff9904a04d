/// Lawrence Philips' Double Metaphone phonetic encoding.
///
/// Implements the full rule set of the original algorithm ("The Double Metaphone Search Algorithm",
/// C/C++ Users Journal, June 2000), including its Germanic, Slavic, Romance and Chinese special cases, on the
/// ASCII letters of the input (`Ç` and `Ñ` are honoured; other characters are skipped). As in the original, the
/// word is padded with spaces, so a rule that looks past the end sees spaces.
///
/// Keys are ASCII uppercase, using `0` for "th" and `X` for "sh"/"ch", and are cut to `maximumLength` (6 here,
/// rather than the original's 4, so that longer brand names keep more of their consonant skeleton).
public enum DoubleMetaphone {
    /// The length at which keys are cut.
    public static let maximumLength = 6

    /// The primary and alternate Double Metaphone keys of `word`.
    ///
    /// - Parameter word: A word in Latin letters (case is ignored).
    /// - Returns: The primary key, and the alternate key (equal to the primary when the word has no alternative
    ///   pronunciation).
    /// - Complexity: O(n) in the length of `word`.
    public static func keys(of word: String) -> (primary: String, alternate: String) {
        var chars: [UInt8] = []
        chars.reserveCapacity(word.utf8.count + Encoder.padding)
        for scalar in word.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x61...0x7A: chars.append(UInt8(v - 0x20))
            case 0x41...0x5A, 0x20: chars.append(UInt8(v))
            case 0xE7, 0xC7: chars.append(Encoder.cedilla)
            case 0xF1, 0xD1: chars.append(Encoder.enye)
            default: continue
            }
        }
        let length = chars.count
        // As in the original, rules may look a few characters past the end and see spaces.
        for _ in 0..<Encoder.padding { chars.append(0x20) }
        return chars.withUnsafeBufferPointer { buffer in
            var encoder = Encoder(buffer, length: length)
            encoder.run()
            return (
                String(decoding: encoder.primary.prefix(maximumLength), as: UTF8.self),
                String(decoding: encoder.alternate.prefix(maximumLength), as: UTF8.self)
            )
        }
    }
}

/// The encoder state; rule comments quote the examples Philips gives for each rule.
private struct Encoder {
    static let cedilla: UInt8 = 0xC7  // Ç, as in Latin-1
    static let enye: UInt8 = 0xD1  // Ñ
    static let padding = 6

    let chars: UnsafeBufferPointer<UInt8>
    let length: Int
    let last: Int
    let slavoGermanic: Bool
    var primary: [UInt8] = []
    var alternate: [UInt8] = []
    var current = 0

    /// - Parameters:
    ///   - chars: The uppercase word followed by `padding` spaces.
    ///   - length: The length of the word without the padding.
    init(_ chars: UnsafeBufferPointer<UInt8>, length: Int) {
        self.chars = chars
        self.length = length
        last = length - 1
        // Slavo-Germanic: contains W, K, CZ or WITZ (WITZ contains W).
        var slavic = false
        for index in 0..<length {
            let c = chars[index]
            if c == 0x57 || c == 0x4B || (c == 0x43 && chars[index + 1] == 0x5A) {
                slavic = true
                break
            }
        }
        slavoGermanic = slavic
        primary.reserveCapacity(DoubleMetaphone.maximumLength + 4)
        alternate.reserveCapacity(DoubleMetaphone.maximumLength + 4)
    }

    // MARK: Helpers

    func at(_ index: Int) -> UInt8 {
        index >= 0 && index < chars.count ? chars[index] : 0
    }

    func isVowel(_ index: Int) -> Bool {
        switch at(index) {
        case 0x41, 0x45, 0x49, 0x4F, 0x55, 0x59: return true
        default: return false
        }
    }

    /// Whether the `length` characters at `start` equal any of `options`, a `|`-separated list of
    /// alternatives that are each `length` long (one static string, so that no array is built per call).
    func stringAt(_ start: Int, _ length: Int, _ options: StaticString) -> Bool {
        guard start >= 0, start + length <= chars.count else { return false }
        let pointer = options.utf8Start
        let count = options.utf8CodeUnitCount
        var offset = 0
        while offset + length <= count {
            var k = 0
            while k < length && chars[start + k] == pointer[offset + k] { k += 1 }
            if k == length { return true }
            offset += length + 1
        }
        return false
    }

    mutating func add(_ main: StaticString) {
        add(main, main)
    }

    mutating func add(_ main: StaticString, _ alt: StaticString) {
        let mainStart = main.utf8Start
        for k in 0..<main.utf8CodeUnitCount { primary.append(mainStart[k]) }
        let altStart = alt.utf8Start
        for k in 0..<alt.utf8CodeUnitCount { alternate.append(altStart[k]) }
    }

    // MARK: Rules

    mutating func run() {
        guard length > 0 else { return }
        // Skip these when at the start of a word.
        if stringAt(0, 2, "GN|KN|PN|WR|PS") { current += 1 }
        // Initial 'X' is pronounced 'Z', e.g. 'Xavier'.
        if at(0) == 0x58 {
            add("S")
            current += 1
        }
        let limit = DoubleMetaphone.maximumLength
        while (primary.count < limit || alternate.count < limit) && current < length {
            switch at(current) {
            case 0x41, 0x45, 0x49, 0x4F, 0x55, 0x59:  // vowels
                // All initial vowels map to 'A'.
                if current == 0 { add("A") }
                current += 1
            case 0x42:  // B
                add("P")
                current += at(current + 1) == 0x42 ? 2 : 1
            case Self.cedilla:
                add("S")
                current += 1
            case 0x43: encodeC()
            case 0x44: encodeD()
            case 0x46:  // F
                current += at(current + 1) == 0x46 ? 2 : 1
                add("F")
            case 0x47: encodeG()
            case 0x48: encodeH()
            case 0x4A: encodeJ()
            case 0x4B:  // K
                current += at(current + 1) == 0x4B ? 2 : 1
                add("K")
            case 0x4C: encodeL()
            case 0x4D:  // M
                // 'dumb', 'thumb'
                if (stringAt(current - 1, 3, "UMB") && (current + 1 == last || stringAt(current + 2, 2, "ER")))
                    || at(current + 1) == 0x4D
                {
                    current += 2
                } else {
                    current += 1
                }
                add("M")
            case 0x4E:  // N
                current += at(current + 1) == 0x4E ? 2 : 1
                add("N")
            case Self.enye:
                current += 1
                add("N")
            case 0x50:  // P
                if at(current + 1) == 0x48 {
                    add("F")
                    current += 2
                } else {
                    // 'campbell', 'raspberry'
                    current += stringAt(current + 1, 1, "P|B") ? 2 : 1
                    add("P")
                }
            case 0x51:  // Q
                current += at(current + 1) == 0x51 ? 2 : 1
                add("K")
            case 0x52: encodeR()
            case 0x53: encodeS()
            case 0x54: encodeT()
            case 0x56:  // V
                current += at(current + 1) == 0x56 ? 2 : 1
                add("F")
            case 0x57: encodeW()
            case 0x58: encodeX()
            case 0x5A: encodeZ()
            default:
                current += 1
            }
        }
    }

    private mutating func encodeC() {
        // Various Germanic: 'bacher', 'macher'.
        if current > 1 && !isVowel(current - 2) && stringAt(current - 1, 3, "ACH")
            && at(current + 2) != 0x49
            && (at(current + 2) != 0x45 || stringAt(current - 2, 6, "BACHER|MACHER"))
        {
            add("K")
            current += 2
            return
        }
        // Special case 'caesar'.
        if current == 0 && stringAt(current, 6, "CAESAR") {
            add("S")
            current += 2
            return
        }
        // Italian 'chianti'.
        if stringAt(current, 4, "CHIA") {
            add("K")
            current += 2
            return
        }
        if stringAt(current, 2, "CH") {
            // 'michael'
            if current > 0 && stringAt(current, 4, "CHAE") {
                add("K", "X")
                current += 2
                return
            }
            // Greek roots, e.g. 'chemistry', 'chorus'.
            if current == 0
                && (stringAt(current + 1, 5, "HARAC|HARIS")
                    || stringAt(current + 1, 3, "HOR|HYM|HIA|HEM"))
                && !stringAt(0, 5, "CHORE")
            {
                add("K")
                current += 2
                return
            }
            // Germanic, Greek, or otherwise 'ch' for 'kh' sound.
            if stringAt(0, 4, "VAN |VON ") || stringAt(0, 3, "SCH")
                // 'architect' but not 'arch', 'orchestra', 'orchid'
                || stringAt(current - 2, 6, "ORCHES|ARCHIT|ORCHID")
                || stringAt(current + 2, 1, "T|S")
                || ((stringAt(current - 1, 1, "A|O|U|E") || current == 0)
                    // e.g. 'wachtler', 'wechsler', but not 'tichner'
                    && stringAt(current + 2, 1, "L|R|N|M|B|H|F|V|W| "))
            {
                add("K")
            } else if current > 0 {
                // e.g. 'McHugh'
                if stringAt(0, 2, "MC") { add("K") } else { add("X", "K") }
            } else {
                add("X")
            }
            current += 2
            return
        }
        // e.g. 'czerny'
        if stringAt(current, 2, "CZ") && !stringAt(current - 2, 4, "WICZ") {
            add("S", "X")
            current += 2
            return
        }
        // e.g. 'focaccia'
        if stringAt(current + 1, 3, "CIA") {
            add("X")
            current += 3
            return
        }
        // Double 'C', but not if e.g. 'McClellan'.
        if stringAt(current, 2, "CC") && !(current == 1 && at(0) == 0x4D) {
            // 'bellocchio' but not 'bacchus'
            if stringAt(current + 2, 1, "I|E|H") && !stringAt(current + 2, 2, "HU") {
                // 'accident', 'accede', 'succeed'
                if (current == 1 && at(current - 1) == 0x41) || stringAt(current - 1, 5, "UCCEE|UCCES") {
                    add("KS")
                } else {
                    // 'bacci', 'bertucci', other Italian
                    add("X")
                }
                current += 3
            } else {
                // Pierce's rule
                add("K")
                current += 2
            }
            return
        }
        if stringAt(current, 2, "CK|CG|CQ") {
            add("K")
            current += 2
            return
        }
        if stringAt(current, 2, "CI|CE|CY") {
            // Italian vs. English
            if stringAt(current, 3, "CIO|CIE|CIA") { add("S", "X") } else { add("S") }
            current += 2
            return
        }
        add("K")
        // Names such as 'mac caffrey', 'mac gregor'.
        if stringAt(current + 1, 2, " C| Q| G") {
            current += 3
        } else if stringAt(current + 1, 1, "C|K|Q") && !stringAt(current + 1, 2, "CE|CI") {
            current += 2
        } else {
            current += 1
        }
    }

    private mutating func encodeD() {
        if stringAt(current, 2, "DG") {
            if stringAt(current + 2, 1, "I|E|Y") {
                // e.g. 'edge'
                add("J")
                current += 3
            } else {
                // e.g. 'edgar'
                add("TK")
                current += 2
            }
            return
        }
        if stringAt(current, 2, "DT|DD") {
            add("T")
            current += 2
            return
        }
        add("T")
        current += 1
    }

    private mutating func encodeG() {
        if at(current + 1) == 0x48 {
            if current > 0 && !isVowel(current - 1) {
                add("K")
                current += 2
                return
            }
            if current < 3 && current == 0 {
                // 'ghislane', 'ghiradelli'
                if at(current + 2) == 0x49 { add("J") } else { add("K") }
                current += 2
                return
            }
            // Parker's rule (with some further refinements), e.g. 'hugh'.
            if (current > 1 && stringAt(current - 2, 1, "B|H|D"))
                // e.g. 'bough'
                || (current > 2 && stringAt(current - 3, 1, "B|H|D"))
                // e.g. 'broughton'
                || (current > 3 && stringAt(current - 4, 1, "B|H"))
            {
                current += 2
                return
            }
            // e.g. 'laugh', 'McLaughlin', 'cough', 'gough', 'rough', 'tough'
            if current > 2 && at(current - 1) == 0x55 && stringAt(current - 3, 1, "C|G|L|R|T") {
                add("F")
            } else if current > 0 && at(current - 1) != 0x49 {
                add("K")
            }
            current += 2
            return
        }
        if at(current + 1) == 0x4E {
            if current == 1 && isVowel(0) && !slavoGermanic {
                add("KN", "N")
            } else if !stringAt(current + 2, 2, "EY") && at(current + 1) != 0x59 && !slavoGermanic {
                // not e.g. 'cagney'
                add("N", "KN")
            } else {
                add("KN")
            }
            current += 2
            return
        }
        // 'tagliaro'
        if stringAt(current + 1, 2, "LI") && !slavoGermanic {
            add("KL", "L")
            current += 2
            return
        }
        // -ges-, -gep-, -gel-, -gie- at beginning
        if current == 0
            && (at(current + 1) == 0x59
                || stringAt(current + 1, 2, "ES|EP|EB|EL|EY|IB|IL|IN|IE|EI|ER"))
        {
            add("K", "J")
            current += 2
            return
        }
        // -ger-, -gy-
        if (stringAt(current + 1, 2, "ER") || at(current + 1) == 0x59)
            && !stringAt(0, 6, "DANGER|RANGER|MANGER")
            && !stringAt(current - 1, 1, "E|I")
            && !stringAt(current - 1, 3, "RGY|OGY")
        {
            add("K", "J")
            current += 2
            return
        }
        // Italian, e.g. 'biaggi'
        if stringAt(current + 1, 1, "E|I|Y") || stringAt(current - 1, 4, "AGGI|OGGI") {
            // obvious Germanic
            if stringAt(0, 4, "VAN |VON ") || stringAt(0, 3, "SCH") || stringAt(current + 1, 2, "ET") {
                add("K")
            } else if stringAt(current + 1, 4, "IER ") {
                // always soft if French ending
                add("J")
            } else {
                add("J", "K")
            }
            current += 2
            return
        }
        current += at(current + 1) == 0x47 ? 2 : 1
        add("K")
    }

    private mutating func encodeH() {
        // Only keep if first and before a vowel, or between two vowels.
        if (current == 0 || isVowel(current - 1)) && isVowel(current + 1) {
            add("H")
            current += 2
        } else {
            current += 1
        }
    }

    private mutating func encodeJ() {
        // Obvious Spanish, 'jose', 'san jacinto'.
        if stringAt(current, 4, "JOSE") || stringAt(0, 4, "SAN ") {
            if (current == 0 && at(current + 4) == 0x20) || stringAt(0, 4, "SAN ") {
                add("H")
            } else {
                add("J", "H")
            }
            current += 1
            return
        }
        if current == 0 && !stringAt(current, 4, "JOSE") {
            // Yankelovich / Jankelowicz
            add("J", "A")
        } else if isVowel(current - 1) && !slavoGermanic && (at(current + 1) == 0x41 || at(current + 1) == 0x4F) {
            // Spanish pronunciation of e.g. 'bajador'
            add("J", "H")
        } else if current == last {
            add("J", "")
        } else if !stringAt(current + 1, 1, "L|T|K|S|N|M|B|Z")
            && !stringAt(current - 1, 1, "S|K|L")
        {
            add("J")
        }
        // It could happen!
        current += at(current + 1) == 0x4A ? 2 : 1
    }

    private mutating func encodeL() {
        if at(current + 1) == 0x4C {
            // Spanish, e.g. 'cabrillo', 'gallegos'
            if (current == length - 3 && stringAt(current - 1, 4, "ILLO|ILLA|ALLE"))
                || ((stringAt(last - 1, 2, "AS|OS") || stringAt(last, 1, "A|O"))
                    && stringAt(current - 1, 4, "ALLE"))
            {
                add("L", "")
                current += 2
                return
            }
            current += 2
        } else {
            current += 1
        }
        add("L")
    }

    private mutating func encodeR() {
        // French, e.g. 'rogier', but exclude 'hochmeier'.
        if current == last && !slavoGermanic && stringAt(current - 2, 2, "IE")
            && !stringAt(current - 4, 2, "ME|MA")
        {
            add("", "R")
        } else {
            add("R")
        }
        current += at(current + 1) == 0x52 ? 2 : 1
    }

    private mutating func encodeS() {
        // Special cases 'island', 'isle', 'carlisle', 'carlysle'.
        if stringAt(current - 1, 3, "ISL|YSL") {
            current += 1
            return
        }
        // Special case 'sugar-'.
        if current == 0 && stringAt(current, 5, "SUGAR") {
            add("X", "S")
            current += 1
            return
        }
        if stringAt(current, 2, "SH") {
            // Germanic
            if stringAt(current + 1, 4, "HEIM|HOEK|HOLM|HOLZ") { add("S") } else { add("X") }
            current += 2
            return
        }
        // Italian and Armenian
        if stringAt(current, 3, "SIO|SIA") || stringAt(current, 4, "SIAN") {
            if !slavoGermanic { add("S", "X") } else { add("S") }
            current += 3
            return
        }
        // German and anglicisations, e.g. 'smith' matches 'schmidt', 'snider' matches 'schneider';
        // also -sz- in Slavic languages.
        if (current == 0 && stringAt(current + 1, 1, "M|N|L|W")) || stringAt(current + 1, 1, "Z") {
            add("S", "X")
            current += stringAt(current + 1, 1, "Z") ? 2 : 1
            return
        }
        if stringAt(current, 2, "SC") {
            // Schlesinger's rule
            if at(current + 2) == 0x48 {
                // Dutch origin, e.g. 'school', 'schooner'
                if stringAt(current + 3, 2, "OO|ER|EN|UY|ED|EM") {
                    // 'schermerhorn', 'schenker'
                    if stringAt(current + 3, 2, "ER|EN") { add("X", "SK") } else { add("SK") }
                } else if current == 0 && !isVowel(3) && at(3) != 0x57 {
                    add("X", "S")
                } else {
                    add("X")
                }
                current += 3
                return
            }
            if stringAt(current + 2, 1, "I|E|Y") {
                add("S")
            } else {
                add("SK")
            }
            current += 3
            return
        }
        // French, e.g. 'resnais', 'artois'
        if current == last && stringAt(current - 2, 2, "AI|OI") {
            add("", "S")
        } else {
            add("S")
        }
        current += stringAt(current + 1, 1, "S|Z") ? 2 : 1
    }

    private mutating func encodeT() {
        if stringAt(current, 4, "TION") {
            add("X")
            current += 3
            return
        }
        if stringAt(current, 3, "TIA|TCH") {
            add("X")
            current += 3
            return
        }
        if stringAt(current, 2, "TH") || stringAt(current, 3, "TTH") {
            // Special case 'thomas', 'thames' or Germanic.
            if stringAt(current + 2, 2, "OM|AM") || stringAt(0, 4, "VAN |VON ") || stringAt(0, 3, "SCH") {
                add("T")
            } else {
                add("0", "T")
            }
            current += 2
            return
        }
        current += stringAt(current + 1, 1, "T|D") ? 2 : 1
        add("T")
    }

    private mutating func encodeW() {
        // Can also be in the middle of a word.
        if stringAt(current, 2, "WR") {
            add("R")
            current += 2
            return
        }
        if current == 0 && (isVowel(current + 1) || stringAt(current, 2, "WH")) {
            // Wasserman should match Vasserman.
            if isVowel(current + 1) { add("A", "F") } else { add("A") }
        }
        // Arnow should match Arnoff.
        if (current == last && isVowel(current - 1))
            || stringAt(current - 1, 5, "EWSKI|EWSKY|OWSKI|OWSKY")
            || stringAt(0, 3, "SCH")
        {
            add("", "F")
            current += 1
            return
        }
        // Polish, e.g. 'filipowicz'
        if stringAt(current, 4, "WICZ|WITZ") {
            add("TS", "FX")
            current += 4
            return
        }
        current += 1
    }

    private mutating func encodeX() {
        // French, e.g. 'breaux'
        if !(current == last && (stringAt(current - 3, 3, "IAU|EAU") || stringAt(current - 2, 2, "AU|OU"))) {
            add("KS")
        }
        current += stringAt(current + 1, 1, "C|X") ? 2 : 1
    }

    private mutating func encodeZ() {
        // Chinese pinyin, e.g. 'zhao'
        if at(current + 1) == 0x48 {
            add("J")
            current += 2
            return
        }
        if stringAt(current + 1, 2, "ZO|ZI|ZA") || (slavoGermanic && current > 0 && at(current - 1) != 0x54) {
            add("S", "TS")
        } else {
            add("S")
        }
        current += at(current + 1) == 0x5A ? 2 : 1
    }
}
