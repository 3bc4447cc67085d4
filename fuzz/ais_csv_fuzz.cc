// libFuzzer target: the CSV path (Danish Maritime Authority and NOAA
// MarineCadastre layouts): a header chosen by the first byte, then the
// fuzzer's rows.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ais/ais.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const char* kHeaders[] = {
      "# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
      "Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing "
      "device,Draught,Destination,ETA,Data source type,A,B,C,D\n",
      ",# Timestamp,Type of mobile,MMSI,Latitude,Longitude,Navigational status,ROT,SOG,COG,"
      "Heading,IMO,Callsign,Name,Ship type,Cargo type,Width,Length,Type of position fixing "
      "device,Draught,Destination,ETA,Data source type\n",
      "MMSI,BaseDateTime,LAT,LON,SOG,COG,Heading,VesselName,IMO,CallSign,VesselType,Status,"
      "Length,Width,Draft,Cargo,TransceiverClass\n",
      ""};  // the fuzzer's own header
  std::string input = kHeaders[size > 0 ? data[0] % 4 : 3];
  if (size > 0) input.append(reinterpret_cast<const char*>(data) + 1, size - 1);
  wk::ais::DecodeOptions options;
  options.format = size > 1 && (data[1] & 1) ? wk::ais::OutputFormat::kCsv : wk::ais::OutputFormat::kJsonl;
  std::string out;
  wk::ais::DecodeStats stats;
  (void)wk::ais::DecodeBuffer(input, "fuzz", options, out, &stats);
  return 0;
}
