/// The lexical tables `CodeTokenizer` reads for one language: reserved words, multi-character operators, comment
/// forms and which string-literal families exist.
///
/// One table-driven lexer serves all languages; what differs is data, so adding a language is adding a table.
/// Keywords are each language's reserved words plus its built-in type names (`int`, `bool`, `String` in Swift,
/// `i32` in Rust), because renaming a variable never renames those. Library names (`print`, `len`, `Vec`) stay
/// identifiers.
struct LanguageSyntax: Sendable {
    /// The string and character literal families a language has.
    enum StringFamily: Sendable {
        /// C and C++: `"…"`, `'c'`, encoding prefixes `L u U u8`, raw `R"delim(…)delim"`.
        case c
        /// Java: `"…"`, `'c'`, text blocks `"""…"""`.
        case java
        /// C#: `"…"`, `'c'`, verbatim `@"…"`, interpolated `$"…{x}…"`, raw `"""…"""`.
        case csharp
        /// Go: `"…"`, runes `'c'`, raw `` `…` ``.
        case go
        /// JavaScript and TypeScript: `"…"`, `'…'`, template literals `` `…${x}…` ``.
        case javascript
        /// Python: `'…'`, `"…"`, triple quotes, prefixes `r b f u t` and pairs.
        case python
        /// Swift: `"…"`, `"""…"""`, raw `#"…"#` with any number of `#`, interpolation `\(…)`.
        case swift
        /// Rust: `"…"` (multi-line), `r#"…"#`, `b"…"`, `c"…"`, `b'c'`, chars `'c'` as opposed to lifetimes `'a`.
        case rust
        /// No string syntax (the generic fallback).
        case none
    }

    /// Reserved words and built-in type names, kept as themselves.
    var keywords: Set<String>
    /// Operators longer than one character, matched longest first (maximal munch); single characters need no
    /// entry because every other character is its own token.
    var operators: [String]
    /// `//` line comments and `/* */` block comments.
    var hasSlashComments: Bool
    /// `/* */` comments nest (Swift, Rust).
    var hasNestedBlockComments: Bool
    /// `#` line comments (Python).
    var hasHashComments: Bool
    /// The string literal family.
    var strings: StringFamily
    /// `$` may appear in identifiers (JavaScript, TypeScript, Java, Swift's `$0`).
    var allowsDollarInIdentifiers: Bool
    /// `#directive` at the start of a line is a preprocessor line (C, C++, C#).
    var hasPreprocessor: Bool
    /// Preprocessor directives whose whole line is dropped: `#include` pulls in names, not logic, and C#'s
    /// `#region` lines are editor folding marks.
    var droppedDirectives: Set<String>
    /// `/regex/` literals where an operand is expected (JavaScript, TypeScript).
    var hasRegexLiterals: Bool
    /// Keywords after which an operand (so a regex literal) is expected.
    var operandKeywords: Set<String>
    /// `1'000'000` digit separators (C++14, C23).
    var hasQuoteDigitSeparators: Bool
    /// Indentation is block structure (Python): emit `{` and `}` on indentation changes.
    var hasIndentationBlocks: Bool

    /// The table for `language` (computed once per process).
    static func forLanguage(_ language: SourceLanguage) -> LanguageSyntax {
        switch language {
        case .java: return java
        case .c: return c
        case .cpp: return cpp
        case .csharp: return csharp
        case .go: return go
        case .javascript: return javascript
        case .typescript: return typescript
        case .python: return python
        case .swift: return swift
        case .rust: return rust
        case .text: return generic
        }
    }

    private static func words(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }

    private static func operators(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }

    private init(
        keywords: Set<String>, operators: [String], strings: StringFamily, hasSlashComments: Bool = true,
        hasNestedBlockComments: Bool = false, hasHashComments: Bool = false, allowsDollarInIdentifiers: Bool = false,
        hasPreprocessor: Bool = false, droppedDirectives: Set<String> = [], hasRegexLiterals: Bool = false,
        operandKeywords: Set<String> = [], hasQuoteDigitSeparators: Bool = false, hasIndentationBlocks: Bool = false
    ) {
        self.keywords = keywords
        self.operators = operators
        self.strings = strings
        self.hasSlashComments = hasSlashComments
        self.hasNestedBlockComments = hasNestedBlockComments
        self.hasHashComments = hasHashComments
        self.allowsDollarInIdentifiers = allowsDollarInIdentifiers
        self.hasPreprocessor = hasPreprocessor
        self.droppedDirectives = droppedDirectives
        self.hasRegexLiterals = hasRegexLiterals
        self.operandKeywords = operandKeywords
        self.hasQuoteDigitSeparators = hasQuoteDigitSeparators
        self.hasIndentationBlocks = hasIndentationBlocks
    }

    private static let cOperators = "++ -- -> << >> <= >= == != && || += -= *= /= %= &= |= ^= <<= >>= ... ##"

    private static let cKeywords = """
        auto break case char const continue default do double else enum extern float for goto if inline int long
        register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while
        _Alignas _Alignof _Atomic _Bool _Complex _Generic _Imaginary _Noreturn _Static_assert _Thread_local
        alignas alignof bool constexpr false nullptr static_assert thread_local true typeof NULL
        """

    static let c = LanguageSyntax(
        keywords: words(cKeywords), operators: operators(cOperators), strings: .c, hasPreprocessor: true,
        droppedDirectives: ["include", "import"], hasQuoteDigitSeparators: true)

