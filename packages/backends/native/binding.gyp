{
  # csrc/core is the portable engine (also compiled to WebAssembly by @geneft/backend-wasm);
  # csrc/node is the addon around it: N-API glue, thread pool, CPU dispatch. The kernels
  # (csrc/core/engine.inc) are compiled once per instruction set, each in its own static library
  # with its own -m flags; csrc/node/dispatch.cc picks one at load time from what the CPU
  # supports. Nothing is built with -march=native, so one binary runs on any x86-64 (and the
  # generic kernels alone on other architectures).
  "target_defaults": {
    "cflags": ["-O3", "-fno-math-errno", "-fno-trapping-math", "-fPIC", "-Wall", "-Wextra"],
    "cflags_cc": ["-std=gnu++17"],
    "cflags!": ["-fno-exceptions"],
    "cflags_cc!": ["-fno-exceptions", "-std=gnu++1y", "-std=gnu++14"],
    "xcode_settings": {
      "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
      "CLANG_CXX_LANGUAGE_STANDARD": "gnu++17",
      "OTHER_CFLAGS": ["-O3", "-fno-math-errno", "-fno-trapping-math"]
    }
  },
  "targets": [
    {
      "target_name": "geneft_kernels_generic",
      "type": "static_library",
      "sources": ["csrc/core/isa_generic.cc"]
    },
    {
      "target_name": "geneft_native",
      "sources": ["csrc/node/addon.cc", "csrc/node/dispatch.cc", "csrc/node/pool.cc", "csrc/node/run.cc", "csrc/node/stepper.cc", "csrc/core/plan.cc"],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "dependencies": ["geneft_kernels_generic"],
      "conditions": [
        ["target_arch=='x64'", { "dependencies": ["geneft_kernels_avx2", "geneft_kernels_avx512"] }]
      ]
    }
  ],
  "conditions": [
    ["target_arch=='x64'", {
      "targets": [
        {
          "target_name": "geneft_kernels_avx2",
          "type": "static_library",
          "sources": ["csrc/node/isa_avx2.cc"],
          "cflags": ["-mavx2", "-mfma"],
          "xcode_settings": { "OTHER_CFLAGS": ["-mavx2", "-mfma"] }
        },
        {
          "target_name": "geneft_kernels_avx512",
          "type": "static_library",
          "sources": ["csrc/node/isa_avx512.cc"],
          "cflags": ["-mavx512f", "-mavx2", "-mfma"],
          "xcode_settings": { "OTHER_CFLAGS": ["-mavx512f", "-mavx2", "-mfma"] }
        }
      ]
    }]
  ]
}
