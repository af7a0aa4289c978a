/* N-API entry points. Operands are byte offsets into one typed array (the wasm backend's heap),
 * so tensors are read and written where they live: nothing is copied in or out. Every region is
 * bounds-checked against the heap before any kernel runs. */
#include <node_api.h>
#include <stdint.h>

#include "gemm.h"
#include "ops.h"
#include "pool.h"

#define MAX_ARGS 14

/* The call's heap and numeric arguments (argument 0 is the heap, the rest are numbers). */
typedef struct {
  napi_env env;
  uint8_t *heap;
  size_t length;
  double n[MAX_ARGS];
} call_t;

/* Reads `count` arguments; returns 0 with a pending JS exception when they do not fit. */
static int read_args(napi_env env, napi_callback_info info, size_t count, call_t *call) {
  size_t argc = MAX_ARGS;
  napi_value argv[MAX_ARGS];
  napi_typedarray_type type;
  void *data;
  call->env = env;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != count) {
    napi_throw_type_error(env, NULL, "native kernels: wrong number of arguments");
    return 0;
  }
  if (napi_get_typedarray_info(env, argv[0], &type, &call->length, &data, NULL, NULL) != napi_ok || type != napi_uint8_array) {
    napi_throw_type_error(env, NULL, "native kernels: the heap must be a Uint8Array");
    return 0;
  }
  call->heap = data;
  for (size_t i = 1; i < count; i++) {
    if (napi_get_value_double(env, argv[i], &call->n[i]) != napi_ok || call->n[i] != call->n[i]) {
      napi_throw_type_error(env, NULL, "native kernels: expected numbers after the heap");
      return 0;
    }
  }
  return 1;
}

/* The heap bytes [offset, offset + bytes), or NULL with a JS exception when outside the heap or
 * not aligned to `align`. */
static void *region(call_t *call, double offset, double bytes, unsigned align) {
  if (offset < 0 || bytes < 0 || offset + bytes > (double)call->length || (uint64_t)offset % align != 0) {
    napi_throw_range_error(call->env, NULL, "native kernels: operand outside the heap or misaligned");
    return NULL;
  }
  return call->heap + (size_t)offset;
}

/* Rows of a strided view: the extent from the first byte of row 0 to the end of the last row. */
static double extent(double rows, double stride, double row_bytes) { return rows > 0 ? (rows - 1) * stride + row_bytes : 0; }

static napi_value boolean(napi_env env, int value) {
  napi_value result;
  napi_get_boolean(env, value, &result);
  return result;
}

enum { TRANSPOSE_A = 1, TRANSPOSE_B = 2, RELU = 4 };

/* gemm(heap, a, b, c, bias, batchA, batchB, m, n, k, flags): see native-addon.ts. */
static napi_value gemm_js(napi_env env, napi_callback_info info) {
  call_t call;
  if (!read_args(env, info, 11, &call)) return NULL;
  double *n = call.n;
  double batch_a = n[5], batch_b = n[6], rows = n[7], cols = n[8], inner = n[9];
  int flags = (int)n[10];
  if (batch_a < 1 || batch_b < 1 || (batch_a != batch_b && batch_a != 1 && batch_b != 1) || rows < 0 || cols < 0 || inner < 0 ||
      batch_a > INT32_MAX || batch_b > INT32_MAX || rows > INT32_MAX || cols > INT32_MAX || inner > INT32_MAX) {
    napi_throw_range_error(env, NULL, "native gemm: invalid batch or matrix sizes");
    return NULL;
  }
  double batch = batch_a > batch_b ? batch_a : batch_b;
  const float *a = region(&call, n[1], 4 * batch_a * rows * inner, 4);
  const float *b = a ? region(&call, n[2], 4 * batch_b * inner * cols, 4) : NULL;
  float *c = b ? region(&call, n[3], 4 * batch * rows * cols, 4) : NULL;
  const float *bias = c && n[4] >= 0 ? region(&call, n[4], 4 * cols, 4) : NULL;
  if (!c || (n[4] >= 0 && !bias)) return NULL;

  int m = (int)rows, nn = (int)cols, k = (int)inner, ta = flags & TRANSPOSE_A, tb = flags & TRANSPOSE_B;
  gemm_t g = {
      .a = a, .rsa = ta ? 1 : k, .csa = ta ? m : 1,
      .b = b, .rsb = tb ? 1 : nn, .csb = tb ? k : 1,
      .c = c, .ldc = nn, .bias = bias, .relu = (flags & RELU) != 0,
      .m = m, .n = nn, .k = k,
  };
  ptrdiff_t stride_a = batch_a == 1 ? 0 : (ptrdiff_t)m * k, stride_b = batch_b == 1 ? 0 : (ptrdiff_t)k * nn;
  if (!gemm_batched(&g, (int)batch, stride_a, stride_b, (ptrdiff_t)m * nn)) napi_throw_error(env, NULL, "native gemm: out of memory");
  return NULL;
}

