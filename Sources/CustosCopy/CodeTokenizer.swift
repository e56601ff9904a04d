/// Reduces source code to the token sequence that survives renaming, reformatting and re-commenting: the
/// normalisation of MOSS and JPlag.
///
/// - Identifiers (type, function and variable names, Unicode identifiers, Swift's `` `name` ``, C#'s `@name`,
///   Rust's `r#name`) become `V`; Rust lifetimes (`'a`) become `'V`.
/// - Keywords and built-in type names (see `LanguageSyntax`) are kept as themselves.
/// - Numeric literals of every form (`0x1F`, `0b1010`, `1_000`, `10UL`, `1.5f`, `6.02e23`, `0x1p3`,
///   `1'000`) become `N`.
/// - String and character literals of every form become `S`: escapes, Python's prefixes and triple quotes,
///   JavaScript template literals (one `S` however deeply `${…}` nests), C#'s `@"…"`, `$"…"` and `"""…"""`,
///   Swift's `"""…"""` and `#"…"#`, Rust's `r#"…"#`, `b"…"` and chars, Go's `` `…` ``, C++'s `R"d(…)d"`, Java
///   text blocks, and JavaScript regex literals.
/// - Comments are dropped (`//`, `/* */`, nested in Swift and Rust, `#` in Python), and so is a Python string
///   that is a whole statement (a docstring).
/// - Operators and punctuation are kept, multi-character operators matched longest first (`<<=`, `===`, `?.`).
/// - `;` is dropped everywhere, so optional-semicolon styles (Go, JavaScript, Swift) do not matter.
/// - Python: an indentation increase emits `{` and a decrease `}` (lines continued inside brackets or by `\` do
///   not count), so block structure is fingerprinted as it is for brace languages.
/// - C and C++: `#include` and `#import` lines are dropped (they name headers, not logic); other directives
///   become one token (`#define`) followed by the line's tokens. C# drops `#region` and `#endregion` lines.
///
/// The lexer is total: an unterminated block comment or multi-line string ends at the end of the file, an
/// unterminated single-line string (one the language does not let span lines) ends at the end of its line, and
/// any character that starts no token is a token of its own.
///
/// - Complexity: `tokenize(_:)` is O(n) in the number of Unicode scalars.
public struct CodeTokenizer: Tokenizer {
    /// The language this tokenizer reads.
    public let language: SourceLanguage
    let table: SymbolTable

    /// Creates the tokenizer for `language`; `.text` gets a generic lexer with no keywords, comments or strings
    /// (use `TextTokenizer` for natural language).
    public init(language: SourceLanguage) {
        self.language = language
        self.table = SymbolTable.forLanguage(language)
    }

    /// The file's normalised tokens with their 1-based lines.
    ///
    /// - Complexity: O(n) in the number of Unicode scalars of `text`.
    public func tokenize(_ text: String) -> TokenStream {
        var lexer = CodeLexer(scalars: Array(text.unicodeScalars), language: language, table: table)
        lexer.run()
        return lexer.output
    }
}

/// A language's syntax with every fixed token's symbol precomputed.
struct SymbolTable: Sendable {
    struct Operator: Sendable {
        var scalars: [Unicode.Scalar]
        var symbol: UInt64
    }

    let syntax: LanguageSyntax
    /// The keywords' symbols: an ASCII identifier's FNV-1a hash, computed while it is scanned, is looked up
    /// here instead of building a `String` for every identifier.
    let keywordSymbols: Set<UInt64>
    /// The symbols of keywords after which an operand is expected.
    let operandKeywordSymbols: Set<UInt64>
    let longestKeyword: Int
    /// Multi-character operators by first scalar (all are ASCII), longest first.
    let operatorsByFirst: [[Operator]]
    /// The symbol of every one-character ASCII token.
    let asciiSymbols: [UInt64]

    static let identifier = TokenSymbol.make("V")
    static let number = TokenSymbol.make("N")
    static let string = TokenSymbol.make("S")
    static let lifetime = TokenSymbol.make("'V")
    static let openBrace = TokenSymbol.make("{")
    static let closeBrace = TokenSymbol.make("}")

