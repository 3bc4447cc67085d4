// The candidate index and the scorer.
//
// Every name of every entity is normalised to tokens once. A token's text,
// its phonetic key, the key's one-letter deletions and the join of two
// adjacent tokens are keys into sorted hash tables, so a query reaches the
// names that share something with it (a few dozen after ranking) without
// looking at the others. Each candidate name is then aligned with the query
// token by token (order-free, greedy on similarity) and scored as a weighted
// overlap in [0, 1]: rare tokens weigh more than common ones (inverse
// document frequency), legal forms and stop words weigh little.
#include <chrono>
#include <cmath>
#include <cstring>

#include "screen/index_impl.h"

namespace wk::screen {
namespace {

constexpr size_t kCandidates = 40;       // names fully scored per query
constexpr float kRomanisationSim = 0.95f;
constexpr float kInitialSim = 0.6f;
constexpr float kNumberWeight = 1.0f;
constexpr float kLowWeight = 0.1f;       // legal forms, stop words
constexpr float kUnmatchedListedFactor = 0.6f;
constexpr float kInitialWeight = 0.3f;
constexpr uint64_t kSaltDelete = 1;
constexpr uint64_t kSaltPair = 2;
constexpr uint64_t kSaltDelete2 = 3;
constexpr size_t kLongKey = 8;           // keys this long get two-deletion entries
constexpr float kNeighbourCredit = 0.8f; // candidate credit of a typo neighbour
constexpr uint32_t kCommonPostings = 1500; // a query token reaching more names is "common"

float ClassWeight(TokenClass cls) {
  switch (cls) {
    case TokenClass::kLegalForm:
    case TokenClass::kStopWord: return kLowWeight;
    case TokenClass::kVesselPrefix: return 0;
    case TokenClass::kNumber: return kNumberWeight;
    case TokenClass::kWord: return 1;
  }
  return 1;
}

bool Matchable(TokenClass cls) {
  return cls == TokenClass::kWord || cls == TokenClass::kNumber;
}

// Most adjacent list words one query word may stand for.
constexpr size_t kMaxJoined = 3;

// Whether tokens[i, i+len) may be written as one word: words, with stop words
// inside (MU DU BONG) and a legal form last (CHONGCHONGANG CO).
bool Joinable(const std::vector<Token>& tokens, size_t i, size_t len) {
  if (i + len > tokens.size() || tokens[i].cls != TokenClass::kWord) return false;
  for (size_t k = i + 1; k < i + len; ++k) {
    const TokenClass c = tokens[k].cls;
    const bool ok = c == TokenClass::kWord || c == TokenClass::kStopWord ||
                    (c == TokenClass::kLegalForm && k + 1 == i + len);
    if (!ok) return false;
  }
  return true;
}

std::string JoinedText(const std::vector<Token>& tokens, size_t i, size_t len) {
  std::string joined;
  for (size_t k = i; k < i + len; ++k) joined += tokens[k].text;
  return joined;
}

// Similarity of two spellings that differ by typing errors, 0 if too far.
// Typing errors allowed between two spellings: none under four letters,
// one up to seven, two from eight.
int AllowedTypos(size_t la, size_t lb) {
  const size_t shorter = std::min(la, lb);
  const size_t longer = std::max(la, lb);
  return shorter >= 8 ? 2 : (shorter >= 3 && longer >= 4) ? 1 : 0;
}

// People rarely mistype the first letter, and in short Korean and Chinese
// syllables another first letter is another name (Yong/Song, Kyong/Yong),
// so spellings that differ there are not typing errors.
float TypoSim(std::string_view a, std::string_view b, int max_d) {
  const size_t la = a.size(), lb = b.size();
  if (max_d <= 0 || la == 0 || lb == 0) return 0;
  // ...except two first letters typed the wrong way round (Badullah).
  if (a[0] != b[0] && !(la >= 2 && lb >= 2 && a[0] == b[1] && a[1] == b[0])) return 0;
  if ((la > lb ? la - lb : lb - la) > static_cast<size_t>(max_d)) return 0;
  const int d = BoundedDamerauLevenshtein(a, b, max_d);
  if (d > max_d || d == 0) return 0;
  return 1.0f - 0.5f * static_cast<float>(d) / static_cast<float>(std::max(la, lb));
}

struct Sim {
  float s = 0;
  MatchKind kind = MatchKind::kExact;
};

Sim TokenSim(const QueryToken& q, const VocabEntry& v, uint32_t vid) {
  const Token& t = *q.token;
  if (t.cls == TokenClass::kVesselPrefix || v.cls == TokenClass::kVesselPrefix) return {};
  if (q.vocab >= 0 ? static_cast<uint32_t>(q.vocab) == vid : t.text == v.text)
    return {1, MatchKind::kExact};
  if (t.cls == TokenClass::kNumber || v.cls == TokenClass::kNumber) return {};
  if (!Matchable(t.cls) || !Matchable(v.cls)) {
    // A mistyped legal form or stop word ("Copmany") still meets its word,
    // and a Korean syllable that spells a stop word (MU DU BONG) meets its
    // romanisation variants (tu).
    if (t.cls == TokenClass::kWord || v.cls == TokenClass::kWord) {
      if (q.key_id >= 0 && static_cast<uint32_t>(q.key_id) == v.key_id &&
          t.cls != TokenClass::kLegalForm && v.cls != TokenClass::kLegalForm)
        return {kRomanisationSim, MatchKind::kRomanisation};
      float s = TypoSim(t.text, v.text, AllowedTypos(t.text.size(), v.text.size()));
      if (s > 0) return {s, MatchKind::kTypo};
    }
    return {};
  }
  if (q.key_id >= 0 && static_cast<uint32_t>(q.key_id) == v.key_id)
    return {kRomanisationSim, MatchKind::kRomanisation};
  if (t.text.size() == 1 && v.text.size() > 1 && v.text[0] == t.text[0])
    return {kInitialSim, MatchKind::kInitial};
  if (v.text.size() == 1 && t.text.size() > 1 && t.text[0] == v.text[0])
    return {kInitialSim, MatchKind::kInitial};
  const int max_d = AllowedTypos(t.text.size(), v.text.size());
  float s = TypoSim(t.text, v.text, max_d);
  if (s > 0) return {s, MatchKind::kTypo};
  return {};
}

// One way of pairing query tokens with list tokens.
struct Pairing {
  float s;
  float w;           // list-side weight of the pairing
  uint8_t qi, qn;    // query tokens qi..qi+qn-1
  uint8_t lj, ln;    // list tokens lj..lj+ln-1
  MatchKind kind;
};

}  // namespace

float Index::Impl::WeightOf(std::string_view text, TokenClass cls) const {
  if (cls != TokenClass::kWord) return ClassWeight(cls);
  auto it = vocab_by_text.find(std::string(text));
  return it == vocab_by_text.end() ? 1.0f : vocab[it->second].weight;
}

Index::Index() : impl_(std::make_unique<Impl>()) {}
Index::~Index() = default;
Index::Index(Index&&) noexcept = default;
Index& Index::operator=(Index&&) noexcept = default;
Scratch::Scratch() : impl_(std::make_unique<Impl>()) {}
Scratch::~Scratch() = default;
Scratch::Scratch(Scratch&&) noexcept = default;
Scratch& Scratch::operator=(Scratch&&) noexcept = default;

const std::vector<lists::Entity>& Index::entities() const { return impl_->entities; }

const lists::ListVersion* Index::VersionOf(std::string_view source) const {
  for (const lists::ListVersion& v : impl_->versions)
    if (v.source == source) return &v;
  return nullptr;
}

namespace {

std::string NormaliseIdValue(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c >= 'a' && c <= 'z') out.push_back(static_cast<char>(c - 32));
    else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) out.push_back(c);
  }
  // "IMO 9123456" written into the value.
  if (out.size() == 10 && out.compare(0, 3, "IMO") == 0) out.erase(0, 3);
  return out;
}

