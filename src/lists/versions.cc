// List versions in the store, their diffs and statistics.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "lists/lists_sql.h"
#include "lists/parsing.h"
#include "store/store.h"

namespace wk::lists {

using namespace internal;

namespace {

Result<Entity> DecodeEntity(std::string_view bin);

std::string NowIso() {
  const auto now = std::chrono::system_clock::now();
  return FormatTime(std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count());
}

std::string FilesJson(const std::vector<std::string>& files) {
  std::string out = "[";
  for (size_t i = 0; i < files.size(); ++i) {
    if (i) out += ',';
    AppendJsonString(out, files[i]);
  }
  return out + "]";
}

std::vector<std::string> FilesFromJson(std::string_view json) {
  std::vector<std::string> out;
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_array())
    for (const auto& f : j)
      if (f.is_string()) out.push_back(f.get<std::string>());
  return out;
}

ListVersion VersionFromRow(const store::Statement& st) {
  ListVersion v;
  v.id = st.Int(0);
  v.source = std::string(st.Text(1));
  v.format = std::string(st.Text(2));
  v.generated = std::string(st.Text(3));
  v.imported_at = std::string(st.Text(4));
  v.files = FilesFromJson(st.Text(5));
  v.entities = st.Int(6);
  v.content_hash = std::string(st.Text(7));
  return v;
}

Result<std::vector<Entity>> LoadVersionEntities(store::Store& db, int64_t version_id) {
  Result<store::Statement> st = db.Prepare(sql::kVersionEntities);
  if (!st.ok()) return st.error();
  st->Bind(1, version_id);
  std::vector<Entity> out;
  while (true) {
    Result<bool> row = st->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    Result<Entity> e = [&]() -> Result<Entity> {
      if (!st->IsNull(0)) return DecodeEntity(st->Text(0));
      // A row stored before the compact form existed: its JSON.
      Result<store::Statement> js = db.Prepare(sql::kEntityJson);
      if (!js.ok()) return js.error();
      js->Bind(1, version_id).Bind(2, st->Text(1));
      Result<bool> r = js->Step();
      if (!r.ok()) return r.error();
      if (!*r) return MakeError(ErrorCode::kNotFound, "entity row vanished");
      return EntityFromJson(js->Text(0));
    }();
    if (!e.ok()) return e.error();
    out.push_back(std::move(*e));
  }
  return out;
}

std::string IdText(const Identifier& id) {
  std::string s(IdTypeName(id.type));
  s += ':';
  s += id.value;
  if (!id.country.empty()) s += " (" + id.country + ")";
  return s;
}

std::string NameText(const Name& n) {
  return n.full + " [" + std::string(NameKindName(n.kind)) + "]";
}

std::string RelationText(const Relation& r) {
  return r.kind + ": " + r.role + ", with " + r.other + (r.detail.empty() ? "" : " (" + r.detail + ")");
}

void DiffSets(std::vector<FieldChange>& out, const char* field, const std::vector<std::string>& a,
              const std::vector<std::string>& b) {
  FieldChange c;
  c.field = field;
  const std::set<std::string> sa(a.begin(), a.end()), sb(b.begin(), b.end());
  for (const auto& x : b)
    if (!sa.count(x)) c.added.push_back(x);
  for (const auto& x : a)
    if (!sb.count(x)) c.removed.push_back(x);
  if (!c.added.empty() || !c.removed.empty()) out.push_back(std::move(c));
}

void DiffScalar(std::vector<FieldChange>& out, const char* field, const std::string& a, const std::string& b) {
  if (a == b) return;
  FieldChange c;
  c.field = field;
  if (!b.empty()) c.added.push_back(b);
  if (!a.empty()) c.removed.push_back(a);
  out.push_back(std::move(c));
}

// A compact, length-prefixed form of an entity that loads ~10x faster than
// its JSON: numbers as decimal digits and ';', strings as their length then
// their bytes. Only ever read back by DecodeEntity below.
void PutU(std::string& out, uint64_t v) {
  AppendInt(out, static_cast<int64_t>(v));
  out += ';';
}
void PutS(std::string& out, std::string_view s) {
  PutU(out, s.size());
  out += s;
}
void PutList(std::string& out, const std::vector<std::string>& v) {
  PutU(out, v.size());
  for (const auto& s : v) PutS(out, s);
}

// Every field of Entity, Name and Identifier is written here and read back
// in DecodeEntity; a new field must join both (then update the counts).
static_assert(FieldCount<Entity>() == 16 && FieldCount<Name>() == 3 && FieldCount<Identifier>() == 5,
              "Entity, Name or Identifier changed: update EncodeEntity and DecodeEntity");

std::string EncodeEntity(const Entity& e) {
  std::string out = "E1;";
  PutS(out, e.id);
  PutS(out, e.source);
  PutU(out, static_cast<uint64_t>(e.schema));
  PutU(out, e.names.size());
  for (const Name& n : e.names) {
    PutS(out, n.full);
    PutU(out, static_cast<uint64_t>(n.kind));
    PutS(out, n.script);
  }
  PutU(out, e.identifiers.size());
  for (const Identifier& i : e.identifiers) {
    PutU(out, static_cast<uint64_t>(i.type));
    PutS(out, i.value);
    PutS(out, i.country);
    PutU(out, i.check_digit_valid ? 1 : 0);
    PutS(out, i.note);
  }
  PutList(out, e.birth_dates);
  PutList(out, e.birth_places);
  PutList(out, e.nationalities);
  PutList(out, e.addresses);
  PutList(out, e.programmes);
  PutS(out, e.listed_on);
  PutS(out, e.remarks);
  PutS(out, e.gender);
  PutList(out, e.same_as);
  PutList(out, e.countries);
  if (!e.relations.empty()) {  // last and only when present: rows stored before relations end here
    PutU(out, e.relations.size());
    for (const Relation& r : e.relations) {
      PutS(out, r.kind);
      PutS(out, r.role);
      PutS(out, r.other);
      PutS(out, r.detail);
    }
  }
  return out;
}

class Decoder {
 public:
  explicit Decoder(std::string_view in) : in_(in) {}
  bool ok() const { return ok_; }
  bool done() const { return pos_ == in_.size(); }
  uint64_t U() {
    uint64_t v = 0;
    size_t digits = 0;
    while (pos_ < in_.size() && in_[pos_] >= '0' && in_[pos_] <= '9' && digits < 19) {
      v = v * 10 + static_cast<uint64_t>(in_[pos_++] - '0');
      ++digits;
    }
    if (digits == 0 || pos_ >= in_.size() || in_[pos_] != ';') ok_ = false;
    ++pos_;
    return ok_ ? v : 0;
  }
  std::string S() {
    const uint64_t n = U();
    if (!ok_ || n > in_.size() - std::min(pos_, in_.size())) {
      ok_ = false;
      return {};
    }
    std::string s(in_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  void List(std::vector<std::string>& v) {
    const uint64_t n = U();
    if (!ok_ || n > in_.size()) {
      ok_ = false;
      return;
    }
    v.reserve(n);
    for (uint64_t i = 0; i < n && ok_; ++i) v.push_back(S());
  }
  bool Expect(std::string_view prefix) {
    if (in_.substr(pos_, prefix.size()) != prefix) return ok_ = false;
    pos_ += prefix.size();
    return true;
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

Result<Entity> DecodeEntity(std::string_view bin) {
  Decoder d(bin);
  Entity e;
  if (!d.Expect("E1;")) return MakeError(ErrorCode::kInvalidInput, "stored entity is not in the E1 form");
  e.id = d.S();
  e.source = d.S();
  e.schema = static_cast<Schema>(std::min<uint64_t>(d.U(), static_cast<uint64_t>(Schema::kUnknown)));
  const uint64_t names = d.U();
  for (uint64_t i = 0; i < names && d.ok() && i <= bin.size(); ++i) {
    Name n;
    n.full = d.S();
    n.kind = static_cast<NameKind>(std::min<uint64_t>(d.U(), static_cast<uint64_t>(NameKind::kWeakAlias)));
    n.script = d.S();
    e.names.push_back(std::move(n));
  }
  const uint64_t ids = d.U();
  for (uint64_t i = 0; i < ids && d.ok() && i <= bin.size(); ++i) {
    Identifier id;
    id.type = static_cast<IdType>(std::min<uint64_t>(d.U(), static_cast<uint64_t>(IdType::kImoCompany)));
    id.value = d.S();
    id.country = d.S();
    id.check_digit_valid = d.U() != 0;
    id.note = d.S();
    e.identifiers.push_back(std::move(id));
  }
  d.List(e.birth_dates);
  d.List(e.birth_places);
  d.List(e.nationalities);
  d.List(e.addresses);
  d.List(e.programmes);
  e.listed_on = d.S();
  e.remarks = d.S();
  e.gender = d.S();
  d.List(e.same_as);
  d.List(e.countries);
  if (d.ok() && !d.done()) {
    const uint64_t relations = d.U();
    for (uint64_t i = 0; i < relations && d.ok() && i <= bin.size(); ++i) {
      Relation r;
      r.kind = d.S();
      r.role = d.S();
      r.other = d.S();
      r.detail = d.S();
      e.relations.push_back(std::move(r));
    }
  }
  if (!d.ok() || !d.done()) return MakeError(ErrorCode::kInvalidInput, "stored entity is damaged");
  return e;
}

// Entity from a stored row: the compact form when present, else the JSON.
Result<Entity> EntityFromRow(const store::Statement& st, int bin_col, int json_col) {
  if (!st.IsNull(bin_col)) return DecodeEntity(st.Text(bin_col));
  return EntityFromJson(st.Text(json_col));
}

}  // namespace

namespace {

// Every version of `source` (all when empty), newest import first, without
// touching the schema (ImportLists reads them inside its transaction).
Result<std::vector<ListVersion>> QueryVersions(store::Store& db, std::string_view source) {
  Result<store::Statement> st = db.Prepare(source.empty() ? sql::kListVersions : sql::kListSourceVersions);
  if (!st.ok()) return st.error();
  if (!source.empty()) st->Bind(1, source);
  std::vector<ListVersion> out;
  while (true) {
    Result<bool> row = st->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    out.push_back(VersionFromRow(*st));
  }
  return out;
}

// <0, 0, >0 as list date `a` is on a day before, the same as or after `b`'s
// (lists give a day or a time; the day alone keeps this a total order).
// Undated is before every date.
int CompareListDates(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return static_cast<int>(!a.empty()) - static_cast<int>(!b.empty());
  return a.substr(0, 10).compare(b.substr(0, 10));
}

// Whether `a` is newer than `b` by the list's own date, then by import.
bool NewerThan(const ListVersion& a, const ListVersion& b) {
  const int c = CompareListDates(a.generated, b.generated);
  return c != 0 ? c > 0 : a.id > b.id;
}

// The current version of each source among `all`, by source name.
std::vector<ListVersion> CurrentOf(std::vector<ListVersion> all) {
  std::map<std::string, ListVersion> best;
  for (ListVersion& v : all) {
    auto it = best.find(v.source);
    if (it == best.end()) best.emplace(v.source, std::move(v));
    else if (NewerThan(v, it->second)) it->second = std::move(v);
  }
  std::vector<ListVersion> out;
  for (auto& [_, v] : best) out.push_back(std::move(v));
  return out;
}

std::string DateOrNone(const std::string& d) { return d.empty() ? "no date of its own" : d; }

// Why `policy` refuses `list` over `current` (its source's current version),
// or "" when it lets it through. Counts are of entries; drops are by id.
Result<std::string> RefusalOf(store::Store& db, const ListFile& list, const ListVersion& current,
                              const ImportPolicy& policy) {
  if (policy.force) return std::string();
  const std::string both = "the new " + list.source + " list (" + DateOrNone(list.generated) + ", " +
                           std::to_string(list.entities.size()) + " entries) against the current version " +
                           std::to_string(current.id) + " (" + DateOrNone(current.generated) + ", " +
                           std::to_string(current.entities) + " entries)";
  if (CompareListDates(list.generated, current.generated) < 0)
    return "refused: " + both + ": it is older than the current version; --force imports it " +
           "as an older version, which does not become current";
  Result<store::Statement> st = db.Prepare(sql::kVersionEntityIds);
  if (!st.ok()) return st.error();
  st->Bind(1, current.id);
  std::set<std::string_view> incoming;
  for (const Entity& e : list.entities) incoming.insert(e.id);
  int64_t kept = 0, had = 0;
  while (true) {
    Result<bool> row = st->Step();
    if (!row.ok()) return row.error();
    if (!*row) break;
    ++had;
    kept += incoming.count(st->Text(0)) > 0;
  }
  const int64_t dropped = had - kept;
  if (had > 0 && static_cast<double>(dropped) > policy.max_dropped_share * static_cast<double>(had)) {
    char share[32];
    std::snprintf(share, sizeof share, "%.0f%%", 100.0 * static_cast<double>(dropped) / static_cast<double>(had));
    char limit[32];
    std::snprintf(limit, sizeof limit, "%.0f%%", 100.0 * policy.max_dropped_share);
    return "refused: " + both + ": it drops " + std::to_string(dropped) + " of the current " +
           std::to_string(had) + " entries (" + share + ", more than " + limit +
           "); a cut or wrong file? --force imports it";
  }
  return std::string();
}

}  // namespace

Result<std::vector<ListVersion>> ImportLists(store::Store& db, const std::vector<ListFile>& lists,
                                             const ImportPolicy& policy) {
  if (Status s = EnsureListTables(db); !s.ok()) return s.error();
  store::Transaction tx(db);
  if (!tx.began()) return MakeError(ErrorCode::kIo, "cannot begin a transaction (database busy or read-only?)");
  Result<store::Statement> ins_v = db.Prepare(sql::kInsertVersion);
  if (!ins_v.ok()) return ins_v.error();
  std::vector<ListVersion> out;
  const std::string now = NowIso();
  for (const ListFile& list : lists) {
    if (list.source.empty()) return MakeError(ErrorCode::kInvalidInput, "list without a source");
    std::vector<std::string> jsons;
    const std::string hash = EntitiesContentHash(list.entities, &jsons);
    // Read inside the transaction, so a second list of one source in one
    // call is weighed against the first.
    Result<std::vector<ListVersion>> versions = QueryVersions(db, list.source);
    if (!versions.ok()) return versions.error();
    if (!versions->empty()) {
      ListVersion current = CurrentOf(std::move(*versions)).front();
      if (current.content_hash == hash) {  // identical content: nothing to add
        current.unchanged = true;
        out.push_back(std::move(current));
        continue;
      }
      Result<std::string> refusal = RefusalOf(db, list, current, policy);
      if (!refusal.ok()) return refusal.error();
      if (!refusal->empty()) return MakeError(ErrorCode::kInvalidInput, *refusal);
    }
    ListVersion v;
    v.source = list.source;
    v.format = std::string(FormatName(list.format));
    v.generated = list.generated;
    v.imported_at = now;
    v.files = list.files;
    v.entities = static_cast<int64_t>(list.entities.size());
    v.content_hash = hash;
    ins_v->Bind(1, v.source).Bind(2, v.format).Bind(3, v.generated).Bind(4, v.imported_at);
    ins_v->Bind(5, FilesJson(v.files)).Bind(6, v.entities).Bind(7, v.content_hash);
    Result<bool> inserted = ins_v->Step();
    if (!inserted.ok()) return inserted.error();
    v.id = ins_v->Int(0);
    ins_v->Reset();
    Result<store::BulkLoad> ins_e = db.BeginBulkLoad(sql::kEntitiesTable, sql::kEntityColumns);
    if (!ins_e.ok()) return ins_e.error();
    for (size_t i = 0; i < list.entities.size(); ++i) {
      const Entity& e = list.entities[i];
      ins_e->Add(v.id).Add(static_cast<int64_t>(i)).Add(std::string_view(e.id)).Add(SchemaName(e.schema));
      ins_e->Add(e.names.empty() ? std::string_view() : std::string_view(e.names[0].full));
      ins_e->Add(std::string_view(jsons[i]));
      ins_e->Add(std::string_view(EncodeEntity(e)));
      if (Status s = ins_e->EndRow(); !s.ok())
        return MakeError(ErrorCode::kIo, "storing " + e.id + ": " + s.error().message);
    }
    if (Result<int64_t> n = ins_e->Finish(); !n.ok())
      return MakeError(ErrorCode::kIo, "storing the " + v.source + " list: " + n.error().message);
    out.push_back(std::move(v));
  }
  if (Status s = tx.Commit(); !s.ok()) return s.error();
  return out;
}

Result<std::vector<ListVersion>> ListVersions(store::Store& db, std::string_view source) {
  if (Status s = EnsureListTables(db); !s.ok()) return s.error();
  return QueryVersions(db, source);
}

Result<std::vector<ListVersion>> CurrentVersions(store::Store& db, std::string_view source) {
  Result<std::vector<ListVersion>> all = ListVersions(db, source);
  if (!all.ok()) return all.error();
  return CurrentOf(std::move(*all));
}

Result<std::vector<Entity>> LoadCurrentEntities(store::Store& db, std::string_view source) {
  Result<std::vector<ListVersion>> current = CurrentVersions(db, source);
  if (!current.ok()) return current.error();
  std::vector<Entity> out;
  for (const ListVersion& v : *current) {
    Result<std::vector<Entity>> e = LoadVersionEntities(db, v.id);
    if (!e.ok()) return e.error();
    std::move(e->begin(), e->end(), std::back_inserter(out));
  }
  return out;
}

Result<std::vector<Entity>> LoadCurrentEntities(const std::string& db_path, std::string_view source) {
  Result<store::Store> db = store::Open(db_path);
  if (!db.ok()) return db.error();
  return LoadCurrentEntities(*db, source);
}

Result<std::vector<Entity>> FindEntitiesByIdentifier(store::Store& db, IdType type, std::string_view value) {
  const std::string wanted = MakeIdentifier(type, value).value;
  Result<std::vector<Entity>> all = LoadCurrentEntities(db);
  if (!all.ok()) return all.error();
  std::vector<Entity> out;
  for (Entity& e : *all) {
    const bool carries = std::any_of(e.identifiers.begin(), e.identifiers.end(), [&](const Identifier& i) {
      const bool same_kind = i.type == type || (type == IdType::kImo && i.type == IdType::kImoCompany);
      return same_kind && i.value == wanted;
    });
    if (carries) out.push_back(std::move(e));
  }
  return out;
}

Result<Entity> LoadEntity(store::Store& db, std::string_view id) {
  const size_t colon = id.find(':');
  if (colon == std::string_view::npos || colon == 0)
    return MakeError(ErrorCode::kInvalidInput,
                     "entity id '" + std::string(id) + "' is not SOURCE:REFERENCE (e.g. un:KPi.001)");
  Result<std::vector<ListVersion>> current = CurrentVersions(db, id.substr(0, colon));
  if (!current.ok()) return current.error();
  if (current->empty())
    return MakeError(ErrorCode::kNotFound, "no list of source '" + std::string(id.substr(0, colon)) +
                                               "' has been imported");
  Result<store::Statement> st = db.Prepare(sql::kEntity);
  if (!st.ok()) return st.error();
  st->Bind(1, current->front().id).Bind(2, id);
  Result<bool> row = st->Step();
  if (!row.ok()) return row.error();
  if (!*row)
    return MakeError(ErrorCode::kNotFound, "no entity " + std::string(id) + " in the current " +
                                               std::string(id.substr(0, colon)) + " list (version " +
                                               std::to_string(current->front().id) + ")");
  return EntityFromRow(*st, 0, 1);
}

std::string_view ChangeKindName(ChangeKind k) {
  switch (k) {
    case ChangeKind::kAdded: return "added";
    case ChangeKind::kRemoved: return "removed";
    case ChangeKind::kChanged: break;
  }
  return "changed";
}

// Every field of Entity is compared here (id and source name the entity).
static_assert(FieldCount<Entity>() == 16 && FieldCount<Name>() == 3 && FieldCount<Identifier>() == 5,
              "Entity, Name or Identifier changed: update DiffEntity");

std::vector<FieldChange> DiffEntity(const Entity& a, const Entity& b) {
  std::vector<FieldChange> out;
  DiffScalar(out, "schema", std::string(SchemaName(a.schema)), std::string(SchemaName(b.schema)));
  std::vector<std::string> na, nb, ia, ib;
  for (const Name& n : a.names) na.push_back(NameText(n));
  for (const Name& n : b.names) nb.push_back(NameText(n));
  for (const Identifier& i : a.identifiers) ia.push_back(IdText(i));
  for (const Identifier& i : b.identifiers) ib.push_back(IdText(i));
  DiffScalar(out, "primary_name", a.names.empty() ? "" : a.names[0].full, b.names.empty() ? "" : b.names[0].full);
  DiffSets(out, "names", na, nb);
  DiffSets(out, "identifiers", ia, ib);
  DiffSets(out, "birth_dates", a.birth_dates, b.birth_dates);
  DiffSets(out, "birth_places", a.birth_places, b.birth_places);
  DiffSets(out, "nationalities", a.nationalities, b.nationalities);
  DiffSets(out, "addresses", a.addresses, b.addresses);
  DiffSets(out, "countries", a.countries, b.countries);
  DiffSets(out, "programmes", a.programmes, b.programmes);
  DiffSets(out, "same_as", a.same_as, b.same_as);
  DiffScalar(out, "listed_on", a.listed_on, b.listed_on);
  DiffScalar(out, "gender", a.gender, b.gender);
  DiffScalar(out, "remarks", a.remarks, b.remarks);
  std::vector<std::string> ra, rb;
  for (const Relation& r : a.relations) ra.push_back(RelationText(r));
  for (const Relation& r : b.relations) rb.push_back(RelationText(r));
  DiffSets(out, "relations", ra, rb);
  return out;
}

std::vector<EntityChange> DiffEntities(const std::vector<Entity>& before, const std::vector<Entity>& after) {
  std::map<std::string_view, const Entity*> a, b;
  for (const Entity& e : before) a.emplace(e.id, &e);
  for (const Entity& e : after) b.emplace(e.id, &e);
  std::vector<EntityChange> added, removed, changed;
  for (const auto& [id, e] : b) {
    if (a.count(id)) continue;
    EntityChange c;
    c.kind = ChangeKind::kAdded;
    c.id = std::string(id);
    c.name = e->names.empty() ? "" : e->names[0].full;
    added.push_back(std::move(c));
  }
  for (const auto& [id, e] : a) {
    auto it = b.find(id);
    if (it == b.end()) {
      EntityChange c;
      c.kind = ChangeKind::kRemoved;
      c.id = std::string(id);
      c.name = e->names.empty() ? "" : e->names[0].full;
      removed.push_back(std::move(c));
      continue;
    }
    std::vector<FieldChange> fields = DiffEntity(*e, *it->second);
    if (fields.empty()) continue;
    EntityChange c;
    c.kind = ChangeKind::kChanged;
    c.id = std::string(id);
    c.name = it->second->names.empty() ? "" : it->second->names[0].full;
    c.fields = std::move(fields);
    changed.push_back(std::move(c));
  }
  std::vector<EntityChange> out = std::move(added);
  std::move(removed.begin(), removed.end(), std::back_inserter(out));
  std::move(changed.begin(), changed.end(), std::back_inserter(out));
  return out;
}

Result<std::vector<Entity>> LoadVersion(store::Store& db, int64_t version_id) {
  return LoadVersionEntities(db, version_id);
}

Result<std::vector<ListDiff>> DiffLatest(store::Store& db, std::string_view source) {
  Result<std::vector<ListVersion>> all = ListVersions(db, source);
  if (!all.ok()) return all.error();
  std::sort(all->begin(), all->end(), NewerThan);  // the current one first, then its predecessor
  std::map<std::string, std::vector<ListVersion>> by_source;
  for (ListVersion& v : *all) {
    auto& vs = by_source[v.source];
    if (vs.size() < 2) vs.push_back(std::move(v));
  }
  std::vector<ListDiff> out;
  for (auto& [src, vs] : by_source) {
    if (vs.size() < 2) continue;
    ListDiff d;
    d.to = vs[0];
    d.from = vs[1];
    Result<std::vector<Entity>> a = LoadVersionEntities(db, d.from.id);
    if (!a.ok()) return a.error();
    Result<std::vector<Entity>> b = LoadVersionEntities(db, d.to.id);
    if (!b.ok()) return b.error();
    d.changes = DiffEntities(*a, *b);
    out.push_back(std::move(d));
  }
  if (out.empty()) {
    if (source.empty())
      return MakeError(ErrorCode::kNotFound, "no source has two versions yet: import a list twice to diff");
    return MakeError(ErrorCode::kNotFound, "source '" + std::string(source) + "' has " +
                                               std::to_string(by_source[std::string(source)].size()) +
                                               " version(s); a diff needs two");
  }
  return out;
}

Result<std::vector<SourceStats>> Stats(store::Store& db) {
  Result<std::vector<ListVersion>> current = CurrentVersions(db, {});
  if (!current.ok()) return current.error();
  std::vector<SourceStats> out;
  for (const ListVersion& v : *current) {
    SourceStats s;
    s.version = v;
    Result<store::Statement> count = db.Prepare(sql::kCountVersions);
    if (!count.ok()) return count.error();
    count->Bind(1, v.source);
    if (Result<bool> r = count->Step(); r.ok() && *r) s.versions = count->Int(0);
    Result<std::vector<Entity>> entities = LoadVersionEntities(db, v.id);
    if (!entities.ok()) return entities.error();
    std::map<std::string, int64_t> schemas, ids;
    for (const Entity& e : *entities) {
      ++schemas[std::string(SchemaName(e.schema))];
      s.names += static_cast<int64_t>(e.names.size());
      s.identifiers += static_cast<int64_t>(e.identifiers.size());
      for (const Identifier& i : e.identifiers) ++ids[std::string(IdTypeName(i.type))];
    }
    s.by_schema.assign(schemas.begin(), schemas.end());
    s.identifiers_by_type.assign(ids.begin(), ids.end());
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace wk::lists
