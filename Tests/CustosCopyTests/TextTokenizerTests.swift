import Testing

@testable import CustosCopy

private func words(_ text: String) -> [UInt64] {
    TextTokenizer().tokenize(text).symbols
}

private func forms(_ spaced: String) -> [UInt64] {
    spaced.split(separator: " ").map { TokenSymbol.make($0) }
}

@Suite struct TextTokenizerTests {
    @Test func englishBecomesLowerCasedWordsWithoutPunctuation() {
        #expect(
            words("The quick, brown FOX — jumped!  Over 2 dogs.") == forms("the quick brown fox jumped over 2 dogs"))
    }

    @Test func chineseIsTokenizedByCharacter() {
        #expect(words("我们今天去公园。") == forms("我 们 今 天 去 公 园"))
    }

    @Test func japaneseKanaAndKanjiAreOneTokenEach() {
        #expect(words("東京へ行きます、カタカナ") == forms("東 京 へ 行 き ま す カ タ カ ナ"))
    }

    @Test func hangulSyllablesAreOneTokenEach() {
        #expect(words("한국어 문장") == forms("한 국 어 문 장"))
    }

    @Test func mixedScriptsSplitAtTheScriptBoundary() {
        #expect(words("Swift语言is很好, Привет мир") == forms("swift 语 言 is 很 好 привет мир"))
    }

    @Test func fullWidthFormsFoldToASCII() {
        #expect(words("ＨＥＬＬＯ　Ｗｏｒｌｄ １２３") == words("hello world 123"))
        #expect(words("ﾃｽﾄ") == words("テスト"))
    }

    @Test func compatibilityAndCaseVariantsFold() {
        #expect(words("ﬁne Straße") == words("FINE STRASSE"))
        #expect(words("Cafe\u{301}") == words("café"))
    }

    @Test func punctuationOnlyTextHasNoTokens() {
        #expect(words("... ,,, !!! — “” 。、").isEmpty)
    }

    @Test func everyTokenCarriesItsLine() {
        let stream = TextTokenizer().tokenize("one two\n\nthree\r\n四五\rsix")
        #expect(stream.lines == [1, 1, 3, 4, 4, 5])
    }

    @Test func textTokenizerReportsTheTextLanguage() {
        #expect(TextTokenizer().language == .text)
    }
}
