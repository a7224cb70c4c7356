{
  "targets": [
    {
      "target_name": "revert",
      "sources": ["revert.c"],
      "cflags_c": ["-std=c11", "-Wall", "-Wextra", "-O2"]
    }
  ]
}
