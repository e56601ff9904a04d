import Testing

@testable import CustosCopy

/// Three versions of one program: the original, a disguised copy (identifiers renamed, literals changed,
/// comments added and removed, layout and semicolons changed) and a program with different structure.
struct DisguiseCase: Sendable, CustomTestStringConvertible {
    var language: SourceLanguage
    var original: String
    var disguised: String
    var restructured: String

    var testDescription: String { language.rawValue }
}

private func symbols(_ text: String, _ language: SourceLanguage) -> [UInt64] {
    CodeTokenizer(language: language).tokenize(text).symbols
}

private func forms(_ spaced: String) -> [UInt64] {
    spaced.split(separator: " ").map { TokenSymbol.make($0) }
}

@Suite struct CodeTokenizerTests {
    static let disguises: [DisguiseCase] = [
        DisguiseCase(
            language: .java,
            original: """
                import java.util.*;

                /** Counts words. */
                public class WordCounter {
                    private final Map<String, Integer> counts = new HashMap<>();

                    public void add(String line) {
                        for (String word : line.split("\\\\s+")) {
                            if (word.isEmpty()) continue; // skip blanks
                            counts.merge(word.toLowerCase(), 1, Integer::sum);
                        }
                    }

                    public int total() {
                        int sum = 0;
                        for (int value : counts.values()) { sum += value; }
                        return sum > 100 ? sum : -1;
                    }
                }
                """,
            disguised: """
                import java.util.*;
                public class Tally
                {
                    /* the table */
                    private final Map<String, Integer> table = new HashMap<>();
                    public void feed(String text)
                    {
                        for (String token : text.split(" "))
                        {
                            if (token.isEmpty())
                                continue;
                            table.merge(token.toLowerCase(), 0x1, Integer::sum);
                        }
                    }
                    public int grand() {
                        int acc = 00; for (int v : table.values()) { acc += v; } return acc > 1_000 ? acc : -2;
                    }
                }
                """,
            restructured: """
                import java.util.*;
                public class WordCounter {
                    private final Map<String, Integer> counts = new HashMap<>();
                    public void add(String line) {
                        String[] words = line.split(" ");
                        int i = 0;
                        while (i < words.length) {
                            counts.put(words[i], counts.getOrDefault(words[i], 0) + 1);
                            i++;
                        }
                    }
                }
                """),
        DisguiseCase(
            language: .c,
            original: """
                #include <stdio.h>
                #include <string.h>

                /* Reverses a string in place. */
                static void reverse(char *text) {
                    size_t length = strlen(text);
                    for (size_t i = 0; i < length / 2; i++) {
                        char swap = text[i];
                        text[i] = text[length - 1 - i];
                        text[length - 1 - i] = swap;
                    }
                }

                int main(void) {
                    char buffer[64] = "hello, world";
                    reverse(buffer);
                    printf("%s\\n", buffer);
                    return 0;
                }
                """,
            disguised: """
                #include <stdlib.h>
                static void flip(char *s)
                {
                    size_t n = strlen(s);   // length
                    for (size_t k = 0UL; k < n / 2; k++)
                    {
                        char t = s[k]; s[k] = s[n - 1 - k]; s[n - 1 - k] = t;
                    }
                }
                int main(void)
                {
                    char data[0x80] = "goodbye";
                    flip(data);
                    printf("[%s]\\n", data);
                    return 1;
                }
                """,
            restructured: """
                #include <stdio.h>
                static void reverse(char *text) {
                    char *end = text + strlen(text) - 1;
                    while (text < end) {
                        char swap = *text;
                        *text++ = *end;
                        *end-- = swap;
                    }
                }
                int main(void) {
                    char buffer[64] = "hello, world";
                    reverse(buffer);
                    puts(buffer);
                    return 0;
                }
                """),
        DisguiseCase(
            language: .cpp,
            original: """
                #include <vector>
                #include <algorithm>

                // Returns the k largest values.
                std::vector<int> topK(const std::vector<int>& values, std::size_t k) {
                    std::vector<int> sorted(values.begin(), values.end());
                    std::sort(sorted.begin(), sorted.end(), [](int a, int b) { return a > b; });
                    if (sorted.size() > k) {
                        sorted.resize(k);
                    }
                    return sorted;
                }

                int main() {
                    auto best = topK({5, 1, 9, 3}, 2);
                    return best.empty() ? 1 : 0;
                }
                """,
            disguised: """
                #include <vector>
                std::vector<int> largest(const std::vector<int>& xs, std::size_t n)
                {
                    std::vector<int> out(xs.begin(), xs.end());
                    std::sort(out.begin(), out.end(),
                              [](int l, int r) { return l > r; });  /* descending */
                    if (out.size() > n) { out.resize(n); }
                    return out;
                }
                int main()
                {
                    auto r = largest({1'000, 2, 3u, 4}, 10);
                    return r.empty() ? 0x1 : 0;
                }
                """,
            restructured: """
                #include <vector>
                std::vector<int> topK(const std::vector<int>& values, std::size_t k) {
                    std::vector<int> result;
                    for (int value : values) {
                        result.push_back(value);
                        std::push_heap(result.begin(), result.end());
                    }
                    return result;
                }
                int main() {
                    return topK({5, 1, 9, 3}, 2).size();
                }
                """),
        DisguiseCase(
            language: .csharp,
            original: """
                using System;
                using System.Linq;

                namespace Shop
                {
                    /// <summary>An order line.</summary>
                    public record Line(string Sku, int Quantity, decimal Price);

                    public static class Totals
                    {
                        public static decimal Sum(Line[] lines)
                        {
                            var total = lines.Where(l => l.Quantity > 0).Sum(l => l.Quantity * l.Price);
                            Console.WriteLine($"Total: {total:C}");
                            return total >= 100m ? total * 0.9m : total;
                        }
                    }
                }
                """,
            disguised: #"""
                using System;
                using System.Linq;
                namespace Store {
                    public record Item(string Code, int Count, decimal Cost);
                    public static class Maths {
                        // sums the items
                        public static decimal Add(Item[] items) {
                            var acc = items.Where(i => i.Count > 1).Sum(i => i.Count * i.Cost);
                            Console.WriteLine(@"Sum is ""big""");
                            return acc >= 50m ? acc * 0.75m : acc;
                        }
                    }
                }
                """#,
            restructured: """
                using System;
                namespace Shop
                {
                    public record Line(string Sku, int Quantity, decimal Price);
                    public static class Totals
                    {
                        public static decimal Sum(Line[] lines)
                        {
                            decimal total = 0;
                            foreach (var line in lines) { total += line.Price; }
                            return total;
                        }
                    }
                }
                """),
        DisguiseCase(
            language: .go,
            original: """
                package main

                import (
                    "fmt"
                    "strings"
                )

                // wordFreq counts words.
                func wordFreq(text string) map[string]int {
                    counts := make(map[string]int)
                    for _, word := range strings.Fields(text) {
                        counts[strings.ToLower(word)]++
                    }
                    return counts
                }

                func main() {
                    freq := wordFreq("the cat and the hat")
                    fmt.Println(freq["the"], len(freq))
                }
                """,
            disguised: """
                package main;
                import (
                    "fmt";
                    "strings";
                );
                func tally(s string) map[string]int {
                    m := make(map[string]int);  /* table */
                    for _, w := range strings.Fields(s) { m[strings.ToLower(w)]++; };
                    return m;
                };
                func main() {
                    f := tally(`raw text`);
                    fmt.Println(f["x"], len(f));
                };
                """,
            restructured: """
                package main
                import (
                    "fmt"
                    "strings"
                )
                func wordFreq(text string) map[string]int {
                    counts := make(map[string]int)
                    words := strings.Split(text, " ")
                    for i := 0; i < len(words); i++ {
                        if words[i] != "" {
                            counts[words[i]] += 1
                        }
                    }
                    return counts
                }
                """),
        DisguiseCase(
            language: .javascript,
            original: """
                'use strict';

                // Debounces a function.
                function debounce(fn, delay) {
                    let timer = null;
                    return function (...args) {
                        clearTimeout(timer);
                        timer = setTimeout(() => fn.apply(this, args), delay);
                    };
                }

                const log = debounce((message) => {
                    console.log(`[${new Date().toISOString()}] ${message}`);
                }, 250);

                log("first");
                log('second');
                """,
            disguised: """
                "use strict"
                function wait(f, ms)
                {
                    let t = null
                    return function (...rest) {
                        clearTimeout(t)
                        t = setTimeout(() => f.apply(this, rest), ms)   /* schedule */
                    }
                }
                const say = wait((text) => { console.log("plain") }, 1e3)
                say(`one`)
                say("two")
                """,
            restructured: """
                function debounce(fn, delay) {
                    let timer = null;
                    return (...args) => {
                        if (timer !== null) {
                            clearTimeout(timer);
                        }
                        timer = setTimeout(fn, delay);
                    };
                }
                const log = debounce(console.log, 250);
                log("first");
                """),
        DisguiseCase(
            language: .typescript,
            original: """
                interface User {
                    id: number;
                    name: string;
                    email?: string;
                }

                // Groups users by their email domain.
                export function byDomain(users: User[]): Map<string, User[]> {
                    const groups = new Map<string, User[]>();
                    for (const user of users) {
                        const domain = user.email?.split("@")[1] ?? "none";
                        const list = groups.get(domain) ?? [];
                        list.push(user);
                        groups.set(domain, list);
                    }
                    return groups;
                }
                """,
            disguised: """
                interface Person { key: number; label: string; mail?: string; }
                /* buckets people */
                export function bucket(people: Person[]): Map<string, Person[]>
                {
                    const out = new Map<string, Person[]>()
                    for (const p of people)
                    {
                        const d = p.mail?.split('#')[0x0] ?? `n/a`
                        const xs = out.get(d) ?? []
                        xs.push(p)
                        out.set(d, xs)
                    }
                    return out
                }
                """,
            restructured: """
                interface User {
                    id: number;
                    name: string;
                    email?: string;
                }
                export function byDomain(users: User[]): Record<string, User[]> {
                    return users.reduce((groups, user) => {
                        const domain = user.email ? user.email.split("@")[1] : "none";
                        (groups[domain] ||= []).push(user);
                        return groups;
                    }, {} as Record<string, User[]>);
                }
                """),
        DisguiseCase(
            language: .python,
            original: """
                import collections


                def top_words(text, limit=10):
                    \"\"\"Returns the most common words.\"\"\"
                    counts = collections.Counter()
                    for word in text.split():
                        word = word.strip(".,!?").lower()
                        if word:
                            counts[word] += 1
                    return counts.most_common(limit)


                class Report:
                    def __init__(self, text):
                        self.words = top_words(text, limit=5)

                    def render(self):
                        return "\\n".join(f"{w}: {n}" for w, n in self.words)
                """,
            disguised: """
                import collections
                def frequent(body, n=3):
                  # no docstring here
                  c = collections.Counter()
                  for w in body.split():
                    w = w.strip(r'[]').lower()
                    if w:
                      c[w] += 2
                  return c.most_common(
                      n)
                class Summary:
                  def __init__(me, body):
                    me.items = frequent(body,
                                        n=7)
                  def render(me):
                    return '; '.join(F'{a}={b}' for a, b in me.items)
                """,
            restructured: """
                import collections
                def top_words(text, limit=10):
                    counts = collections.Counter()
                    for word in text.split():
                        word = word.strip(".,!?").lower()
                    if word:
                        counts[word] += 1
                    return counts.most_common(limit)
                class Report:
                    def __init__(self, text):
                        self.words = top_words(text, limit=5)
                    def render(self):
                        return "\\n".join(f"{w}: {n}" for w, n in self.words)
                """),
        DisguiseCase(
            language: .swift,
            original: """
                import Foundation

                /// A fixed-size ring buffer.
                struct RingBuffer<Element> {
                    private var storage: [Element?]
                    private var head = 0
                    private var count = 0

                    init(capacity: Int) {
                        storage = Array(repeating: nil, count: capacity)
                    }

                    mutating func push(_ element: Element) {
                        storage[(head + count) % storage.count] = element
                        if count < storage.count { count += 1 } else { head = (head + 1) % storage.count }
                    }

                    var first: Element? { count == 0 ? nil : storage[head] }
                }
                """,
            disguised: """
                import Foundation;
                struct Circle<T> {
                    private var slots: [T?];  private var start = 10;  private var used = 0x0;
                    init(capacity: Int) { slots = Array(repeating: nil, count: capacity); }
                    // pushes, overwriting the oldest
                    mutating func push(_ x: T) {
                        slots[(start + used) % slots.count] = x;
                        if used < slots.count {
                            used += 2
                        } else {
                            start = (start + 1) % slots.count
                        }
                    }
                    var first: T? { used == 0 ? nil : slots[start] }
                }
                """,
            restructured: """
                import Foundation
                struct RingBuffer<Element> {
                    private var storage: [Element] = []
                    let capacity: Int
                    init(capacity: Int) {
                        self.capacity = capacity
                    }
                    mutating func push(_ element: Element) {
                        storage.append(element)
                        if storage.count > capacity { storage.removeFirst() }
                    }
                    var first: Element? { storage.first }
                }
                """),
        DisguiseCase(
            language: .rust,
            original: """
                use std::collections::HashMap;

                /// Finds two indices whose values add up to target.
                pub fn two_sum(values: &[i32], target: i32) -> Option<(usize, usize)> {
                    let mut seen: HashMap<i32, usize> = HashMap::new();
                    for (index, &value) in values.iter().enumerate() {
                        if let Some(&other) = seen.get(&(target - value)) {
                            return Some((other, index));
                        }
                        seen.insert(value, index);
                    }
                    None
                }

                fn main() {
                    let answer = two_sum(&[2, 7, 11, 15], 9);
                    println!("{:?}", answer);
                }
                """,
            disguised: """
                use std::collections::HashMap;
                pub fn pair(xs: &[i32], goal: i32) -> Option<(usize, usize)>
                {
                    let mut m: HashMap<i32, usize> = HashMap::new(); /* value → index /* nested */ */
                    for (i, &x) in xs.iter().enumerate()
                    {
                        if let Some(&j) = m.get(&(goal - x)) { return Some((j, i)); }
                        m.insert(x, i);
                    }
                    None
                }
                fn main() {
                    let r = pair(&[1_000, 0x7, 0b11, 15u32], 42);
                    println!(r#"{:?} "raw""#, r);
                }
                """,
            restructured: """
                use std::collections::HashMap;
                pub fn two_sum(values: &[i32], target: i32) -> Option<(usize, usize)> {
                    for i in 0..values.len() {
                        for j in (i + 1)..values.len() {
                            if values[i] + values[j] == target {
                                return Some((i, j));
                            }
                        }
                    }
                    None
                }
                """),
    ]

    @Test(arguments: disguises)
    func disguisedCopyHasTheSameSymbols(_ test: DisguiseCase) {
        let original = symbols(test.original, test.language)
        #expect(original.count > 40)
        #expect(symbols(test.disguised, test.language) == original)
    }

    @Test(arguments: disguises)
    func differentStructureHasDifferentSymbols(_ test: DisguiseCase) {
        #expect(symbols(test.restructured, test.language) != symbols(test.original, test.language))
    }

    @Test func disguiseCasesCoverEveryCodeLanguage() {
        #expect(Set(Self.disguises.map(\.language)) == Set(SourceLanguage.allCases.filter(\.isCode)))
    }

    // MARK: Normalised forms

    @Test func identifiersBecomeVAndKeywordsStay() {
        #expect(symbols("int größe = länge;", .c) == forms("int V = V"))
        #expect(symbols("let π = 3.14", .swift) == forms("let V = N"))
        #expect(symbols("def 函数(参数): pass", .python) == forms("def V ( V ) : pass"))
        #expect(symbols("const $el = _x$", .javascript) == forms("const V = V"))
    }

    @Test func escapedAndRawIdentifiersAreIdentifiers() {
        #expect(symbols("let `default` = 1", .swift) == forms("let V = N"))
        #expect(symbols("var @class = 1;", .csharp) == forms("var V = N"))
        #expect(symbols("let r#type = 1;", .rust) == forms("let V = N"))
    }

    @Test(arguments: [
        ("0x1F 0b1010 0o17 017 1_000 10 1.5 6.02e23 6.02E-23 .5 0x1p3 0x1.8p-3 1e+9 3i", SourceLanguage.go),
        ("1_000u64 0xFFu8 1.0f64 2e10", .rust),
        ("1'000'000 0x1'FF 10ull 1.5L 1.5f", .cpp),
        ("1.5m 10UL 0x_FF 1e3d", .csharp),
        ("10n 0xFFn 1_000.5 .25", .javascript),
        ("1j 0o777 1_0.0_1e-1_0", .python),
    ])
    func everyNumericLiteralFormIsN(_ source: String, _ language: SourceLanguage) {
        let result = symbols(source, language)
        #expect(result == Array(repeating: TokenSymbol.make("N"), count: source.split(separator: " ").count))
    }

    @Test func rangesAfterNumbersStayOperators() {
        #expect(symbols("0..10", .rust) == forms("N .. N"))
        #expect(symbols("0..<10", .swift) == forms("N ..< N"))
        #expect(symbols("1...3", .swift) == forms("N ... N"))
        #expect(symbols("x.0", .swift) == forms("V N"))
    }

    @Test(arguments: [
        (#"x = "a\"b" + 'c\'d'"#, SourceLanguage.python, "V = S + S"),
        (#"x = r"\d+" + b'\x00' + f"{a}" + rb'raw' + Rb"x" + u"y""#, .python, "V = S + S + S + S + S + S"),
        ("x = '''one\ntwo''' + \"\"\"three\n'quoted' \"\" end\"\"\"", .python, "V = S + S"),
        ("x = `a ${b + `inner ${c} }`} d` + 1", .javascript, "V = S + N"),
        ("x = `multi\nline ${ {a: '}'}[\"a\"] }` ; y", .typescript, "V = S V"),
        ("x = /a[/]b\\/c/gi.test(s)", .javascript, "V = S . V ( V )"),
        ("x = a / b / c", .javascript, "V = V / V / V"),
        ("s = @\"C:\\path\"\"quoted\"\"\" + $\"{a[\"k\"]} {{x}}\" + $@\"{b}\"", .csharp, "V = S + S + S"),
        ("s = \"\"\"\n raw \"quoted\" \"\" \n\"\"\" + 'c' + '\\n'", .csharp, "V = S + S + S"),
        ("let s = \"a \\(b[\"k\"] ?? \"x\") c\" + \"\"\"\nmulti \"q\"\n\"\"\"", .swift, "let V = S + S"),
        ("let s = #\"raw \"quoted\" \\(x)\"# + ##\"two \"# still\"##", .swift, "let V = S + S"),
        ("let s = #\"\"\"\nraw multi \"\"\" not yet\n\"\"\"#", .swift, "let V = S"),
        ("let s = r#\"a \"quoted\" str\"# + r\"\\d\" + b\"bytes\" + br#\"x\"#;", .rust, "let V = S + S + S + S"),
        (
            "let c = 'a'; let d = '\\n'; let e = b'x'; let u = '\\u{1F600}';", .rust,
            "let V = S let V = S let V = S let V = S"
        ),
        (
            "fn f<'a>(x: &'a str) -> &'static str { 'outer: loop {} }", .rust,
            "fn V < 'V > ( V : & 'V str ) -> & 'V str { 'V : loop { } }"
        ),
        ("let s = \"multi\nline\";", .rust, "let V = S"),
        ("s := `raw \\ no \"escapes\"\n` + \"x\" + string('c')", .go, "V := S + S + string ( S )"),
        ("auto s = R\"delim(a )\" b)delim\" + u8\"x\" + L'c' + u8R\"(y)\";", .cpp, "auto V = S + S + S + S"),
        ("String s = \"\"\"\n    text \"block\" \\\"\"\"\n    \"\"\" + 'c';", .java, "V V = S + S"),
        ("char c = '\\''; char *s = \"a\\\"b\";", .c, "char V = S char * V = S"),
    ])
    func everyStringLiteralFormIsOneS(_ source: String, _ language: SourceLanguage, _ expected: String) {
        #expect(symbols(source, language) == forms(expected))
    }

    @Test(arguments: [
        ("a /* block\n comment */ b // line\nc", SourceLanguage.java, "V V V"),
        ("a /* outer /* inner */ still */ b", .swift, "V V"),
        ("a /* outer /* inner */ still */ b", .rust, "V V"),
        ("a /* outer /* inner */ b", .c, "V V"),
        ("a # comment\nb", .python, "V V"),
        ("x = 1 // integer division", .python, "V = N // V V"),
    ])
    func commentsAreDropped(_ source: String, _ language: SourceLanguage, _ expected: String) {
        #expect(symbols(source, language) == forms(expected))
    }

    @Test func pythonDocstringStatementsAreDropped() {
        let source = "def f():\n    \"\"\"Doc.\"\"\"\n    'also'\n    return 'kept'\n"
        #expect(symbols(source, .python) == forms("def V ( ) : { return S }"))
    }

    // MARK: Operators

    @Test(arguments: [
        ("a<<=b>>=c!=d==e<=f->g", SourceLanguage.c, "V <<= V >>= V != V == V <= V -> V"),
        ("a&&b||c++ + --d", .c, "V && V || V ++ + -- V"),
        ("a::b<=>c->*d", .cpp, "V :: V <=> V ->* V"),
        ("a===b!==c??d?.e=>f>>>=g**=h...i", .javascript, "V === V !== V ?? V ?. V => V >>>= V **= V ... V"),
        ("a:=b<-c&^=d", .go, "V := V <- V &^= V"),
        ("a..<b...c->d??e", .swift, "V ..< V ... V -> V ?? V"),
        ("a::b=>c..=d", .rust, "V :: V => V ..= V"),
        ("a//=b**c:=d->e", .python, "V //= V ** V := V -> V"),
        ("a>>>=b->c::d", .java, "V >>>= V -> V :: V"),
        ("a??=b?.c=>d", .csharp, "V ??= V ?. V => V"),
    ])
    func operatorsUseMaximalMunch(_ source: String, _ language: SourceLanguage, _ expected: String) {
        #expect(symbols(source, language) == forms(expected))
    }

    @Test func semicolonsAreDroppedEverywhere() {
        #expect(symbols("a = 1; b = 2;", .javascript) == symbols("a = 1\nb = 2", .javascript))
        #expect(symbols("for (;;) {}", .c) == forms("for ( ) { }"))
    }

    @Test func unknownCharactersAreTokensOfTheirOwn() {
        #expect(symbols("a ☃ b", .java) == forms("V ☃ V"))
        #expect(symbols("x = a ' b", .swift) == forms("V = V ' V"))
    }

    // MARK: Python blocks

    @Test func pythonIndentationBecomesBraces() {
        let source = """
            if a:
                b = 1
                if c:
                    d()

                e()
            f()
            """
        #expect(symbols(source, .python) == forms("if V : { V = N if V : { V ( ) } V ( ) } V ( )"))
    }

    @Test func pythonBracketContinuationsAndBackslashesAreNotIndentation() {
        let source = "x = f(1,\n        2)\ny = 1 + \\\n    2\nz = [\n  3,\n]\n"
        #expect(symbols(source, .python) == forms("V = V ( N , N ) V = N + N V = [ N , ]"))
    }

    @Test func pythonIndentationWidthDoesNotMatter() {
        let four = "def f(x):\n    if x:\n        return 1\n    return 2\n"
        let tab = "def f(x):\n\tif x:\n\t\treturn 1\n\treturn 2\n"
        #expect(symbols(four, .python) == symbols(tab, .python))
        #expect(symbols(four, .python) == forms("def V ( V ) : { if V : { return N } return N }"))
    }

    // MARK: Preprocessor

    @Test func includeLinesAreDroppedAndOtherDirectivesKept() {
        let source = "#include <stdio.h>\n  #  include \"local.h\"\n#define MAX 10\n#ifdef X\nint y;\n#endif\n"
        #expect(symbols(source, .c) == forms("#define V N #ifdef V int V #endif"))
        #expect(symbols("#region Setup\nint x;\n#endregion\n", .csharp) == forms("int V"))
    }

    // MARK: Lines and totality

    @Test func everyTokenCarriesItsStartingLine() {
        let stream = CodeTokenizer(language: .java).tokenize("int a =\n  \"x\" +\n/* c\n c */ b;\r\nc\rd")
        #expect(stream.lines == [1, 1, 1, 2, 2, 4, 5, 6])
        let python = CodeTokenizer(language: .python).tokenize("if a:\n    s = '''x\ny'''\n    b\n")
        #expect(python.lines == [1, 1, 1, 2, 2, 2, 2, 4, 4])
    }

    @Test(arguments: [
        ("a /* never closed\n b", SourceLanguage.java, "V"),
        ("a = \"open\nb", .java, "V = S V"),
        ("a = '''open\nb", .python, "V = S"),
        ("a = `open ${ b", .javascript, "V = S"),
        ("a = r#\"open\nb", .rust, "V = S"),
        ("a = R\"x(open", .cpp, "V = S"),
        ("a = #\"open", .swift, "V = S"),
    ])
    func unterminatedLiteralsAndCommentsEndWithoutCrashing(
        _ source: String, _ language: SourceLanguage, _ expected: String
    ) {
        #expect(symbols(source, language) == forms(expected))
    }

    @Test func randomPunctuationSoupNeverCrashesAnyLexer() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("\"'`#/\\*${}()[]<>:;.=r#bR@x0 \n\t\r\u{0}é😀uL8".unicodeScalars)
        for language in SourceLanguage.allCases {
            for _ in 0..<200 {
                var text = ""
                for _ in 0..<Int.random(in: 0..<60, using: &generator) {
                    text.unicodeScalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
                }
                let stream = language.tokenizer.tokenize(text)
                #expect(stream.symbols.count == stream.lines.count)
                #expect(stream.lines.allSatisfy { $0 >= 1 })
            }
        }
    }

    @Test func deepNestingNeitherOverflowsTheStackNorGoesQuadratic() {
        let nested = String(repeating: "`${", count: 20_000) + String(repeating: "}`", count: 20_000)
        #expect(symbols("x = " + nested, .javascript) == forms("V = S"))
        let comments = String(repeating: "/*", count: 50_000) + String(repeating: "*/", count: 50_000)
        #expect(symbols("a" + comments + "b", .rust) == forms("V V"))
        let swift = "let s = " + String(repeating: "\"\\(", count: 5_000) + String(repeating: ")\"", count: 5_000)
        #expect(symbols(swift, .swift) == forms("let V = S"))
    }

    @Test func tokenizerPropertyChoosesByLanguage() {
        #expect(SourceLanguage.text.tokenizer is TextTokenizer)
        #expect((SourceLanguage.rust.tokenizer as? CodeTokenizer)?.language == .rust)
    }
}