// A list name with a parenthesised part ("Jin Tiesan (金铁三)", "KOREA
// KWANGSON BANKING CORP (KKBC)") is indexed as the name without it and as
// the part itself.
std::vector<std::string> NameVariants(const std::string& full) {
  std::vector<std::string> out;
  size_t open = full.find('(');
  if (open == std::string::npos) {
    out.push_back(full);
    return out;
  }
  std::string outside;
  size_t i = 0;
  while (i < full.size()) {
    size_t o = full.find('(', i);
    if (o == std::string::npos) {
      outside.append(full, i, std::string::npos);
      break;
    }
    outside.append(full, i, o - i);
    size_t c = full.find(')', o + 1);
    if (c == std::string::npos) c = full.size();
    out.push_back(full.substr(o + 1, c - o - 1));
    outside.push_back(' ');
    i = c + 1;
  }
  out.insert(out.begin(), outside);
  std::string whole = full;
  for (char& c : whole)
    if (c == '(' || c == ')') c = ' ';
  out.push_back(whole);
  return out;
}

}  // namespace

Index Index::Build(std::vector<lists::Entity> entities, std::vector<lists::ListVersion> versions) {
  auto t0 = std::chrono::steady_clock::now();
  Index index;
  Impl& x = *index.impl_;
  x.entities = std::move(entities);
  x.versions = std::move(versions);
  std::vector<uint32_t> df;
  x.entity_first_name.resize(x.entities.size());
  x.entity_name_count.resize(x.entities.size());
  // Normalising (ICU for other scripts) is the costly part: done on every
  // core first, each thread with its own transliterators.
  struct Pending {
    uint32_t entity, name;
    NormalisedName normalised;
  };
  std::vector<Pending> pending;
  for (uint32_t e = 0; e < x.entities.size(); ++e)
    for (uint32_t n = 0; n < x.entities[e].names.size(); ++n)
      for (std::string& variant : NameVariants(x.entities[e].names[n].full)) {
        Pending p{e, n, {}};
        p.normalised.tokens.push_back(Token{std::move(variant), "", TokenClass::kWord});
        pending.push_back(std::move(p));
      }
  ParallelForChunks(pending.size(), 256, WorkerThreads(), [&](size_t begin, size_t end, unsigned) {
    for (size_t i = begin; i < end; ++i) {
      std::string text = std::move(pending[i].normalised.tokens[0].text);
      pending[i].normalised = NormaliseListName(text);
    }
  });
  size_t pi = 0;
  for (uint32_t e = 0; e < x.entities.size(); ++e) {
    x.entity_first_name[e] = static_cast<uint32_t>(x.names.size());
    for (; pi < pending.size() && pending[pi].entity == e; ++pi) {
      const uint32_t n = pending[pi].name;
      NormalisedName& nn = pending[pi].normalised;
      if (nn.tokens.empty()) continue;
      NameRec rec;
      rec.entity = e;
      rec.name = n;
      rec.tok_begin = static_cast<uint32_t>(x.name_tokens.size());
      rec.tok_count = static_cast<uint16_t>(nn.tokens.size());
      rec.translit = nn.translit;
      const uint32_t name_id = static_cast<uint32_t>(x.names.size());
      for (const Token& t : nn.tokens) {
        auto [it, inserted] =
            x.vocab_by_text.emplace(t.text, static_cast<uint32_t>(x.vocab.size()));
        if (inserted) {
          VocabEntry v;
          v.text = t.text;
          v.key = t.key;
          v.cls = t.cls;
          auto [kit, kins] = x.key_ids.emplace(t.key, static_cast<uint32_t>(x.key_ids.size()));
          v.key_id = kit->second;
          x.vocab.push_back(std::move(v));
          df.push_back(0);
        }
        x.name_tokens.push_back(it->second);
      }
      // Document frequency: count each token once per name.
      for (size_t i = 0; i < nn.tokens.size(); ++i) {
        uint32_t v = x.name_tokens[rec.tok_begin + i];
        bool seen = false;
        for (size_t k = 0; k < i; ++k) seen |= x.name_tokens[rec.tok_begin + k] == v;
        if (!seen) ++df[v];
      }
      // Two or three adjacent words written as one (CHON MA SAN as AIS
      // broadcasts it: CHONMASAN).
      for (size_t i = 0; i < nn.tokens.size(); ++i)
        for (size_t len = 2; len <= kMaxJoined; ++len)
          if (Joinable(nn.tokens, i, len))
            x.pair_to_name.Add(HashKey(PhoneticKey(JoinedText(nn.tokens, i, len)), kSaltPair),
                               name_id);
      x.names.push_back(rec);
    }
    x.entity_name_count[e] = static_cast<uint32_t>(x.names.size()) - x.entity_first_name[e];
    for (const lists::Identifier& id : x.entities[e].identifiers) {
      std::string v = NormaliseIdValue(id.value);
      if (v.size() >= 4) {
        auto& list = x.by_identifier[v];
        if (list.empty() || list.back() != e) list.push_back(e);
      }
    }
  }
  // Weights: inverse document frequency, scaled so that a token found in at
  // most three names weighs 1 and one in every name weighs 0.15.
  const double n_names = std::max<double>(4.0, static_cast<double>(x.names.size()));
  const double scale = std::log(n_names / 3.0);
  for (uint32_t v = 0; v < x.vocab.size(); ++v) {
    VocabEntry& ve = x.vocab[v];
    if (ve.cls != TokenClass::kWord) {
      ve.weight = ClassWeight(ve.cls);
      continue;
    }
    double w = std::log(n_names / std::max<double>(1.0, df[v])) / scale;
    ve.weight = static_cast<float>(std::clamp(w, 0.15, 1.0));
  }
  // Postings (CSR) and key tables.
  x.posting_begin.assign(x.vocab.size() + 1, 0);
  for (uint32_t v : x.name_tokens) ++x.posting_begin[v + 1];
  for (size_t v = 0; v < x.vocab.size(); ++v) x.posting_begin[v + 1] += x.posting_begin[v];
  x.postings.resize(x.name_tokens.size());
  {
    std::vector<uint32_t> fill(x.posting_begin.begin(), x.posting_begin.end() - 1);
    for (uint32_t n = 0; n < x.names.size(); ++n) {
      const NameRec& r = x.names[n];
      for (uint32_t k = 0; k < r.tok_count; ++k) {
        uint32_t v = x.name_tokens[r.tok_begin + k];
        // A token twice in one name is posted once.
        if (fill[v] > x.posting_begin[v] && x.postings[fill[v] - 1] == n) continue;
        x.postings[fill[v]++] = n;
      }
    }
    // Unused slots (duplicates) stay at the end of each list: mark them.
    for (size_t v = 0; v < x.vocab.size(); ++v)
      for (uint32_t p = fill[v]; p < x.posting_begin[v + 1]; ++p) x.postings[p] = UINT32_MAX;
  }
  for (uint32_t v = 0; v < x.vocab.size(); ++v) {
    const VocabEntry& ve = x.vocab[v];
    if (!Matchable(ve.cls) && ve.cls != TokenClass::kLegalForm) continue;
    x.key_to_vocab.Add(HashKey(ve.cls == TokenClass::kWord ? ve.key : ve.text), v);
    if (ve.cls == TokenClass::kWord && ve.key.size() >= 4) {
      std::string del;
      for (size_t i = 0; i < ve.key.size(); ++i) {
        if (i > 0 && ve.key[i] == ve.key[i - 1]) continue;
        del.assign(ve.key, 0, i);
        del.append(ve.key, i + 1);
        x.del_to_vocab.Add(HashKey(del, kSaltDelete), v);
      }
    }
    if (ve.cls == TokenClass::kWord && ve.key.size() >= kLongKey) {
      std::string del;
      for (size_t i = 0; i < ve.key.size(); ++i)
        for (size_t j = i + 1; j < ve.key.size(); ++j) {
          del.assign(ve.key, 0, i);
          del.append(ve.key, i + 1, j - i - 1);
          del.append(ve.key, j + 1);
          x.del2_to_vocab.Add(HashKey(del, kSaltDelete2), v);
        }
    }
  }
  for (NameRec& r : x.names) {
    r.weight_sum = 0;
    for (uint32_t k = 0; k < r.tok_count; ++k) r.weight_sum += x.vocab[x.name_tokens[r.tok_begin + k]].weight;
  }
  x.key_to_vocab.Finish();
  x.del_to_vocab.Finish();
  x.del2_to_vocab.Finish();
  x.pair_to_name.Finish();
  x.build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return index;
}

