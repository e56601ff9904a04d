import Foundation

extension ReferenceTables {
    /// Calls `body` with each non-blank line that is not a `#` comment, and its 1-based line number.
    ///
    /// Lines are cut on bytes rather than `Character`s: grapheme breaking would dominate the load time.
    private static func forEachLine(
        of text: String,
        _ body: (Substring, Int) throws -> Void
    ) rethrows {
        var number = 0
        for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
            number += 1
            var bytes = raw
            if bytes.last == 0x0D { bytes = bytes.dropLast() }
            if number == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            if bytes.isEmpty || bytes.first == 0x23 { continue }
            try body(Substring(bytes), number)
        }
    }

    /// Splits `line` on an ASCII separator byte, keeping empty fields.
    private static func fields(_ line: Substring, _ separator: UInt8) -> [Substring] {
        line.utf8.split(separator: separator, omittingEmptySubsequences: false).map { Substring($0) }
    }

    /// `field` without leading and trailing spaces and tabs.
    private static func trimmed(_ field: Substring) -> Substring {
        var bytes = field.utf8[...]
        while let first = bytes.first, first == 0x20 || first == 0x09 { bytes = bytes.dropFirst() }
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes = bytes.dropLast() }
        return Substring(bytes)
    }

    private static func malformed(_ table: Table, _ line: Int, _ reason: String) -> TextError {
        TextError(.malformedTable, file: table.rawValue, line: line, reason: reason)
    }

    /// The single scalar of `field`, or `nil` when it is not exactly one scalar.
    private static func singleScalar(_ field: Substring) -> UInt32? {
        let scalars = field.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return nil
        }
        return first.value
    }

    private static func hexScalar(_ field: Substring) -> UInt32? {
        let trimmed = Self.trimmed(field)
        guard !trimmed.isEmpty, trimmed.count <= 6, let value = UInt32(trimmed, radix: 16),
            Unicode.Scalar(value) != nil
        else { return nil }
        return value
    }

    // MARK: Unihan

    /// Strips pinyin tone marks: `nǚ` → `nu`, `hé` → `he`, `ḿ` → `m`. Returns `nil` for anything that is not
    /// pinyin.
    static func tonelessPinyin(_ reading: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(reading.utf8.count)
        for scalar in reading.unicodeScalars {
            let v = scalar.value
            if v >= 0x61 && v <= 0x7A {
                bytes.append(UInt8(v))
                continue
            }
            if ScalarClasses.isRemovedDiacritic(v) { continue }
            switch v {
            case 0xE0, 0xE1, 0x101, 0x1CE: bytes.append(0x61)  // à á ā ǎ
            case 0xE8, 0xE9, 0x113, 0x11B, 0xEA, 0x1EBF, 0x1EC1: bytes.append(0x65)  // è é ē ě ê ế ề
            case 0xEC, 0xED, 0x12B, 0x1D0: bytes.append(0x69)  // ì í ī ǐ
            case 0xF2, 0xF3, 0x14D, 0x1D2: bytes.append(0x6F)  // ò ó ō ǒ
            case 0xF9, 0xFA, 0x16B, 0x1D4, 0xFC, 0x1D6, 0x1D8, 0x1DA, 0x1DC: bytes.append(0x75)  // ù ú ū ǔ ü ǖ ǘ ǚ ǜ
            case 0x144, 0x148, 0x1F9: bytes.append(0x6E)  // ń ň ǹ
            case 0x1E3F: bytes.append(0x6D)  // ḿ
            default: return nil
            }
        }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }

    mutating func parseUnihan(_ text: String) throws {
        let table = Table.unihan
        try Self.forEachLine(of: text) { line, number in
            let fields = Self.fields(line, 0x09)
            guard fields.count == 4 else {
                throw Self.malformed(table, number, "expected 4 tab-separated fields, found \(fields.count)")
            }
            guard let code = Self.hexScalar(fields[0]) else {
                throw Self.malformed(table, number, "'\(fields[0])' is not a hexadecimal code point")
            }
            var tonelessReadings: [String] = []
            for reading in fields[1].utf8.split(separator: 0x20).map({ Substring($0) }) {
                guard let toneless = Self.tonelessPinyin(reading) else {
                    throw Self.malformed(table, number, "'\(reading)' is not a pinyin reading")
                }
                if !tonelessReadings.contains(toneless) { tonelessReadings.append(toneless) }
            }
            if !tonelessReadings.isEmpty { readings[code] = tonelessReadings }
            var variants: [UInt32] = []
            for variant in fields[2].utf8.split(separator: 0x20).map({ Substring($0) }) {
                guard let value = Self.hexScalar(variant) else {
                    throw Self.malformed(table, number, "'\(variant)' is not a hexadecimal code point")
                }
                variants.append(value)
            }
            // A character listed among its own simplified variants (乾 → 乾 干) is already simplified.
            if let first = variants.first, !variants.contains(code) { simplifiedMap[code] = first }
            if !fields[3].isEmpty {
                guard let count = UInt8(fields[3]) else {
                    throw Self.malformed(table, number, "'\(fields[3])' is not a stroke count")
                }
                strokes[code] = count
            }
        }
    }

    // MARK: Confusables

    /// Folds a prototype the way the normalizer folds text: canonical decomposition, diacritics removed,
    /// lowercase; the prototype `rn` becomes `m` so that real `m` stays `m`.
    private static func foldPrototype(_ scalars: [UInt32]) -> [UInt32] {
        var string = ""
        for value in scalars {
            if let scalar = Unicode.Scalar(value) { string.unicodeScalars.append(scalar) }
        }
        var folded: [UInt32] = []
        for scalar in string.decomposedStringWithCanonicalMapping.unicodeScalars
        where !ScalarClasses.isRemovedDiacritic(scalar.value) {
            TextNormalizer.appendLowercased(scalar.value, to: &folded, folding: nil)
        }
        return folded == [0x72, 0x6E] ? [0x6D] : folded
    }

    private static func isASCIIAlphanumeric(_ scalars: [UInt32]) -> Bool {
        !scalars.isEmpty && scalars.allSatisfy { ScalarClasses.isASCIIAlphanumeric($0) }
    }

    mutating func parseConfusables(_ text: String) throws {
        let table = Table.confusables
        var raw: [UInt32: [UInt32]] = [:]
        try Self.forEachLine(of: text) { line, number in
            let fields = Self.fields(line, 0x3B)
            guard fields.count >= 2 else {
                throw Self.malformed(table, number, "expected 'source ; prototype ; type'")
            }
            guard let source = Self.hexScalar(fields[0]) else {
                throw Self.malformed(table, number, "'\(fields[0])' is not a hexadecimal code point")
            }
            var target: [UInt32] = []
            for part in fields[1].utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map({ Substring($0) }) {
                guard let value = Self.hexScalar(part) else {
                    throw Self.malformed(table, number, "'\(part)' is not a hexadecimal code point")
                }
                target.append(value)
            }
            guard !target.isEmpty else { throw Self.malformed(table, number, "empty prototype") }
            // ASCII stays itself (plain Latin text must be unchanged) and Han stays Han (Chinese similarity
            // is handled by the Chinese tables, and UTS #39 maps some ideographs to kana).
            if source < 0x80 || ScalarClasses.isHan(source) { return }
            raw[source] = Self.foldPrototype(target)
        }
        // One more step so that prototypes which fold to another mapped letter land on ASCII (α → ɑ → a).
        var resolved: [UInt32: [UInt32]] = [:]
        resolved.reserveCapacity(raw.count)
        for (source, target) in raw {
            var next: [UInt32] = []
            for value in target {
                if value >= 0x80, let further = raw[value] { next += further } else { next.append(value) }
            }
            resolved[source] = next
        }
        var uppercase: [UInt32: [UInt32]] = [:]
        for (source, target) in resolved where Self.isASCIIAlphanumeric(target) && target != [0x6C] {
            guard let scalar = Unicode.Scalar(source), scalar.properties.changesWhenLowercased else { continue }
            uppercase[source] = target
        }
        // A lowercase letter whose own prototype is not ASCII borrows its capital's (κ → ĸ, but Κ → K: κ → k).
        for (source, target) in resolved where !Self.isASCIIAlphanumeric(target) {
            guard let scalar = Unicode.Scalar(source), scalar.properties.changesWhenUppercased else { continue }
            let upper = Array(scalar.properties.uppercaseMapping.unicodeScalars)
            if upper.count == 1, let borrowed = uppercase[upper[0].value] { resolved[source] = borrowed }
        }
        for (source, target) in uppercase {
            guard let scalar = Unicode.Scalar(source) else { continue }
            let lower = Array(scalar.properties.lowercaseMapping.unicodeScalars)
            if lower.count == 1, lower[0].value >= 0x80, resolved[lower[0].value] == nil {
                resolved[lower[0].value] = target
            }
        }
        skeletonMap.merge(resolved) { _, new in new }
        uppercaseSkeletonMap.merge(uppercase) { _, new in new }
    }

    // MARK: Leet

    mutating func parseLeet(_ text: String) throws {
        let table = Table.leet
        try Self.forEachLine(of: text) { line, number in
            let fields = Self.fields(line, 0x09)
            guard fields.count == 2 else {
                throw Self.malformed(table, number, "expected 'substitute<TAB>letters'")
            }
            guard let substitute = Self.singleScalar(fields[0]), substitute < 0x80 else {
                throw Self.malformed(table, number, "the substitute must be one ASCII character")
            }
            var letters: [UInt8] = []
            for letter in fields[1].utf8.split(separator: 0x20).map({ Substring($0) }) {
                guard let value = Self.singleScalar(letter), ScalarClasses.isASCIILowercaseLetter(value) else {
                    throw Self.malformed(table, number, "'\(letter)' is not a lowercase ASCII letter")
                }
                letters.append(UInt8(value))
            }
            guard !letters.isEmpty else { throw Self.malformed(table, number, "no letters") }
            leet[Int(substitute)] = letters
        }
    }

    // MARK: Chinese similarity

    private static func hanScalars(_ field: Substring, _ table: Table, _ number: Int) throws -> [UInt32] {
        var result: [UInt32] = []
        for scalar in field.unicodeScalars where scalar != " " {
            guard ScalarClasses.isHan(scalar.value) || scalar.properties.isIdeographic else {
                throw malformed(table, number, "'\(scalar)' is not a Han character")
            }
            result.append(scalar.value)
        }
        return result
    }

    mutating func parseSamePinyin(_ text: String) throws {
        let table = Table.samePinyin
        try Self.forEachLine(of: text) { line, number in
            let fields = Self.fields(line, 0x09)
            guard fields.count >= 2, let head = Self.singleScalar(fields[0]) else {
                throw Self.malformed(table, number, "expected a character then its 同音同调 and 同音异调 sets")
            }
            // Columns 2 and 3 only: 同音同调 and 同音异调; later columns (近音) are too loose for marks.
            for field in fields.dropFirst().prefix(2) {
                for other in try Self.hanScalars(field, table, number) where other != head {
                    soundAlikePairs.insert(Self.pairKey(head, other))
                }
            }
        }
    }

    private mutating func addShapePair(_ a: UInt32, _ b: UInt32) {
        guard a != b else { return }
        shapeAlikePairs.insert(Self.pairKey(a, b))
        if !shapeNeighbours[a, default: []].contains(b) { shapeNeighbours[a, default: []].append(b) }
        if !shapeNeighbours[b, default: []].contains(a) { shapeNeighbours[b, default: []].append(a) }
    }

    mutating func parseCuratedShapeAlike(_ text: String) throws {
        let table = Table.curatedShapeAlike
        try Self.forEachLine(of: text) { line, number in
            let fields = Self.fields(line, 0x09)
            guard fields.count >= 2, let a = Self.singleScalar(fields[0]), let b = Self.singleScalar(fields[1]),
                ScalarClasses.isHan(a), ScalarClasses.isHan(b)
            else {
                throw Self.malformed(table, number, "expected two Han characters separated by a tab")
            }
            addShapePair(a, b)
        }
    }

    mutating func parseSameStroke(_ text: String) throws {
        let table = Table.sameStroke
        try Self.forEachLine(of: text) { line, number in
            var group: [UInt32] = []
            for field in line.utf8.split(separator: 0x09).map({ Substring($0) }) {
                guard let value = Self.singleScalar(field), ScalarClasses.isHan(value) else {
                    throw Self.malformed(table, number, "'\(field)' is not a single Han character")
                }
                group.append(value)
            }
            guard group.count >= 2 else { throw Self.malformed(table, number, "a group needs two characters") }
            for i in group.indices {
                for j in group.indices where j > i { addShapePair(group[i], group[j]) }
            }
        }
    }

    mutating func parseVisualConfusables(_ text: String) throws {
        let table = Table.visualConfusables
        let tolerance = Self.visualConfusableStrokeTolerance
        try Self.forEachLine(of: text) { line, number in
            let parts = line.utf8.split(separator: 0x3A, maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let head = Self.singleScalar(Substring(parts[0])) else {
                throw Self.malformed(table, number, "expected \"char: ['a', 'b']\"")
            }
            let list = Self.trimmed(Substring(parts[1])).utf8
            guard list.first == 0x5B, list.last == 0x5D else {
                throw Self.malformed(table, number, "expected a bracketed list after ':'")
            }
            for item in list.dropFirst().dropLast().split(separator: 0x2C) {
                let quoted = Self.trimmed(Substring(item)).utf8
                guard quoted.count >= 3, quoted.first == 0x27, quoted.last == 0x27,
                    let other = Self.singleScalar(Substring(quoted.dropFirst().dropLast()))
                else {
                    throw Self.malformed(table, number, "'\(item)' is not a quoted character")
                }
                // The ML list is noisy: keep a pair only between ordinary ideographs of similar complexity.
                guard ScalarClasses.isStableHan(head), ScalarClasses.isStableHan(other),
                    let s1 = strokes[head], let s2 = strokes[other], abs(Int(s1) - Int(s2)) <= tolerance
                else { continue }
                addShapePair(head, other)
            }
        }
    }

    /// Fills `readingCodes` from `readings`, numbering the readings as they are first met.
    mutating func packReadingCodes() {
        let base = Self.readingCodeBase
        readingCodes = [UInt64](repeating: 0, count: Int(0xA000 - base))
        var numbers: [String: UInt64] = [:]
        for (scalar, scalarReadings) in readings.sorted(by: { $0.key < $1.key })
        where scalar >= base && scalar < 0xA000 {
            guard scalarReadings.count <= 4 else {
                readingCodes[Int(scalar - base)] = Self.readingCodeOverflow
                continue
            }
            var code: UInt64 = 0
            for (lane, reading) in scalarReadings.enumerated() {
                let number = numbers[reading] ?? UInt64(numbers.count + 1)
                numbers[reading] = number
                code |= number << (16 * UInt64(lane))
                // Mandarin has about 400 toneless syllables; past 16 bits' worth, compare the strings instead.
                if number > 0xFFFF { code = Self.readingCodeOverflow }
            }
            readingCodes[Int(scalar - base)] = code
        }
    }
}
