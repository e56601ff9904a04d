import Testing

@testable import CustosDamages

@Suite struct CustosDamagesPlaceholderTests {
    @Test func moduleLinks() { #expect(String(describing: CustosDamagesModule.self) == "CustosDamagesModule") }
}
