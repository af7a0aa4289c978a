/* Blocked float32 GEMM in the style of BLIS/GotoBLAS: panels of op(B) (KC x NC) and op(A)
 * (MC x KC) are packed into contiguous, zero-padded strips so that a register-tiled MR x NR
 * micro-kernel streams them with unit stride whatever the transposes; the vector width follows
 * the instruction set the addon is compiled for (-march=native). */
#include "gemm.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"

#if defined(__AVX512F__)
#define VW 16 /* 12 x 32 tile: 24 of the 32 zmm registers accumulate */
#define MR 12
#elif defined(__AVX__)
#define VW 8 /* 6 x 16 tile: 12 of the 16 ymm registers accumulate */
#define MR 6
#else
#define VW 4
#define MR 6
#endif
#define NR (2 * VW)
#define KC 256          /* a KC x NR strip of B (32 KiB with AVX-512) stays in L1 */
#define MC (MR * 16)    /* an MC x KC block of A stays in L2 */
#define NC 4096         /* a KC x NC panel of B stays in L3 */

typedef float vec __attribute__((vector_size(VW * sizeof(float))));
typedef float vec_u __attribute__((vector_size(VW * sizeof(float)), aligned(sizeof(float))));
typedef int ivec __attribute__((vector_size(VW * sizeof(float))));

static inline int min_int(int a, int b) { return a < b ? a : b; }

/* Epilogue of the last K block: add the bias, then clamp at 0 (NaN stays NaN, as in tfjs). */
static inline vec finish(vec x, const float *bias, int relu) {
  if (bias) x += *(const vec_u *)bias;
  if (relu) x = (vec)((ivec)x & ~(ivec)(x < (vec){0}));
  return x;
}

static inline float finish_scalar(float x, const float *bias, int relu) {
  if (bias) x += *bias;
  return relu && x < 0 ? 0 : x;
}

/* C[mr x nr] (+)= a-strip x b-strip over kc, then the epilogue when bias or relu apply. */
static void micro_kernel(int kc, const float *restrict a, const float *restrict b, float *restrict c, ptrdiff_t ldc, int mr,
                         int nr, int accumulate, const float *bias, int relu) {
  vec acc[MR][2];
  for (int i = 0; i < MR; i++) acc[i][0] = acc[i][1] = (vec){0};
  for (int p = 0; p < kc; p++, a += MR, b += NR) {
    vec b0 = *(const vec *)b, b1 = *(const vec *)(b + VW);
#pragma GCC unroll 16
    for (int i = 0; i < MR; i++) {
      acc[i][0] += a[i] * b0;
      acc[i][1] += a[i] * b1;
    }
  }
  if (mr == MR && nr == NR) {
    for (int i = 0; i < MR; i++) {
      vec_u *row = (vec_u *)(c + i * ldc);
      vec r0 = acc[i][0], r1 = acc[i][1];
      if (accumulate) {
        r0 += row[0];
        r1 += row[1];
      }
      row[0] = finish(r0, bias, relu);
      row[1] = finish(r1, bias ? bias + VW : NULL, relu);
    }
    return;
  }
  float tile[MR][NR] __attribute__((aligned(64)));
  for (int i = 0; i < MR; i++) {
    *(vec *)&tile[i][0] = acc[i][0];
    *(vec *)&tile[i][VW] = acc[i][1];
  }
  for (int i = 0; i < mr; i++)
    for (int j = 0; j < nr; j++) {
      float x = tile[i][j] + (accumulate ? c[i * ldc + j] : 0);
      c[i * ldc + j] = finish_scalar(x, bias ? bias + j : NULL, relu);
    }
}

/* `count` lanes [first, first + count) x depth [p0, p0 + kc) of a strided operand (lane stride
 * `lane`, depth stride `depth`) as `width`-lane strips, p-major within a strip, short strips
 * zero-padded: the layout the micro-kernel reads for op(A) (lanes = rows, width MR) and op(B)
 * (lanes = columns, width NR). */
static void pack_strips(const float *base, ptrdiff_t lane, ptrdiff_t depth, int first, int p0, int count, int kc, int width, float *restrict dst) {
  for (int r = 0; r < count; r += width, dst += width * kc) {
    int w = min_int(width, count - r);
    const float *src = base + (ptrdiff_t)(first + r) * lane + (ptrdiff_t)p0 * depth;
    if (w < width) memset(dst, 0, sizeof(float) * width * kc);
    if (lane == 1) /* a strip's lanes are contiguous (transposed A, plain B) */
      for (int p = 0; p < kc; p++) memcpy(dst + p * width, src + p * depth, sizeof(float) * w);
    else
      for (int i = 0; i < w; i++)
        for (int p = 0; p < kc; p++) dst[p * width + i] = src[i * lane + p * depth];
  }
}

/* op(A) rows [i0, i0 + mc) x cols [p0, p0 + kc) as MR-row strips. */
static void pack_a(const gemm_t *g, int i0, int p0, int mc, int kc, float *restrict dst) {
  pack_strips(g->a, g->rsa, g->csa, i0, p0, mc, kc, MR, dst);
}

/* op(B) rows [p0, p0 + kc) x cols [j0, j0 + nc) as NR-column strips. */
static void pack_b(const gemm_t *g, int p0, int j0, int kc, int nc, float *restrict dst) {
  pack_strips(g->b, g->csb, g->rsb, j0, p0, nc, kc, NR, dst);
}

