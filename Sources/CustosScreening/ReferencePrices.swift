import CustosCore

/// The prices of genuine goods a rights holder gives: per right, and per owner and product category.
public struct ReferencePrices: Sendable {
    private var byRight: [Right.ID: ReferencePrice] = [:]
    private var byOwnerCategory: [String: ReferencePrice] = [:]

    /// Creates the table from the rights' own reference prices and per-category rows.
    public init(rights: some Sequence<Right> = [], categories: [CategoryPrice] = []) {
        for right in rights {
            if let amount = right.referencePrice, amount > 0, let currency = right.currency {
                byRight[right.id] = ReferencePrice(amount: amount, currency: currency)
            }
        }
        for row in categories where row.price.amount > 0 {
            byOwnerCategory[Self.key(row.owner, row.category)] = row.price
        }
    }

    /// The reference price for goods of `category` under `right`: the category price of the right's owner wins,
    /// since it is specific to the goods; otherwise the right's own price.
    public func price(right: Right.ID, owner: String, category: String?) -> ReferencePrice? {
        if let category, let price = byOwnerCategory[Self.key(owner, category)] { return price }
        return byRight[right]
    }

    private static func key(_ owner: String, _ category: String) -> String {
        owner.lowercased() + "\u{1F}" + category.lowercased()
    }
}
