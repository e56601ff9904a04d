import Foundation

/// A unit of text the normalization rules run on: a UTF-8 byte of ASCII text (the fast path) or a Unicode scalar.
protocol TextUnit: Equatable {
    init(asciiByte: UInt8)
    /// Unicode `White_Space`.
    var isWhitespace: Bool { get }
    /// A letter or a digit of any script (what an address keeps).
    var isLetterOrNumber: Bool { get }
    /// A letter of any script.
    var isLetter: Bool { get }
    /// A combining mark such as an accent, which addresses drop.
    var isNonspacingMark: Bool { get }
    /// The ASCII byte of a decimal digit of any script ("٣" is `"3"`), or `nil`.
    var decimalDigit: UInt8? { get }
    /// A lowercase hexadecimal digit.
    var isLowercaseHexDigit: Bool { get }
    /// The units as a string.
    static func string(_ units: [Self]) -> String
    /// The units in Unicode canonical decomposition (NFD), accents apart from their letters.
    static func decomposed(_ units: ArraySlice<Self>) -> [Self]
    /// The units in Unicode canonical composition (NFC).
    static func composed(_ units: [Self]) -> [Self]
}

extension UInt8: TextUnit {
    init(asciiByte: UInt8) { self = asciiByte }
    var isWhitespace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
    var isLetter: Bool { (0x61...0x7A).contains(self) || (0x41...0x5A).contains(self) }
    var isLetterOrNumber: Bool { isLetter || (0x30...0x39).contains(self) }
    var isNonspacingMark: Bool { false }
    var decimalDigit: UInt8? { (0x30...0x39).contains(self) ? self : nil }
    var isLowercaseHexDigit: Bool { (0x30...0x39).contains(self) || (0x61...0x66).contains(self) }
    static func string(_ units: [UInt8]) -> String { String(decoding: units, as: UTF8.self) }
    // ASCII is its own decomposition and composition.
    static func decomposed(_ units: ArraySlice<UInt8>) -> [UInt8] { Array(units) }
    static func composed(_ units: [UInt8]) -> [UInt8] { units }
}

extension Unicode.Scalar: TextUnit {
    init(asciiByte: UInt8) { self.init(asciiByte) }
    var isWhitespace: Bool { isASCII ? UInt8(value).isWhitespace : properties.isWhitespace }
    var isLetter: Bool { isASCII ? UInt8(value).isLetter : properties.isAlphabetic }
    var isLetterOrNumber: Bool {
        isASCII ? UInt8(value).isLetterOrNumber : properties.isAlphabetic || properties.numericType != nil
    }
    var isNonspacingMark: Bool { !isASCII && properties.generalCategory == .nonspacingMark }
    var decimalDigit: UInt8? {
        if isASCII { return UInt8(value).decimalDigit }
        guard properties.numericType == .decimal, let digit = properties.numericValue, (0...9).contains(digit)
        else { return nil }
        return 0x30 + UInt8(digit)
    }
    var isLowercaseHexDigit: Bool { isASCII && UInt8(value).isLowercaseHexDigit }
    static func string(_ units: [Unicode.Scalar]) -> String {
        var text = ""
        text.unicodeScalars.reserveCapacity(units.count)
        for unit in units { text.unicodeScalars.append(unit) }
        return text
    }
    static func decomposed(_ units: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        Array(string(Array(units)).decomposedStringWithCanonicalMapping.unicodeScalars)
    }
    static func composed(_ units: [Unicode.Scalar]) -> [Unicode.Scalar] {
        Array(string(units).precomposedStringWithCanonicalMapping.unicodeScalars)
    }
}

extension IdentifierNormalizer.Outcome {
    func map<Other>(_ transform: (Value) -> Other) -> IdentifierNormalizer.Outcome<Other> {
        switch self {
        case .accepted(let value): return .accepted(transform(value))
        case .rejected(let reason): return .rejected(reason)
        }
    }
}

/// The normalization rules of ``IdentifierNormalizer``, on lowercased text of either unit.
enum NormalizationRules {
    typealias Outcome = IdentifierNormalizer.Outcome