IndexStats Index::stats() const {
  const Impl& x = *impl_;
  IndexStats s;
  s.entities = x.entities.size();
  s.names = x.names.size();
  s.vocabulary = x.vocab.size();
  s.postings = x.postings.size() + x.key_to_vocab.size() + x.del_to_vocab.size() +
               x.del2_to_vocab.size() + x.pair_to_name.size();
  size_t bytes = x.names.capacity() * sizeof(NameRec) + x.name_tokens.capacity() * 4 +
                 x.postings.capacity() * 4 + x.posting_begin.capacity() * 4 +
                 x.key_to_vocab.bytes() + x.del_to_vocab.bytes() + x.del2_to_vocab.bytes() +
                 x.pair_to_name.bytes();
  for (const VocabEntry& v : x.vocab)
    bytes += sizeof(VocabEntry) + (v.text.size() > 15 ? v.text.capacity() : 0) +
             (v.key.size() > 15 ? v.key.capacity() : 0);
  bytes += (x.vocab_by_text.size() + x.key_ids.size()) * 64;
  bytes += x.by_identifier.size() * 80;
  s.memory_bytes = bytes;
  return s;
}

// ------------------------------------------------------------------ query

namespace {

struct PreparedQuery {
  NormalisedName name;
  std::vector<Token> pair_tokens;      // q_i + q_{i+1} joined
  std::vector<QueryToken> pairs;       // aligned with pair_tokens
};

struct NameScore {
  float score = 0;
  std::vector<Pairing> chosen;  // filled only when explaining
};

// Scores one candidate name against the query.
float ScoreName(const Index::Impl& x, const NameRec& rec, const std::vector<QueryToken>& q,
                const PreparedQuery& pq, Scratch::Impl& s, std::vector<Pairing>* chosen) {
  const size_t n = q.size();
  const size_t m = rec.tok_count;
  const uint32_t* lt = &x.name_tokens[rec.tok_begin];
  Pairing buf[160];
  size_t nb = 0;
  auto push = [&](const Pairing& p) {
    if (nb < std::size(buf)) buf[nb++] = p;
  };
  for (size_t j = 0; j < m; ++j) {
    const uint32_t vid = lt[j];
    const VocabEntry& ve = x.vocab[vid];
    // Cached similarities of this vocabulary entry to every query token.
    uint32_t slot;
    if (s.sim_stamp[vid] == s.sim_serial) {
      slot = s.sim_slot[vid];
    } else {
      slot = static_cast<uint32_t>(s.sim_value.size());
      s.sim_stamp[vid] = s.sim_serial;
      s.sim_slot[vid] = slot;
      for (size_t i = 0; i < n; ++i) {
        Sim sim = TokenSim(q[i], ve, vid);
        s.sim_value.push_back(sim.s);
        s.sim_kind.push_back(static_cast<uint8_t>(sim.kind));
      }
    }
    for (size_t i = 0; i < n; ++i) {
      float v = s.sim_value[slot + i];
      if (v > 0)
        push({v, ve.weight, static_cast<uint8_t>(i), 1, static_cast<uint8_t>(j), 1,
              static_cast<MatchKind>(s.sim_kind[slot + i])});
    }
    // Two query tokens written as this one list token.
    for (size_t i = 0; i + 1 < n && i < pq.pairs.size(); ++i) {
      const QueryToken& qp = pq.pairs[i];
      if (qp.token == nullptr || !Matchable(ve.cls) || ve.cls == TokenClass::kNumber) continue;
      Sim sim = TokenSim(qp, ve, vid);
      if (sim.s > 0 && sim.kind != MatchKind::kInitial)
        push({sim.s, ve.weight, static_cast<uint8_t>(i), 2, static_cast<uint8_t>(j), 1,
              MatchKind::kSpacing});
    }
  }
  // One query token written as two or three adjacent list tokens. The
  // joined text and keys are built on the stack, and only when some query
  // word is about as long.
  for (size_t j = 0; j + 1 < m; ++j) {
    const VocabEntry& first = x.vocab[lt[j]];
    if (first.cls != TokenClass::kWord) continue;
    char text[128], key[128];
    size_t text_len = 0, key_len = 0;
    float weight = 0;
    for (size_t len = 1; len <= kMaxJoined && j + len <= m; ++len) {
      const VocabEntry& next = x.vocab[lt[j + len - 1]];
      const bool joinable = len == 1 || next.cls == TokenClass::kWord ||
                            next.cls == TokenClass::kStopWord ||
                            next.cls == TokenClass::kLegalForm;
      if (!joinable || text_len + next.text.size() > sizeof(text) ||
          key_len + next.key.size() > sizeof(key))
        break;
      std::memcpy(text + text_len, next.text.data(), next.text.size());
      text_len += next.text.size();
      // Keys join as the key of the joined word would read: a doubled
      // letter at the seam folds (hwang+gum: hwank+kum = hwankum).
      size_t skip = key_len > 0 && !next.key.empty() && key[key_len - 1] == next.key[0];
      std::memcpy(key + key_len, next.key.data() + skip, next.key.size() - skip);
      key_len += next.key.size() - skip;
      weight += next.weight;
      if (len == 1) continue;
      const std::string_view jv(text, text_len), jk(key, key_len);
      for (size_t i = 0; i < n; ++i) {
        const Token& t = *q[i].token;
        if (t.cls != TokenClass::kWord) continue;
        if (t.text.size() + 2 < text_len || t.text.size() > text_len + 2) continue;
        const float sim = jv == t.text ? 1
                          : jk == t.key ? kRomanisationSim
                                        : TypoSim(t.text, jv, AllowedTypos(t.text.size(), text_len));
        if (sim > 0)
          push({sim, weight, static_cast<uint8_t>(i), 1, static_cast<uint8_t>(j),
                static_cast<uint8_t>(len), MatchKind::kSpacing});
      }
      if (next.cls == TokenClass::kLegalForm) break;  // a legal form ends a name
    }
  }
  // Greedy: best similarity first, heavier tokens first among equals.
  std::sort(buf, buf + nb, [](const Pairing& l, const Pairing& r) {
    if (l.s != r.s) return l.s > r.s;
    return l.w > r.w;
  });
  uint32_t used_q = 0, used_l = 0;
  double num = 0, den = 0;
  for (size_t k = 0; k < nb; ++k) {
    const Pairing& p = buf[k];
    uint32_t mq = ((1u << p.qn) - 1) << p.qi;
    uint32_t ml = ((1u << p.ln) - 1) << p.lj;
    if ((used_q & mq) || (used_l & ml)) continue;
    used_q |= mq;
    used_l |= ml;
    num += p.s * 2.0 * p.w;
    den += 2.0 * p.w;
    if (chosen) chosen->push_back(p);
  }
  for (size_t i = 0; i < n; ++i)
    if (!(used_q & (1u << i))) den += q[i].weight;
  // A listed word the query leaves out (a middle name, a patronymic) counts
  // less against the match than a query word the list lacks.
  for (size_t j = 0; j < m && j < 32; ++j)
    if (!(used_l & (1u << j))) den += kUnmatchedListedFactor * x.vocab[lt[j]].weight;
  if (den <= 0) return 0;
  return static_cast<float>(num / den);
}

void PrepareQueryToken(const Index::Impl& x, const Token& t, QueryToken& q) {
  q.token = &t;
  auto it = x.vocab_by_text.find(t.text);
  q.vocab = it == x.vocab_by_text.end() ? -1 : static_cast<int32_t>(it->second);
  if (t.cls == TokenClass::kWord) {
    auto kit = x.key_ids.find(t.key);
    q.key_id = kit == x.key_ids.end() ? -1 : static_cast<int32_t>(kit->second);
  } else {
    q.key_id = -1;
  }
  q.weight = q.vocab >= 0 && t.cls == TokenClass::kWord ? x.vocab[q.vocab].weight
                                                        : ClassWeight(t.cls);

}

// Birth dates agree when every part both give agrees.
int CompareDates(std::string_view a, std::string_view b) {
  // 1: consistent, 0: within a year, -1: contradicts
  if (a.size() < 4 || b.size() < 4) return 0;
  int ya = std::atoi(std::string(a.substr(0, 4)).c_str());
  int yb = std::atoi(std::string(b.substr(0, 4)).c_str());
  if (ya != yb) return std::abs(ya - yb) <= 1 ? 0 : -1;
  if (a.size() >= 7 && b.size() >= 7) {
    if (a.substr(5, 2) != b.substr(5, 2)) return -1;
    if (a.size() >= 10 && b.size() >= 10 && a.substr(8, 2) != b.substr(8, 2)) return -1;
  }
  return 1;
}

// Applies date of birth, nationality and identifiers; returns the new score.
double ApplyFeatures(const lists::Entity& ent, const Query& query, double score,
                     std::vector<Feature>* features) {
  auto note = [&](const char* name, double effect, std::string detail) {
    if (features) features->push_back({name, effect, std::move(detail)});
  };
  // Identifiers first: a match is decisive.
  for (const QueryId& qid : query.ids) {
    bool same_type_seen = false;
    bool matched = false;
    std::string other_value;
    for (const lists::Identifier& id : ent.identifiers) {
      std::string v = NormaliseIdValue(id.value);
      bool type_ok = qid.type == lists::IdType::kOther || id.type == lists::IdType::kOther ||
                     id.type == qid.type ||
                     (qid.type == lists::IdType::kImo && id.type == lists::IdType::kImoCompany);
      if (id.type == qid.type) {
        same_type_seen = true;
        if (other_value.empty()) other_value = v;
      }
      if (type_ok && v == qid.value) matched = true;
    }
    if (matched) {
      double effect = 1.0 - score;
      score = 1.0;
      note("id", effect,
           std::string(IdTypeLabel(qid.type)) + " " + qid.value + " is listed for this entry");
    } else if (same_type_seen &&
               (qid.type == lists::IdType::kImo || qid.type == lists::IdType::kMmsi)) {
      note("id", -0.3,
           std::string(IdTypeLabel(qid.type)) + " " + qid.value + " differs from the listed " +
               other_value + ": another ship");
      score -= 0.3;
    }
  }
  if (!query.dob.empty() && !ent.birth_dates.empty()) {
    int best = -1;
    std::string which;
    for (const std::string& d : ent.birth_dates) {
      int c = CompareDates(query.dob, d);
      if (c > best) {
        best = c;
        which = d;
      }
    }
    if (best == 1) {
      score += 0.05;
      note("dob", 0.05, "date of birth " + query.dob + " agrees with the listed " + which);
    } else if (best == -1) {
      score -= 0.15;
      note("dob", -0.15,
           "date of birth " + query.dob + " contradicts the listed " + ent.birth_dates[0]);
    } else {
      note("dob", 0, "date of birth " + query.dob + " is within a year of the listed " + which);
    }
  }
  if (!query.country.empty() && !ent.nationalities.empty()) {
    bool found = false;
    for (const std::string& c : ent.nationalities)
      if (c.size() == query.country.size() &&
          std::equal(c.begin(), c.end(), query.country.begin(),
                     [](char a, char b) { return std::toupper(a) == std::toupper(b); }))
        found = true;
    if (found) {
      score += 0.02;
      note("country", 0.02, "nationality " + query.country + " is listed");
    } else {
      score -= 0.05;
      std::string listed;
      for (const std::string& c : ent.nationalities) listed += (listed.empty() ? "" : ", ") + c;
      note("country", -0.05, "nationality " + query.country + " is not among the listed " + listed);
    }
  }
  return std::clamp(score, 0.0, 1.0);
}

// One query's pass over the index, in the steps Index::Screen runs them, over
// the caller's scratch: prepare the query tokens, gather what each token may
// meet, credit the names reached, rank them, score the best few dozen, and
// explain the survivors.
class QueryRun {
 public:
  QueryRun(const Index::Impl& x, const Query& query, Scratch::Impl& s)
      : x_(x), query_(query), s_(s) {}

