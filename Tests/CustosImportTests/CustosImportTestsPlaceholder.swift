import Testing

@Suite struct CustosImportTestsPlaceholder {}
