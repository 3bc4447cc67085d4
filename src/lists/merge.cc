// The first and last steps of every parser: an empty ListFile, and the
// finishing pass that merges entities with the same id into one.
#include <algorithm>
#include <unordered_map>

#include "lists/parsing.h"

namespace wk::lists::internal {

ListFile NewListFile(Format format, std::string_view name) {
  ListFile list;
  list.source = std::string(SourceOf(format));
  list.format = format;
  list.files.emplace_back(name);
  return list;
}

// Every field of Entity is merged here (id and source are the same on both).
static_assert(FieldCount<Entity>() == 16 && FieldCount<Name>() == 3 && FieldCount<Identifier>() == 5,
              "Entity, Name or Identifier changed: update MergeEntity");

void MergeEntity(Entity& into, const Entity& from) {
  for (const Name& n : from.names) {
    bool dup = false;
    for (const Name& m : into.names)
      if (m.full == n.full) dup = true;
    if (!dup) {
      Name copy = n;
      if (copy.kind == NameKind::kPrimary && !into.names.empty()) copy.kind = NameKind::kAlias;
      into.names.push_back(std::move(copy));
    }
  }
  for (const Identifier& id : from.identifiers) AddIdentifier(into, id);
  for (const auto& s : from.birth_dates) AddUnique(into.birth_dates, s);
  for (const auto& s : from.birth_places) AddUnique(into.birth_places, s);
  for (const auto& s : from.nationalities) AddUnique(into.nationalities, s);
  for (const auto& s : from.addresses) AddUnique(into.addresses, s);
  for (const auto& s : from.countries) AddUnique(into.countries, s);
  for (const auto& s : from.programmes) AddUnique(into.programmes, s);
  for (const auto& s : from.same_as) AddUnique(into.same_as, s);
  for (const Relation& r : from.relations) AddRelation(into, r);
  if (into.listed_on.empty() || (!from.listed_on.empty() && from.listed_on < into.listed_on))
    into.listed_on = from.listed_on;
  if (into.gender.empty()) into.gender = from.gender;
  if (into.schema == Schema::kUnknown) into.schema = from.schema;
  if (!from.remarks.empty() && into.remarks.find(from.remarks) == std::string::npos) {
    if (!into.remarks.empty()) into.remarks += "\n";
    into.remarks += from.remarks;
  }
}

void Finish(ListFile& list) {
  std::unordered_map<std::string, size_t> seen;
  std::vector<Entity> out;
  out.reserve(list.entities.size());
  for (Entity& e : list.entities) {
    auto [it, inserted] = seen.emplace(e.id, out.size());
    if (inserted) {
      out.push_back(std::move(e));
    } else {
      MergeEntity(out[it->second], e);
    }
  }
  for (Entity& e : out) {
    for (Name& n : e.names)
      if (n.script.empty()) n.script = DetectScript(n.full);
    // A primary name must come first; promote the first alias if none.
    if (!e.names.empty() && e.names[0].kind != NameKind::kPrimary) {
      auto p = std::find_if(e.names.begin(), e.names.end(),
                            [](const Name& n) { return n.kind == NameKind::kPrimary; });
      if (p != e.names.end()) {
        std::rotate(e.names.begin(), p, p + 1);
      } else {
        e.names[0].kind = NameKind::kPrimary;
      }
    }
  }
  list.entities = std::move(out);
}

}  // namespace wk::lists::internal
