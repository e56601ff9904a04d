// @rename Item items item_count add_item remove_item find_item total_value report name quantity price idx value
#include <stdio.h>
#include <string.h>

#define MAX_ITEMS 64

// A warehouse inventory kept in a fixed array of records.
typedef struct {
    char name[32];
    int quantity;
    double price;
} Item;

static Item items[MAX_ITEMS];
static int item_count = 0;

// @order
// @item
int find_item(const char *name) {
    for (int idx = 0; idx < item_count; idx++) {
        if (strcmp(items[idx].name, name) == 0) {
            return idx;
        }
    }
    return -1;
}

// @item
int add_item(const char *name, int quantity, double price) {
    int idx = find_item(name);
    if (idx >= 0) {
        items[idx].quantity += quantity;
        return idx;
    }
    if (item_count == MAX_ITEMS) {
        return -1;
    }
    strncpy(items[item_count].name, name, sizeof items[item_count].name - 1);
    items[item_count].quantity = quantity;
    items[item_count].price = price;
    return item_count++;
}

// @item
int remove_item(const char *name, int quantity) {
    int idx = find_item(name);
    if (idx < 0 || items[idx].quantity < quantity) {
        return 0;
    }
    items[idx].quantity -= quantity;
    return 1;
}

// @item
double total_value(void) {
    double value = 0.0;
    for (int idx = 0; idx < item_count; idx++) {
        value += items[idx].quantity * items[idx].price;
    }
    return value;
}

// @item
void report(void) {
    for (int idx = 0; idx < item_count; idx++) {
        printf("%-12s %5d x %8.2f\n", items[idx].name, items[idx].quantity, items[idx].price);
    }
    printf("total value: %.2f\n", total_value());
}
// @end

int main(void) {
    add_item("bolts", 500, 0.05);
    add_item("nuts", 800, 0.03);
    add_item("hammer", 12, 9.99);
    add_item("bolts", 100, 0.05);
    if (!remove_item("hammer", 20)) {
        printf("not enough hammers\n");
    }
    remove_item("nuts", 300);
    report();
    return 0;
}
