import Testing

@testable import CustosText

@Suite struct TextNormalizerTests {
    let normalizer = TextNormalizer.standard

    // MARK: folded, words, compact

    @Test func foldsCasePunctuationAndSymbols() {
        let forms = normalizer.forms(of: "Nike Air-Max!")
        #expect(forms.folded == "nike air max")
        #expect(forms.words == ["nike", "air", "max"])
        #expect(forms.compact == "nikeairmax")
        #expect(forms.original == "Nike Air-Max!")
    }

    @Test(arguments: [
        ("Müller", "muller"), ("Straße", "strasse"), ("ØRSTED", "orsted"), ("Łódź", "lodz"),
        ("Café  Noir", "cafe noir"),
        ("Levi's", "levis"), ("McDonald’s", "mcdonalds"), ("ﬁnal", "final"), ("①②", "12"), ("  --  ", ""),
    ])
    func foldsDiacriticsLigaturesAndApostrophes(_ text: String, _ expected: String) {
        #expect(normalizer.fold(text) == expected)
    }

    @Test func keepsARunOfHanCharactersAsOneWord() {
        #expect(normalizer.forms(of: "康师傅 ltd").words == ["康师傅", "ltd"])
        #expect(normalizer.forms(of: "康师傅ltd").words == ["康师傅", "ltd"])
        #expect(normalizer.fold("康师傅，方便面。") == "康师傅 方便面")
    }

    @Test func keepsLeetSymbolsOnlyBeforeLettersOrDigits() {
        #expect(normalizer.fold("$AMSUNG") == "$amsung")
        #expect(normalizer.fold("L!PTON") == "l!pton")
        #expect(normalizer.fold("Yahoo!") == "yahoo")
        #expect(normalizer.fold("Nike | Adidas") == "nike adidas")
    }

    @Test func composesHalfwidthKanaVoicing() {
        #expect(normalizer.fold("ｶﾞｷﾞ") == "ガギ")
    }

    @Test(arguments: [
        "Nike Air-Max!", "康师傅 ltd", "Müller & Söhne GmbH", "ＮＩＫＥ", "СHANEL", "L!PTON", "ｶﾞｷﾞ", "삼성전자",
        "Brand new Nike Air Max 90 — men's size 10, free shipping!", "全新正品耐克Air Max 90跑步鞋，包邮！", "",
    ])
    func wordsAndFoldAgreeWithForms(_ text: String) {
        let forms = normalizer.forms(of: text)
        #expect(normalizer.words(of: text) == forms.words)
        #expect(normalizer.fold(text) == forms.folded)
        #expect(forms.words.joined(separator: " ") == forms.folded)
        #expect(forms.words.joined() == forms.compact)
    }

    @Test(arguments: [
        "Chaussures de course neuves — Boîte d’origine, taille 42", "Ölçü: büyük; ﬁyat ½", "ＡＢＣ１２３！", "Ελληνικά ΝΙΚΕ",
        "Кока-Кола", "Tiếng Việt có dấu", "삼성전자", "ガギグ", "アイウ", "nai\u{0308}ve", "Ⅻ ㈱ ㎏",
    ])
    func tabulatedNormalizationMatchesFoundation(_ text: String) {
        #expect(TextNormalizer.normalizedScalars(of: text) == TextNormalizer.foundationNormalizedScalars(of: text))
    }

    // MARK: skeleton

    @Test(arguments: [
        ("ＮＩＫＥ", "nike"), ("ＮＩКЕ", "nike"), ("nіke", "nike"), ("СHANEL", "chanel"), ("ΝΙΚΕ", "nike"),
        ("nіке", "nike"), ("Ꭺdidas", "adidas"), ("РЕРЅІ", "pepsi"),
    ])
    func foldsHomoglyphsToLatin(_ text: String, _ expected: String) {
        let forms = normalizer.forms(of: text)
        #expect(forms.skeleton == expected)
        #expect(forms.script == .latin)
    }

    @Test(arguments: [
        "corner", "modern", "illinois", "mom", "lol", "rnrn", "0123456789", "il1", "oo00", "vvw", "cl", "nike",
    ])
    func leavesPlainASCIIUnchanged(_ text: String) {
        #expect(normalizer.forms(of: text).skeleton == text)
    }

