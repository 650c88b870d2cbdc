#include "dispatch.h"

#include <stdexcept>

namespace geneft {

namespace {

struct Candidate {
  const char* name;
  const KernelTable* (*table)();
  bool (*supported)();
};

#if defined(__x86_64__) || defined(_M_X64)
// __builtin_cpu_supports also checks that the OS saves the wider registers (XCR0).
bool hasAvx512() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
bool hasAvx2() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
#endif
bool always() { return true; }

const Candidate kCandidates[] = {
#if defined(__x86_64__) || defined(_M_X64)
    {"avx512", &kernelsAvx512, &hasAvx512},
    {"avx2", &kernelsAvx2, &hasAvx2},
#endif
    {"generic", &kernelsGeneric, &always},
};

}  // namespace

std::vector<std::string> supportedIsas() {
  std::vector<std::string> names;
  for (const Candidate& c : kCandidates)
    if (c.supported()) names.emplace_back(c.name);
  return names;
}

const KernelTable* kernelsFor(const std::string& name) {
  const bool best = name.empty() || name == "auto";
  std::string known;
  for (const Candidate& c : kCandidates) {
    if (!best && name != c.name) {
      known += known.empty() ? c.name : std::string(", ") + c.name;
      continue;
    }
    if (c.supported()) return c.table();
    if (!best) throw std::invalid_argument("this CPU does not support the \"" + name + "\" kernels");
  }
  throw std::invalid_argument("unknown kernel set \"" + name + "\" (known: auto, " + known + ")");
}

}  // namespace geneft
