// Private to src/ais/: the NMEA layer. Frames one line at a time, the shape
// of leveldb's log reader: each line is a sentence, a time header, something
// else to skip, or damage to count; a message comes out when its last
// fragment arrives.
//
// A line may carry, in this order: a receiver prefix (e.g. a timestamp), an
// NMEA 4.0 tag block `\c:1704067200,s:station,g:1-2-42*hh\`, the sentence
// `!AIVDM,total,number,seq_id,channel,payload,fill_bits*hh`, and trailing
// receiver fields (`,1357134218` epoch seconds, `,d-109,S2105,...`).
// `$PGHP,1,yyyy,mm,dd,HH,MM,SS,mmm,...` lines (Danish Maritime Authority) and
// tag blocks on their own line give the time of the next sentence.
#pragma once

#include <cstdint>
#include <string_view>

#include "ais/ais.h"
#include "ais/bits.h"

namespace wk::ais {

enum class LineKind : uint8_t {
  kSkipped,      // blank, comment, non-AIS NMEA, a time header
  kFragment,     // a valid sentence; its message needs more fragments
  kMessage,      // a valid sentence that completed a message: see message()
  kBadChecksum,  // a sentence whose checksum does not match
  kMalformed,    // not a sentence, or a sentence with broken fields
  kOrphan,       // (orphan mode only) a later fragment whose first fragment
                 // may lie before this region: the caller re-feeds it to the
                 // reader that holds the state before the region
};

// An assembled message; the views live until the next Feed().
struct RawMessage {
  std::string_view payload;   // armoured six-bit characters, all fragments
  int fill_bits = 0;
  int64_t time_ms = kUnknownTime;
  char channel = 0;           // 'A', 'B', '1', '2', ... or 0 when empty
  int fragments = 1;
};

class NmeaReader {
 public:
  // Classifies one line (without its newline) and assembles fragments.
  LineKind Feed(std::string_view line, uint64_t line_no);
  const RawMessage& message() const { return message_; }
  // Why the last line was malformed (a static string; for strict mode).
  const char* reason() const { return reason_; }
  // Multi-part messages dropped so far because a fragment was missing,
  // out of order or stale; Finish() adds those still pending at the end.
  uint64_t incomplete() const { return incomplete_; }
  void set_incomplete(uint64_t n) { incomplete_ = n; }
  void Finish();

  // For parallel decoding of a region that starts mid-stream: clears the
  // state (Finish() first) and, when `orphans`, returns kOrphan instead of
  // dropping a later fragment whose key has had no first fragment since.
  void StartRegion(bool orphans);
  void StopOrphans() { orphans_ = false; }
  // A time header waiting for its sentence (the region boundary is then not
  // clean for parallel decoding).
  bool has_pending_time() const { return pending_time_ms_ != kUnknownTime; }

 private:
  static constexpr int kChannels = 6, kSeqIds = 11, kMaxFragments = 9;
  static constexpr uint64_t kMaxSpanLines = 100;  // older fragments are stale
  struct Slot {
    bool busy = false;
    int total = 0, next = 0;
    uint64_t start_line = 0;
    int64_t time_ms = kUnknownTime;
    int len = 0;
    char payload[Bits::kMaxChars];
  };
  LineKind Malformed(const char* why) {
    reason_ = why;
    return LineKind::kMalformed;
  }

  RawMessage message_;
  const char* reason_ = "";
  int64_t pending_time_ms_ = kUnknownTime;  // from $PGHP or a lone tag block
  uint64_t incomplete_ = 0;
  bool orphans_ = false;
  bool first_seen_[kChannels][kSeqIds] = {};
  Slot slots_[kChannels][kSeqIds];
};

// Parses the `c:` field of a tag block body (between '\' and '*'): seconds or
// milliseconds since 1970. kUnknownTime when absent.
int64_t TagBlockTimeMs(std::string_view body);

}  // namespace wk::ais
