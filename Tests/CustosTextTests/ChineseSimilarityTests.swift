import Testing

@testable import CustosText

@Suite struct ChineseSimilarityTests {
    let similarity = ChineseSimilarity.standard

    @Test(arguments: [
        ("帅", "师"), ("雷", "雪"), ("粤", "奥"), ("娃", "哇"), ("白", "自"), ("未", "末"), ("己", "已"), ("日", "曰"),
        ("大", "太"), ("王", "玉"), ("午", "牛"), ("人", "入"),
    ])
    func knowsKnockOffShapeAlikes(_ a: Character, _ b: Character) {
        #expect(similarity.relation(a, b) == .shapeAlike)
        #expect(similarity.relation(b, a) == .shapeAlike)
        #expect(similarity.isShapeAlike(a, b))
        #expect(similarity.shapeAlikes(of: a).contains(b))
    }

    @Test(arguments: [("傅", "付"), ("克", "刻"), ("康", "糠"), ("师", "诗"), ("碧", "必")])
    func knowsSoundAlikes(_ a: Character, _ b: Character) {
        #expect(similarity.isSoundAlike(a, b))
        #expect(similarity.isSoundAlike(b, a))
        #expect([CharacterRelation.soundAlike, .shapeAlike].contains(similarity.relation(a, b)))
    }

    @Test func reportsSameBeforeAnythingElse() {
        #expect(similarity.relation("康", "康") == .same)
        #expect(similarity.relation("傅", "傅") == .same)
        #expect(!similarity.isShapeAlike("康", "康"))
    }

    @Test func reportsUnrelatedCharacters() {
        #expect(similarity.relation("康", "雪") == .unrelated)
        #expect(!similarity.isSoundAlike("康", "雪"))
        #expect(similarity.relation("康", "A") == .unrelated)
    }

    @Test func comparesKnockOffBrandsCharacterByCharacter() {
        let pairs: [(String, String, [CharacterRelation])] = [
            ("康帅傅", "康师傅", [.same, .shapeAlike, .same]),
            ("雷碧", "雪碧", [.shapeAlike, .same]),
            ("粤利粤", "奥利奥", [.shapeAlike, .same, .shapeAlike]),
        ]
        for (knockOff, brand, expected) in pairs {
            let relations = zip(knockOff, brand).map { similarity.relation($0, $1) }
            #expect(relations == expected, "\(knockOff) vs \(brand)")
        }
    }

    @Test func boundsShapeAlikeNeighbours() {
        for c in "大日王人雪口木青" {
            let neighbours = similarity.shapeAlikes(of: c)
            #expect(neighbours.count <= ChineseSimilarity.maximumShapeAlikes)
            #expect(!neighbours.contains(c))
            #expect(Set(neighbours).count == neighbours.count)
        }
        #expect(similarity.shapeAlikes(of: "A").isEmpty)
    }

    @Test func listsCuratedNeighboursFirst() {
        #expect(similarity.shapeAlikes(of: "粤").first == "奥")
    }
}
