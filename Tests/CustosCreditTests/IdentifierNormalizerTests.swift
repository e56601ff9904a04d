import CustosCore
import Foundation
import Testing

@testable import CustosCredit

@Suite struct IdentifierNormalizerTests {
    let normalizer = IdentifierNormalizer.standard

    @Test(arguments: [
        ("  Alice.Smith+shop@Example.COM ", "alice.smith@example.com"),
        ("A.l.i.c.e+promo@googlemail.com", "alice@gmail.com"),
        ("ALICE@GMAIL.COM", "alice@gmail.com"),
        ("Alice Smith <alice@example.com>", "alice@example.com"),
        ("mailto:Bob@Example.org", "bob@example.org"),
        ("ａｌｉｃｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "alice@example.com"),
        ("bob@example.com.", "bob@example.com"),
        ("first.last@outlook.com", "first.last@outlook.com"),
    ])
    func foldsEmailVariations(raw: String, expected: String) {
        #expect(normalizer.normalize(raw, as: .email)?.value == expected)
    }

    @Test(arguments: ["alice", "@example.com", "alice@localhost", "+tag@example.com", "alice@.com", "a b@example.com"])
    func rejectsMalformedEmails(raw: String) {
        #expect(normalizer.normalize(raw, as: .email) == nil)
    }

    @Test(arguments: [
        ("+86 138-0013-8000", "8613800138000"),
        ("138 0013 8000", "8613800138000"),
        ("0086 13800138000", "8613800138000"),
        ("8613800138000", "8613800138000"),
        ("(010) 6552 9988", "861065529988"),
        ("+1 (415) 555-0100", "14155550100"),
        ("Tel: +44 20 7946 0958 ext. 12", "442079460958"),
        ("１３８００１３８０００", "8613800138000"),
        ("+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", "971501234567"),
    ])
    func reducesPhonesToInternationalDigits(raw: String, expected: String) {
        #expect(normalizer.normalize(raw, as: .phone)?.value == expected)
    }

    @Test func defaultCountryCodeIsConfigurable() {
        let british = IdentifierNormalizer(defaultCountryCode: "44", trunkPrefix: "0", maximumNationalDigits: 10)
        #expect(british.normalize("020 7946 0958", as: .phone)?.value == "442079460958")
        #expect(british.normalize("+44 20 7946 0958", as: .phone)?.value == "442079460958")
    }

    @Test func rejectsPhonesWithoutEnoughDigits() {
        let seller = SellerIdentifiers(seller: "s", phones: ["n/a", "123"])
        #expect(normalizer.normalize(seller).rejected.map(\.reason) == [.malformed, .tooShort])
    }

    @Test(arguments: [
        ("6222 0212-3456 7890", "6222021234567890"),
        ("DE89 3704 0044 0532 0130 00", "de89370400440532013000"),
        ("alipay:Shop.Owner@Example.com", "alipay:shop.owner@example.com"),
    ])
    func foldsPaymentAccounts(raw: String, expected: String) {
        #expect(normalizer.normalize(raw, as: .paymentAccount)?.value == expected)
    }

    @Test func foldsAddressCaseSpacingPunctuationAndAccents() {
        let forms = [
            "Room 5, No. 12 Keyuan Rd., Nanshan", "room 5 no 12 keyuan rd nanshan",
            "ROOM 5 -- NO.12  KEYUAN RD / NANSHAN",
        ]
        let normalized = Set(forms.compactMap { normalizer.normalize($0, as: .address)?.value })
        #expect(normalized == ["room 5 no 12 keyuan rd nanshan"])
        #expect(normalizer.normalize("Bahnhofstraße 5, Zürich", as: .address)?.value == "bahnhofstraße 5 zurich")
        #expect(normalizer.normalize("广东省，深圳市南山区科技园１２号", as: .address)?.value == "广东省 深圳市南山区科技园12号")
        #expect(normalizer.normalize("n/a", as: .address) == nil)
    }

    @Test func acceptsShopImageHashesInEitherCase() {
        let hex = String(repeating: "aB", count: 32)
        #expect(normalizer.normalize(" \(hex) ", as: .shopImage)?.value == hex.lowercased())
        #expect(normalizer.normalize(String(hex.dropLast()), as: .shopImage) == nil)
        #expect(normalizer.normalize(String(repeating: "g", count: 64), as: .shopImage) == nil)
    }

    @Test func ignoredValuesLinkNoOne() {
        var normalizer = IdentifierNormalizer()
        let isIgnored = normalizer.ignore("Escrow+seller@Platform.com", as: .email)
        let isMalformedIgnored = normalizer.ignore("not an email", as: .email)
        #expect(isIgnored)
        #expect(!isMalformedIgnored)
        let seller = SellerIdentifiers(seller: "s", emails: ["escrow@platform.com", "me@shop.com"])
        let result = normalizer.normalize(seller)
        #expect(result.identifiers == [NormalizedIdentifier(kind: .email, value: "me@shop.com")])
        #expect(
            result.rejected == [.init(kind: .email, value: "escrow@platform.com", reason: .ignored)])
    }