    static func trimmed<Unit: TextUnit>(_ text: [Unit]) -> ArraySlice<Unit> {
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return [] }
        return text[first...last]
    }

    /// Whether `units` are exactly the ASCII text `ascii`, without allocating.
    static func equals<Unit: TextUnit>(_ units: some Collection<Unit>, ascii: StaticString) -> Bool {
        guard units.count == ascii.utf8CodeUnitCount else { return false }
        return ascii.withUTF8Buffer { bytes in zip(units, bytes).allSatisfy { $0 == Unit(asciiByte: $1) } }
    }

    /// Whether `units` begin with the ASCII text `ascii`, without allocating.
    static func hasPrefix<Unit: TextUnit>(_ units: some Collection<Unit>, ascii: StaticString) -> Bool {
        guard units.count >= ascii.utf8CodeUnitCount else { return false }
        return ascii.withUTF8Buffer { bytes in zip(units, bytes).allSatisfy { $0 == Unit(asciiByte: $1) } }
    }

    static func email<Unit: TextUnit>(_ text: ArraySlice<Unit>) -> Outcome<[Unit]> {
        var address = text
        if let open = address.lastIndex(of: Unit(asciiByte: UInt8(ascii: "<"))),
            let close = address.lastIndex(of: Unit(asciiByte: UInt8(ascii: ">"))), open < close
        {
            address = trimmed(Array(address[(open + 1)..<close]))
        }
        if hasPrefix(address, ascii: "mailto:") { address = address.dropFirst(7) }
        let at = Unit(asciiByte: UInt8(ascii: "@"))
        let dot = Unit(asciiByte: UInt8(ascii: "."))
        guard let separator = address.lastIndex(of: at) else { return .rejected(.malformed) }
        var local = address[..<separator]
        var domain = address[(separator + 1)...]
        while domain.last == dot { domain = domain.dropLast() }
        if let plus = local.firstIndex(of: Unit(asciiByte: UInt8(ascii: "+"))) { local = local[..<plus] }
        guard !local.isEmpty, let firstDot = domain.firstIndex(of: dot), firstDot != domain.startIndex,
            !local.contains(where: \.isWhitespace), !domain.contains(where: { $0.isWhitespace || $0 == at })
        else { return .rejected(.malformed) }
        var result: [Unit] = []
        result.reserveCapacity(local.count + domain.count + 1)
        // Gmail ignores dots in the local part (a.l.i.c.e@gmail.com is alice@gmail.com), and googlemail.com is
        // the same service.
        let isGmail = equals(domain, ascii: "gmail.com") || equals(domain, ascii: "googlemail.com")
        if isGmail {
            result.append(contentsOf: local.lazy.filter { $0 != dot })
            guard !result.isEmpty else { return .rejected(.malformed) }
            result.append(at)
            result.append(contentsOf: "gmail.com".utf8.map(Unit.init(asciiByte:)))
        } else {
            result.append(contentsOf: local)
            result.append(at)
            result.append(contentsOf: domain)
        }
        return .accepted(result)
    }

    static func phone<Unit: TextUnit>(
        _ text: ArraySlice<Unit>, countryCode: String, trunkPrefix: String, maximumNationalDigits: Int,
        minimumDigits: Int
    ) -> Outcome<[UInt8]> {
        var digits: [UInt8] = []
        digits.reserveCapacity(text.count + countryCode.utf8.count)
        var isInternational = false
        let plus = Unit(asciiByte: UInt8(ascii: "+"))
        for unit in text {
            if let digit = unit.decimalDigit {
                digits.append(digit)
            } else if unit == plus, digits.isEmpty {
                isInternational = true
            } else if unit.isLetter, !digits.isEmpty {
                // "ext. 12" and the like end the number.
                break
            }
        }
        guard !digits.isEmpty else { return .rejected(.malformed) }
        if isInternational {
            // Already international.
        } else if digits.starts(with: [0x30, 0x30]) {
            digits.removeFirst(2)
        } else if !trunkPrefix.isEmpty, digits.starts(with: trunkPrefix.utf8) {
            digits.replaceSubrange(0..<trunkPrefix.utf8.count, with: countryCode.utf8)
        } else if !countryCode.isEmpty, digits.starts(with: countryCode.utf8), digits.count > maximumNationalDigits {
            // A national-looking number that already carries the country code.
        } else {
            digits.insert(contentsOf: countryCode.utf8, at: 0)
        }
        return digits.count >= minimumDigits ? .accepted(digits) : .rejected(.tooShort)
    }

    static func paymentAccount<Unit: TextUnit>(_ text: ArraySlice<Unit>, minimumLength: Int) -> Outcome<[Unit]> {
        let hyphen = Unit(asciiByte: UInt8(ascii: "-"))
        let folded = text.filter { !$0.isWhitespace && $0 != hyphen }
        guard !folded.isEmpty else { return .rejected(.malformed) }
        return folded.count >= minimumLength ? .accepted(folded) : .rejected(.tooShort)
    }

    static func address<Unit: TextUnit>(_ text: ArraySlice<Unit>, minimumLength: Int) -> Outcome<[Unit]> {
        // Decomposing first lets the accents go: Zürich is zurich.
        fold(Unit.decomposed(text)[...], minimumLength: minimumLength).map(Unit.composed)
    }

    private static func fold<Unit: TextUnit>(_ text: ArraySlice<Unit>, minimumLength: Int) -> Outcome<[Unit]> {
        let space = Unit(asciiByte: UInt8(ascii: " "))
        var folded: [Unit] = []
        folded.reserveCapacity(text.count)
        var isSpacePending = false
        var significant = 0
        for unit in text where !unit.isNonspacingMark {
            if unit.isLetterOrNumber {
                if isSpacePending, !folded.isEmpty { folded.append(space) }
                isSpacePending = false
                folded.append(unit)
                significant += 1
            } else {
                isSpacePending = true
            }
        }
        guard significant > 0 else { return .rejected(.malformed) }
        return significant >= minimumLength ? .accepted(folded) : .rejected(.tooShort)
    }

    static func shopImage<Unit: TextUnit>(_ text: ArraySlice<Unit>) -> Outcome<[Unit]> {
        guard text.count == 64, text.allSatisfy(\.isLowercaseHexDigit) else { return .rejected(.malformed) }
        return .accepted(Array(text))
    }
}
