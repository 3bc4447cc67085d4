// Private to src/screen: the index's tables and the per-thread scratch.
#pragma once

#include <algorithm>
#include <cstdio>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/core.h"
#include "screen/screen.h"

namespace wk::screen {

// FNV-1a 64 of `s`, salted so that the tables keyed by the same strings
// (keys, their deletions, joined pairs) do not share hashes, then mixed.
inline uint64_t HashKey(std::string_view s, uint64_t salt = 0) {
  const uint64_t h = Fnv1a64(s, kFnv1aOffset ^ (salt * 0x9E3779B97F4A7C15ull));
  return h ^ (h >> 29);
}

// A multimap from 64-bit key hashes to 32-bit values, built once: values
// sorted by hash, and an open-addressing table (linear probing) from each
// distinct hash to its run of values, so a lookup costs about one cache
// miss. Hash collisions only add candidates, which scoring then rejects.
class HashMultiMap {
 public:
  void Add(uint64_t hash, uint32_t value) { entries_.emplace_back(hash | 1, value); }
  void Finish() {
    std::sort(entries_.begin(), entries_.end());
    entries_.erase(std::unique(entries_.begin(), entries_.end()), entries_.end());
    values_.resize(entries_.size());
    size_t distinct = 0;
    for (size_t i = 0; i < entries_.size(); ++i)
      distinct += i == 0 || entries_[i].first != entries_[i - 1].first;
    size_t cap = 16;
    while (cap < distinct * 2) cap <<= 1;
    slots_.assign(cap, Slot{});
    mask_ = cap - 1;
    size_t i = 0;
    while (i < entries_.size()) {
      size_t j = i;
      while (j < entries_.size() && entries_[j].first == entries_[i].first) {
        values_[j] = entries_[j].second;
        ++j;
      }
      size_t pos = entries_[i].first & mask_;
      while (slots_[pos].hash != 0) pos = (pos + 1) & mask_;
      slots_[pos] = Slot{entries_[i].first, static_cast<uint32_t>(i), static_cast<uint32_t>(j)};
      i = j;
    }
    entries_.clear();
    entries_.shrink_to_fit();
  }
  template <typename F>
  void ForEach(uint64_t hash, F&& f) const {
    if (slots_.empty()) return;
    hash |= 1;
    for (size_t pos = hash & mask_;; pos = (pos + 1) & mask_) {
      const Slot& s = slots_[pos];
      if (s.hash == 0) return;
      if (s.hash == hash) {
        for (uint32_t k = s.begin; k < s.end; ++k) f(values_[k]);
        return;
      }
    }
  }
  void Prefetch(uint64_t hash) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[(hash | 1) & mask_]);
  }
  size_t size() const { return values_.size(); }
  size_t bytes() const { return values_.capacity() * 4 + slots_.capacity() * sizeof(Slot); }

 private:
  struct Slot {
    uint64_t hash = 0;
    uint32_t begin = 0, end = 0;
  };
  std::vector<std::pair<uint64_t, uint32_t>> entries_;  // only while building
  std::vector<uint32_t> values_;
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

struct VocabEntry {
  std::string text;
  std::string key;
  uint32_t key_id = 0;
  TokenClass cls = TokenClass::kWord;
  float weight = 1;
};

struct NameRec {
  uint32_t entity = 0;
  uint32_t name = 0;        // index into the entity's names
  uint32_t tok_begin = 0;   // into Index::Impl::name_tokens
  uint16_t tok_count = 0;
  uint8_t translit = 0;
  float weight_sum = 0;     // sum of its tokens' weights
};

struct Index::Impl {
  std::vector<lists::Entity> entities;
  std::vector<NameRec> names;
  std::vector<uint32_t> name_tokens;     // vocabulary ids, per name
  std::vector<VocabEntry> vocab;
  std::unordered_map<std::string, uint32_t> vocab_by_text;
  std::unordered_map<std::string, uint32_t> key_ids;
  // vocabulary id -> names holding it (CSR)
  std::vector<uint32_t> posting_begin;
  std::vector<uint32_t> postings;
  HashMultiMap key_to_vocab;    // phonetic key -> vocabulary ids
  HashMultiMap del_to_vocab;    // keys with one letter deleted -> vocabulary ids
  HashMultiMap del2_to_vocab;   // long keys with two letters deleted -> vocabulary ids
  HashMultiMap pair_to_name;    // two adjacent tokens written as one -> names
  // identifier value (upper-case, alphanumeric) -> entities
  std::unordered_map<std::string, std::vector<uint32_t>> by_identifier;
  std::vector<lists::ListVersion> versions;  // where the entities came from, one per source
  std::vector<uint32_t> entity_first_name;  // entity -> first NameRec
  std::vector<uint32_t> entity_name_count;
  double build_seconds = 0;

  float WeightOf(std::string_view text, TokenClass cls) const;
};

// A query token prepared for scoring.
struct QueryToken {
  const Token* token = nullptr;
  int32_t vocab = -1;      // vocabulary id of the same text, -1 if none
  int32_t key_id = -1;     // id of the same phonetic key, -1 if none
  float weight = 1;
};

struct Scratch::Impl {
  std::vector<float> acc;            // per name: coarse candidate score
  std::vector<uint32_t> acc_stamp;   // per name: query serial of acc
  std::vector<uint32_t> tok_stamp;   // per name: last query-token serial
  std::vector<uint32_t> touched;
  uint32_t serial = 0;
  std::vector<uint32_t> vocab_hits;
  std::vector<QueryToken> qtokens;
  // Similarity cache: vocabulary id -> slot of n floats/kinds.
  std::vector<uint32_t> sim_stamp;
  std::vector<uint32_t> sim_slot;
  std::vector<float> sim_value;
  std::vector<uint8_t> sim_kind;
  uint32_t sim_serial = 0;
  std::vector<std::pair<float, uint32_t>> ranked;
  struct Gathered {
    std::vector<std::pair<uint32_t, float>> vocab;  // vocabulary id, credit
    std::vector<uint32_t> pair_names;
    float weight = 0;
    uint32_t cost = 0;  // postings it would walk
  };
  std::vector<Gathered> gathered;
  std::vector<std::pair<const HashMultiMap*, uint64_t>> probes;
};

inline std::string_view IdTypeLabel(lists::IdType t) {
  switch (t) {
    case lists::IdType::kImo: return "IMO";
    case lists::IdType::kMmsi: return "MMSI";
    case lists::IdType::kPassport: return "passport";
    case lists::IdType::kNationalId: return "national id";
    case lists::IdType::kSwiftBic: return "SWIFT/BIC";
    case lists::IdType::kRegistration: return "registration number";
    case lists::IdType::kCallSign: return "call sign";
    case lists::IdType::kOther: return "identifier";
    case lists::IdType::kImoCompany: return "IMO company number";
  }
  return "identifier";
}

inline std::string FormatEffect(double e) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%+.2f", e);
  return buf;
}

}  // namespace wk::screen
