// Batch screening: CSV rows in, JSON lines out, in input order, on every
// core. The reading thread cuts the input into blocks; workers (each with
// its own Scratch and ICU transliterators) screen blocks; the reading thread
// writes finished blocks in order, so output streams while input is read.
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <istream>
#include <mutex>
#include <ostream>
#include <thread>

#include "core/core.h"
#include "screen/screen.h"

namespace wk::screen {

namespace {

struct Row {
  Query query;
  std::string error;  // set when the row itself is malformed
};

struct Columns {
  int name = -1, schema = -1, dob = -1, country = -1, id = -1;
};

Row MakeRow(const std::vector<std::string>& f, const Columns& c, const BatchOptions& o,
            size_t line_no) {
  Row r;
  r.query.threshold = o.threshold;
  r.query.limit = o.limit;
  auto get = [&](int col) -> std::string {
    return col >= 0 && static_cast<size_t>(col) < f.size() ? f[col] : std::string();
  };
  r.query.name = get(c.name);
  auto fail = [&](const std::string& msg) {
    if (r.error.empty()) r.error = "line " + std::to_string(line_no) + ": " + msg;
  };
  if (std::string s = get(c.schema); !s.empty()) {
    Result<lists::Schema> sc = ParseSchema(s);
    if (sc.ok()) r.query.schema = *sc;
    else fail(sc.error().message);
  }
  if (std::string d = get(c.dob); !d.empty()) {
    Result<std::string> dob = ParseQueryDate(d);
    if (dob.ok()) r.query.dob = *dob;
    else fail(dob.error().message);
  }
  r.query.country = get(c.country);
  if (std::string ids = get(c.id); !ids.empty()) {
    // Several identifiers may be given, separated by ';'.
    size_t start = 0;
    while (start <= ids.size()) {
      size_t end = ids.find(';', start);
      if (end == std::string::npos) end = ids.size();
      std::string one = ids.substr(start, end - start);
      if (!one.empty()) {
        Result<QueryId> q = ParseQueryId(one);
        if (q.ok()) r.query.ids.push_back(*q);
        else fail(q.error().message);
      }
      start = end + 1;
    }
  }
  return r;
}

// Longest CSV record accepted (a row is one query: names are at most
// kMaxNameBytes, so this is generous); longer ones become an error row.
constexpr size_t kMaxRecordBytes = size_t{1} << 20;

// std::getline that keeps at most `cap` bytes and skips the rest of the line;
// `truncated` tells whether it did.
bool ReadLine(std::istream& in, std::string& line, size_t cap, bool& truncated) {
  line.clear();
  truncated = false;
  std::streambuf* sb = in.rdbuf();
  bool any = false;
  for (;;) {
    int c = sb->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      if (!any) in.setstate(std::ios::eofbit | std::ios::failbit);
      return any;
    }
    any = true;
    if (c == '\n') return true;
    if (line.size() < cap) line.push_back(static_cast<char>(c));
    else truncated = true;
  }
}

class Pool {
 public:
  explicit Pool(unsigned n) {
    for (unsigned i = 0; i < n; ++i)
      threads_.emplace_back([this] { Run(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : threads_) t.join();
  }
  void Submit(std::function<void(Scratch&)> job) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      jobs_.push_back(std::move(job));
    }
    cv_.notify_one();
  }

 private:
  void Run() {
    Scratch scratch;
    for (;;) {
      std::function<void(Scratch&)> job;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [this] { return done_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job(scratch);
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void(Scratch&)>> jobs_;
  std::vector<std::thread> threads_;
  bool done_ = false;
};

std::string ScreenBlock(const Index& index, const lists::Parties* parties, const std::vector<Row>& rows,
                        Scratch& scratch) {
  std::string out;
  for (const Row& r : rows) {
    if (!r.error.empty()) {
      out += FormatErrorJson(r.query, r.error);
    } else {
      Result<std::string> m = ScreenJson(index, parties, r.query, scratch);
      out += m.ok() ? *m : FormatErrorJson(r.query, m.error().message);
    }
    out += '\n';
  }
  return out;
}

}  // namespace

Result<size_t> ScreenBatch(const Index& index, std::istream& in, std::ostream& out,
                           const BatchOptions& options) {
  std::string line;
  std::vector<std::string> fields;
  size_t line_no = 0;
  // Header.
  Columns cols;
  bool header_truncated = false;
  if (!ReadLine(in, line, kMaxRecordBytes, header_truncated))
    return MakeError(ErrorCode::kInvalidInput, "batch file is empty: expected a header with 'name'");
  ++line_no;
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line.erase(0, 3);
  SplitCsvLine(line, ',', fields);
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string h;
    for (char c : fields[i])
      if (c != ' ') h.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    int col = static_cast<int>(i);
    if (h == "name") cols.name = col;
    else if (h == "schema") cols.schema = col;
    else if (h == "dob" || h == "date_of_birth") cols.dob = col;
    else if (h == "country" || h == "nationality") cols.country = col;
    else if (h == "id" || h == "ids") cols.id = col;
  }
  if (cols.name < 0)
    return MakeError(ErrorCode::kInvalidInput,
                     "batch file line 1: header has no 'name' column");

  const unsigned threads = WorkerThreads(options.threads);
  constexpr size_t kBlock = 256;
  size_t rows_done = 0;
  std::deque<std::future<std::string>> pending;
  {
    Pool pool(threads);
    auto flush_front = [&]() {
      out << pending.front().get();
      out.flush();  // a block at a time, so a pipe sees results as they come
      pending.pop_front();
    };
    std::vector<Row> block;
    auto submit = [&]() {
      if (block.empty()) return;
      auto rows = std::make_shared<std::vector<Row>>(std::move(block));
      block.clear();
      auto promise = std::make_shared<std::promise<std::string>>();
      pending.push_back(promise->get_future());
      pool.Submit([&index, parties = options.parties, rows, promise](Scratch& scratch) {
        promise->set_value(ScreenBlock(index, parties, *rows, scratch));
      });
      while (pending.size() > 2 * static_cast<size_t>(threads)) flush_front();
      // Write whatever is already finished, so output streams.
      while (!pending.empty() &&
             pending.front().wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        flush_front();
    };
    bool truncated = false;
    while (ReadLine(in, line, kMaxRecordBytes, truncated)) {
      ++line_no;
      const size_t first_line = line_no;
      std::string record = line;
      bool too_long = truncated;
      // A quoted field may span lines (up to the record limit).
      while (!too_long && !SplitCsvLine(record, ',', fields)) {
        if (!ReadLine(in, line, kMaxRecordBytes, truncated)) break;
        ++line_no;
        record += '\n';
        record += line;
        too_long = truncated || record.size() > kMaxRecordBytes;
      }
      if (too_long) {
        Row r;
        r.query.name = "";
        r.error = "line " + std::to_string(first_line) + ": record longer than " +
                  std::to_string(kMaxRecordBytes) + " bytes (an unclosed quote?)";
        block.push_back(std::move(r));
        ++rows_done;
        if (block.size() >= kBlock) submit();
        continue;
      }
      if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
      block.push_back(MakeRow(fields, cols, options, first_line));
      ++rows_done;
      if (block.size() >= kBlock) submit();
    }
    submit();
    while (!pending.empty()) flush_front();
  }
  out.flush();
  return rows_done;
}

}  // namespace wk::screen
