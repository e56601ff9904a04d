import Testing

@Suite struct CustosStoreSQLiteTestsPlaceholder {}
