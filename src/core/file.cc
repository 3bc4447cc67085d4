#include "core/file.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace wk {

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr)
    return MakeError(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || S_ISDIR(st.st_mode)) {
    std::fclose(f);
    return MakeError(ErrorCode::kIo, "cannot read " + path + ": " +
                                         (S_ISDIR(st.st_mode) ? "a directory" : std::strerror(errno)));
  }
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {  // /dev/zero never ends
    std::fclose(f);
    return MakeError(ErrorCode::kInvalidInput, path + ": a device, not a file, refused");
  }
  if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > max_bytes) {
    std::fclose(f);
    return MakeError(ErrorCode::kInvalidInput,
                     path + ": larger than " + std::to_string(max_bytes) + " bytes, refused");
  }
  std::string text;
  if (S_ISREG(st.st_mode)) text.reserve(static_cast<size_t>(st.st_size));
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    if (text.size() + n > max_bytes) {  // pipes and files that grow while read
      std::fclose(f);
      return MakeError(ErrorCode::kInvalidInput,
                       path + ": larger than " + std::to_string(max_bytes) + " bytes, refused");
    }
    text.append(buf, n);
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return MakeError(ErrorCode::kIo, "cannot read " + path);
  return text;
}

}  // namespace wk
