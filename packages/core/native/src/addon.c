/* N-API entry points. Operands are byte offsets into one typed array (the wasm backend's heap),
 * so tensors are read and written where they live: nothing is copied in or out. */
#include <node_api.h>
#include <stdint.h>

#include "gemm.h"
#include "pool.h"

#define CHECK(call)                                              \
  do {                                                           \
    if ((call) != napi_ok) {                                     \
      napi_throw_error(env, NULL, "native gemm: " #call " failed"); \
      return NULL;                                               \
    }                                                            \
  } while (0)

enum { TRANSPOSE_A = 1, TRANSPOSE_B = 2, RELU = 4 };

/* The float32 region [offset, offset + 4 * count) of the heap, or NULL (with a JS error) when
 * it is misaligned or out of bounds. */
static float *region(napi_env env, uint8_t *heap, size_t length, double offset, double count) {
  if (offset < 0 || count < 0 || offset + 4 * count > (double)length || (uint64_t)offset % 4 != 0) {
    napi_throw_range_error(env, NULL, "native gemm: operand outside the heap or misaligned");
    return NULL;
  }
  return (float *)(heap + (size_t)offset);
}

/* gemm(heap, a, b, c, bias, batchA, batchB, m, n, k, flags): for each of max(batchA, batchB)
 * items, C = act(op(A) x op(B) + bias) with A [batchA][m x k] (or [k x m] when transposed),
 * B [batchB][k x n] (or [n x k]), C [batch][m x n]; a batch of 1 broadcasts; bias < 0: none. */
static napi_value gemm_js(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value argv[11];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 11) {
    napi_throw_type_error(env, NULL, "native gemm: expected 11 arguments");
    return NULL;
  }
  napi_typedarray_type type;
  size_t length;
  void *data;
  CHECK(napi_get_typedarray_info(env, argv[0], &type, &length, &data, NULL, NULL));
  if (type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "native gemm: the heap must be a Uint8Array");
    return NULL;
  }
  double offsets[4];
  for (int i = 0; i < 4; i++) CHECK(napi_get_value_double(env, argv[1 + i], &offsets[i]));
  int32_t dims[6]; /* batchA, batchB, m, n, k, flags */
  for (int i = 0; i < 6; i++) CHECK(napi_get_value_int32(env, argv[5 + i], &dims[i]));
  int batch_a = dims[0], batch_b = dims[1], m = dims[2], n = dims[3], k = dims[4], flags = dims[5];
  if (batch_a < 1 || batch_b < 1 || (batch_a != batch_b && batch_a != 1 && batch_b != 1) || m < 0 || n < 0 || k < 0) {
    napi_throw_range_error(env, NULL, "native gemm: invalid batch or matrix sizes");
    return NULL;
  }
  int batch = batch_a > batch_b ? batch_a : batch_b;
  uint8_t *heap = data;
  const float *a = region(env, heap, length, offsets[0], (double)batch_a * m * k);
  const float *b = a ? region(env, heap, length, offsets[1], (double)batch_b * k * n) : NULL;
  float *c = b ? region(env, heap, length, offsets[2], (double)batch * m * n) : NULL;
  const float *bias = c && offsets[3] >= 0 ? region(env, heap, length, offsets[3], n) : NULL;
  if (!c || (offsets[3] >= 0 && !bias)) return NULL;

  int ta = flags & TRANSPOSE_A, tb = flags & TRANSPOSE_B;
  gemm_t g = {
      .a = a, .rsa = ta ? 1 : k, .csa = ta ? m : 1,
      .b = b, .rsb = tb ? 1 : n, .csb = tb ? k : 1,
      .c = c, .ldc = n, .bias = bias, .relu = (flags & RELU) != 0,
      .m = m, .n = n, .k = k,
  };
  ptrdiff_t stride_a = batch_a == 1 ? 0 : (ptrdiff_t)m * k, stride_b = batch_b == 1 ? 0 : (ptrdiff_t)k * n;
  if (!gemm_batched(&g, batch, stride_a, stride_b, (ptrdiff_t)m * n)) napi_throw_error(env, NULL, "native gemm: out of memory");
  return NULL;
}

/* threads([count]): sets the pool's thread count when given; returns the count in effect. */
static napi_value threads_js(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc >= 1) {
    int32_t count;
    CHECK(napi_get_value_int32(env, argv[0], &count));
    pool_set_threads(count);
  }
  CHECK(napi_create_int32(env, pool_threads(), &result));
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "gemm", NAPI_AUTO_LENGTH, gemm_js, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, "gemm", fn) != napi_ok ||
      napi_create_function(env, "threads", NAPI_AUTO_LENGTH, threads_js, NULL, &fn) != napi_ok ||
      napi_set_named_property(env, exports, "threads", fn) != napi_ok)
    return NULL;
  return exports;
}
