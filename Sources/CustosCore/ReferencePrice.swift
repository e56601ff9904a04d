/// A price of genuine goods, given by the rights holder, against which listing prices are compared.
public struct ReferencePrice: Hashable, Sendable, Codable {
    /// The amount, greater than zero.
    public var amount: Double
    /// ISO 4217 currency code, upper case.
    public var currency: String

    /// Creates a price.
    public init(amount: Double, currency: String) {
        self.amount = amount
        self.currency = currency.uppercased()
    }
}

/// A rights holder's reference price for one product category (e.g. Nike's footwear at 699 CNY).
public struct CategoryPrice: Hashable, Sendable, Codable {
    /// The owner's name, as in the rights' `owner` field.
    public var owner: String
    /// The listing category.
    public var category: String
    /// The reference price.
    public var price: ReferencePrice

    /// Creates a row.
    public init(owner: String, category: String, price: ReferencePrice) {
        self.owner = owner
        self.category = category
        self.price = price
    }
}