    init(syntax: LanguageSyntax) {
        self.syntax = syntax
        keywordSymbols = Set(syntax.keywords.map { TokenSymbol.make($0) })
        operandKeywordSymbols = Set(syntax.operandKeywords.map { TokenSymbol.make($0) })
        longestKeyword = syntax.keywords.map { $0.unicodeScalars.count }.max() ?? 0
        var operators = [[Operator]](repeating: [], count: 128)
        for text in syntax.operators {
            let scalars = Array(text.unicodeScalars)
            guard let first = scalars.first, first.isASCII else { continue }
            operators[Int(first.value)].append(Operator(scalars: scalars, symbol: TokenSymbol.make(text)))
        }
        for index in operators.indices { operators[index].sort { $0.scalars.count > $1.scalars.count } }
        operatorsByFirst = operators
        asciiSymbols = (0..<128).map { value in
            var form = ""
            form.unicodeScalars.append(Unicode.Scalar(UInt8(value)))
            return TokenSymbol.make(form)
        }
    }

    private static let tables: [SourceLanguage: SymbolTable] = {
        var tables: [SourceLanguage: SymbolTable] = [:]
        for language in SourceLanguage.allCases {
            tables[language] = SymbolTable(syntax: LanguageSyntax.forLanguage(language))
        }
        return tables
    }()

    static func forLanguage(_ language: SourceLanguage) -> SymbolTable {
        tables[language] ?? SymbolTable(syntax: LanguageSyntax.forLanguage(language))
    }
}

/// One run of the lexer over one file.
struct CodeLexer {
    /// Nested `${…}` / `\(…)` / `{…}` holes deeper than this are skipped by bracket counting alone, so that
    /// adversarial nesting cannot exhaust the stack.
    static let maximumNesting = 48
    /// A JavaScript regex literal longer than this is taken to be a division, which bounds the rescanning a line
    /// full of slashes can cause.
    static let maximumRegexLength = 1024
    /// Rust and Swift raw strings take at most this many `#` (Rust's own limit is 255).
    static let maximumHashes = 255

    let s: [Unicode.Scalar]
    let n: Int
    let language: SourceLanguage
    let table: SymbolTable
    let syntax: LanguageSyntax
    var output = TokenStream()

    private var i = 0
    private var line = 1
    /// No token yet on the current physical line (for preprocessor directives).
    private var firstOnLine = true
    /// An operand is expected next, so `/` starts a regex literal (JavaScript, TypeScript).
    private var operandExpected = true
    // Python's logical lines.
    private var bracketDepth = 0
    private var atLogicalLineStart = true
    private var physicalLineStart = 0
    private var indents: [Int] = [0]
    private var lineTokenCount = 0
    private var lineOnlyStrings = true

    init(scalars: [Unicode.Scalar], language: SourceLanguage, table: SymbolTable) {
        self.s = scalars
        self.n = scalars.count
        self.language = language
        self.table = table
        self.syntax = table.syntax
        output.symbols.reserveCapacity(n / 4)
        output.lines.reserveCapacity(n / 4)
    }

    // MARK: Driver

    mutating func run() {
        while i < n {
            let c = s[i]
            if c == "\n" || c == "\r" {
                i += (c == "\r" && at(i + 1) == "\n") ? 2 : 1
                newline()
                continue
            }
            if c == "\\" && (at(i + 1) == "\n" || at(i + 1) == "\r") {
                // Line continuation: the next physical line belongs to this logical line.
                i += 1
                i += (s[i] == "\r" && at(i + 1) == "\n") ? 2 : 1
                line += 1
                firstOnLine = true
                continue
            }
            if c == " " || c == "\t" || (c.value >= 128 && c.properties.isWhitespace) {
                i += 1
                continue
            }
            if let end = commentEnd(at: i) {
                advance(to: end)
                continue
            }
            if syntax.hasIndentationBlocks && atLogicalLineStart { indent() }
            lexToken(c)
            firstOnLine = false
        }
        if syntax.hasIndentationBlocks {
            endLogicalLine()
            // The blocks still open close on the last line that has a token, not on the empty line after it.
            let lastLine = output.lines.last.map(Int.init) ?? line
            while indents.count > 1 {
                indents.removeLast()
                emit(SymbolTable.closeBrace, line: lastLine)
            }
        }
    }

