// Land polygons from GeoJSON, kept with their bounds so a map takes only the
// rings near its box.
#include "report/land.h"

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <mutex>

#include "core/core.h"

namespace wk::report {
namespace {

constexpr size_t kMaxLandBytes = size_t{64} << 20;

struct BoundedRing {
  Ring ring;
  std::array<double, 4> bounds;
};

bool ReadRing(const nlohmann::json& coords, std::vector<BoundedRing>& out) {
  if (!coords.is_array()) return false;
  BoundedRing r{{}, {180, 90, -180, -90}};
  for (const nlohmann::json& p : coords) {
    if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) return false;
    const double lon = p[0].get<double>(), lat = p[1].get<double>();
    r.ring.push_back({lon, lat});
    r.bounds = {std::min(r.bounds[0], lon), std::min(r.bounds[1], lat), std::max(r.bounds[2], lon),
                std::max(r.bounds[3], lat)};
  }
  if (r.ring.size() >= 3) out.push_back(std::move(r));
  return true;
}

bool ReadPolygon(const nlohmann::json& rings, std::vector<BoundedRing>& out) {
  if (!rings.is_array()) return false;
  for (const nlohmann::json& ring : rings)
    if (!ReadRing(ring, out)) return false;
  return true;
}

Result<std::vector<BoundedRing>> Parse(const std::string& path) {
  Result<std::string> text = ReadFile(path, kMaxLandBytes);
  if (!text.ok()) return text.error();
  const nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
  const auto bad = [&] { return MakeError(ErrorCode::kInvalidInput, path + ": not a GeoJSON FeatureCollection of land polygons"); };
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("features") || !doc["features"].is_array()) return bad();
  std::vector<BoundedRing> rings;
  for (const nlohmann::json& f : doc["features"]) {
    if (!f.is_object() || !f.contains("geometry") || !f["geometry"].is_object()) return bad();
    const nlohmann::json& g = f["geometry"];
    const std::string type = g.value("type", "");
    if (!g.contains("coordinates")) return bad();
    if (type == "Polygon") {
      if (!ReadPolygon(g["coordinates"], rings)) return bad();
    } else if (type == "MultiPolygon") {
      if (!g["coordinates"].is_array()) return bad();
      for (const nlohmann::json& poly : g["coordinates"])
        if (!ReadPolygon(poly, rings)) return bad();
    }
  }
  return rings;
}

}  // namespace

Result<std::vector<Ring>> LoadLand(const std::string& path, const std::array<double, 4>& bbox) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const std::vector<BoundedRing>>> cache;
  std::shared_ptr<const std::vector<BoundedRing>> all;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(path);
    if (it != cache.end()) all = it->second;
  }
  if (!all) {
    Result<std::vector<BoundedRing>> parsed = Parse(path);
    if (!parsed.ok()) return parsed.error();
    all = std::make_shared<const std::vector<BoundedRing>>(std::move(parsed).value());
    std::lock_guard<std::mutex> lock(mu);
    cache.emplace(path, all);
  }
  std::vector<Ring> out;
  for (const BoundedRing& r : *all)
    if (r.bounds[0] <= bbox[2] && r.bounds[2] >= bbox[0] && r.bounds[1] <= bbox[3] && r.bounds[3] >= bbox[1])
      out.push_back(r.ring);
  return out;
}

}  // namespace wk::report
