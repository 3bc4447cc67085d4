// The listed-vessel join: broadcast identities (tracks) against the
// sanctions lists (lists), names through the screening matcher (screen).
#include <algorithm>
#include <cstdio>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "alerts/alerts.h"
#include "alerts/listing_parties.h"
#include "lists/lists.h"
#include "screen/screen.h"

namespace wk::alerts {

using detect::NormaliseVesselName;

// Screening results by normalised broadcast name (nullopt: no match).
struct ListIndex::NameCache {
  std::shared_mutex mu;
  std::unordered_map<std::string, std::optional<ListIndex::NameMatch>> names;
};

ListIndex::ListIndex() : cache_(std::make_shared<NameCache>()) {}

ListIndex::ListIndex(const std::vector<lists::Entity>& entities) : ListIndex(entities, std::vector<lists::Judgment>{}) {}

ListIndex::ListIndex(const std::vector<lists::Entity>& entities, const std::vector<lists::Judgment>& judgments)
    : ListIndex(entities, lists::BuildParties(entities, screen::PartyNameRules(), judgments)) {}

ListIndex::ListIndex(const std::vector<lists::Entity>& entities, const lists::Parties& parties)
    : cache_(std::make_shared<NameCache>()) {
  std::vector<lists::Entity> vessels;
  for (const lists::Entity& e : entities)
    if (e.schema == lists::Schema::kVessel && !e.names.empty()) vessels.push_back(e);
  if (!vessels.empty())
    screen_ = std::make_shared<const screen::Index>(screen::Index::Build(std::move(vessels)));
  for (const lists::Entity& e : entities) {
    const std::string primary = e.names.empty() ? std::string() : e.names[0].full;
    const bool vessel = e.schema == lists::Schema::kVessel;
    for (const lists::Identifier& id : e.identifiers) {
      std::string digits;
      for (char c : id.value)
        if (c >= '0' && c <= '9') digits.push_back(c);
      if (digits.empty()) continue;
      // Ship IMO numbers (IMO company numbers are IdType::kImoCompany).
      if (id.type == lists::IdType::kImo && digits.size() <= 9)
        imo_.push_back({std::to_string(std::stoul(digits.substr(0, 9))), e.id, primary, e.source,
                        e.programmes, e.listed_on});
      if (id.type == lists::IdType::kMmsi && digits.size() <= 9)
        mmsi_.push_back({std::to_string(std::stoul(digits)), e.id, primary, e.source, e.programmes, e.listed_on});
    }
    if (vessel) {
      for (const lists::Name& n : e.names) {
        std::string key = NormaliseVesselName(n.full);
        if (!key.empty()) name_.push_back({std::move(key), e.id, primary, e.source, e.programmes, e.listed_on});
      }
    }
  }
  auto by_key = [](const Entry& a, const Entry& b) { return a.key < b.key; };
  std::stable_sort(imo_.begin(), imo_.end(), by_key);
  std::stable_sort(mmsi_.begin(), mmsi_.end(), by_key);
  std::stable_sort(name_.begin(), name_.end(), by_key);
  // Parties over every entity given (a ship's other listings may be
  // companies' citations), kept for the entries the index can find.
  parties_ = std::make_shared<const std::vector<std::pair<std::string, ListingParty>>>(
      internal::ListingParties(entities, parties, [](const lists::Entity& e) {
        if (e.schema == lists::Schema::kVessel && !e.names.empty()) return true;
        return std::any_of(e.identifiers.begin(), e.identifiers.end(), [](const lists::Identifier& id) {
          return id.type == lists::IdType::kImo || id.type == lists::IdType::kMmsi;
        });
      }));
}

const ListingParty& ListIndex::PartyOf(std::string_view entity_id) const {
  static const ListingParty kNone;
  return parties_ ? internal::PartyIn(*parties_, entity_id) : kNone;
}

namespace {
// Why a vessel name match is no evidence ("" when it is): a token met only
// through a typing error, or an initial, in a name shorter than
// kVesselTypoMinLetters.
std::string WeakVesselName(const screen::Match& m) {
  for (const screen::TokenMatch& t : m.explanation.tokens) {
    const size_t shorter = std::min(t.query.size(), t.listed.size());
    if (t.kind == screen::MatchKind::kInitial ||
        (t.kind == screen::MatchKind::kTypo && shorter < kVesselTypoMinLetters))
      return "'" + t.query + "' meets '" + t.listed + "' only through a typing error in a name of " +
             std::to_string(shorter) + " letters";
  }
  return "";
}

// "; the broadcast flag agrees" or what could not be compared.
std::string AgreedText(std::span<const IdentityCheck> checks) {
  std::vector<std::string> agreed;
  for (const IdentityCheck& c : checks)
    if (c.agrees) agreed.push_back(c.field == "call_sign" ? "call sign" : c.field == "flag" ? "flag" : Upper(c.field));
  if (agreed.empty()) return "; no MMSI, IMO, call sign or flag of the listing to compare";
  return "; the broadcast " + Join(agreed, ", ") + (agreed.size() == 1 ? " agrees" : " agree");
}

const ListIndex::Entry* Find(const std::vector<ListIndex::Entry>& v, const std::string& key) {
  auto it = std::lower_bound(v.begin(), v.end(), key,
                             [](const ListIndex::Entry& e, const std::string& k) { return e.key < k; });
  return it != v.end() && it->key == key ? &*it : nullptr;
}
}  // namespace

const ListIndex::Entry* ListIndex::FindImo(uint32_t imo) const { return Find(imo_, std::to_string(imo)); }
const ListIndex::Entry* ListIndex::FindMmsi(Mmsi mmsi) const {
  return Find(mmsi_, std::to_string(mmsi.value));
}
const ListIndex::Entry* ListIndex::FindName(std::string_view name) const {
  return Find(name_, NormaliseVesselName(name));
}

std::optional<ListIndex::NameMatch> ListIndex::MatchName(std::string_view name) const {
  if (!screen_) return std::nullopt;
  std::string key = NormaliseVesselName(name);
  if (key.empty()) return std::nullopt;
  {
    std::shared_lock lock(cache_->mu);
    auto it = cache_->names.find(key);
    if (it != cache_->names.end()) return it->second;
  }
  // One scratch per thread, renewed when the thread moves to another index.
  thread_local const screen::Index* scratch_owner = nullptr;
  thread_local screen::Scratch scratch;
  if (scratch_owner != screen_.get()) {
    scratch = screen::Scratch();
    scratch_owner = screen_.get();
  }
  screen::Query q;
  q.name = key;
  q.schema = lists::Schema::kVessel;
  q.limit = 1;  // the best listed vessel; the threshold is the matcher's default
  std::optional<NameMatch> found;
  Result<std::vector<screen::Match>> matches = screen_->Screen(q, scratch);
  if (matches.ok() && !matches.value().empty()) {
    const screen::Match& best = matches.value().front();
    const lists::Entity& e = screen_->entities()[best.entity];
    NameMatch m;
    m.entry = {key, e.id, e.names.front().full, e.source, e.programmes, e.listed_on};
    m.score = best.score;
    m.matched_name = e.names[best.name].full;
    m.explanation = screen::ExplainText(e, best);
    m.entity = &e;
    m.weak = WeakVesselName(best);
    found = std::move(m);
  }
  // Two threads meeting the same new name at once both screen it; the
  // first result is kept (they are equal).
  std::unique_lock lock(cache_->mu);
  return cache_->names.try_emplace(std::move(key), std::move(found)).first->second;
}

const lists::Entity* ListIndex::FindVessel(std::string_view entity_id) const {
  if (!screen_) return nullptr;
  for (const lists::Entity& e : screen_->entities())
    if (e.id == entity_id) return &e;
  return nullptr;
}

size_t ListIndex::names_screened() const {
  std::shared_lock lock(cache_->mu);
  return cache_->names.size();
}

Result<ListIndex> LoadListIndex(const std::vector<std::string>& paths) {
  std::vector<lists::Entity> all;
  for (const std::string& path : paths) {
    Result<std::vector<lists::Entity>> entities = lists::ParseListFile(path);
    if (!entities.ok()) return entities.error();
    for (auto& e : entities.value()) all.push_back(std::move(e));
  }
  return ListIndex(all);
}

void FindListedVessels(Mmsi mmsi, std::span<const tracks::StaticInfo> statics,
                       std::span<const tracks::Fix> track, const ListIndex& index,
                       std::vector<ListedVessel>& out) {
  if (index.empty()) return;
  // Plain variables, not a structured binding: clang 14 cannot capture one in a lambda.
  const std::pair<int64_t, int64_t> heard =
      tracks::HeardBetween(tracks::Vessel{mmsi, track, statics});
  const int64_t first = heard.first, last = heard.second;
  std::vector<std::pair<std::string, std::string>> done;  // (field, value) already looked up
  auto seen = [&](const char* field, const std::string& value) {
    for (auto& [f, v] : done)
      if (f == field && v == value) return true;
    done.emplace_back(field, value);
    return false;
  };
  auto report = [&](const ListIndex::Entry& entry, const char* field, std::string value,
                    int64_t t) -> ListedVessel& {
    ListedVessel& e = out.emplace_back();
    e.mmsi = mmsi;
    e.start_s = std::min(first, t);
    e.end_s = last;
    e.field = field;
    e.value = std::move(value);
    e.reason = std::string("the vessel's ") + field + " is on a sanctions list";
    e.entry = entry;
    e.party = index.PartyOf(entry.entity_id);
    if (const int64_t i = tracks::NearestFix(track, t); i >= 0) {
      e.lat_deg = track[static_cast<size_t>(i)].lat_deg;
      e.lon_deg = track[static_cast<size_t>(i)].lon_deg;
    }
    // A number stays decisive; what else of the identity agrees is shown
    // (a ship renamed or reflagged since the capture disagrees on those).
    if (const lists::Entity* listed = index.FindVessel(entry.entity_id))
      e.checks = CheckVesselIdentity(*listed, mmsi, statics);
    return e;
  };
  // IMO and MMSI numbers are decisive: an exact number on a list is reported
  // whatever the vessel calls itself.
  if (!track.empty() || !statics.empty()) {
    const int64_t t = !track.empty() ? track.front().time_s : statics.front().time_s;
    if (const ListIndex::Entry* entry = index.FindMmsi(mmsi))
      report(*entry, "mmsi", std::to_string(mmsi.value), t);
  }
  for (const tracks::StaticInfo& s : statics) {
    if (s.imo) {
      std::string imo = std::to_string(s.imo);
      if (!seen("imo", imo))
        if (const ListIndex::Entry* entry = index.FindImo(s.imo)) report(*entry, "imo", imo, s.time_s);
    }
    if (!s.name.empty()) {
      // Names go through the screening matcher (each distinct name once).
      std::string name = NormaliseVesselName(s.name);
      if (name.empty() || seen("name", name)) continue;
      std::optional<ListIndex::NameMatch> m = index.MatchName(name);
      if (!m || !m->weak.empty()) continue;
      // A name is evidence only when the broadcast identity does not deny it.
      std::vector<IdentityCheck> checks;
      if (m->entity) checks = CheckVesselIdentity(*m->entity, mmsi, statics);
      if (Contradicts(checks)) continue;
      ListedVessel& e = report(m->entry, "name", name, s.time_s);
      e.checks = std::move(checks);
      char score[16];
      std::snprintf(score, sizeof score, "%.2f", m->score);
      e.reason = "the vessel's name matches the listed vessel name " + m->matched_name +
                 " (screening score " + score + ")" + AgreedText(e.checks);
      e.score = m->score;
      e.matched_name = m->matched_name;
      e.explanation = m->explanation;
    }
  }
}

std::vector<ListedVessel> FindListedVessels(const tracks::TrackSet& tracks,
                                            std::span<const tracks::StaticInfo> statics,
                                            const ListIndex& index) {
  std::vector<ListedVessel> all;
  if (index.empty()) return all;
  const std::vector<tracks::Vessel> vessels = tracks::Vessels(tracks, statics);
  // Chunks of vessels in MMSI order; each chunk's events kept apart, then
  // joined in chunk order, so the result is in MMSI order.
  constexpr size_t kChunk = 256;
  std::vector<std::vector<ListedVessel>> parts((vessels.size() + kChunk - 1) / kChunk);
  ParallelForChunks(vessels.size(), kChunk, WorkerThreads(), [&](size_t begin, size_t end, unsigned) {
    std::vector<ListedVessel>& part = parts[begin / kChunk];
    for (size_t i = begin; i < end; ++i)
      FindListedVessels(vessels[i].mmsi, vessels[i].statics, vessels[i].track, index, part);
  });
  for (std::vector<ListedVessel>& part : parts)
    all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  return all;
}

void AppendJson(const ListedVessel& e, std::string& out) {
  JsonWriter w(out);
  w.BeginObject().Field("type", "identity").Field("mmsi", e.mmsi.value).Field("kind", ListedVessel::kKind);
  w.Key("start").TimeS(e.start_s).Key("end").TimeS(e.end_s);
  w.Key("lat").Decimal(e.lat_deg, 6).Key("lon").Decimal(e.lon_deg, 6);
  w.Field("field", e.field).Field("value", e.value).Field("reason", e.reason);
  w.Key("list_entry").BeginObject();
  w.Field("id", e.entry.entity_id).Field("name", e.entry.entity_name).Field("source", e.entry.source);
  if (e.party.id.empty()) w.Key("party").Null();
  else w.Field("party", e.party.id);
  w.Key("party_listings").BeginArray();
  for (const PartyListing& o : e.party.others) {
    w.BeginObject().Field("id", o.entity_id).Field("name", o.entity_name).Field("source", o.source);
    w.Key("programmes").BeginArray();
    for (const std::string& p : o.programmes) w.String(p);
    w.EndArray().Field("listed_on", o.listed_on).EndObject();
  }
  w.EndArray();
  w.EndObject();
  if (e.field == "name") {
    w.Key("evidence").BeginObject();
    w.Field("matched_name", e.matched_name).Key("score").Decimal(e.score, 3);
    w.Field("explanation", e.explanation).Field("matcher", "screen (default threshold)");
    w.EndObject();
  }
  // The broadcast identity set against the listed vessel's: each field both
  // sides give. For a name none disagrees (or there is no event).
  w.Key("identity").BeginArray();
  for (const IdentityCheck& c : e.checks) {
    w.BeginObject().Field("field", c.field).Field("broadcast", c.broadcast).Field("listed", c.listed);
    w.Field("agrees", c.agrees).EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void AppendEventRows(std::span<const ListedVessel> listed, std::vector<detect::EventRow>& rows) {
  for (const ListedVessel& e : listed) {
    detect::EventRow& r = rows.emplace_back();
    r.type = detect::EventType::kIdentity;
    r.kind = ListedVessel::kKind;
    r.mmsi = e.mmsi;
    r.start_s = e.start_s;
    r.end_s = e.end_s;
    r.lat_deg = e.lat_deg;
    r.lon_deg = e.lon_deg;
    AppendJson(e, r.json);
  }
}

}  // namespace wk::alerts