    private mutating func lexToken(_ c: Unicode.Scalar) {
        let start = i
        let startLine = line
        if syntax.hasPreprocessor && c == "#" && firstOnLine {
            directive()
            return
        }
        if let end = stringEnd(at: i, nesting: 0) {
            advance(to: end)
            emit(SymbolTable.string, line: startLine, isString: true)
            operandExpected = false
            return
        }
        if isDigit(c) || (c == "." && isDigit(at(i + 1))) {
            i = numberEnd(at: i)
            emit(SymbolTable.number, line: startLine)
            operandExpected = false
            return
        }
        if isIdentifierStart(c) {
            identifier()
            return
        }
        switch c {
        case "`" where language == .swift:
            // An escaped identifier: `` `default` `` is a name, not the keyword.
            var j = i + 1
            while j < n && s[j] != "`" && s[j] != "\n" && s[j] != "\r" { j += 1 }
            i = j < n && s[j] == "`" ? j + 1 : j
            emitOperand(SymbolTable.identifier, line: startLine)
            return
        case "@" where language == .csharp && isIdentifierStart(at(i + 1)):
            // A verbatim identifier: `@class` is a name.
            i += 1
            i = identifierEnd(at: i)
            emitOperand(SymbolTable.identifier, line: startLine)
            return
        case "'" where language == .rust && isIdentifierStart(at(i + 1)):
            // Not a char literal (stringEnd would have taken it): a lifetime or loop label.
            i = identifierEnd(at: i + 1)
            emitOperand(SymbolTable.lifetime, line: startLine)
            return
        case "/" where syntax.hasRegexLiterals && operandExpected:
            if let end = regexEnd(at: i) {
                i = end
                emitOperand(SymbolTable.string, line: startLine)
                return
            }
        default:
            break
        }
        if c.isASCII {
            for candidate in table.operatorsByFirst[Int(c.value)] where matches(candidate.scalars, at: start) {
                i = start + candidate.scalars.count
                emit(candidate.symbol, line: startLine)
                operandExpected = true
                return
            }
        }
        i += 1
        if c == ";" { return }
        if syntax.hasIndentationBlocks {
            if c == "(" || c == "[" || c == "{" {
                bracketDepth += 1
            } else if c == ")" || c == "]" || c == "}" {
                bracketDepth = max(0, bracketDepth - 1)
            }
        }
        if c.isASCII {
            emit(table.asciiSymbols[Int(c.value)], line: startLine)
        } else {
            var form = ""
            form.unicodeScalars.append(c)
            emit(TokenSymbol.make(form), line: startLine)
        }
        operandExpected = !(c == ")" || c == "]" || c == "}")
    }

    private mutating func identifier() {
        let start = i
        let startLine = line
        let end = identifierEnd(at: i)
        i = end
        if language == .rust && end - start == 1 && s[start] == "r" && at(end) == "#" && isIdentifierStart(at(end + 1))
        {
            // A raw identifier: `r#type` is a name.
            i = identifierEnd(at: end + 1)
            emitOperand(SymbolTable.identifier, line: startLine)
            return
        }
        if end - start <= table.longestKeyword {
            // FNV-1a as TokenSymbol.make computes it, over the identifier's ASCII bytes.
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var isASCII = true
            for index in start..<end {
                let value = s[index].value
                if value >= 128 { isASCII = false }
                hash ^= UInt64(value & 0xFF)
                hash &*= 0x0000_0100_0000_01b3
            }
            if isASCII && table.keywordSymbols.contains(hash) {
                emit(hash, line: startLine)
                operandExpected = table.operandKeywordSymbols.contains(hash)
                return
            }
        }
        emitOperand(SymbolTable.identifier, line: startLine)
    }

