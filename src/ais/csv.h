// Private to src/ais/: AIS CSV exports. Two layouts, told apart by header:
//  - Danish Maritime Authority (aisdk): `# Timestamp,Type of mobile,MMSI,
//    Latitude,Longitude,Navigational status,ROT,SOG,COG,Heading,IMO,Callsign,
//    Name,Ship type,Cargo type,Width,Length,...,Draught,Destination,ETA,...`
//    (copies made with pandas have an unnamed index column first);
//  - NOAA MarineCadastre: `MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,
//    VesselName,IMO,CallSign,VesselType,Status,Length,Width,Draft,Cargo,
//    TransceiverClass`.
// Columns are found by name, so reordered or extra columns are fine.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ais/ais.h"

namespace wk::ais {

class CsvReader {
 public:
  enum class Layout : uint8_t { kNone, kDma, kNoaa };

  // Reads a header line; returns the layout (kNone: not an AIS CSV header).
  Layout ReadHeader(std::string_view line);
  Layout layout() const { return layout_; }

  // Parses one data row into `pos` and `stat` (both always reset). Returns
  // false for a malformed row (reason()). has_position()/has_static() say
  // which parts the row carried.
  bool ParseRow(std::string_view line, PositionReport* pos, StaticReport* stat);
  bool has_position() const { return has_position_; }
  bool has_static() const { return has_static_; }
  const char* reason() const { return reason_; }

  // Appends the JSON object for the last parsed row: gpsd's field names for
  // what the CSV has (see docs/ais.md).
  void AppendJson(const PositionReport& pos, const StaticReport& stat, std::string& out) const;

 private:
  enum Field : uint8_t {
    kIgnore, kTime, kMmsi, kLat, kLon, kStatus, kRot, kSog, kCog, kHeading, kImo, kCallsign,
    kName, kShipType, kWidth, kLength, kDraught, kDestination, kEta, kMobileType,
    kTransceiverClass, kDimA, kDimB, kDimC, kDimD, kFieldCount
  };
  static constexpr int kMaxColumns = 64;
  Layout layout_ = Layout::kNone;
  int columns_ = 0;
  Field column_field_[kMaxColumns] = {};
  std::string_view values_[kFieldCount];
  bool has_position_ = false, has_static_ = false;
  const char* reason_ = "";
  float rot_ = NAN;
  int width_m_ = -1, length_m_ = -1;
  std::string eta_;
  std::string mobile_;
};

}  // namespace wk::ais
