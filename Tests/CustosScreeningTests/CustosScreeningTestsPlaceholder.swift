import Testing

@Suite struct CustosScreeningTestsPlaceholder {}
