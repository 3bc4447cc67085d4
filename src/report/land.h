// Private to src/report: Natural Earth land for the reports' maps.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "report/report.h"

namespace wk::report {

// The rings of every land polygon in the GeoJSON file at `path` (a
// FeatureCollection of Polygons and MultiPolygons, as the desk's build writes
// from world-atlas) whose bounds meet `bbox`. The file is parsed once per
// path and process. kIo when it cannot be read, kInvalidInput when it is not
// such GeoJSON.
Result<std::vector<Ring>> LoadLand(const std::string& path, const std::array<double, 4>& bbox);

}  // namespace wk::report
