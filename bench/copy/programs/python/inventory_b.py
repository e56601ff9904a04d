# @rename load_csv apply_orders restock_plan rows catalogue orders sku qty minimum reorder plan text record need
"""Stock levels from CSV text, orders applied in batch, and a reorder plan."""
import csv
import io

CATALOGUE = """sku,qty,minimum
P-1,30,10
P-2,4,12
P-3,0,5
P-4,55,20
"""


# @order
# @item
def load_csv(text):
    rows = {}
    for record in csv.DictReader(io.StringIO(text)):
        rows[record["sku"]] = {"qty": int(record["qty"]), "minimum": int(record["minimum"])}
    return rows


# @item
def apply_orders(rows, orders):
    rejected = []
    for sku, qty in orders:
        if sku not in rows or rows[sku]["qty"] < qty:
            rejected.append(sku)
            continue
        rows[sku]["qty"] -= qty
    return rejected


# @item
def restock_plan(rows, reorder=2):
    plan = {}
    for sku, record in rows.items():
        if record["qty"] < record["minimum"]:
            need = record["minimum"] * reorder - record["qty"]
            plan[sku] = need
    return plan
# @end


def main():
    rows = load_csv(CATALOGUE)
    rejected = apply_orders(rows, [("P-1", 25), ("P-2", 5), ("P-4", 40), ("P-9", 1)])
    print("rejected:", ", ".join(rejected) or "none")
    for sku, need in sorted(restock_plan(rows).items()):
        print("order", need, "of", sku)
    print("levels:", {sku: r["qty"] for sku, r in rows.items()})


if __name__ == "__main__":
    main()
