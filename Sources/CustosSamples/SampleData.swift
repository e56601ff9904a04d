import Foundation

/// The sample data bundled with Custos: a portfolio, a listing feed, reference prices and a labelled
/// mark-search evaluation set (`Sources/CustosSamples/Resources`, written by `Scripts/make-sample-data.py`).
///
/// Formats are described in `docs/formats.md`. Everything is invented for the demonstration except the brand
/// names, which appear only as the marks their owners register.
public enum SampleData {
    /// The sample portfolio in the rights-import CSV format.
    ///
    /// - Throws: ``SampleDataError/Code/missingResource`` when the resource bundle lacks the file.
    public static var portfolioURL: URL {
        get throws { try resource("portfolio", "csv") }
    }

    /// The sample listing feed, one JSON object per line (DESIGN.md "Listing feed").
    ///
    /// - Throws: ``SampleDataError/Code/missingResource`` when the resource bundle lacks the file.
    public static var listingsURL: URL {
        get throws { try resource("listings", "jsonl") }
    }

    /// The ground truth for ``listingsURL``: `listing_id,label,right_id` with label `genuine`, `generic` or
    /// `suspicious` and the right the listing names (empty for generic goods).
    ///
    /// - Throws: ``SampleDataError/Code/missingResource`` when the resource bundle lacks the file.
    public static var listingLabelsURL: URL {
        get throws { try resource("listing_labels", "csv") }
    }

    /// Reference retail prices per owner and product category: `owner,category,reference_price,currency`.
    ///
    /// - Throws: ``SampleDataError/Code/missingResource`` when the resource bundle lacks the file.
    public static var categoryPricesURL: URL {
        get throws { try resource("category_prices", "csv") }
    }

    /// The labelled mark-search evaluation set, one ``EvaluationQuery`` per line; load it with
    /// ``EvaluationSet/load(from:)``.
    ///
    /// - Throws: ``SampleDataError/Code/missingResource`` when the resource bundle lacks the file.
    public static var evaluationURL: URL {
        get throws { try resource("evaluation", "jsonl") }
    }

    /// The directory holding the sample files; the portfolio's and the listings' relative image paths
    /// (`images/…`) resolve against it.
    ///
    /// - Throws: ``SampleDataError/Code/missingResource`` when the resource bundle lacks the directory.
    public static var resourcesDirectory: URL {
        get throws { try portfolioURL.deletingLastPathComponent() }
    }

    /// The product categories the sample listings and category prices use, and that generated listings use.
    public static let listingCategories = [
        "apparel", "footwear", "bags", "watches", "jewellery", "cosmetics", "perfume", "electronics", "phones",
        "computers", "beverages", "food", "snacks", "dairy", "toys", "sports", "software", "pharmaceuticals", "tools",
        "household", "tea", "liquor", "eyewear", "auto_parts",
    ]

    private static func resource(_ name: String, _ fileExtension: String) throws -> URL {
        // The target copies the whole `Resources` folder, so the files sit in a subdirectory of the bundle.
        guard let url = Bundle.module.url(forResource: name, withExtension: fileExtension, subdirectory: "Resources")
        else {
            throw SampleDataError(
                .missingResource,
                "the sample file Resources/\(name).\(fileExtension) is missing from the CustosSamples bundle",
                underlying: Bundle.module.bundlePath)
        }
        return url
    }
}
