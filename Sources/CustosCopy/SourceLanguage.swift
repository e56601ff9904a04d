/// The languages CustosCopy tokenizes: source code whose identifiers, literals, layout and comments are abstracted
/// away, and plain text in any script.
public enum SourceLanguage: String, Hashable, Sendable, Codable, CaseIterable {
    /// Java.
    case java
    /// C.
    case c
    /// C++.
    case cpp
    /// C#.
    case csharp
    /// Go.
    case go
    /// JavaScript (also JSX).
    case javascript
    /// TypeScript (also TSX).
    case typescript
    /// Python.
    case python
    /// Swift.
    case swift
    /// Rust.
    case rust
    /// Natural-language text in any script (CJK by characters, other scripts by words).
    case text

    /// Whether this is a programming language (as opposed to plain text).
    public var isCode: Bool { self != .text }

    /// The language a file name's extension stands for, or `nil` when the extension is not one Custos knows.
    ///
    /// - Parameter path: a file name or path; only the part after the last dot of the last component counts.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        let ext = name[name.index(after: dot)...].lowercased()
        guard let language = Self.byExtension[ext] else { return nil }
        self = language
    }

    /// The language a user names on the command line or in an API request (`c++`, `cs`, `js`, `ts`, `py`, `rs`,
    /// `txt` and the raw values are accepted, case-insensitively).
    public init?(name: String) {
        let lowered = name.lowercased()
        if let language = SourceLanguage(rawValue: lowered) {
            self = language
        } else if let language = Self.aliases[lowered] {
            self = language
        } else {
            return nil
        }
    }

    /// The names `init(name:)` accepts, for error messages.
    public static var acceptedNames: String { allCases.map(\.rawValue).joined(separator: ", ") }

    private static let aliases: [String: SourceLanguage] = [
        "c++": .cpp, "cxx": .cpp, "cs": .csharp, "c#": .csharp, "golang": .go, "js": .javascript, "ts": .typescript,
        "py": .python, "rs": .rust, "txt": .text, "plain": .text,
    ]

    private static let byExtension: [String: SourceLanguage] = [
        "java": .java,
        "c": .c, "h": .c,
        "cc": .cpp, "cpp": .cpp, "cxx": .cpp, "c++": .cpp, "hh": .cpp, "hpp": .cpp, "hxx": .cpp, "ipp": .cpp,
        "cs": .csharp,
        "go": .go,
        "js": .javascript, "mjs": .javascript, "cjs": .javascript, "jsx": .javascript,
        "ts": .typescript, "tsx": .typescript, "mts": .typescript, "cts": .typescript,
        "py": .python, "pyw": .python, "pyi": .python,
        "swift": .swift,
        "rs": .rust,
        "txt": .text, "md": .text, "markdown": .text, "text": .text, "rst": .text, "html": .text, "htm": .text,
    ]
}
