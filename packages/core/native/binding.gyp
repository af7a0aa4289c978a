{
  "targets": [
    {
      "target_name": "tradeoff_native",
      "sources": ["src/addon.c", "src/gemm.c", "src/ops.c", "src/pool.c"],
      "cflags": ["-O3", "-march=native", "-fno-math-errno"],
      "cflags_c": ["-std=gnu11"]
    }
  ]
}
