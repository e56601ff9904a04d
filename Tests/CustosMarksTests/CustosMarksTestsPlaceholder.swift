import Testing

@Suite struct CustosMarksTestsPlaceholder {}
