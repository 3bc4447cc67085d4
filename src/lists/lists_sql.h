// Private to src/lists: every SQL statement lists runs (lists_sql.cc), named.
#pragma once

#include <string_view>

namespace wk::lists::sql {

// ?1 source, ?2 format, ?3 generated, ?4 imported_at, ?5 files, ?6 entity_count,
// ?7 content_hash; returns the new version's id.
extern const std::string_view kInsertVersion;
// The table and columns an import bulk-loads entities into, in this order:
// version_id, seq (the entity's place in its list), entity_id, schema, name, json, bin.
extern const std::string_view kEntitiesTable;
extern const std::string_view kEntityColumns[7];
// id, source, format, generated, imported_at, files, entity_count, content_hash,
// newest first; kListSourceVersions takes ?1 source.
extern const std::string_view kListVersions;
extern const std::string_view kListSourceVersions;
// ?1 version: bin, entity_id in the list's own order.
extern const std::string_view kVersionEntities;
// ?1 version: entity_id of every entity.
extern const std::string_view kVersionEntityIds;
// ?1 version, ?2 entity id: json (rows stored before the compact form).
extern const std::string_view kEntityJson;
// ?1 version, ?2 entity id: bin, json.
extern const std::string_view kEntity;
// ?1 source: count(*).
extern const std::string_view kCountVersions;
// ?1 url: etag, last_modified.
extern const std::string_view kFetchState;
// ?1 url, ?2 etag, ?3 last_modified, ?4 fetched_at.
extern const std::string_view kSaveFetchState;

// ?1 entity_a, ?2 entity_b (a < b), ?3 same (0/1), ?4 reason, ?5 made_at; replaces the pair's last.
extern const std::string_view kSaveJudgment;
// entity_a, entity_b, same, reason, made_at by pair.
extern const std::string_view kJudgments;

}  // namespace wk::lists::sql
