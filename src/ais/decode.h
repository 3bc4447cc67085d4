// Private to src/ais/: message decoders. One pass over the bits writes the
// gpsd-compatible JSON object (field names, order, types and scaling of
// `gpsdecode -s` from gpsd 3.22) and/or fills the value types of ais.h.
#pragma once

#include <cstdint>
#include <string>

#include "ais/ais.h"
#include "ais/bits.h"

namespace wk::ais {

// Appends one JSON object (no newline) for the message; `time_ms` adds "t"
// when known. The message must have at least 38 bits (type, repeat, MMSI).
void AppendMessageJson(const Bits& bits, int64_t time_ms, std::string& out);

// Type 6/8 application-specific payloads gpsd decodes (IMO 236/289, inland
// ERI, AtoN monitoring): appends their fields and returns true, or returns
// false so the caller prints "data". `start` is the first bit after DAC/FID.
bool AppendBinaryJson(const Bits& bits, int type, int dac, int fid, int start, std::string& out);

// Appends `,"data":"BITS:HEX"` for bits [start, end).
void AppendDataHex(const Bits& bits, int start, int end, std::string& out);

enum ReportKind : int { kNoReport = 0, kPositionReport = 1, kStaticReport = 2 };

// Fills `pos` and/or `stat` from a message; returns which were filled.
// Reuses the strings in `stat` (no allocation once they have grown).
int ExtractReports(const Bits& bits, int64_t time_ms, PositionReport* pos, StaticReport* stat);

// Ship type texts as gpsd prints them ("shiptype_text").
const char* ShipTypeText(unsigned type);

// Literal append without strlen.
template <size_t N>
inline void Lit(std::string& out, const char (&s)[N]) {
  out.append(s, N - 1);
}

void AppendUnsigned(std::string& out, uint64_t v);
void AppendSigned(std::string& out, int64_t v);
// printf("%.*f") exactly.
void AppendFixed(std::string& out, double v, int decimals);
void AppendBool(std::string& out, bool v);

}  // namespace wk::ais
