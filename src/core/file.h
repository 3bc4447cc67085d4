// core/file: whole-file reads with a size cap, for every reader of config,
// list, port and regime files.
#pragma once

#include <cstddef>
#include <string>

#include "core/result.h"

namespace wk {

inline constexpr size_t kMaxReadFileBytes = size_t{1} << 30;  // 1 GiB

// The whole content of `path`. kIo when it cannot be opened, is a directory
// or cannot be read; kInvalidInput when it is larger than `max_bytes`. The
// message names the path.
Result<std::string> ReadFile(const std::string& path, size_t max_bytes = kMaxReadFileBytes);

}  // namespace wk
