// @rename N det identity scale add_into show grid factor pivot tmp r c x y result
#include <stdio.h>
#include <string.h>

#define N 3

/* Fixed-size square matrices: determinant by elimination, scaling and sums. */

// @order
// @item
static void identity(double grid[N][N]) {
    memset(grid, 0, sizeof(double) * N * N);
    for (int r = 0; r < N; ++r) grid[r][r] = 1.0;
}

// @item
static void scale(double grid[N][N], double factor) {
    for (int r = 0; r < N; ++r)
        for (int c = 0; c < N; ++c)
            grid[r][c] *= factor;
}

// @item
static void add_into(double x[N][N], double y[N][N]) {
    for (int r = 0; r < N; ++r)
        for (int c = 0; c < N; ++c)
            x[r][c] += y[r][c];
}

// @item
static double det(double grid[N][N]) {
    double tmp[N][N];
    memcpy(tmp, grid, sizeof tmp);
    double result = 1.0;
    for (int c = 0; c < N; ++c) {
        int pivot = c;
        while (pivot < N && tmp[pivot][c] == 0.0) ++pivot;
        if (pivot == N) return 0.0;
        if (pivot != c) {
            for (int k = 0; k < N; ++k) {
                double t = tmp[c][k];
                tmp[c][k] = tmp[pivot][k];
                tmp[pivot][k] = t;
            }
            result = -result;
        }
        result *= tmp[c][c];
        for (int r = c + 1; r < N; ++r) {
            double f = tmp[r][c] / tmp[c][c];
            for (int k = c; k < N; ++k) tmp[r][k] -= f * tmp[c][k];
        }
    }
    return result;
}

// @item
static void show(double grid[N][N]) {
    for (int r = 0; r < N; ++r) {
        for (int c = 0; c < N; ++c) printf(" %6.1f", grid[r][c]);
        putchar('\n');
    }
}
// @end

int main(void) {
    double a[N][N] = {{2, 0, 1}, {1, 3, 2}, {1, 1, 1}};
    double i3[N][N];
    identity(i3);
    scale(i3, 2.5);
    add_into(a, i3);
    show(a);
    printf("det = %.3f\n", det(a));
    return 0;
}
