/* Memory-bound kernels that the wasm backend runs through generic strided loops or transposes
 * (reductions over outer axes, slicing along an inner axis, row gathers) and the fused Adam
 * step; compiled with -O3 -march=native, the compiler vectorises the inner loops. */
#include "ops.h"

#include <math.h>
#include <string.h>

void sum_axis(const float *x, float *out, size_t outer, size_t reduce, size_t inner) {
  for (size_t o = 0; o < outer; o++, out += inner) {
    const float *block = x + o * reduce * inner;
    if (inner == 1) {
      /* Eight partial sums: vectorisable, and a shorter rounding chain than one running sum. */
      float partial[8] = {0};
      size_t r = 0;
      for (; r + 8 <= reduce; r += 8)
        for (int l = 0; l < 8; l++) partial[l] += block[r + l];
      float total = 0;
      for (; r < reduce; r++) total += block[r];
      for (int l = 0; l < 8; l++) total += partial[l];
      *out = total;
      continue;
    }
    memcpy(out, block, inner * sizeof(float));
    for (size_t r = 1; r < reduce; r++) {
      const float *row = block + r * inner;
      for (size_t i = 0; i < inner; i++) out[i] += row[i];
    }
  }
}

void copy_rows(const uint8_t *src, ptrdiff_t src_stride, uint8_t *dst, ptrdiff_t dst_stride, size_t rows, size_t row_bytes) {
  if (src_stride == (ptrdiff_t)row_bytes && dst_stride == (ptrdiff_t)row_bytes) {
    memcpy(dst, src, rows * row_bytes);
    return;
  }
  for (size_t r = 0; r < rows; r++) memcpy(dst + r * dst_stride, src + r * src_stride, row_bytes);
}

int gather_rows(const uint8_t *x, uint8_t *out, size_t outer, size_t dim, size_t row_bytes, const int32_t *indices, size_t count) {
  for (size_t j = 0; j < count; j++)
    if (indices[j] < 0 || (size_t)indices[j] >= dim) return 1;
  for (size_t o = 0; o < outer; o++) {
    const uint8_t *block = x + o * dim * row_bytes;
    for (size_t j = 0; j < count; j++, out += row_bytes) memcpy(out, block + (size_t)indices[j] * row_bytes, row_bytes);
  }
  return 0;
}

void segment_sum(const float *x, const int32_t *ids, float *out, size_t rows, size_t row_size, size_t segments) {
  memset(out, 0, segments * row_size * sizeof(float));
  for (size_t r = 0; r < rows; r++) {
    int32_t s = ids[r];
    if (s < 0 || (size_t)s >= segments) continue;
    float *to = out + (size_t)s * row_size;
    const float *from = x + r * row_size;
    for (size_t j = 0; j < row_size; j++) to[j] += from[j];
  }
}

/* In double, as the JS loop it replaces: both paths give the same float32 results. */
void adam_step(const float *restrict x, float *restrict m, float *restrict v, const float *restrict g, float *restrict x_out,
               size_t count, const adam_t *c) {
  const double beta1 = c->beta1, beta2 = c->beta2, epsilon = c->epsilon, step_size = c->step_size;
  const double second_correction = c->second_correction, decay = c->decay;
  const double one_minus_beta1 = 1 - beta1, one_minus_beta2 = 1 - beta2;
  for (size_t i = 0; i < count; i++) {
    double gi = g[i];
    double mi = beta1 * m[i] + one_minus_beta1 * gi;
    double vi = beta2 * v[i] + one_minus_beta2 * gi * gi;
    m[i] = (float)mi;
    v[i] = (float)vi;
    x_out[i] = (float)(decay * x[i] - step_size * mi / (sqrt(vi) / second_correction + epsilon));
  }
}
