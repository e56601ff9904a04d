import Testing

@testable import CustosText

/// `relations(of:to:into:)` is the fast path mark search takes; it must say exactly what `relation(_:_:)` says.
@Suite struct PreparedNameTests {
    let similarity = ChineseSimilarity.standard

    func matrix(_ name: String, _ other: String) -> [CharacterRelation] {
        let prepared = similarity.prepare(name.unicodeScalars.map(\.value))
        let values = other.unicodeScalars.map(\.value)
        var result = [CharacterRelation](repeating: .unrelated, count: prepared.characters.count * values.count)
        result.withUnsafeMutableBufferPointer { matrix in
            values.withUnsafeBufferPointer { similarity.relations(of: prepared, to: $0, into: matrix) }
        }
        return result
    }

    @Test func agreesWithRelationOnKnockOffBrands() {
        let pairs = [("康帅傅", "康师傅"), ("雷碧", "雪碧"), ("粤利粤", "奥利奥"), ("娃哈哈", "哇哈哈"), ("康師傅", "唐师付")]
        for (name, other) in pairs {
            let expected = name.flatMap { a in other.map { b in similarity.relation(a, b) } }
            #expect(matrix(name, other) == expected, "\(name) ~ \(other)")
        }
    }

    @Test func agreesWithRelationOnEveryPairOfASampleOfCharacters() {
        // Common characters, characters with many readings and ones outside the packed blocks (Extension B), so
        // that both the packed readings and the string fallback are compared.
        var generator = SplitMix(state: 7)
        var sample = Array("康师傅帅付雪雷碧必奥粤利哈娃哇华为行长乐重还和𠀋𠂉".unicodeScalars.map(\.value))
        for _ in 0..<120 { sample.append(UInt32.random(in: 0x4E00...0x9FA5, using: &generator)) }
        let text = String(String.UnicodeScalarView(sample.compactMap(Unicode.Scalar.init)))
        let relations = matrix(text, text)
        var disagreements = 0
        var related = 0
        for (i, a) in text.enumerated() {
            for (j, b) in text.enumerated() {
                let expected = similarity.relation(a, b)
                if expected != .unrelated && expected != .same { related += 1 }
                if relations[i * sample.count + j] != expected { disagreements += 1 }
            }
        }
        #expect(disagreements == 0)
        #expect(related > 20, "the sample should exercise the shape and sound lists")
    }

    @Test func aCharacterWithoutReadingsIsUnrelatedToOthers() {
        #expect(matrix("A", "康") == [.unrelated])
        #expect(matrix("康", "康") == [.same])
    }
}

/// A deterministic pseudo-random generator (SplitMix64), so property checks are reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
