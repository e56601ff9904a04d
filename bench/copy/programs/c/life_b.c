// @rename Grid width height cells grid_create grid_get grid_set evolve print_grid g src dst live row col total
#include <stdio.h>
#include <stdlib.h>

/* Life on a bounded grid allocated on the heap; cells outside are dead. */
typedef struct {
    int width, height;
    unsigned char *cells;
} Grid;

// @order
// @item
Grid *grid_create(int width, int height) {
    Grid *g = malloc(sizeof(Grid));
    g->width = width;
    g->height = height;
    g->cells = calloc(width * height, 1);
    return g;
}

// @item
int grid_get(const Grid *g, int row, int col) {
    if (row < 0 || col < 0 || row >= g->height || col >= g->width) return 0;
    return g->cells[row * g->width + col];
}

// @item
void grid_set(Grid *g, int row, int col, int live) {
    g->cells[row * g->width + col] = (unsigned char)live;
}

// @item
void evolve(const Grid *src, Grid *dst) {
    int row, col, total;
    for (row = 0; row < src->height; ++row) {
        for (col = 0; col < src->width; ++col) {
            total = grid_get(src, row - 1, col - 1) + grid_get(src, row - 1, col) + grid_get(src, row - 1, col + 1)
                + grid_get(src, row, col - 1) + grid_get(src, row, col + 1)
                + grid_get(src, row + 1, col - 1) + grid_get(src, row + 1, col) + grid_get(src, row + 1, col + 1);
            grid_set(dst, row, col, total == 3 || (total == 2 && grid_get(src, row, col)));
        }
    }
}

// @item
void print_grid(const Grid *g) {
    for (int row = 0; row < g->height; ++row) {
        for (int col = 0; col < g->width; ++col) fputs(grid_get(g, row, col) ? "O" : " ", stdout);
        fputs("|\n", stdout);
    }
}
// @end

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    Grid *a = grid_create(12, 12), *b = grid_create(12, 12);
    grid_set(a, 5, 4, 1);
    grid_set(a, 5, 5, 1);
    grid_set(a, 5, 6, 1);
    for (int i = 0; i < rounds; ++i) {
        evolve(a, b);
        Grid *t = a;
        a = b;
        b = t;
    }
    print_grid(a);
    free(a->cells); free(b->cells); free(a); free(b);
    return 0;
}
