import Testing

@testable import CustosCredit

@Suite struct CSVFieldTests {
    @Test(arguments: [
        ("plain", "plain"),
        ("", ""),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("crlf\r\ninside", "\"crlf\r\ninside\""),
        ("  spaced  ", "  spaced  "),
    ])
    func quotesAsRFC4180Asks(field: String, expected: String) {
        #expect(CSVField.escape(field) == expected)
    }

    @Test(arguments: [
        ("=SUM(A1:A2)", "'=SUM(A1:A2)"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-42", "'-42"),
        ("@cmd", "'@cmd"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "\"'\rreturn\""),
        ("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
        ("=1,2", "\"'=1,2\""),
        ("a=b", "a=b"),
        ("'quoted", "'quoted"),
    ])
    func guardsCellsThatASpreadsheetWouldRunAsAFormula(field: String, expected: String) {
        #expect(CSVField.escape(field) == expected)
    }

    @Test func recordJoinsFieldsAndEndsInCRLF() {
        #expect(CSVField.record(["a", "b,c", "=d"]) == "a,\"b,c\",'=d\r\n")
    }
}