    /// A preprocessor line: `#include` lines vanish, other directives become one `#name` token.
    private mutating func directive() {
        let startLine = line
        var j = i + 1
        while j < n && (s[j] == " " || s[j] == "\t") { j += 1 }
        let nameStart = j
        while j < n && isASCIILetter(s[j]) { j += 1 }
        var name = ""
        name.unicodeScalars.append(contentsOf: s[nameStart..<j])
        if syntax.droppedDirectives.contains(name) {
            i = lineEnd(from: j)
            return
        }
        i = j
        emit(TokenSymbol.make("#" + name), line: startLine)
        operandExpected = true
    }

    // MARK: Python blocks

    private mutating func newline() {
        line += 1
        firstOnLine = true
        physicalLineStart = i
        if syntax.hasIndentationBlocks && bracketDepth == 0 {
            endLogicalLine()
            atLogicalLineStart = true
        }
    }

    /// A logical line made only of strings is a docstring (or a bare string statement): it does nothing, so it is
    /// dropped like a comment.
    private mutating func endLogicalLine() {
        if lineTokenCount > 0 && lineOnlyStrings {
            output.symbols.removeLast(lineTokenCount)
            output.lines.removeLast(lineTokenCount)
        }
        lineTokenCount = 0
        lineOnlyStrings = true
    }

    private mutating func indent() {
        atLogicalLineStart = false
        var width = 0
        for index in physicalLineStart..<i {
            switch s[index] {
            case "\t": width = (width / 8 + 1) * 8
            case "\u{0C}": width = 0
            default: width += 1
            }
        }
        while let last = indents.last, width < last, indents.count > 1 {
            indents.removeLast()
            emit(SymbolTable.closeBrace, line: line)
        }
        if let last = indents.last, width > last {
            indents.append(width)
            emit(SymbolTable.openBrace, line: line)
        }
        lineTokenCount = 0
        lineOnlyStrings = true
    }

    // MARK: Emission

    private mutating func emit(_ symbol: UInt64, line: Int, isString: Bool = false) {
        output.append(symbol: symbol, line: line)
        if syntax.hasIndentationBlocks {
            lineTokenCount += 1
            if !isString { lineOnlyStrings = false }
        }
    }

    private mutating func emitOperand(_ symbol: UInt64, line: Int) {
        emit(symbol, line: line)
        operandExpected = false
    }

    /// Moves to `end`, counting the line breaks passed.
    private mutating func advance(to end: Int) {
        var j = i
        while j < end {
            let c = s[j]
            if c == "\n" || (c == "\r" && (j + 1 >= n || s[j + 1] != "\n")) {
                line += 1
                firstOnLine = true
                physicalLineStart = j + 1
            }
            j += 1
        }
        i = end
    }

    // MARK: Scalar classes

    @inline(__always) private func at(_ index: Int) -> Unicode.Scalar { index < n ? s[index] : "\u{0}" }

