// @rename Product next head sku stock restock sell find low_stock destroy p prev cur threshold qty sold
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Products in a linked list keyed by stock-keeping unit, with a low-stock alert. */
struct Product {
    char *sku;
    long stock;
    struct Product *next;
};

static struct Product *head = NULL;

// @order
// @item
static struct Product *find(const char *sku) {
    struct Product *p = head;
    while (p && strcmp(p->sku, sku) != 0) p = p->next;
    return p;
}

// @item
static void restock(const char *sku, long qty) {
    struct Product *p = find(sku);
    if (!p) {
        p = malloc(sizeof *p);
        p->sku = strdup(sku);
        p->stock = 0;
        p->next = head;
        head = p;
    }
    p->stock += qty;
}

// @item
static long sell(const char *sku, long qty) {
    struct Product *p = find(sku);
    if (!p) return 0;
    long sold = qty < p->stock ? qty : p->stock;
    p->stock -= sold;
    return sold;
}

// @item
static void low_stock(long threshold) {
    for (struct Product *p = head; p; p = p->next)
        if (p->stock < threshold) fprintf(stderr, "low: %s (%ld)\n", p->sku, p->stock);
}

// @item
static void destroy(void) {
    struct Product *cur = head, *prev;
    while (cur) {
        prev = cur;
        cur = cur->next;
        free(prev->sku);
        free(prev);
    }
    head = NULL;
}
// @end

int main(void) {
    restock("A-100", 40);
    restock("B-200", 5);
    restock("C-300", 17);
    printf("sold %ld\n", sell("A-100", 35));
    printf("sold %ld\n", sell("B-200", 9));
    low_stock(10);
    destroy();
    return 0;
}