/* sumAxis(heap, x, out, outer, reduce, inner) */
static napi_value sum_axis_js(napi_env env, napi_callback_info info) {
  call_t call;
  if (!read_args(env, info, 6, &call)) return NULL;
  double *n = call.n, outer = n[3], reduce = n[4], inner = n[5];
  const float *x = region(&call, n[1], 4 * outer * reduce * inner, 4);
  float *out = x ? region(&call, n[2], 4 * outer * inner, 4) : NULL;
  if (out) sum_axis(x, out, (size_t)outer, (size_t)reduce, (size_t)inner);
  return NULL;
}

/* copyRows(heap, src, srcStride, dst, dstStride, rows, rowBytes), all in bytes */
static napi_value copy_rows_js(napi_env env, napi_callback_info info) {
  call_t call;
  if (!read_args(env, info, 7, &call)) return NULL;
  double *n = call.n, rows = n[5], row_bytes = n[6];
  const uint8_t *src = region(&call, n[1], extent(rows, n[2], row_bytes), 1);
  uint8_t *dst = src ? region(&call, n[3], extent(rows, n[4], row_bytes), 1) : NULL;
  if (dst) copy_rows(src, (ptrdiff_t)n[2], dst, (ptrdiff_t)n[4], (size_t)rows, (size_t)row_bytes);
  return NULL;
}

/* gatherRows(heap, x, out, outer, dim, rowBytes, indices, count): false when an index is out of range */
static napi_value gather_rows_js(napi_env env, napi_callback_info info) {
  call_t call;
  if (!read_args(env, info, 8, &call)) return NULL;
  double *n = call.n, outer = n[3], dim = n[4], row_bytes = n[5], count = n[7];
  const uint8_t *x = region(&call, n[1], outer * dim * row_bytes, 1);
  uint8_t *out = x ? region(&call, n[2], outer * count * row_bytes, 1) : NULL;
  const int32_t *indices = out ? region(&call, n[6], 4 * count, 4) : NULL;
  if (!indices) return NULL;
  return boolean(env, gather_rows(x, out, (size_t)outer, (size_t)dim, (size_t)row_bytes, indices, (size_t)count) == 0);
}

/* segmentSum(heap, x, ids, out, rows, rowSize, segments) */
static napi_value segment_sum_js(napi_env env, napi_callback_info info) {
  call_t call;
  if (!read_args(env, info, 7, &call)) return NULL;
  double *n = call.n, rows = n[4], row_size = n[5], segments = n[6];
  const float *x = region(&call, n[1], 4 * rows * row_size, 4);
  const int32_t *ids = x ? region(&call, n[2], 4 * rows, 4) : NULL;
  float *out = ids ? region(&call, n[3], 4 * segments * row_size, 4) : NULL;
  if (out) segment_sum(x, ids, out, (size_t)rows, (size_t)row_size, (size_t)segments);
  return NULL;
}

/* adam(heap, x, m, v, g, out, count, beta1, beta2, epsilon, stepSize, secondCorrection, decay) */
static napi_value adam_js(napi_env env, napi_callback_info info) {
  call_t call;
  if (!read_args(env, info, 13, &call)) return NULL;
  double *n = call.n, bytes = 4 * n[6];
  const float *x = region(&call, n[1], bytes, 4);
  float *m = x ? region(&call, n[2], bytes, 4) : NULL;
  float *v = m ? region(&call, n[3], bytes, 4) : NULL;
  const float *g = v ? region(&call, n[4], bytes, 4) : NULL;
  float *out = g ? region(&call, n[5], bytes, 4) : NULL;
  if (!out) return NULL;
  adam_t c = {n[7], n[8], n[9], n[10], n[11], n[12]};
  adam_step(x, m, v, g, out, (size_t)n[6], &c);
  return NULL;
}

/* threads([count]): sets the pool's thread count when given; returns the count in effect. */
static napi_value threads_js(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], result;
  int32_t count;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok) return NULL;
  if (argc >= 1) {
    if (napi_get_value_int32(env, argv[0], &count) != napi_ok) {
      napi_throw_type_error(env, NULL, "native kernels: threads(count) takes a number");
      return NULL;
    }
    pool_set_threads(count);
  }
  napi_create_int32(env, pool_threads(), &result);
  return result;
}

NAPI_MODULE_INIT() {
  static const struct {
    const char *name;
    napi_callback fn;
  } functions[] = {
      {"gemm", gemm_js},           {"sumAxis", sum_axis_js}, {"copyRows", copy_rows_js}, {"gatherRows", gather_rows_js},
      {"segmentSum", segment_sum_js}, {"adam", adam_js},     {"threads", threads_js},
  };
  for (size_t i = 0; i < sizeof functions / sizeof functions[0]; i++) {
    napi_value fn;
    if (napi_create_function(env, functions[i].name, NAPI_AUTO_LENGTH, functions[i].fn, NULL, &fn) != napi_ok ||
        napi_set_named_property(env, exports, functions[i].name, fn) != napi_ok)
      return NULL;
  }
  return exports;
}
