import CustosCore
import Foundation

/// A deterministic generator of realistic trademark registers, for load tests and benchmarks of mark search.
///
/// Names are built from English words and brand-like morphemes (`NOVATECH`, `GREEN PEAK`), invented syllabic
/// words (`KORELLO`), characters common in Chinese brand names (`华星`, `金龙宝`) and a few mixed-script names;
/// classes follow the skew of real registers (9, 25, 35, 3, 30, 41 and 42 most common), 1–3 per mark; owners
/// come from a generated pool of company names in which some hold many marks; most marks are registered.
///
/// Record `i` depends only on the seed and `i`: the first 1,000 rights are the same whether 1,000 or 1,000,000
/// are asked for, on every platform and in every run.
///
/// - Complexity: O(1) time and memory per right; ``forEachRight(count:organisation:_:)`` and
///   ``writeCSV(count:to:)`` stream, so a register of any size needs only the owner pool in memory.
public struct RegisterGenerator: Sendable {
    /// The seed every record derives from.
    public let seed: UInt64
    private let owners: [String]
    private let classTable: [NiceClass]
    /// Every one- and two-class list, built once: most marks share one of these arrays instead of allocating.
    private let classLists: [[NiceClass]]

    /// How many owners the generated register has.
    public static let ownerCount = 5_000

    /// Creates a generator.
    ///
    /// - Parameter seed: Any value; equal seeds give equal registers.
    public init(seed: UInt64) {
        self.seed = seed
        // The owner pool uses a stream no record index reaches.
        var random = SampleRandom(seed: seed, stream: .max)
        owners = (0..<Self.ownerCount).map { _ in Self.makeOwnerName(&random) }
        classTable = Self.classWeights.flatMap { number, weight in
            NiceClass(number).map { Array(repeating: $0, count: weight) } ?? []
        }
        let all = (1...45).compactMap(NiceClass.init)
        classLists = all.flatMap { first in all.map { second in first == second ? [first] : [first, second].sorted() } }
    }

    /// Makes the right at position `index` of the register.
    ///
    /// - Parameters:
    ///   - index: The position, from 0; the right's id is `GEN-` followed by `index` in at least seven digits.
    ///   - organisation: The tenant the right belongs to.
    /// - Returns: A word-mark trademark.
    public func makeRight(at index: Int, organisation: Organisation.ID = Organisation.defaultID) -> Right {
        var random = SampleRandom(seed: seed, stream: UInt64(truncatingIfNeeded: index))
        let name = Self.makeMarkName(&random)
        let isHan = name.utf8.first.map { $0 >= 0xE0 } ?? false
        let jurisdiction = isHan && random.chance(0.85) ? "CN" : random.pick(Self.jurisdictions)
        let classes = makeClasses(&random)
        // The smaller of two draws favours low indices: a few owners hold many marks, as in real registers.
        let owner = owners[min(random.below(owners.count), random.below(owners.count))]
        let status = Self.statuses[random.below(Self.statuses.count)]
        return Right(
            id: Right.ID(Self.identifier("GEN-", index, width: 7)), organisation: organisation, kind: .trademark,
            name: name, classes: classes, owner: owner, jurisdiction: jurisdiction, status: status,
            details: RightDetails(
                registrationNumber: Self.makeRegistrationNumber(&random, jurisdiction: jurisdiction),
                markType: "word"))
    }

    /// Makes the first `count` rights of the register.
    ///
    /// - Parameters:
    ///   - count: How many rights to make.
    ///   - organisation: The tenant the rights belong to.
    /// - Returns: Rights `GEN-0000000` to `count - 1`, in order.
    /// - Complexity: O(`count`) time and memory; use ``forEachRight(count:organisation:_:)`` for large registers.
    public func makeRights(count: Int, organisation: Organisation.ID = Organisation.defaultID) -> [Right] {
        var rights: [Right] = []
        rights.reserveCapacity(max(count, 0))
        forEachRight(count: count, organisation: organisation) { rights.append($0) }
        return rights
    }