  // Normalises the query name, sizes the scratch for this index and prepares
  // each query token (and each pair of adjacent words, joined).
  Status Prepare();
  // Each usable query token (and each pair of adjacent words, joined)
  // gathers the vocabulary entries it may meet.
  void GatherCandidates();
  // Credits every name the gathered entries reach.
  void CreditCandidates();
  // Identifiers reach their entities whatever the name says.
  void CreditIdentifiers();
  // Keeps the best kCandidates names by a cheap overlap estimate.
  void RankCandidates();
  // Scores the ranked names at or above the threshold, one per entity, best
  // first, at most query.limit.
  void ScoreCandidates();
  // The survivors with their explanations.
  std::vector<Match> Explain();

 private:
  struct Best {
    uint32_t entity;
    uint32_t name_rec;
    double score;
    float name_score;
  };

  void CreditName(uint32_t name, float w, uint32_t ts);
  void CreditVocab(uint32_t v, float w, uint32_t ts);
  void Gather(const Token& t, float w, bool typos);
  void GatherTypoNeighbours(const std::string& key, Scratch::Impl::Gathered& g);
  void CreditCommonTokens();

  const Index::Impl& x_;
  const Query& query_;
  Scratch::Impl& s_;
  PreparedQuery pq_;
  size_t n_ = 0;           // query tokens
  uint32_t qserial_ = 0;   // this query's stamp in acc_stamp
  uint32_t tserial_ = 0;   // per query token; wraps harmlessly
  size_t ng_ = 0;          // entries of s_.gathered in use
  bool any_rare_ = false;  // some gathered token reaches few names
  std::string del_, del2_;
  std::vector<Best> best_;
};

Status QueryRun::Prepare() {
  Result<NormalisedName> normalised = NormaliseName(query_.name);
  if (!normalised.ok()) return normalised.error();
  pq_.name = std::move(normalised).value();
  const std::vector<Token>& toks = pq_.name.tokens;
  n_ = toks.size();
  if (s_.acc.size() != x_.names.size()) {
    s_.acc.assign(x_.names.size(), 0);
    s_.acc_stamp.assign(x_.names.size(), 0);
    s_.tok_stamp.assign(x_.names.size(), 0);
    s_.serial = 0;
  }
  if (s_.sim_stamp.size() != x_.vocab.size()) {
    s_.sim_stamp.assign(x_.vocab.size(), 0);
    s_.sim_slot.assign(x_.vocab.size(), 0);
    s_.sim_serial = 0;
  }
  s_.qtokens.resize(n_);
  for (size_t i = 0; i < n_; ++i) {
    PrepareQueryToken(x_, toks[i], s_.qtokens[i]);
    // A middle initial ("Thomas A. Lindeman") says little, and lists often
    // leave it out. (A one-letter first or last part is a name: O, U.)
    if (toks[i].cls == TokenClass::kWord && toks[i].text.size() == 1 && i > 0 && i + 1 < n_)
      s_.qtokens[i].weight = std::min(s_.qtokens[i].weight, kInitialWeight);
  }
  // Adjacent query words joined, for lists that write them as one.
  pq_.pair_tokens.resize(n_ > 0 ? n_ - 1 : 0);
  pq_.pairs.assign(pq_.pair_tokens.size(), QueryToken{});
  for (size_t i = 0; i + 1 < n_; ++i) {
    if (toks[i].cls != TokenClass::kWord || toks[i + 1].cls != TokenClass::kWord) continue;
    Token& pt = pq_.pair_tokens[i];
    pt.text = toks[i].text + toks[i + 1].text;
    pt.key = PhoneticKey(pt.text);
    pt.cls = TokenClass::kWord;
    PrepareQueryToken(x_, pt, pq_.pairs[i]);
  }
  return Ok{};
}

inline void QueryRun::CreditName(uint32_t name, float w, uint32_t ts) {
  if (name == UINT32_MAX) return;
  if (s_.acc_stamp[name] != qserial_) {
    s_.acc_stamp[name] = qserial_;
    s_.acc[name] = 0;
    s_.tok_stamp[name] = 0;
    s_.touched.push_back(name);
  }
  if (s_.tok_stamp[name] == ts) return;
  s_.tok_stamp[name] = ts;
  s_.acc[name] += w;
}

inline void QueryRun::CreditVocab(uint32_t v, float w, uint32_t ts) {
  for (uint32_t p = x_.posting_begin[v]; p < x_.posting_begin[v + 1]; ++p)
    CreditName(x_.postings[p], w, ts);
}

// Typing-error neighbours by symmetric deletion: the query key with zero, one
// or two letters deleted against the list keys' deletions. All probe
// addresses are computed and prefetched first: the tables are larger than
// the cache and each probe is one miss.
void QueryRun::GatherTypoNeighbours(const std::string& key, Scratch::Impl::Gathered& g) {
  s_.vocab_hits.clear();
  s_.probes.clear();
  auto probe = [&](const HashMultiMap& m, uint64_t h) {
    m.Prefetch(h);
    s_.probes.emplace_back(&m, h);
  };
  probe(x_.del_to_vocab, HashKey(key, kSaltDelete));
  const bool long_key = key.size() >= kLongKey;
  if (long_key) probe(x_.del2_to_vocab, HashKey(key, kSaltDelete2));
  if (key.size() >= 4) {
    for (size_t k = 0; k < key.size(); ++k) {
      if (k > 0 && key[k] == key[k - 1]) continue;
      del_.assign(key, 0, k);
      del_.append(key, k + 1);
      probe(x_.key_to_vocab, HashKey(del_));
      probe(x_.del_to_vocab, HashKey(del_, kSaltDelete));
      if (long_key) {
        probe(x_.del2_to_vocab, HashKey(del_, kSaltDelete2));
        for (size_t k2 = k; k2 < del_.size(); ++k2) {
          if (k2 > k && del_[k2] == del_[k2 - 1]) continue;
          del2_.assign(del_, 0, k2);
          del2_.append(del_, k2 + 1);
          probe(x_.del2_to_vocab, HashKey(del2_, kSaltDelete2));
        }
      }
    }
  }
  auto hit = [&](uint32_t v) { s_.vocab_hits.push_back(v); };
  for (const auto& [m, h] : s_.probes) m->ForEach(h, hit);
  std::sort(s_.vocab_hits.begin(), s_.vocab_hits.end());
  s_.vocab_hits.erase(std::unique(s_.vocab_hits.begin(), s_.vocab_hits.end()),
                      s_.vocab_hits.end());
  for (uint32_t v : s_.vocab_hits) g.vocab.emplace_back(v, kNeighbourCredit);
}

// The vocabulary entries `t` may meet: same key at full credit, typing-error
// neighbours (one or two deletions) at less, and the names that write two
// adjacent tokens as this one.
void QueryRun::Gather(const Token& t, float w, bool typos) {
  if (s_.gathered.size() <= ng_) s_.gathered.emplace_back();
  Scratch::Impl::Gathered& g = s_.gathered[ng_++];
  g.vocab.clear();
  g.pair_names.clear();
  g.weight = w;
  g.cost = 0;
  const std::string& key = t.cls == TokenClass::kWord ? t.key : t.text;
  x_.key_to_vocab.ForEach(HashKey(key), [&](uint32_t v) { g.vocab.emplace_back(v, 1.0f); });
  if (t.cls == TokenClass::kWord)
    x_.pair_to_name.ForEach(HashKey(t.key, kSaltPair),
                            [&](uint32_t name) { g.pair_names.push_back(name); });
  if (t.cls == TokenClass::kWord && key.size() >= 3 && typos) GatherTypoNeighbours(key, g);
  for (const auto& [v, strength] : g.vocab)
    g.cost += x_.posting_begin[v + 1] - x_.posting_begin[v];
  g.cost += static_cast<uint32_t>(g.pair_names.size());
}

void QueryRun::GatherCandidates() {
  qserial_ = ++s_.serial;
  s_.touched.clear();
  tserial_ = qserial_ * 64;
  ng_ = 0;
  const std::vector<Token>& toks = pq_.name.tokens;
  bool any_word = false;
  for (size_t i = 0; i < n_; ++i)
    any_word |= toks[i].cls == TokenClass::kWord || toks[i].cls == TokenClass::kNumber;
  for (size_t i = 0; i < n_; ++i) {
    const Token& t = toks[i];
    bool usable = t.cls == TokenClass::kWord || t.cls == TokenClass::kNumber ||
                  (!any_word && t.cls != TokenClass::kVesselPrefix);
    if (!usable || (t.cls == TokenClass::kWord && t.text.size() < 2 && n_ > 1)) continue;
    Gather(t, s_.qtokens[i].weight, true);
  }
  for (size_t i = 0; i < pq_.pair_tokens.size(); ++i)
    if (pq_.pairs[i].token) Gather(pq_.pair_tokens[i], pq_.pairs[i].weight, false);
}

// Walks the posting lists of the rarer tokens; the common ones (thousands of
// names: "trading", "al", "kim") only credit names already reached (see
// CreditCommonTokens), unless every token is common.
void QueryRun::CreditCandidates() {
  any_rare_ = false;
  for (size_t k = 0; k < ng_; ++k) any_rare_ |= s_.gathered[k].cost <= kCommonPostings;
  for (size_t k = 0; k < ng_; ++k) {
    const Scratch::Impl::Gathered& g = s_.gathered[k];
    if (any_rare_ && g.cost > kCommonPostings) continue;
    const uint32_t ts = ++tserial_;
    for (const auto& [v, strength] : g.vocab) CreditVocab(v, g.weight * strength, ts);
    for (uint32_t name : g.pair_names) CreditName(name, g.weight, ts);
  }
  if (any_rare_) CreditCommonTokens();
}

// The common tokens credit the names already reached, checked name by name.
void QueryRun::CreditCommonTokens() {
  for (size_t k = 0; k < ng_; ++k) {
    Scratch::Impl::Gathered& g = s_.gathered[k];
    if (g.cost <= kCommonPostings) continue;
    std::sort(g.vocab.begin(), g.vocab.end());
    std::sort(g.pair_names.begin(), g.pair_names.end());
    for (uint32_t name : s_.touched) {
      const NameRec& rec = x_.names[name];
      float best = 0;
      for (uint32_t j = 0; j < rec.tok_count; ++j) {
        const uint32_t v = x_.name_tokens[rec.tok_begin + j];
        auto it = std::lower_bound(g.vocab.begin(), g.vocab.end(),
                                   std::pair<uint32_t, float>(v, 0.0f));
        // Entries for v are sorted by strength; take the strongest.
        for (; it != g.vocab.end() && it->first == v; ++it) best = std::max(best, it->second);
      }
      if (best == 0 && std::binary_search(g.pair_names.begin(), g.pair_names.end(), name))
        best = 1;
      if (best > 0) s_.acc[name] += g.weight * best;
    }
  }
}

void QueryRun::CreditIdentifiers() {
  for (const QueryId& qid : query_.ids) {
    auto it = x_.by_identifier.find(qid.value);
    if (it == x_.by_identifier.end()) continue;
    for (uint32_t e : it->second) {
      for (uint32_t k = 0; k < x_.entity_name_count[e]; ++k)
        CreditName(x_.entity_first_name[e] + k, 1000.0f, ++tserial_);
    }
  }
}

// Ranks by a cheap overlap estimate, so long names full of common words do
// not crowd out the short name that holds every query word.
void QueryRun::RankCandidates() {
  float qw = 0;
  for (size_t i = 0; i < n_; ++i) qw += s_.qtokens[i].weight;
  s_.ranked.clear();
  for (uint32_t name : s_.touched)
    s_.ranked.emplace_back(2 * s_.acc[name] / (qw + x_.names[name].weight_sum + 1e-3f), name);
  if (s_.ranked.size() > kCandidates) {
    std::nth_element(s_.ranked.begin(), s_.ranked.begin() + kCandidates, s_.ranked.end(),
                     [](auto& a, auto& b) { return a.first > b.first; });
    s_.ranked.resize(kCandidates);
  }
}

void QueryRun::ScoreCandidates() {
  ++s_.sim_serial;
  if (s_.sim_serial == 0) {
    std::fill(s_.sim_stamp.begin(), s_.sim_stamp.end(), 0);
    s_.sim_serial = 1;
  }
  s_.sim_value.clear();
  s_.sim_kind.clear();
  const double threshold = query_.threshold >= 0 ? query_.threshold : kDefaultThreshold;
  best_.clear();
  for (auto& [acc, name] : s_.ranked) {
    const NameRec& rec = x_.names[name];
    const lists::Entity& ent = x_.entities[rec.entity];
    if (query_.schema && ent.schema != lists::Schema::kUnknown && ent.schema != *query_.schema)
      continue;
    float ns = ScoreName(x_, rec, s_.qtokens, pq_, s_, nullptr);
    double score = ApplyFeatures(ent, query_, ns, nullptr);
    if (score < threshold) continue;
    bool merged = false;
    for (Best& b : best_) {
      if (b.entity == rec.entity) {
        if (score > b.score || (score == b.score && name < b.name_rec)) b = {rec.entity, name, score, ns};
        merged = true;
        break;
      }
    }
    if (!merged) best_.push_back({rec.entity, name, score, ns});
  }
  std::sort(best_.begin(), best_.end(), [&](const Best& a, const Best& b) {
    if (a.score != b.score) return a.score > b.score;
    return x_.entities[a.entity].id < x_.entities[b.entity].id;
  });
  if (best_.size() > query_.limit) best_.resize(query_.limit);
}

std::vector<Match> QueryRun::Explain() {
  const std::vector<Token>& toks = pq_.name.tokens;
  std::vector<Match> out;
  out.reserve(best_.size());
  for (const Best& b : best_) {
    const NameRec& rec = x_.names[b.name_rec];
    const lists::Entity& ent = x_.entities[rec.entity];
    Match m;
    m.entity = rec.entity;
    m.name = rec.name;
    std::vector<Pairing> chosen;
    float ns = ScoreName(x_, rec, s_.qtokens, pq_, s_, &chosen);
    Explanation& ex = m.explanation;
    ex.name_score = ns;
    ex.translit = pq_.name.translit | rec.translit;
    uint32_t used_q = 0, used_l = 0;
    const uint32_t* lt = &x_.name_tokens[rec.tok_begin];
    for (const Pairing& p : chosen) {
      TokenMatch tm;
      for (int k = 0; k < p.qn; ++k) {
        if (k) tm.query += ' ';
        tm.query += toks[p.qi + k].text;
        used_q |= 1u << (p.qi + k);
      }
      for (int k = 0; k < p.ln; ++k) {
        if (k) tm.listed += ' ';
        tm.listed += x_.vocab[lt[p.lj + k]].text;
        used_l |= 1u << (p.lj + k);
      }
      tm.kind = p.kind;
      tm.similarity = p.s;
      ex.tokens.push_back(std::move(tm));
    }
    for (size_t i = 0; i < n_; ++i)
      if (!(used_q & (1u << i)) && toks[i].cls != TokenClass::kVesselPrefix)
        ex.unmatched_query.push_back(toks[i].text);
    for (size_t j = 0; j < rec.tok_count && j < 32; ++j)
      if (!(used_l & (1u << j)) && x_.vocab[lt[j]].cls != TokenClass::kVesselPrefix)
        ex.unmatched_listed.push_back(x_.vocab[lt[j]].text);
    m.score = ApplyFeatures(ent, query_, ns, &ex.features);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

std::vector<Match> Index::ScreenIdentifiers(const Query& query) const {
  std::vector<uint32_t> hits;
  for (const QueryId& qid : query.ids) {
    auto it = impl_->by_identifier.find(qid.value);
    if (it != impl_->by_identifier.end()) hits.insert(hits.end(), it->second.begin(), it->second.end());
  }
  std::sort(hits.begin(), hits.end());
  hits.erase(std::unique(hits.begin(), hits.end()), hits.end());
  std::vector<Match> out;
  for (uint32_t e : hits) {
    if (query.schema && impl_->entities[e].schema != *query.schema) continue;
    Match m;
    m.entity = e;
    // The same test as a named query's, so a value of another type does not count.
    m.score = ApplyFeatures(impl_->entities[e], query, 0.0, &m.explanation.features);
    if (m.score < 1.0) continue;
    out.push_back(std::move(m));
    if (out.size() >= query.limit) break;
  }
  return out;
}

Result<std::vector<Match>> Index::Screen(const Query& query, Scratch& scratch) const {
  QueryRun run(*impl_, query, scratch.impl());
  if (Status s = run.Prepare(); !s.ok()) return s.error();
  run.GatherCandidates();
  run.CreditCandidates();
  run.CreditIdentifiers();
  run.RankCandidates();
  run.ScoreCandidates();
  return run.Explain();
}

}  // namespace wk::screen
