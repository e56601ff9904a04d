import Testing

@Suite struct CustosSamplesTestsPlaceholder {}
