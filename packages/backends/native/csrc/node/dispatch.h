// Runtime choice of the kernel set from what the CPU supports.
#pragma once

#include <string>
#include <vector>

#include "../core/model.h"

namespace geneft {

/** Kernel sets this CPU can run, best first ("avx512", "avx2", "generic"). */
std::vector<std::string> supportedIsas();

/** The named kernel set, or the best supported one for "auto"/""; throws if unsupported. */
const KernelTable* kernelsFor(const std::string& name);

}  // namespace geneft
