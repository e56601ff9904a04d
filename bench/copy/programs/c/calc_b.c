// @rename stack top push pop prec apply_op evaluate ops vals nops nvals expr c a b o i
#include <stdio.h>
#include <ctype.h>

/* Shunting-yard evaluation with two explicit stacks for operators and values. */
static double vals[128];
static char ops[128];
static int nvals, nops;

// @order
// @item
static int prec(char o) {
    switch (o) {
    case '+': case '-': return 1;
    case '*': case '/': return 2;
    default: return 0;
    }
}

// @item
static void apply_op(void) {
    char o = ops[--nops];
    double b = vals[--nvals];
    double a = vals[--nvals];
    double r = 0;
    if (o == '+') r = a + b;
    else if (o == '-') r = a - b;
    else if (o == '*') r = a * b;
    else if (o == '/') r = a / b;
    vals[nvals++] = r;
}
// @end

double evaluate(const char *expr) {
    nvals = nops = 0;
    for (int i = 0; expr[i]; ) {
        char c = expr[i];
        if (isspace((unsigned char)c)) { i++; continue; }
        if (isdigit((unsigned char)c) || c == '.') {
            double v = 0, frac = 0.1;
            while (isdigit((unsigned char)expr[i])) v = v * 10 + (expr[i++] - '0');
            if (expr[i] == '.') {
                i++;
                while (isdigit((unsigned char)expr[i])) { v += (expr[i++] - '0') * frac; frac /= 10; }
            }
            vals[nvals++] = v;
            continue;
        }
        if (c == '(') ops[nops++] = c;
        else if (c == ')') {
            while (nops && ops[nops - 1] != '(') apply_op();
            nops--;
        } else {
            while (nops && prec(ops[nops - 1]) >= prec(c)) apply_op();
            ops[nops++] = c;
        }
        i++;
    }
    while (nops) apply_op();
    return vals[0];
}

int main(void) {
    const char *tests[] = {"1 + 2 * 3", "(1 + 2) * 3", "10 / 4 - 0.5", "2 * (3 + 4) * 5"};
    for (int i = 0; i < 4; i++) printf("%-20s = %g\n", tests[i], evaluate(tests[i]));
    return 0;
}
