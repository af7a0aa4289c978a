{
  "targets": [
    {
      "target_name": "tradeoff_native",
      "sources": ["src/addon.c", "src/gemm.c", "src/pool.c"],
      "cflags": ["-O3", "-march=native"],
      "cflags_c": ["-std=gnu11"]
    }
  ]
}