    static let cpp = LanguageSyntax(
        keywords: words(
            cKeywords + """

                and and_eq asm bitand bitor catch char8_t char16_t char32_t class co_await co_return co_yield compl
                concept const_cast consteval constinit decltype delete dynamic_cast explicit export final friend
                mutable namespace new noexcept not not_eq operator or or_eq override private protected public
                reinterpret_cast requires static_cast template this throw try typeid typename using virtual wchar_t
                xor xor_eq
                """),
        operators: operators(cOperators + " :: ->* .* <=>"), strings: .c, hasPreprocessor: true,
        droppedDirectives: ["include", "import"], hasQuoteDigitSeparators: true)

    static let java = LanguageSyntax(
        keywords: words(
            """
            abstract assert boolean break byte case catch char class const continue default do double else enum
            extends final finally float for goto if implements import instanceof int interface long native new
            package private protected public return short static strictfp super switch synchronized this throw
            throws transient try void volatile while true false null var record yield sealed permits
            """),
        operators: operators(
            "++ -- << >> >>> <= >= == != && || += -= *= /= %= &= |= ^= <<= >>= >>>= -> :: ..."),
        strings: .java, allowsDollarInIdentifiers: true)

    static let csharp = LanguageSyntax(
        keywords: words(
            """
            abstract as base bool break byte case catch char checked class const continue decimal default delegate
            do double else enum event explicit extern false finally fixed float for foreach goto if implicit in int
            interface internal is lock long namespace new null object operator out override params private
            protected public readonly ref return sbyte sealed short sizeof stackalloc static string struct switch
            this throw true try typeof uint ulong unchecked unsafe ushort using virtual void volatile while
            var async await yield get set record init when where dynamic partial nint nuint
            """),
        operators: operators(
            "++ -- << >> >>> <= >= == != && || += -= *= /= %= &= |= ^= <<= >>= >>>= -> => ?? ??= ?. :: .."),
        strings: .csharp, hasPreprocessor: true, droppedDirectives: ["region", "endregion"])

    static let go = LanguageSyntax(
        keywords: words(
            """
            break case chan const continue default defer else fallthrough for func go goto if import interface map
            package range return select struct switch type var
            bool byte complex64 complex128 error float32 float64 int int8 int16 int32 int64 rune string uint uint8
            uint16 uint32 uint64 uintptr any true false nil iota
            """),
        operators: operators(
            "++ -- << >> &^ <= >= == != && || += -= *= /= %= &= |= ^= <<= >>= &^= := <- ..."),
        strings: .go)

    private static let javascriptKeywords = """
        break case catch class const continue debugger default delete do else export extends false finally for
        function if import in instanceof new null return super switch this throw true try typeof var void while
        with yield let static async await of
        """

    private static let javascriptOperators = """
        ++ -- << >> >>> <= >= == != === !== && || ?? += -= *= /= %= **= &= |= ^= <<= >>= >>>= &&= ||= ??= => ** ?. ...
        """

    private static let javascriptOperandKeywords: Set<String> = [
        "return", "typeof", "case", "in", "of", "delete", "void", "throw", "new", "instanceof", "yield", "await",
        "else", "do",
    ]

    static let javascript = LanguageSyntax(
        keywords: words(javascriptKeywords), operators: operators(javascriptOperators), strings: .javascript,
        allowsDollarInIdentifiers: true, hasRegexLiterals: true, operandKeywords: javascriptOperandKeywords)

    static let typescript = LanguageSyntax(
        keywords: words(
            javascriptKeywords + """

                abstract any as asserts bigint boolean declare enum implements infer interface is keyof module
                namespace never number object private protected public readonly satisfies string symbol type unique
                unknown override
                """),
        operators: operators(javascriptOperators), strings: .javascript, allowsDollarInIdentifiers: true,
        hasRegexLiterals: true, operandKeywords: javascriptOperandKeywords)

    static let python = LanguageSyntax(
        keywords: words(
            """
            False None True and as assert async await break class continue def del elif else except finally for
            from global if import in is lambda nonlocal not or pass raise return try while with yield
            int str float bool list dict set tuple bytes object
            """),
        operators: operators("** // << >> <= >= == != -> += -= *= /= //= %= **= &= |= ^= <<= >>= @= := ..."),
        strings: .python, hasSlashComments: false, hasHashComments: true, hasIndentationBlocks: true)

    static let swift = LanguageSyntax(
        keywords: words(
            """
            associatedtype class deinit enum extension fileprivate func import init inout internal let open operator
            private precedencegroup protocol public rethrows static struct subscript typealias var break case catch
            continue default defer do else fallthrough for guard if in repeat return throw switch where while Any as
            await false is nil self Self super throws true try async actor some any mutating nonmutating override
            final lazy weak unowned convenience required indirect get set willSet didSet consume borrowing consuming
            Int Double Float String Bool Character Void UInt
            """),
        operators: operators(
            "... ..< -> == != === !== <= >= && || ?? += -= *= /= %= &= |= ^= <<= >>= << >> &+ &- &* &+= &-= &*= ?. ~="),
        strings: .swift, hasNestedBlockComments: true, allowsDollarInIdentifiers: true)

    static let rust = LanguageSyntax(
        keywords: words(
            """
            as async await break const continue crate dyn else enum extern false fn for if impl in let loop match mod
            move mut pub ref return self Self static struct super trait true type unsafe use where while union
            i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 bool char str String
            """),
        operators: operators(":: -> => == != <= >= && || += -= *= /= %= ^= &= |= <<= >>= << >> .. ..= ..."),
        strings: .rust, hasNestedBlockComments: true)

    static let generic = LanguageSyntax(keywords: [], operators: [], strings: .none, hasSlashComments: false)
}
