import Testing

@Suite struct CustosStoreTestsPlaceholder {}