    @Test func leavesEveryASCIILetterAndDigitUnchanged() {
        let all = "abcdefghijklmnopqrstuvwxyz0123456789"
        #expect(normalizer.forms(of: all).skeleton == all)
        #expect(normalizer.forms(of: all.uppercased()).skeleton == all)
    }

    @Test func leavesHanUnchangedInSkeleton() {
        #expect(normalizer.forms(of: "一口").skeleton == "一口")
    }

    // MARK: deleeted

    @Test func undoesLeet() {
        let forms = normalizer.forms(of: "N1KE")
        #expect(forms.skeleton == "n1ke")
        #expect(forms.deleeted == "nike")
        #expect(forms.deleetVariants == ["nlke"])
        #expect(forms.latin == "nike")
        #expect(normalizer.forms(of: "$AMSUNG").deleeted == "samsung")
        #expect(normalizer.forms(of: "@DIDAS").deleeted == "adidas")
        #expect(normalizer.forms(of: "H1LT0N").deleeted == "hilton")
    }

    @Test func keepsDigitsOfLetterlessWords() {
        #expect(normalizer.forms(of: "501").deleeted == "501")
        #expect(normalizer.forms(of: "Levi's 501").deleeted == "levis501")
        #expect(normalizer.forms(of: "501").deleetVariants.isEmpty)
    }

    @Test func boundsAndDeduplicatesDeleetVariants() {
        let forms = normalizer.forms(of: "1|7ab")
        #expect(forms.deleeted == "iltab")
        #expect(forms.deleetVariants.count == TextNormalizer.maximumDeleetVariants)
        #expect(forms.deleetVariants.count <= TextNormalizer.maximumDeleetVariants)
        #expect(Set(forms.deleetVariants).count == forms.deleetVariants.count)
        #expect(!forms.deleetVariants.contains(forms.deleeted))
        #expect(forms.deleetVariants.first == "lltab")
    }

    // MARK: Han, pinyin, latin

    @Test func transliteratesHanToPinyin() {
        let forms = normalizer.forms(of: "耐克")
        #expect(forms.latin == "naike")
        #expect(forms.pinyinSyllables == ["nai", "ke"])
        #expect(forms.hanCharacters == ["耐", "克"])
        #expect(forms.script == .han)
    }

    @Test func simplifiesTraditionalHan() {
        let forms = normalizer.forms(of: "康師傅")
        #expect(forms.compact == "康師傅")
        #expect(forms.simplified == "康师傅")
        #expect(forms.hanCharacters == ["康", "师", "傅"])
        #expect(forms.latin == "kangshifu")
        #expect(normalizer.forms(of: "KANGSHIFU").latin == forms.latin)
    }

    @Test func writesUmlautUAsU() {
        #expect(normalizer.forms(of: "绿").pinyinSyllables == ["lu"])
    }

    @Test func sharesPhoneticKeyAcrossScripts() {
        let chinese = normalizer.forms(of: "耐克")
        let latin = normalizer.forms(of: "NIKE")
        let respelled = normalizer.forms(of: "NAIKE")
        #expect(latin.phoneticKeys.contains("NK"))
        #expect(chinese.phoneticKeys.contains("NK"))
        #expect(respelled.phoneticKeys.contains("NK"))
        #expect(normalizer.forms(of: "501").phoneticKeys.isEmpty)
    }

    @Test func classifiesScripts() {
        #expect(normalizer.forms(of: "康师傅 ltd").script == .mixed)
        #expect(normalizer.forms(of: "Samsung").script == .latin)
        #expect(normalizer.forms(of: "雪碧").script == .han)
        #expect(normalizer.forms(of: "삼성").script == .other)
        #expect(normalizer.forms(of: "7-11").script == .latin)
        #expect(normalizer.forms(of: "!!!").script == .other)
    }

    @Test func leavesNonHanCharactersOfSimplifiedUnchanged() {
        #expect(normalizer.forms(of: "Müller 後").simplified == "muller后")
    }
}
