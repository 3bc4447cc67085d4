// Accounts, on both engines: secrets are stored only as hashes, tokens and
// sessions authenticate the right account with the right role, disabled
// accounts and expired sessions do not, logins are throttled; and the
// `watchkeeper users` commands end to end.
#include "server_harness.h"

namespace wk::testing {
namespace {

class AccountsTest : public StoreTest {
 protected:
  store::Store Db() {
    Result<store::Store> db = store::Open(url());
    EXPECT_TRUE(db.ok());
    return std::move(db).value();
  }
  // Every text value of every row of api_accounts and api_sessions.
  std::string AllSecrets(store::Store& db) {
    std::string all;
    for (const char* q : {"SELECT name, role, token_hash, password_hash, created_at FROM api_accounts",
                          "SELECT token_hash, address, '', '', '' FROM api_sessions"}) {
      Result<store::Statement> st = db.Prepare(q);
      while (st.ok() && *st->Step())
        for (int i = 0; i < 5; ++i) all += std::string(st->Text(i)) + "\n";
    }
    return all;
  }
};

TEST_P(AccountsTest, TheTokenIsShownOnceAndStoredOnlyAsAHash) {
  store::Store db = Db();
  Result<api::NewAccount> a = api::AddAccount(db, "test", "alice", api::Role::kAnalyst);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_TRUE(a->token.starts_with("wk_"));
  EXPECT_EQ(a->token.size(), 3u + 43u);  // 32 random bytes, base64url without padding
  const std::string stored = AllSecrets(db);
  EXPECT_EQ(stored.find(a->token), std::string::npos);
  EXPECT_EQ(stored.find(a->token.substr(3)), std::string::npos);
  Result<api::Principal> p = api::Authenticate(db, a->token, 0);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->name, "alice");
  EXPECT_EQ(p->role, api::Role::kAnalyst);
  EXPECT_FALSE(p->session);
  // Two accounts never share a token.
  Result<api::NewAccount> b = api::AddAccount(db, "test", "bob", api::Role::kViewer);
  EXPECT_NE(a->token, b->token);
}

TEST_P(AccountsTest, NamesAreCheckedAndUnique) {
  store::Store db = Db();
  ASSERT_TRUE(api::AddAccount(db, "test", "alice", api::Role::kViewer).ok());
  Result<api::NewAccount> again = api::AddAccount(db, "test", "alice", api::Role::kAdmin);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, "an account named 'alice' exists");
  for (const char* bad : {"", "Alice", "al ice", "-x", "a/b", "x'--", "\xc3\xa9lise"})
    EXPECT_FALSE(api::AddAccount(db, "test", bad, api::Role::kViewer).ok()) << bad;
  EXPECT_FALSE(api::AddAccount(db, "test", std::string(65, 'a'), api::Role::kViewer).ok());
  EXPECT_TRUE(api::AddAccount(db, "test", std::string(64, 'a'), api::Role::kViewer).ok());
}

