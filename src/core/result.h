// Result<T>: a value or an Error, shaped like C++23 std::expected so that
// moving to it later is a rename. Code that can fail on input returns one;
// exceptions live only at the edges (cli/, api/, python/).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace wk {

enum class ErrorCode : uint8_t {
  kInvalidInput,  // the input is malformed
  kChecksum,      // an NMEA checksum does not match
  kNotFound,      // the thing asked for is not there
  kIo,            // a file or database could not be read or written
  kUnsupported,   // well-formed, but not something we handle
};

struct Error {
  ErrorCode code = ErrorCode::kInvalidInput;
  std::string message;  // empty in hot paths, where only the code is counted
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(Error error) : v_(std::move(error)) {}
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return std::get<0>(v_); }
  T& value() & { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// For operations that return nothing but can fail.
struct Ok {};
using Status = Result<Ok>;

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}

}  // namespace wk
