/// The expected public documents for `DisclosureDocumentTests.sampleList()`. They must not drift: the portal, the
/// API's `GET /public/disclosure.json` and partners' joint-discipline imports read these shapes.
enum DisclosureGolden {
    static let json = #"""
        {
          "entries" : [
            {
              "appeal" : {
                "deadline" : "2024-06-30T12:00:00Z",
                "instructions" : "Write to the IP Protection Centre, citing the case references.",
                "url" : "https://ipc.example.org/appeals"
              },
              "basis" : [
                {
                  "case_reference" : "-42",
                  "decided_at" : "2024-05-01T12:00:00Z",
                  "decided_by" : "amr-sz",
                  "finding_id" : "F-3",
                  "kind" : "counterfeiting",
                  "summary" : "+Counterfeit perfume"
                }
              ],
              "expires_on" : "2027-05-01T12:00:00Z",
              "explanation" : "counterfeiting found in case -42",
              "grade" : "D",
              "listed_on" : "2024-05-01T12:00:00Z",
              "name" : "=HYPERLINK(\"x\")",
              "organisation_id" : "org",
              "party_id" : "seller-9",
              "platform" : null,
              "reasons" : [
                "wilful"
              ],
              "region" : null
            },
            {
              "appeal" : {
                "deadline" : "2024-04-14T00:00:00Z",
                "instructions" : "Write to the IP Protection Centre, citing the case references.",
                "url" : "https://ipc.example.org/appeals"
              },
              "basis" : [
                {
                  "case_reference" : "(2023) Yue 03 Min Chu 17",
                  "decided_at" : "2023-04-03T09:30:00Z",
                  "decided_by" : "court-sz",
                  "finding_id" : "F-1",
                  "kind" : "infringement",
                  "summary" : "Sold shoes bearing a mark like NIKE."
                },
                {
                  "case_reference" : "AMR-2024-88",
                  "decided_at" : "2024-02-14T00:00:00Z",
                  "decided_by" : "amr-sz",
                  "finding_id" : "F-2",
                  "kind" : "wilful_infringement",
                  "summary" : "Relisted after takedown, line 1\nline 2"
                }
              ],
              "expires_on" : "2027-02-14T00:00:00Z",
              "explanation" : "2 findings within 2 years (cases (2023) Yue 03 Min Chu 17, AMR-2024-88); \#
        wilful infringement found in case AMR-2024-88",
              "grade" : "D",
              "listed_on" : "2024-02-14T00:00:00Z",
              "name" : "深圳 \"Best\" Shoes, Ltd.",
              "organisation_id" : "org",
              "party_id" : "seller-7",
              "platform" : "shop",
              "reasons" : [
                "repeated",
                "wilful"
              ],
              "region" : "CN-GD"
            }
          ],
          "generated_at" : "2024-06-01T00:00:00Z",
          "policy" : {
            "appeal" : {
              "instructions" : "Write to the IP Protection Centre, citing the case references.",
              "period" : "P60D",
              "url" : "https://ipc.example.org/appeals"
            },
            "listed_kinds" : [
              "wilful_infringement",
              "repeat_infringement",
              "counterfeiting",
              "bad_faith_filing",
              "criminal_transfer"
            ],
            "listing_period" : "P3Y",
            "repeat_threshold" : 2,
            "repeat_window" : "P2Y"
          }
        }
        """#

    /// Records as written, each ending in CRLF; the second entry's basis holds a quoted bare line feed.
    static let csv = [
        "party_id,organisation_id,name,region,platform,grade,reasons,explanation,case_references,basis,listed_on,"
            + "expires_on,appeal_deadline,appeal_url,appeal_instructions",
        #"seller-9,org,"'=HYPERLINK(""x"")",,,D,wilful,counterfeiting found in case -42,'-42,"#
            + #""'-42 (counterfeiting, 2024-05-01, decided by amr-sz): +Counterfeit perfume",2024-05-01,2027-05-01,"#
            + #"2024-06-30,https://ipc.example.org/appeals,"#
            + #""Write to the IP Protection Centre, citing the case references.""#,
        #"seller-7,org,"深圳 ""Best"" Shoes, Ltd.",CN-GD,shop,D,repeated; wilful,"#
            + #""2 findings within 2 years (cases (2023) Yue 03 Min Chu 17, AMR-2024-88); wilful infringement found "#
            + #"in case AMR-2024-88",(2023) Yue 03 Min Chu 17; AMR-2024-88,"#
            + #""(2023) Yue 03 Min Chu 17 (infringement, 2023-04-03, decided by court-sz): Sold shoes bearing a mark "#
            + #"like NIKE. | AMR-2024-88 (wilful infringement, 2024-02-14, decided by amr-sz): Relisted after "#
            + "takedown, line 1\nline 2\",2024-02-14,2027-02-14,2024-04-14,https://ipc.example.org/appeals,"
            + #""Write to the IP Protection Centre, citing the case references.""#,
    ].map { $0 + "\r\n" }.joined()
}