    /// Calls `body` with each of the first `count` rights in order, without keeping them.
    ///
    /// - Parameters:
    ///   - count: How many rights to make.
    ///   - organisation: The tenant the rights belong to.
    ///   - body: Receives each right; an error it throws stops the iteration and is rethrown.
    /// - Complexity: O(`count`) time, O(1) memory.
    public func forEachRight(
        count: Int, organisation: Organisation.ID = Organisation.defaultID, _ body: (Right) throws -> Void
    ) rethrows {
        for index in 0..<max(count, 0) {
            try body(makeRight(at: index, organisation: organisation))
        }
    }

    /// Writes the first `count` rights as a rights-import CSV file (`docs/formats.md`), header included.
    ///
    /// - Parameters:
    ///   - count: How many rights to write.
    ///   - url: The file to create or replace.
    /// - Throws: ``SampleDataError/Code/io`` when the file cannot be written.
    /// - Complexity: O(`count`) time, O(1) memory.
    public func writeCSV(count: Int, to url: URL) throws {
        var output = try BufferedOutput(url: url)
        output.bytes.appendUTF8(RightsCSV.header + "\n")
        try forEachRight(count: count) { right in
            RightsCSV.append(right, to: &output.bytes)
            try output.flushIfFull()
        }
        try output.close()
    }

    // MARK: - Parts

    private func makeClasses(_ random: inout SampleRandom) -> [NiceClass] {
        let roll = random.below(100)
        let first = classTable[random.below(classTable.count)]
        if roll < 55 { return classLists[(first.number - 1) * 46] }
        var second = classTable[random.below(classTable.count)]
        while second == first { second = classTable[random.below(classTable.count)] }
        if roll < 85 { return classLists[(first.number - 1) * 45 + second.number - 1] }
        var third = classTable[random.below(classTable.count)]
        while third == first || third == second { third = classTable[random.below(classTable.count)] }
        var classes = [first, second, third]
        classes.sort()
        return classes
    }

    /// Relative frequencies of Nice classes in filings, rounded from the shape of published register statistics
    /// (class 9, 25, 35 lead; services 41–43 and goods 3, 30 follow).
    static let classWeights: [(Int, Int)] = [
        (1, 10), (2, 5), (3, 70), (4, 5), (5, 40), (6, 15), (7, 30), (8, 10), (9, 120), (10, 20), (11, 30),
        (12, 20), (13, 2), (14, 20), (15, 5), (16, 30), (17, 5), (18, 30), (19, 10), (20, 20), (21, 30), (22, 5),
        (23, 3), (24, 15), (25, 100), (26, 5), (27, 5), (28, 30), (29, 40), (30, 70), (31, 20), (32, 40), (33, 20),
        (34, 7), (35, 100), (36, 20), (37, 20), (38, 15), (39, 20), (40, 10), (41, 60), (42, 70), (43, 40),
        (44, 20), (45, 10),
    ]

    static let jurisdictions = [
        "CN", "CN", "CN", "CN", "CN", "CN", "CN", "CN", "CN", "US", "US", "US", "EM", "EM", "JP", "KR", "GB", "DE",
        "IN", "WO",
    ]

    static let statuses: [RightStatus] =
        Array(repeating: .registered, count: 80) + Array(repeating: .pending, count: 8)
        + Array(repeating: .filed, count: 4) + Array(repeating: .expired, count: 5)
        + Array(repeating: .cancelled, count: 2) + [.refused]

    static func makeMarkName(_ random: inout SampleRandom) -> String {
        typealias V = RegisterVocabulary
        let style = random.below(100)
        switch style {
        case ..<22:
            return makeHanName(&random)
        case ..<25:
            let han =
                V.hanCharacters[random.below(V.hanCharacters.count)]
                + V.hanCharacters[random.below(V.hanCharacters.count)]
            let latin = random.chance(0.5) ? random.pick(V.englishWords) : random.pick(V.prefixes)
            return random.chance(0.5) ? han + latin : han + " " + latin
        case ..<45:
            return random.pick(V.prefixes) + random.pick(V.suffixes)
        case ..<62:
            return makeInventedWord(&random)
        case ..<80:
            let second = random.chance(0.5) ? random.pick(V.englishWords) : random.pick(V.descriptors)
            return random.pick(V.englishWords) + " " + second
        case ..<92:
            return random.pick(V.englishWords) + " " + makeInventedWord(&random)
        default:
            return random.pick(V.englishWords) + " " + random.pick(V.englishWords) + " " + random.pick(V.descriptors)
        }
    }

