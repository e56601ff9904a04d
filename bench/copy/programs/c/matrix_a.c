// @rename Matrix rows cols data matrix_new matrix_free matrix_mul matrix_transpose matrix_print m a b out sum i j k
#include <stdio.h>
#include <stdlib.h>

/* Dense matrices stored row-major in one allocation. */
typedef struct {
    int rows;
    int cols;
    double *data;
} Matrix;

// @order
// @item
Matrix matrix_new(int rows, int cols) {
    Matrix m;
    m.rows = rows;
    m.cols = cols;
    m.data = calloc((size_t)rows * cols, sizeof(double));
    return m;
}

// @item
void matrix_free(Matrix *m) {
    free(m->data);
    m->data = NULL;
}

// @item
Matrix matrix_mul(const Matrix *a, const Matrix *b) {
    Matrix out = matrix_new(a->rows, b->cols);
    for (int i = 0; i < a->rows; i++) {
        for (int j = 0; j < b->cols; j++) {
            double sum = 0.0;
            for (int k = 0; k < a->cols; k++) {
                sum += a->data[i * a->cols + k] * b->data[k * b->cols + j];
            }
            out.data[i * out.cols + j] = sum;
        }
    }
    return out;
}

// @item
Matrix matrix_transpose(const Matrix *m) {
    Matrix out = matrix_new(m->cols, m->rows);
    for (int i = 0; i < m->rows; i++) {
        for (int j = 0; j < m->cols; j++) {
            out.data[j * out.cols + i] = m->data[i * m->cols + j];
        }
    }
    return out;
}

// @item
void matrix_print(const Matrix *m) {
    for (int i = 0; i < m->rows; i++) {
        for (int j = 0; j < m->cols; j++) {
            printf("%8.2f", m->data[i * m->cols + j]);
        }
        printf("\n");
    }
}
// @end

int main(void) {
    Matrix a = matrix_new(2, 3);
    for (int i = 0; i < 6; i++) {
        a.data[i] = i + 1;
    }
    Matrix b = matrix_transpose(&a);
    Matrix c = matrix_mul(&a, &b);
    matrix_print(&c);
    matrix_free(&a);
    matrix_free(&b);
    matrix_free(&c);
    return 0;
}
