import Testing

@testable import CustosCases

@Suite struct CustosCasesPlaceholderTests {
    @Test func moduleLinks() { #expect(String(describing: CustosCasesModule.self) == "CustosCasesModule") }
}