    @Test func sellerNormalizationDropsDuplicatesInFirstSeenOrder() {
        let seller = SellerIdentifiers(
            seller: "s", emails: ["B@x.com", "b+1@x.com", "a@x.com"], phones: ["13800138000", "+8613800138000"])
        #expect(
            normalizer.normalize(seller).identifiers.map(\.value) == ["b@x.com", "a@x.com", "8613800138000"])
    }

    @Test(arguments: [
        (NormalizedIdentifier(kind: .email, value: "alice@example.com"), "a***@example.com"),
        (NormalizedIdentifier(kind: .phone, value: "8613800138000"), "***8000"),
        (NormalizedIdentifier(kind: .paymentAccount, value: "6222021234567890"), "***7890"),
        (NormalizedIdentifier(kind: .address, value: "room 5 no 12 keyuan rd"), "room***"),
        (NormalizedIdentifier(kind: .shopImage, value: String(repeating: "0f", count: 32)), "0f0f0f0f0f0f0f0f..."),
    ])
    func masksValuesForDisplay(identifier: NormalizedIdentifier, expected: String) {
        #expect(identifier.masked == expected)
    }

    @Test func normalizerDecodesWithDefaultsAndRejectsALetteredCountryCode() throws {
        let decoded = try JSONDecoder().decode(
            IdentifierNormalizer.self, from: Data(#"{"default_country_code":"44"}"#.utf8))
        #expect(decoded.defaultCountryCode == "44")
        #expect(decoded.minimumPhoneDigits == 7)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(IdentifierNormalizer.self, from: Data(#"{"default_country_code":"+44"}"#.utf8))
        }
        var normalizer = IdentifierNormalizer()
        normalizer.ignore("b@x.com", as: .email)
        normalizer.ignore("a@x.com", as: .email)
        let data = try JSONEncoder().encode(normalizer)
        #expect(try JSONDecoder().decode(IdentifierNormalizer.self, from: data) == normalizer)
    }
}

@Suite struct ImageHashTests {
    @Test func parsesAndPrintsHex() throws {
        let hex = "0123456789abcdef" + "fedcba9876543210" + "0000000000000000" + "ffffffffffffffff"
        let hash = try ImageHash(hex: hex.uppercased())
        #expect(hash.hex == hex)
        #expect(hash.words.0 == 0x0123_4567_89AB_CDEF)
        #expect(hash.chunk(0) == 0x0123)
        #expect(hash.chunk(3) == 0xCDEF)
        #expect(hash.chunk(15) == 0xFFFF)
        #expect(throws: CustosError.self) { try ImageHash(hex: "xyz") }
    }

    @Test(arguments: [(0, 1), (1, 17), (2, 137), (3, 697), (16, 65_536)])
    func probeMasksAreEveryMaskWithinTheRadius(radius: Int, count: Int) {
        let masks = SellerNetworkIndex.masks(flippingAtMost: radius)
        #expect(masks.count == count)
        #expect(Set(masks).count == count)
        #expect(masks.allSatisfy { $0.nonzeroBitCount <= radius })
    }

    @Test func distanceCountsDifferingBits() throws {
        let zero = ImageHash(words: (0, 0, 0, 0))
        #expect(zero.distance(to: ImageHash(words: (1, 0, 0, 0b11))) == 3)
        #expect(zero.distance(to: ImageHash(words: (.max, .max, .max, .max))) == 256)
        #expect(zero.distance(to: zero) == 0)
    }
}