    @inline(__always) private func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    @inline(__always) private func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122)
    }

    @inline(__always) private func isHexDigit(_ c: Unicode.Scalar) -> Bool {
        isDigit(c) || (c.value >= 65 && c.value <= 70) || (c.value >= 97 && c.value <= 102)
    }

    private func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 {
            return isASCIILetter(c) || c == "_" || (c == "$" && syntax.allowsDollarInIdentifiers)
        }
        return c.properties.isXIDStart
    }

    private func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
        if c.value < 128 {
            return isASCIILetter(c) || isDigit(c) || c == "_" || (c == "$" && syntax.allowsDollarInIdentifiers)
        }
        return c.properties.isXIDContinue
    }

    private func identifierEnd(at start: Int) -> Int {
        var j = start
        while j < n && isIdentifierContinue(s[j]) { j += 1 }
        return j
    }

    private func lineEnd(from start: Int) -> Int {
        var j = start
        while j < n && s[j] != "\n" && s[j] != "\r" { j += 1 }
        return j
    }

    private func matches(_ scalars: [Unicode.Scalar], at start: Int) -> Bool {
        guard start + scalars.count <= n else { return false }
        var offset = 0
        while offset < scalars.count {
            if s[start + offset] != scalars[offset] { return false }
            offset += 1
        }
        return true
    }

    // MARK: Numbers

    private func numberEnd(at start: Int) -> Int {
        var j = start
        var isHex = false
        if s[j] == "0" && (at(j + 1) == "x" || at(j + 1) == "X") {
            isHex = true
            j += 2
        }
        while j < n {
            let c = s[j]
            if isASCIILetter(c) || isDigit(c) || c == "_" {
                j += 1
            } else if c == "." && (isDigit(at(j + 1)) || (isHex && isHexDigit(at(j + 1)))) {
                j += 1
            } else if (c == "+" || c == "-") && j > start {
                let previous = s[j - 1]
                let isExponent =
                    isHex ? (previous == "p" || previous == "P") : (previous == "e" || previous == "E")
                guard isExponent else { break }
                j += 1
            } else if c == "'" && syntax.hasQuoteDigitSeparators && isHexDigit(at(j + 1)) {
                j += 1
            } else {
                break
            }
        }
        return j
    }

    // MARK: Comments

    private func commentEnd(at start: Int) -> Int? {
        let c = s[start]
        if c == "#" && syntax.hasHashComments { return lineEnd(from: start) }
        guard c == "/" && syntax.hasSlashComments else { return nil }
        let next = at(start + 1)
        if next == "/" { return lineEnd(from: start) }
        guard next == "*" else { return nil }
        var depth = 1
        var j = start + 2
        while j < n {
            if s[j] == "*" && at(j + 1) == "/" {
                depth -= 1
                j += 2
                if depth == 0 { return j }
            } else if syntax.hasNestedBlockComments && s[j] == "/" && at(j + 1) == "*" {
                depth += 1
                j += 2
            } else {
                j += 1
            }
        }
        return n
    }

    // MARK: Strings

    /// How a string's body is scanned.
    private struct Body {
        enum Escapes { case backslash, doubledQuote, none }
        enum Holes { case none, swift, braces, template }
        var quote: Unicode.Scalar = "\""
        /// Quotes that close it (3 for triple quotes, n for C# raw strings).
        var quoteCount = 1
        /// `#`s that must follow the closing quotes (Swift and Rust raw strings); Swift's escapes need them too.
        var hashes = 0
        var escapes = Escapes.backslash
        var isMultiline = false
        var holes = Holes.none
    }

    /// If a string or character literal starts at `start`, the index just past it.
    private func stringEnd(at start: Int, nesting: Int) -> Int? {
        let c = s[start]
        switch syntax.strings {
        case .none:
            return nil
        case .javascript:
            if c == "\"" || c == "'" { return body(Body(quote: c), from: start + 1, nesting: nesting) }
            if c == "`" {
                return body(Body(quote: "`", isMultiline: true, holes: .template), from: start + 1, nesting: nesting)
            }
            return nil
        case .go:
            if c == "\"" || c == "'" { return body(Body(quote: c), from: start + 1, nesting: nesting) }
            if c == "`" {
                return body(Body(quote: "`", escapes: .none, isMultiline: true), from: start + 1, nesting: nesting)
            }
            return nil
        case .java:
            if c == "\"" && at(start + 1) == "\"" && at(start + 2) == "\"" {
                return body(Body(quoteCount: 3, isMultiline: true), from: start + 3, nesting: nesting)
            }
            if c == "\"" || c == "'" { return body(Body(quote: c), from: start + 1, nesting: nesting) }
            return nil
        case .python:
            return pythonString(at: start, nesting: nesting)
        case .c:
            return cString(at: start, nesting: nesting)
        case .csharp:
            return csharpString(at: start, nesting: nesting)
        case .swift:
            return swiftString(at: start, nesting: nesting)
        case .rust:
            return rustString(at: start, nesting: nesting)
        }
    }

    /// A prefix (`r`, `u8`, `$@`) may only start a literal at the start of a token, not inside a name.
    private func isTokenStart(_ start: Int) -> Bool {
        start == 0 || !isIdentifierContinue(s[start - 1])
    }

    private func pythonString(at start: Int, nesting: Int) -> Int? {
        var j = start
        while j < start + 2 && j < n && "rRbBuUfFtT".unicodeScalars.contains(s[j]) { j += 1 }
        let quote = at(j)
        guard quote == "\"" || quote == "'", j == start || isTokenStart(start) else { return nil }
        if at(j + 1) == quote && at(j + 2) == quote {
            return body(Body(quote: quote, quoteCount: 3, isMultiline: true), from: j + 3, nesting: nesting)
        }
        return body(Body(quote: quote), from: j + 1, nesting: nesting)
    }

    private func cString(at start: Int, nesting: Int) -> Int? {
        var j = start
        if s[j] == "u" && at(j + 1) == "8" {
            j += 2
        } else if s[j] == "u" || s[j] == "U" || s[j] == "L" {
            j += 1
        }
        var isRaw = false
        if at(j) == "R" && language == .cpp {
            isRaw = true
            j += 1
        }
        let quote = at(j)
        guard quote == "\"" || (quote == "'" && !isRaw), j == start || isTokenStart(start) else { return nil }
        if isRaw, let end = cppRawEnd(openingQuote: j) { return end }
        return body(Body(quote: quote), from: j + 1, nesting: nesting)
    }

    /// C++ `R"delim(…)delim"`; `nil` when the delimiter is malformed (then it is read as an ordinary string).
    private func cppRawEnd(openingQuote: Int) -> Int? {
        var j = openingQuote + 1
        while j < n && j - openingQuote <= 17 && s[j] != "(" {
            let c = s[j]
            if c == " " || c == ")" || c == "\\" || c == "\"" || c == "\n" || c == "\t" { return nil }
            j += 1
        }
        guard at(j) == "(" else { return nil }
        let delimiter = Array(s[(openingQuote + 1)..<j])
        j += 1
        while j < n {
            if s[j] == ")" && matches(delimiter, at: j + 1) && at(j + 1 + delimiter.count) == "\"" {
                return j + delimiter.count + 2
            }
            j += 1
        }
        return n
    }

    private func csharpString(at start: Int, nesting: Int) -> Int? {
        var j = start
        var dollars = 0
        var isVerbatim = false
        while j < n && j - start < 8 && (s[j] == "$" || s[j] == "@") {
            if s[j] == "$" { dollars += 1 } else { isVerbatim = true }
            j += 1
        }
        let quote = at(j)
        if quote == "'" && j == start { return body(Body(quote: "'"), from: j + 1, nesting: nesting) }
        guard quote == "\"" else { return nil }
        var run = 0
        while at(j + run) == "\"" { run += 1 }
        if run >= 3 {
            // A raw string: closed by as many quotes as opened it; holes in interpolated raw strings are plain
            // text to this scan.
            return body(Body(quoteCount: run, escapes: .none, isMultiline: true), from: j + run, nesting: nesting)
        }
        var spec = Body()
        if isVerbatim {
            spec.escapes = .doubledQuote
            spec.isMultiline = true
        }
        if dollars > 0 { spec.holes = .braces }
        return body(spec, from: j + 1, nesting: nesting)
    }

    private func swiftString(at start: Int, nesting: Int) -> Int? {
        var j = start
        while j < n && s[j] == "#" && j - start <= Self.maximumHashes { j += 1 }
        let hashes = j - start
        guard at(j) == "\"", hashes <= Self.maximumHashes else { return nil }
        if at(j + 1) == "\"" && at(j + 2) == "\"" {
            return body(
                Body(quoteCount: 3, hashes: hashes, isMultiline: true, holes: .swift), from: j + 3, nesting: nesting)
        }
        return body(Body(hashes: hashes, holes: .swift), from: j + 1, nesting: nesting)
    }

    private func rustString(at start: Int, nesting: Int) -> Int? {
        var j = start
        if s[j] == "b" || s[j] == "c" { j += 1 }
        var isRaw = false
        if at(j) == "r" {
            isRaw = true
            j += 1
        }
        let hashStart = j
        if isRaw {
            while j < n && s[j] == "#" && j - hashStart <= Self.maximumHashes { j += 1 }
        }
        let hashes = j - hashStart
        let quote = at(j)
        guard j == start || isTokenStart(start), hashes <= Self.maximumHashes else { return nil }
        if quote == "\"" {
            let escapes: Body.Escapes = isRaw ? .none : .backslash
            return body(Body(hashes: hashes, escapes: escapes, isMultiline: true), from: j + 1, nesting: nesting)
        }
        guard quote == "'" && !isRaw && (j == start || s[start] == "b") else { return nil }
        // 'c' and '\n' are chars; 'a without a closing quote two scalars on is a lifetime.
        if at(j + 1) == "\\" { return body(Body(quote: "'"), from: j + 1, nesting: nesting) }
        if j + 2 < n && s[j + 2] == "'" && s[j + 1] != "\n" && s[j + 1] != "'" { return j + 3 }
        return nil
    }

    /// Scans a string body from just past its opening quotes to just past its closing quotes (or to the end of
    /// the line or file when it is unterminated).
    private func body(_ spec: Body, from start: Int, nesting: Int) -> Int {
        var j = start
        while j < n {
            let c = s[j]
            if c == spec.quote {
                if spec.escapes == .doubledQuote && at(j + 1) == spec.quote {
                    j += 2
                    continue
                }
                var run = 1
                if spec.quoteCount > 1 {
                    while at(j + run) == spec.quote { run += 1 }
                    if run < spec.quoteCount {
                        j += run
                        continue
                    }
                }
                // Extra quotes before the closing ones belong to the body (`""""` ends a triple-quoted `"`).
                let closeEnd = j + run
                if spec.hashes == 0 { return closeEnd }
                if hashRun(at: closeEnd, count: spec.hashes) { return closeEnd + spec.hashes }
                j += run
                continue
            }
            if c == "\\" && spec.escapes == .backslash {
                var k = j + 1
                if spec.hashes > 0 {
                    // In a Swift raw string only `\#` (as many `#` as the delimiter) escapes.
                    guard language == .swift, hashRun(at: k, count: spec.hashes) else {
                        j += 1
                        continue
                    }
                    k += spec.hashes
                }
                if spec.holes == .swift && at(k) == "(" {
                    j = skipHole(from: k + 1, open: "(", close: ")", nesting: nesting + 1)
                    continue
                }
                j = min(n, k + 1)
                if at(k) == "\r" && at(k + 1) == "\n" { j = k + 2 }
                continue
            }
            if (c == "\n" || c == "\r") && !spec.isMultiline { return j }
            if spec.holes == .braces && c == "{" {
                if at(j + 1) == "{" {
                    j += 2
                } else {
                    j = skipHole(from: j + 1, open: "{", close: "}", nesting: nesting + 1)
                }
                continue
            }
            if spec.holes == .template && c == "$" && at(j + 1) == "{" {
                j = skipHole(from: j + 2, open: "{", close: "}", nesting: nesting + 1)
                continue
            }
            j += 1
        }
        return n
    }

    private func hashRun(at start: Int, count: Int) -> Bool {
        guard start + count <= n else { return false }
        for index in start..<(start + count) where s[index] != "#" { return false }
        return true
    }

    /// Skips the code in an interpolation hole up to its closing bracket, stepping over the strings and comments
    /// inside it (which may hold the closing bracket).
    private func skipHole(from start: Int, open: Unicode.Scalar, close: Unicode.Scalar, nesting: Int) -> Int {
        var depth = 1
        var j = start
        while j < n {
            let c = s[j]
            if nesting <= Self.maximumNesting {
                if let end = commentEnd(at: j) {
                    j = max(end, j + 1)
                    continue
                }
                if let end = stringEnd(at: j, nesting: nesting) {
                    j = max(end, j + 1)
                    continue
                }
            }
            if c == open {
                depth += 1
            } else if c == close {
                depth -= 1
                if depth == 0 { return j + 1 }
            }
            j += 1
        }
        return n
    }

    // MARK: Regular expressions

    private func regexEnd(at start: Int) -> Int? {
        var j = start + 1
        var inClass = false
        let limit = min(n, start + Self.maximumRegexLength)
        while j < limit {
            let c = s[j]
            if c == "\n" || c == "\r" { return nil }
            if c == "\\" {
                j += 2
                continue
            }
            if c == "[" {
                inClass = true
            } else if c == "]" {
                inClass = false
            } else if c == "/" && !inClass {
                return identifierEnd(at: j + 1)
            }
            j += 1
        }
        return nil
    }
}
