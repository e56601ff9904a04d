// @rename W H board next neighbours step render generation alive count dx dy x y nx ny
#include <stdio.h>
#include <string.h>

#define W 20
#define H 10

// Conway's game of life on a torus.
static char board[H][W];
static char next[H][W];

// @order
// @item
static int neighbours(int y, int x) {
    int count = 0;
    for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
            if (dx == 0 && dy == 0) {
                continue;
            }
            int ny = (y + dy + H) % H;
            int nx = (x + dx + W) % W;
            count += board[ny][nx];
        }
    }
    return count;
}

// @item
static void step(void) {
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            int alive = neighbours(y, x);
            if (board[y][x]) {
                next[y][x] = alive == 2 || alive == 3;
            } else {
                next[y][x] = alive == 3;
            }
        }
    }
    memcpy(board, next, sizeof board);
}

// @item
static void render(int generation) {
    printf("generation %d\n", generation);
    for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
            putchar(board[y][x] ? '#' : '.');
        }
        putchar('\n');
    }
}
// @end

int main(void) {
    // @order
    // @item
    board[1][2] = 1;
    // @item
    board[2][3] = 1;
    // @item
    board[3][1] = 1;
    // @item
    board[3][2] = 1;
    // @item
    board[3][3] = 1;
    // @end
    for (int generation = 0; generation < 4; generation++) {
        render(generation);
        step();
    }
    return 0;
}
