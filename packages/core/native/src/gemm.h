#ifndef TRADEOFF_GEMM_H
#define TRADEOFF_GEMM_H

#include <stddef.h>

/*
 * One float32 product C = act(op(A) x op(B) + bias) of m x k by k x n, described by strides so
 * that transposed operands are read in place: op(A)(i, p) = a[i * rsa + p * csa],
 * op(B)(p, j) = b[p * rsb + j * csb], C(i, j) = c[i * ldc + j].
 */
typedef struct {
  const float *a;
  ptrdiff_t rsa, csa;
  const float *b;
  ptrdiff_t rsb, csb;
  float *c;
  ptrdiff_t ldc;
  const float *bias; /* n values, or NULL */
  int relu;
  int m, n, k;
} gemm_t;

/* `batch` products; item i reads a + i * stride_a, b + i * stride_b (a stride of 0 broadcasts
 * one operand) and writes c + i * stride_c. Large products run on the thread pool.
 * Returns 0 when packing buffers could not be allocated (C is then incomplete). */
int gemm_batched(const gemm_t *g, int batch, ptrdiff_t stride_a, ptrdiff_t stride_b, ptrdiff_t stride_c);

#endif
