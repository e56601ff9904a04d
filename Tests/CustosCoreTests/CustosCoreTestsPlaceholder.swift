import Testing

@Suite struct CustosCoreTestsPlaceholder {}
