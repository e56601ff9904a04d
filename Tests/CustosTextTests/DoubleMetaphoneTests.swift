import Testing

@testable import CustosText

@Suite struct DoubleMetaphoneTests {
    /// Reference keys from Philips' examples and the original C++ implementation (keys up to 6 characters;
    /// where the original's 4-character cut applies, the longer key extends it).
    static let references: [(word: String, primary: String, alternate: String)] = [
        ("Smith", "SM0", "XMT"),
        ("Schmidt", "XMT", "SMT"),
        ("Thompson", "TMPSN", "TMPSN"),
        ("Thumb", "0M", "TM"),
        ("Knight", "NT", "NT"),
        ("Xavier", "SF", "SFR"),
        ("Caesar", "SSR", "SSR"),
        ("Gough", "KF", "KF"),
        ("Laugh", "LF", "LF"),
        ("Dumb", "TM", "TM"),
        ("Edge", "AJ", "AJ"),
        ("Filipowicz", "FLPTS", "FLPFX"),
        ("Jankelowicz", "JNKLTS", "ANKLFX"),
        ("Arnow", "ARN", "ARNF"),
        ("Tichner", "TXNR", "TKNR"),
        ("Michael", "MKL", "MXL"),
        ("Chemistry", "KMSTR", "KMSTR"),
        ("Bacchus", "PKS", "PKS"),
        ("Bertucci", "PRTX", "PRTX"),
        ("Accident", "AKSTNT", "AKSTNT"),
        ("Hugh", "H", "H"),
        ("Tagliaro", "TKLR", "TLR"),
        ("Cabrillo", "KPRL", "KPR"),
        ("Gallegos", "KLKS", "KKS"),
        ("Rogier", "RJ", "RJR"),
        ("Zhao", "J", "J"),
        ("Womo", "AM", "FM"),
        ("Hochmeier", "HKMR", "HKMR"),
        ("Thomas", "TMS", "TMS"),
        ("Catherine", "K0RN", "KTRN"),
        ("Czerny", "SRN", "XRN"),
        ("Focaccia", "FKX", "FKX"),
        ("Edgar", "ATKR", "ATKR"),
        ("Sugar", "XKR", "SKR"),
        ("School", "SKL", "SKL"),
        ("Schenker", "XNKR", "SKNKR"),
        ("Resnais", "RSN", "RSNS"),
        ("Breaux", "PR", "PR"),
        ("Campbell", "KMPL", "KMPL"),
        ("Biaggi", "PJ", "PK"),
        ("Ghislane", "JLN", "JLN"),
        ("Cagney", "KKN", "KKN"),
        ("Island", "ALNT", "ALNT"),
        ("Wasserman", "ASRMN", "FSRMN"),
        ("Orchestra", "ARKSTR", "ARKSTR"),
        ("Jose", "HS", "HS"),
        ("Gucci", "KX", "KX"),
    ]

    @Test(arguments: references)
    func matchesReferenceKeys(_ reference: (word: String, primary: String, alternate: String)) {
        let keys = DoubleMetaphone.keys(of: reference.word)
        #expect(keys.primary == reference.primary, "\(reference.word)")
        #expect(keys.alternate == reference.alternate, "\(reference.word)")
    }

    @Test func ignoresCase() {
        let lower = DoubleMetaphone.keys(of: "schmidt")
        let upper = DoubleMetaphone.keys(of: "SCHMIDT")
        #expect(lower.primary == upper.primary && lower.alternate == upper.alternate)
    }

    @Test func cutsKeysAtMaximumLength() {
        let keys = DoubleMetaphone.keys(of: "supercalifragilisticexpialidocious")
        #expect(keys.primary.count == DoubleMetaphone.maximumLength)
        #expect(keys.alternate.count == DoubleMetaphone.maximumLength)
    }

    @Test func encodesEmptyAndLetterlessInputAsEmpty() {
        #expect(DoubleMetaphone.keys(of: "").primary.isEmpty)
        #expect(DoubleMetaphone.keys(of: "123").primary.isEmpty)
    }

    @Test func pinyinRespellingSharesKeyWithBrand() {
        #expect(DoubleMetaphone.keys(of: "naike").primary == "NK")
        #expect(DoubleMetaphone.keys(of: "nike").primary == "NK")
    }
}
