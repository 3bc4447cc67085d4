// List files read whole (core's ReadFile, with the lists' cap and messages)
// and the file-level checks every parser runs first: size and UTF-8 validity.
#include <filesystem>

#include "lists/parsing.h"

namespace wk::lists::internal {

Result<std::string> ReadWholeFile(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return MakeError(ErrorCode::kIo, path + ": is a directory");
  Result<std::string> data = ReadFile(path, max_bytes);
  if (data.ok()) return data;
  if (data.error().message.find(": a device") != std::string::npos)  // /dev/zero
    return ErrorAt(path, 0, "a device, not a file, refused");
  if (data.error().code == ErrorCode::kInvalidInput)  // over the cap
    return ErrorAt(path, 0, max_bytes == kMaxFileBytes
                                ? std::string("file larger than 1 GiB, refused")
                                : "file larger than " + std::to_string(max_bytes) + " bytes, refused");
  const bool opened = data.error().message.rfind("cannot open", 0) != 0;
  return MakeError(ErrorCode::kIo, path + (opened ? ": cannot read" : ": cannot open"));
}

Status CheckText(std::string_view text, std::string_view name) {
  if (text.size() > kMaxFileBytes)
    return ErrorAt(name, 0, "file larger than 1 GiB, refused");
  const size_t at = FirstInvalidUtf8(text);
  if (at == std::string_view::npos) return Ok{};
  static constexpr char kHex[] = "0123456789ABCDEF";
  const auto b = static_cast<unsigned char>(text[at]);
  return ErrorAt(name, LineOfOffset(text, at),
                 std::string("invalid UTF-8 (byte 0x") + kHex[b >> 4] + kHex[b & 15] +
                     " at offset " + std::to_string(at) + ")");
}

}  // namespace wk::lists::internal
