// @rename src pos peek skip_spaces parse_expr parse_term parse_factor value left right op number line
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

// Recursive-descent calculator for + - * / and parentheses.
static const char *src;
static int pos;

static double parse_expr(void);

// @order
// @item
static void skip_spaces(void) {
    while (src[pos] == ' ' || src[pos] == '\t') {
        pos++;
    }
}

// @item
static char peek(void) {
    skip_spaces();
    return src[pos];
}
// @end

static double parse_factor(void) {
    if (peek() == '(') {
        pos++;
        double value = parse_expr();
        if (peek() == ')') {
            pos++;
        }
        return value;
    }
    if (peek() == '-') {
        pos++;
        return -parse_factor();
    }
    char *end;
    double number = strtod(src + pos, &end);
    pos = (int)(end - src);
    return number;
}

static double parse_term(void) {
    double left = parse_factor();
    while (peek() == '*' || peek() == '/') {
        char op = src[pos++];
        double right = parse_factor();
        left = op == '*' ? left * right : left / right;
    }
    return left;
}

static double parse_expr(void) {
    double left = parse_term();
    while (peek() == '+' || peek() == '-') {
        char op = src[pos++];
        double right = parse_term();
        left = op == '+' ? left + right : left - right;
    }
    return left;
}

int main(void) {
    char line[256];
    while (fgets(line, sizeof line, stdin)) {
        src = line;
        pos = 0;
        printf("%g\n", parse_expr());
    }
    return 0;
}
