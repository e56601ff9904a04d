import CustosCore
import Foundation

/// Turns raw seller identifiers into ``NormalizedIdentifier``s so that trivial variations still link.
///
/// Every value is first put in Unicode NFKC (full-width `ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ` becomes ASCII) and trimmed.
/// Then, by kind:
///
/// - **email**: a `Name <address>` or `mailto:` wrapper is removed; lowercased; the local part loses any
///   `+tag`; for `gmail.com` and `googlemail.com` (one mailbox) dots in the local part are removed and the domain is
///   `gmail.com`. Needs a non-empty local part and a domain with an inner dot.
/// - **phone**: decimal digits only (letters before the first digit, such as `Tel:`, are skipped; a letter after
///   it ends the number, so `ext. 12` is not appended). `+CC…` and `00CC…` are international. Otherwise a leading
///   ``trunkPrefix`` is dropped and ``defaultCountryCode`` prepended, unless the digits already begin with the
///   country code and are longer than ``maximumNationalDigits``. Needs ``minimumPhoneDigits`` digits.
/// - **payment account**: lowercased, whitespace and hyphens removed. Needs ``minimumPaymentAccountLength``.
/// - **address**: lowercased, accents removed, every run of characters that are not letters or digits (punctuation,
///   spaces) becomes one space. Needs ``minimumAddressLength`` letters and digits.
/// - **shop image**: 64 hexadecimal digits, lowercased.
///
/// A normalized value in ``ignored`` is rejected, so that placeholders (`n/a@example.com`) or identifiers shared
/// by unrelated sellers (a marketplace's escrow account, a fulfilment centre's address) link no one.
public struct IdentifierNormalizer: Hashable, Sendable, Codable {
    /// Why a raw identifier was not used.
    public enum RejectionReason: String, Hashable, Sendable, Codable, CaseIterable {
        /// It is not an identifier of its kind (no `@`, not hexadecimal, …).
        case malformed
        /// It is too short to identify anyone.
        case tooShort = "too_short"
        /// Its normalized value is in ``IdentifierNormalizer/ignored``.
        case ignored
    }

    /// A raw identifier that was not used, and why.
    public struct Rejection: Hashable, Sendable, Codable {
        /// The identifier's kind.
        public var kind: SellerIdentifierKind
        /// The raw value as given.
        public var value: String
        /// Why it was not used.
        public var reason: RejectionReason

        /// Creates a rejection.
        ///
        /// - Parameters:
        ///   - kind: the identifier's kind.
        ///   - value: the raw value.
        ///   - reason: why it was not used.
        public init(kind: SellerIdentifierKind, value: String, reason: RejectionReason) {
            self.kind = kind
            self.value = value
            self.reason = reason
        }
    }

    /// The country calling code given to national phone numbers (digits only, e.g. `"86"`).
    public var defaultCountryCode: String
    /// The national trunk prefix dropped from national numbers (e.g. `"0"`; empty for none).
    public var trunkPrefix: String
    /// The longest national number; longer numbers that begin with the country code already carry it.
    public var maximumNationalDigits: Int
    /// The fewest digits a normalized phone number may have.
    public var minimumPhoneDigits: Int
    /// The fewest characters a normalized payment account may have.
    public var minimumPaymentAccountLength: Int
    /// The fewest letters and digits a normalized address may have.
    public var minimumAddressLength: Int
    /// Normalized values that link no one.
    public var ignored: Set<NormalizedIdentifier>

    /// The default rules: country code 86, trunk prefix 0, national numbers of up to 11 digits; phones of at least
    /// 7 digits, payment accounts of at least 4 characters, addresses of at least 6 letters and digits.
    public static let standard = IdentifierNormalizer()

