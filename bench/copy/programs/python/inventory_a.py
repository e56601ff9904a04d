# @rename Inventory Item stock receive ship value low report name quantity unit_price item amount threshold lines
from dataclasses import dataclass, field


@dataclass
class Item:
    name: str
    quantity: int
    unit_price: float


# Inventory of items by name, with receiving, shipping and valuation.
@dataclass
class Inventory:
    stock: dict = field(default_factory=dict)

    # @order
    # @item
    def receive(self, name, amount, unit_price):
        item = self.stock.get(name)
        if item is None:
            item = Item(name, 0, unit_price)
            self.stock[name] = item
        item.quantity += amount
        item.unit_price = unit_price

    # @item
    def ship(self, name, amount):
        item = self.stock.get(name)
        if item is None or item.quantity < amount:
            raise ValueError(f"cannot ship {amount} of {name}")
        item.quantity -= amount

    # @item
    def value(self):
        total = 0.0
        for item in self.stock.values():
            total += item.quantity * item.unit_price
        return total

    # @item
    def low(self, threshold=10):
        return [item.name for item in self.stock.values() if item.quantity < threshold]

    # @item
    def report(self):
        lines = []
        for item in sorted(self.stock.values(), key=lambda i: i.name):
            lines.append(f"{item.name:<10} {item.quantity:>5} @ {item.unit_price:.2f}")
        lines.append(f"value {self.value():.2f}")
        return "\n".join(lines)
    # @end


inv = Inventory()
inv.receive("widget", 120, 2.5)
inv.receive("gadget", 8, 19.0)
inv.receive("gizmo", 40, 7.25)
inv.ship("widget", 100)
try:
    inv.ship("gadget", 9)
except ValueError as error:
    print(error)
print(inv.report())
print("low:", inv.low())
