import Testing

@Suite struct CustosTextTestsPlaceholder {}
