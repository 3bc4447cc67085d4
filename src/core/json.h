// core/json: JSON output. The Append* functions are the allocation-free
// pieces the hot writers (AIS decode, detect events) use directly; JsonWriter
// puts them together with the commas and nesting for cold paths (summaries,
// list versions, Council answers), so no domain concatenates JSON by hand.
//
// Example:
//   std::string out;
//   JsonWriter w(out);
//   w.BeginObject().Field("mmsi", 445619452).Field("name", "CHON MA SAN");
//   w.Key("seen").BeginArray().TimeS(1704067200).EndArray();
//   w.EndObject();   // {"mmsi":445619452,"name":"CHON MA SAN","seen":["2024-01-01T00:00:00Z"]}
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <string>
#include <string_view>

namespace wk {

// Appends `text` as a JSON string literal: quotes, escapes, and U+FFFD for
// bytes that are not valid UTF-8, so the output is always valid JSON.
void AppendJsonString(std::string& out, std::string_view text);
// Appends a double with at most `decimals` digits after the point, trailing
// zeros removed ("1.5", "3", "-0.25"), like printf("%.*f") then trimmed;
// null when not finite.
void AppendDecimal(std::string& out, double value, int decimals);
// Shortest round-trip form of a double; null when not finite.
void AppendDouble(std::string& out, double value);
void AppendInt(std::string& out, int64_t value);

class JsonWriter {
 public:
  explicit JsonWriter(std::string& out) : out_(out) {}

  JsonWriter& BeginObject() { return Open('{'); }
  JsonWriter& EndObject() { return Close('}'); }
  JsonWriter& BeginArray() { return Open('['); }
  JsonWriter& EndArray() { return Close(']'); }
  // The key of the next value, inside an object.
  JsonWriter& Key(std::string_view key);

  JsonWriter& String(std::string_view value);
  JsonWriter& Int(int64_t value);
  JsonWriter& Double(double value);                // shortest round trip
  JsonWriter& Decimal(double value, int decimals);  // at most `decimals` digits
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  JsonWriter& TimeS(int64_t unix_s);  // "2024-01-01T00:00:00Z"
  // A value that is already JSON (another type's writer's output).
  JsonWriter& Raw(std::string_view json);

  // Key and value in one call.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const std::string& value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }
  JsonWriter& Field(std::string_view key, double value) { return Key(key).Double(value); }
  template <typename I>
    requires std::is_integral_v<I>
  JsonWriter& Field(std::string_view key, I value) {
    return Key(key).Int(static_cast<int64_t>(value));
  }
  // null when empty.
  template <typename T>
  JsonWriter& Field(std::string_view key, const std::optional<T>& value) {
    return value ? Field(key, *value) : Key(key).Null();
  }

  std::string& out() { return out_; }

 private:
  JsonWriter& Open(char c);
  JsonWriter& Close(char c);
  void BeforeValue();

  std::string& out_;
  uint64_t has_items_ = 0;  // bit d: the container at depth d has an item
  int depth_ = 0;
  bool after_key_ = false;
};

}  // namespace wk