    /// Creates a normalizer.
    ///
    /// - Parameters:
    ///   - defaultCountryCode: the country code for national phone numbers.
    ///   - trunkPrefix: the national trunk prefix.
    ///   - maximumNationalDigits: the longest national number.
    ///   - minimumPhoneDigits: the fewest digits of a phone number.
    ///   - minimumPaymentAccountLength: the fewest characters of a payment account.
    ///   - minimumAddressLength: the fewest letters and digits of an address.
    ///   - ignored: normalized values that link no one.
    public init(
        defaultCountryCode: String = "86", trunkPrefix: String = "0", maximumNationalDigits: Int = 11,
        minimumPhoneDigits: Int = 7, minimumPaymentAccountLength: Int = 4, minimumAddressLength: Int = 6,
        ignored: Set<NormalizedIdentifier> = []
    ) {
        self.defaultCountryCode = defaultCountryCode
        self.trunkPrefix = trunkPrefix
        self.maximumNationalDigits = maximumNationalDigits
        self.minimumPhoneDigits = minimumPhoneDigits
        self.minimumPaymentAccountLength = minimumPaymentAccountLength
        self.minimumAddressLength = minimumAddressLength
        self.ignored = ignored
    }

    /// Normalizes one raw identifier.
    ///
    /// - Parameters:
    ///   - raw: the value as given.
    ///   - kind: its kind.
    /// - Returns: the normalized identifier, or `nil` when it is malformed, too short or ignored.
    public func normalize(_ raw: String, as kind: SellerIdentifierKind) -> NormalizedIdentifier? {
        guard case .accepted(let identifier) = classify(raw, as: kind) else { return nil }
        return identifier
    }

    /// Normalizes all of a seller's identifiers.
    ///
    /// - Parameter seller: the raw identifiers.
    /// - Returns: the distinct normalized identifiers in first-seen order, and the raw values that were rejected.
    public func normalize(_ seller: SellerIdentifiers) -> (
        identifiers: [NormalizedIdentifier], rejected: [Rejection]
    ) {
        var identifiers: [NormalizedIdentifier] = []
        var rejected: [Rejection] = []
        // A seller usually has a handful of identifiers, which a linear scan checks faster than a set; a set takes
        // over for the rare seller with many.
        var seen: Set<NormalizedIdentifier>?
        func isNew(_ identifier: NormalizedIdentifier) -> Bool {
            if seen == nil, identifiers.count < 16 { return !identifiers.contains(identifier) }
            if seen == nil { seen = Set(identifiers) }
            return seen?.insert(identifier).inserted ?? true
        }
        func add(_ values: [String], as kind: SellerIdentifierKind) {
            for value in values {
                switch classify(value, as: kind) {
                case .accepted(let identifier):
                    if isNew(identifier) { identifiers.append(identifier) }
                case .rejected(let reason):
                    rejected.append(Rejection(kind: kind, value: value, reason: reason))
                }
            }
        }
        add(seller.emails, as: .email)
        add(seller.phones, as: .phone)
        add(seller.paymentAccounts, as: .paymentAccount)
        add(seller.addresses, as: .address)
        add(seller.shopImageHashes, as: .shopImage)
        return (identifiers, rejected)
    }

    /// Adds a raw value to ``ignored`` in its normalized form.
    ///
    /// - Parameters:
    ///   - raw: the value as it appears in data.
    ///   - kind: its kind.
    /// - Returns: `false` when the value does not normalize (it would link no one anyway).
    @discardableResult
    public mutating func ignore(_ raw: String, as kind: SellerIdentifierKind) -> Bool {
        guard case .accepted(let identifier) = classify(raw, as: kind) else { return false }
        ignored.insert(identifier)
        return true
    }

    /// The outcome of normalizing one value.
    enum Outcome<Value> {
        case accepted(Value)
        case rejected(RejectionReason)
    }

