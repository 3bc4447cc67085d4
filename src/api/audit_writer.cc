// Group commit of audit rows for the hot routes (screening): each request
// queues its row and waits; one writer thread with its own connection takes
// every queued row, appends them all in one transaction (one batch of
// statements: alerts::AppendAuditBatch) and commits, then
// wakes their requests. A request answers only once its row is committed,
// and a thousand concurrent queries cost one commit, not a thousand.
#include <chrono>

#include "api/audit_hook.h"
#include "api/service.h"

namespace wk::api {

AuditWriter::AuditWriter(std::string url) : url_(std::move(url)) {
  thread_ = std::thread([this] { Loop(); });
}

AuditWriter::~AuditWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status AuditWriter::Append(std::string actor, std::string action, std::string subject, std::string before,
                           std::string after) {
  auto row = std::make_shared<Row>();
  row->entry = {std::move(actor), std::move(action), std::move(subject), std::move(before), std::move(after)};
  std::unique_lock<std::mutex> lock(mu_);
  if (stopping_) return MakeError(ErrorCode::kIo, "the server is stopping");
  queue_.push_back(row);
  wake_.notify_all();
  if (!done_.wait_for(lock, std::chrono::seconds(30), [&] { return row->done; }))
    return MakeError(ErrorCode::kIo, "the audit trail did not answer within 30 s");
  return row->status;
}

void AuditWriter::Loop() {
  std::unique_ptr<store::Store> db;
  for (;;) {
    std::vector<std::shared_ptr<Row>> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty() && stopping_) return;
      batch.swap(queue_);
    }
    Status result = Ok{};
    if (!db) {
      Result<store::Store> opened = store::Open(url_);
      if (opened.ok()) db = std::make_unique<store::Store>(std::move(opened).value());
      else result = MakeError(ErrorCode::kIo, opened.error().message);
    }
    if (db) {
      store::Transaction tx(*db);
      if (!tx.began()) result = MakeError(ErrorCode::kIo, tx.error());
      std::vector<alerts::AuditEntry> entries;
      entries.reserve(batch.size());
      for (const std::shared_ptr<Row>& r : batch) entries.push_back(std::move(r->entry));
      if (result.ok()) {
        Result<std::vector<alerts::AuditRecord>> appended = alerts::AppendAuditBatch(*db, std::move(entries));
        if (!appended.ok()) result = MakeError(ErrorCode::kIo, "audit: " + appended.error().message);
      }
      if (result.ok()) result = tx.Commit();
      if (!result.ok()) db.reset();  // a broken connection is opened afresh next time
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (const std::shared_ptr<Row>& r : batch) {
        r->status = result;
        r->done = true;
      }
    }
    done_.notify_all();
  }
}

}  // namespace wk::api