    static func makeHanName(_ random: inout SampleRandom) -> String {
        typealias V = RegisterVocabulary
        let length = 2 + random.below(3)
        var name = ""
        for _ in 0..<length {
            name += V.hanCharacters[random.below(V.hanCharacters.count)]
        }
        if length < 4 && random.chance(0.15) {
            name += random.pick(V.hanSuffixes)
        }
        return name
    }

    static func makeInventedWord(_ random: inout SampleRandom) -> String {
        typealias V = RegisterVocabulary
        let syllables = random.chance(0.1) ? 4 : 2 + random.below(2)
        var word = ""
        for position in 0..<syllables {
            let isLast = position == syllables - 1
            // Clusters only open a word and codas only close a syllable with a single consonant, which keeps
            // the words pronounceable (KORELLO, VANTISA) rather than strings like AINTPRAI.
            if position == 0 {
                word += random.chance(0.85) ? random.pick(V.onsets) : ""
            } else {
                word += random.pick(V.simpleOnsets)
            }
            word += position == 0 || random.chance(0.85) ? random.pick(V.vowels) : random.pick(V.diphthongs)
            if random.chance(isLast ? 0.35 : 0.3) {
                word += isLast ? random.pick(V.finalCodas) : random.pick(V.codas)
            }
        }
        return word
    }

    static func makeOwnerName(_ random: inout SampleRandom) -> String {
        typealias V = RegisterVocabulary
        switch random.below(10) {
        case 0..<4:
            let brand = random.pick(V.pinyinSyllables) + random.pick(V.pinyinSyllables).lowercased()
            return "\(random.pick(V.cities)) \(brand) \(random.pick(V.industries)) Co., Ltd."
        case 4..<6:
            let brand =
                V.hanCharacters[random.below(V.hanCharacters.count)]
                + V.hanCharacters[random.below(V.hanCharacters.count)]
            return random.pick(V.hanCities) + brand + random.pick(V.hanIndustries) + "有限公司"
        case 6..<8:
            let first = random.pick(V.englishWords).capitalized
            let second =
                random.chance(0.5) ? random.pick(V.descriptors).capitalized : makeInventedWord(&random).capitalized
            return "\(first) \(second) \(random.pick(V.companyForms))"
        default:
            let word = (random.pick(V.prefixes) + random.pick(V.suffixes)).capitalized
            return "\(word) \(random.pick(V.companyForms))"
        }
    }

    static func makeRegistrationNumber(_ random: inout SampleRandom, jurisdiction: String) -> String {
        switch jurisdiction {
        case "CN": return String(10_000_000 + random.below(60_000_000))
        case "EM": return identifier("0", random.below(19_000_000), width: 8)
        case "WO": return String(700_000 + random.below(1_100_000))
        case "KR": return identifier("40-", random.below(2_100_000), width: 7)
        case "US": return String(1_000_000 + random.below(6_500_000))
        default: return String(1_000_000 + random.below(8_000_000))
        }
    }

    static func zeroPadded(_ value: Int, width: Int) -> String {
        identifier("", value, width: width)
    }

    /// `prefix` followed by `value` in at least `width` digits, written straight into the string's storage
    /// (inline for up to 15 bytes): ids are made for every record, so this avoids an intermediate buffer.
    static func identifier(_ prefix: StaticString, _ value: Int, width: Int) -> String {
        let magnitude = value.magnitude
        var digitCount = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digitCount += 1
        }
        let sign = value < 0 ? 1 : 0
        let length = prefix.utf8CodeUnitCount + sign + max(width, digitCount)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var position = 0
            prefix.withUTF8Buffer { bytes in
                for byte in bytes {
                    buffer[position] = byte
                    position += 1
                }
            }
            if sign == 1 {
                buffer[position] = UInt8(ascii: "-")
                position += 1
            }
            for _ in 0..<max(0, width - digitCount) {
                buffer[position] = UInt8(ascii: "0")
                position += 1
            }
            var rest = magnitude
            var last = length - 1
            repeat {
                buffer[last] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
                last -= 1
            } while rest > 0
            return length
        }
    }
}
