#ifndef TRADEOFF_OPS_H
#define TRADEOFF_OPS_H

#include <stddef.h>
#include <stdint.h>

/* out[o][i] = sum over r of x[o][r][i], for x viewed as [outer][reduce][inner]. */
void sum_axis(const float *x, float *out, size_t outer, size_t reduce, size_t inner);

/* `rows` rows of `row_bytes` bytes from src (rows src_stride bytes apart) to dst (dst_stride apart). */
void copy_rows(const uint8_t *src, ptrdiff_t src_stride, uint8_t *dst, ptrdiff_t dst_stride, size_t rows, size_t row_bytes);

/* out[o][j] = x[o][indices[j]] for x viewed as [outer][dim][row_bytes] and out as
 * [outer][count][row_bytes]. Returns 0, or 1 (writing nothing) when an index is outside [0, dim). */
int gather_rows(const uint8_t *x, uint8_t *out, size_t outer, size_t dim, size_t row_bytes, const int32_t *indices, size_t count);

/* out[s] += x[i] for rows i with ids[i] = s in [0, segments); out starts zeroed here. */
void segment_sum(const float *x, const int32_t *ids, float *out, size_t rows, size_t row_size, size_t segments);

typedef struct {
  double beta1, beta2, epsilon, step_size, second_correction, decay;
} adam_t;

/* One Adam step (see packages/core/src/engine/fused-adam.ts): m and v in place, x_out = new x. */
void adam_step(const float *x, float *m, float *v, const float *g, float *x_out, size_t count, const adam_t *c);

#endif
