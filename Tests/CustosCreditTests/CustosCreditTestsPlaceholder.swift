import Testing

@testable import CustosCredit

@Suite struct CustosCreditPlaceholderTests {
    @Test func moduleLinks() { #expect(String(describing: CustosCreditModule.self) == "CustosCreditModule") }
}
