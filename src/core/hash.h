// core/hash: one content hash. FNV-1a 64 is not cryptographic: it tells
// versions and files apart, it does not defend against a forger (the audit
// chain uses a cryptographic hash of its own).
//
// The offset basis is 1469598103934665603, not FNV's published
// 14695981039346656037 (the project's first hash dropped the last digit).
// It is kept: list versions already stored carry hashes made with it, and
// "identical content adds no version" compares them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wk {

inline constexpr uint64_t kFnv1aOffset = 1469598103934665603ULL;  // see above
inline constexpr uint64_t kFnv1aPrime = 1099511628211ULL;

// FNV-1a 64 of `data`, continuing from `hash` (start with kFnv1aOffset), so
// a sequence of pieces hashes in one pass.
constexpr uint64_t Fnv1a64(std::string_view data, uint64_t hash = kFnv1aOffset) {
  for (char c : data) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kFnv1aPrime;
  }
  return hash;
}

// Sixteen lower-case hex digits.
std::string HashHex(uint64_t hash);

// An incremental content hash: Add pieces, then Hex(). Equal sequences of
// pieces give equal hashes.
class ContentHash {
 public:
  ContentHash& Add(std::string_view data) {
    hash_ = Fnv1a64(data, hash_);
    return *this;
  }
  uint64_t value() const { return hash_; }
  std::string Hex() const { return HashHex(hash_); }

 private:
  uint64_t hash_ = kFnv1aOffset;
};

}  // namespace wk