/* Per-thread packing buffers, grown on demand and kept for the thread's life. */
static float *buffer(float **slot, size_t *capacity, size_t floats) {
  if (*capacity < floats) {
    free(*slot);
    *slot = aligned_alloc(64, (floats * sizeof(float) + 63) / 64 * 64);
    *capacity = *slot ? floats : 0;
  }
  return *slot;
}

static _Thread_local float *packed_a, *packed_b;
static _Thread_local size_t packed_a_size, packed_b_size;

/* C when k = 0: the epilogue of zero. */
static void gemm_empty(const gemm_t *g) {
  for (int i = 0; i < g->m; i++)
    for (int j = 0; j < g->n; j++) g->c[i * g->ldc + j] = finish_scalar(0, g->bias ? g->bias + j : NULL, g->relu);
}

/* One product on the calling thread. Returns 0 when out of memory. */
static int gemm_single(const gemm_t *g) {
  if (g->m <= 0 || g->n <= 0) return 1;
  if (g->k <= 0) {
    gemm_empty(g);
    return 1;
  }
  int nc_max = min_int(NC, (g->n + NR - 1) / NR * NR);
  int kc_max = min_int(KC, g->k);
  float *pa = buffer(&packed_a, &packed_a_size, (size_t)MC * kc_max);
  float *pb = buffer(&packed_b, &packed_b_size, (size_t)nc_max * kc_max);
  if (!pa || !pb) return 0;
  for (int jc = 0; jc < g->n; jc += NC) {
    int nc = min_int(NC, g->n - jc);
    for (int pc = 0; pc < g->k; pc += KC) {
      int kc = min_int(KC, g->k - pc);
      int last = pc + kc == g->k;
      pack_b(g, pc, jc, kc, nc, pb);
      for (int ic = 0; ic < g->m; ic += MC) {
        int mc = min_int(MC, g->m - ic);
        pack_a(g, ic, pc, mc, kc, pa);
        for (int jr = 0; jr < nc; jr += NR)
          for (int ir = 0; ir < mc; ir += MR)
            micro_kernel(kc, pa + ir * kc, pb + jr * kc, g->c + (ptrdiff_t)(ic + ir) * g->ldc + jc + jr, g->ldc,
                         min_int(MR, mc - ir), min_int(NR, nc - jr), pc > 0, last && g->bias ? g->bias + jc + jr : NULL,
                         last && g->relu);
      }
    }
  }
  return 1;
}

/* Work split for the pool: items [first, first + count) of the batch, or one part of one item. */
typedef struct {
  const gemm_t *g;
  ptrdiff_t stride_a, stride_b, stride_c;
  int batch;
  int parts;    /* > 1: each item is cut into `parts` row or column ranges */
  int split_m;  /* cut rows (else columns) */
  int chunk;    /* rows or columns per part, or items per task when parts = 1 */
  atomic_int *failed;
} split_t;

static gemm_t item(const split_t *s, int index) {
  gemm_t g = *s->g;
  g.a += index * s->stride_a;
  g.b += index * s->stride_b;
  g.c += index * s->stride_c;
  return g;
}

static void run_part(void *context, int task) {
  const split_t *s = context;
  int ok = 1;
  if (s->parts == 1) {
    int end = min_int(s->batch, (task + 1) * s->chunk);
    for (int i = task * s->chunk; i < end; i++) {
      gemm_t g = item(s, i);
      ok &= gemm_single(&g);
    }
  } else {
    gemm_t g = item(s, task / s->parts);
    int start = task % s->parts * s->chunk;
    if (s->split_m) {
      g.m = min_int(s->chunk, g.m - start);
      g.a += start * g.rsa;
      g.c += start * g.ldc;
    } else {
      g.n = min_int(s->chunk, g.n - start);
      g.b += start * g.csb;
      g.c += start;
      if (g.bias) g.bias += start;
    }
    if (g.m > 0 && g.n > 0) ok = gemm_single(&g);
  }
  if (!ok) atomic_store(s->failed, 1);
}

/* Below this many multiply-adds a product runs on the calling thread: waking workers costs more. */
#define PARALLEL_MIN_MACS (1 << 18)

int gemm_batched(const gemm_t *g, int batch, ptrdiff_t stride_a, ptrdiff_t stride_b, ptrdiff_t stride_c) {
  if (batch <= 0) return 1;
  atomic_int failed = 0;
  split_t s = {g, stride_a, stride_b, stride_c, batch, 1, 0, batch, &failed};
  int threads = pool_threads();
  double macs = (double)batch * g->m * g->n * g->k;
  if (threads > 1 && macs >= PARALLEL_MIN_MACS) {
    /* Few items: cut each along its longer side into one part per thread (whole micro-tiles),
     * which also balances e.g. 3 items on 2 threads; many items: hand each thread a run of them. */
    s.split_m = g->m >= g->n;
    int length = s.split_m ? g->m : g->n, tile = s.split_m ? MR : NR;
    int chunk = ((length + threads - 1) / threads + tile - 1) / tile * tile;
    if (batch < 4 * threads && chunk < length) {
      s.parts = (length + chunk - 1) / chunk;
      s.chunk = chunk;
    } else {
      s.chunk = (batch + threads - 1) / threads;
    }
  }
  int tasks = s.parts > 1 ? batch * s.parts : (batch + s.chunk - 1) / s.chunk;
  pool_run(run_part, &s, tasks);
  return !failed;
}