TEST_P(AccountsTest, PasswordsAreArgon2idAndLoginsOpenSessionsThatExpire) {
  store::Store db = Db();
  ASSERT_TRUE(api::AddAccount(db, "test", "alice", api::Role::kAdmin).ok());
  EXPECT_FALSE(api::SetPassword(db, "test", "alice", "short", api::PasswordCost::kMinimum).ok());
  Result<api::Account> a = api::SetPassword(db, "test", "alice", "a long passphrase", api::PasswordCost::kMinimum);
  ASSERT_TRUE(a.ok()) << a.error().message;
  EXPECT_TRUE(a->has_password);
  const std::string stored = AllSecrets(db);
  EXPECT_NE(stored.find("$argon2id$"), std::string::npos);
  EXPECT_EQ(stored.find("a long passphrase"), std::string::npos);

  api::LoginPolicy policy;
  policy.session_ttl_s = 60;
  const int64_t now = 1'800'000'000'000;
  Result<api::LoginResult> bad = api::Login(db, "alice", "a wrong passphrase", "127.0.0.1", policy, now);
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->outcome, api::LoginResult::Outcome::kBadCredentials);
  Result<api::LoginResult> good = api::Login(db, "alice", "a long passphrase", "127.0.0.1", policy, now);
  ASSERT_TRUE(good.ok());
  ASSERT_EQ(good->outcome, api::LoginResult::Outcome::kOk);
  EXPECT_TRUE(good->token.starts_with("wks_"));
  EXPECT_EQ(AllSecrets(db).find(good->token), std::string::npos);
  // Valid until the session's end, not a millisecond after.
  Result<api::Principal> p = api::Authenticate(db, good->token, now + 59'999);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->session);
  EXPECT_EQ(p->role, api::Role::kAdmin);
  EXPECT_FALSE(api::Authenticate(db, good->token, now + 60'000).ok());
  // Logout ends it at once.
  Result<api::LoginResult> again = api::Login(db, "alice", "a long passphrase", "127.0.0.1", policy, now);
  ASSERT_TRUE(api::Logout(db, again->token).ok());
  EXPECT_FALSE(api::Authenticate(db, again->token, now).ok());
  // Unknown accounts and accounts without a password fail the same way.
  ASSERT_TRUE(api::AddAccount(db, "test", "nopass", api::Role::kViewer).ok());
  EXPECT_EQ(api::Login(db, "nopass", "", "127.0.0.2", policy, now)->outcome, api::LoginResult::Outcome::kBadCredentials);
  EXPECT_EQ(api::Login(db, "nobody", "whatever!", "127.0.0.3", policy, now)->outcome,
            api::LoginResult::Outcome::kBadCredentials);
}

TEST_P(AccountsTest, DisablingEndsTheTokenAndTheSessions) {
  store::Store db = Db();
  Result<api::NewAccount> a = api::AddAccount(db, "test", "alice", api::Role::kAnalyst);
  ASSERT_TRUE(api::SetPassword(db, "test", "alice", "a long passphrase", api::PasswordCost::kMinimum).ok());
  Result<api::LoginResult> s = api::Login(db, "alice", "a long passphrase", "127.0.0.1", {}, 1000);
  ASSERT_EQ(s->outcome, api::LoginResult::Outcome::kOk);
  Result<api::Account> d = api::DisableAccount(db, "test", "alice");
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->disabled);
  EXPECT_FALSE(api::Authenticate(db, a->token, 2000).ok());
  EXPECT_FALSE(api::Authenticate(db, s->token, 2000).ok());
  EXPECT_EQ(api::Login(db, "alice", "a long passphrase", "127.0.0.1", {}, 3000)->outcome,
            api::LoginResult::Outcome::kBadCredentials);
  EXPECT_EQ(api::DisableAccount(db, "test", "nobody").error().code, ErrorCode::kNotFound);
}

// The lock: max_failures in a row, then lock_s doubling, per account and per
// address; a success clears both; failures older than the window start over.
TEST_P(AccountsTest, FailedLoginsLockTheAccountAndTheAddress) {
  store::Store db = Db();
  ASSERT_TRUE(api::AddAccount(db, "test", "alice", api::Role::kViewer).ok());
  ASSERT_TRUE(api::SetPassword(db, "test", "alice", "a long passphrase", api::PasswordCost::kMinimum).ok());
  api::LoginPolicy policy;
  policy.max_failures = 3;
  policy.lock_s = 10;
  policy.window_s = 600;
  int64_t t = 1'000'000;
  using O = api::LoginResult::Outcome;
  for (int i = 0; i < 2; ++i) EXPECT_EQ(api::Login(db, "alice", "nope nope", "10.0.0.1", policy, t)->outcome, O::kBadCredentials);
  // A success before the limit clears the count.
  EXPECT_EQ(api::Login(db, "alice", "a long passphrase", "10.0.0.1", policy, t)->outcome, O::kOk);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(api::Login(db, "alice", "nope nope", "10.0.0.1", policy, t)->outcome, O::kBadCredentials);
  Result<api::LoginResult> locked = api::Login(db, "alice", "a long passphrase", "10.0.0.9", policy, t + 1000);
  EXPECT_EQ(locked->outcome, O::kThrottled);  // the account is locked from any address
  EXPECT_EQ(locked->retry_after_s, 9);
  EXPECT_EQ(api::Login(db, "alice", "a long passphrase", "10.0.0.9", policy, t + 10'000)->outcome, O::kOk);
  // The address, across account names.
  for (const char* name : {"x1", "x2", "x3"})
    EXPECT_EQ(api::Login(db, name, "nope nope", "10.0.0.2", policy, t)->outcome, O::kBadCredentials);
  EXPECT_EQ(api::Login(db, "alice", "a long passphrase", "10.0.0.2", policy, t)->outcome, O::kThrottled);
  // Each failure past the limit doubles the lock: 10 s, then 20 s.
  t += 100'000;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(api::Login(db, "bob", "nope nope", "10.0.1." + std::to_string(i), policy, t).ok());
  EXPECT_EQ(api::Login(db, "bob", "x", "10.0.2.1", policy, t)->retry_after_s, 10);
  ASSERT_TRUE(api::Login(db, "bob", "nope nope", "10.0.1.9", policy, t + 10'000).ok());  // unlocked, fails again
  EXPECT_EQ(api::Login(db, "bob", "x", "10.0.2.1", policy, t + 10'000)->retry_after_s, 20);
  // A failure after the window starts the count over.
  t += 10'000'000;
  EXPECT_EQ(api::Login(db, "bob", "nope nope", "10.0.3.1", policy, t)->outcome, O::kBadCredentials);
  EXPECT_EQ(api::Login(db, "bob", "nope nope", "10.0.3.2", policy, t)->outcome, O::kBadCredentials);
}

TEST_P(AccountsTest, TheUsersCommandsEndToEnd) {
  CliRun add = RunCli({"users", "add", "carol", "--role", "analyst", "--db", url()});
  ASSERT_EQ(add.status, 0) << add.err;
  const nlohmann::json made = ParseJson(add.out);
  EXPECT_EQ(made["name"], "carol");
  EXPECT_EQ(made["role"], "analyst");
  const std::string token = made["token"];
  EXPECT_NE(add.err.find("shown only this once"), std::string::npos);
  EXPECT_EQ(RunCli({"users", "add", "carol", "--role", "viewer", "--db", url()}).status, 1);
  EXPECT_EQ(RunCli({"users", "add", "dave", "--role", "root", "--db", url()}).status, 2);
  CliRun pw = RunCli({"users", "passwd", "carol", "--password-cost", "min", "--db", url()}, "a fine passphrase\n");
  ASSERT_EQ(pw.status, 0) << pw.err;
  EXPECT_EQ(ParseJson(pw.out)["has_password"], true);
  EXPECT_EQ(RunCli({"users", "passwd", "carol", "--db", url()}, "short\n").status, 1);
  CliRun list = RunCli({"users", "list", "--db", url()});
  ASSERT_EQ(list.status, 0);
  EXPECT_EQ(SplitLines(list.out).size(), 1u);
  EXPECT_EQ(list.out.find(token), std::string::npos);
  EXPECT_EQ(list.out.find("argon2"), std::string::npos);
  {
    ServerProcess server(url());
    ASSERT_TRUE(server.ok()) << server.error();
    EXPECT_EQ(ParseJson(server.Client(token).Get("/api/v1/me")->body)["name"], "carol");
    httplib::Result login = server.Client().Post("/api/v1/login", R"({"name":"carol","password":"a fine passphrase"})",
                                                 "application/json");
    EXPECT_EQ(login->status, 200);
    ASSERT_EQ(RunCli({"users", "disable", "carol", "--db", url()}).status, 0);
    // Another process's change reaches the server's token cache within a second.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    EXPECT_EQ(server.Client(token).Get("/api/v1/me")->status, 401);
    EXPECT_EQ(server.Client(ParseJson(login->body)["token"]).Get("/api/v1/me")->status, 401);
    EXPECT_EQ(server.Stop(), 0);  // SIGTERM stops it cleanly
  }
  EXPECT_NE(RunCli({"users", "list", "--format", "text", "--db", url()}).out.find("carol  analyst  disabled"),
            std::string::npos);
}

WK_ON_EVERY_ENGINE(AccountsTest);

}  // namespace
}  // namespace wk::testing
