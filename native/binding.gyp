{
  "targets": [
    {
      "target_name": "nearest",
      "sources": ["nearest.cc"],
      "cflags_cc": ["-O3", "-std=c++17"],
      "cflags_cc!": ["-fno-exceptions"]
    }
  ]
}