    /// Normalizes one value. ASCII input, nearly all of it, runs the rules on its UTF-8 bytes without leaving the
    /// standard library (a bulk load normalizes millions of values); other input is NFKC-mapped and lowercased by
    /// Foundation and runs the same rules on Unicode scalars.
    func classify(_ raw: String, as kind: SellerIdentifierKind) -> Outcome<NormalizedIdentifier> {
        let outcome: Outcome<String>
        if raw.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = raw.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
            outcome = apply(kind, to: NormalizationRules.trimmed(bytes))
        } else {
            let scalars = Array(raw.precomposedStringWithCompatibilityMapping.lowercased().unicodeScalars)
            outcome = apply(kind, to: NormalizationRules.trimmed(scalars))
        }
        switch outcome {
        case .rejected(let reason): return .rejected(reason)
        case .accepted(let value):
            let identifier = NormalizedIdentifier(kind: kind, value: value)
            return !ignored.isEmpty && ignored.contains(identifier) ? .rejected(.ignored) : .accepted(identifier)
        }
    }

    private func apply<Unit: TextUnit>(_ kind: SellerIdentifierKind, to text: ArraySlice<Unit>) -> Outcome<String> {
        switch kind {
        case .email:
            return NormalizationRules.email(text).map(Unit.string)
        case .phone:
            return NormalizationRules.phone(
                text, countryCode: defaultCountryCode, trunkPrefix: trunkPrefix,
                maximumNationalDigits: maximumNationalDigits, minimumDigits: minimumPhoneDigits
            ).map { String(decoding: $0, as: UTF8.self) }
        case .paymentAccount:
            return NormalizationRules.paymentAccount(text, minimumLength: minimumPaymentAccountLength).map(Unit.string)
        case .address:
            return NormalizationRules.address(text, minimumLength: minimumAddressLength).map(Unit.string)
        case .shopImage:
            return NormalizationRules.shopImage(text).map(Unit.string)
        }
    }

    /// Decodes a normalizer; absent fields take the ``standard`` values.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = IdentifierNormalizer()
        defaultCountryCode =
            try container.decodeIfPresent(String.self, forKey: .defaultCountryCode) ?? standard.defaultCountryCode
        guard defaultCountryCode.allSatisfy(\.isASCIIDigit) else {
            throw DecodingError.dataCorruptedError(
                forKey: .defaultCountryCode, in: container, debugDescription: "a country code is digits only")
        }
        trunkPrefix = try container.decodeIfPresent(String.self, forKey: .trunkPrefix) ?? standard.trunkPrefix
        guard trunkPrefix.allSatisfy(\.isASCIIDigit) else {
            throw DecodingError.dataCorruptedError(
                forKey: .trunkPrefix, in: container, debugDescription: "a trunk prefix is digits only")
        }
        maximumNationalDigits =
            try container.decodeIfPresent(Int.self, forKey: .maximumNationalDigits) ?? standard.maximumNationalDigits
        minimumPhoneDigits =
            try container.decodeIfPresent(Int.self, forKey: .minimumPhoneDigits) ?? standard.minimumPhoneDigits
        minimumPaymentAccountLength =
            try container.decodeIfPresent(Int.self, forKey: .minimumPaymentAccountLength)
            ?? standard.minimumPaymentAccountLength
        minimumAddressLength =
            try container.decodeIfPresent(Int.self, forKey: .minimumAddressLength) ?? standard.minimumAddressLength
        ignored = try container.decodeIfPresent(Set<NormalizedIdentifier>.self, forKey: .ignored) ?? []
    }

    /// Encodes the normalizer with ``ignored`` sorted, so equal normalizers encode to equal bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(defaultCountryCode, forKey: .defaultCountryCode)
        try container.encode(trunkPrefix, forKey: .trunkPrefix)
        try container.encode(maximumNationalDigits, forKey: .maximumNationalDigits)
        try container.encode(minimumPhoneDigits, forKey: .minimumPhoneDigits)
        try container.encode(minimumPaymentAccountLength, forKey: .minimumPaymentAccountLength)
        try container.encode(minimumAddressLength, forKey: .minimumAddressLength)
        try container.encode(ignored.sorted(), forKey: .ignored)
    }

    enum CodingKeys: String, CodingKey {
        case defaultCountryCode = "default_country_code"
        case trunkPrefix = "trunk_prefix"
        case maximumNationalDigits = "maximum_national_digits"
        case minimumPhoneDigits = "minimum_phone_digits"
        case minimumPaymentAccountLength = "minimum_payment_account_length"
        case minimumAddressLength = "minimum_address_length"
        case ignored
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
