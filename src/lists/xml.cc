// XML list files: loading without entity expansion, lines of nodes, children
// by local name, and the field-size cap.
#include <algorithm>
#include <cstring>

#include "lists/xml.h"

namespace wk::lists::internal {

namespace {
// Offsets of every newline of the document being parsed, built once per
// document (per thread), so that asking the line of each node is O(log n).
// LoadXml forgets it, so a new buffer at an old address is never confused.
thread_local const char* cached_data = nullptr;
thread_local size_t cached_size = 0;
thread_local std::vector<size_t> newlines;
}  // namespace

Status LoadXml(pugi::xml_document& doc, std::string_view xml, std::string_view name) {
  cached_data = nullptr;
  cached_size = 0;
  if (xml.size() > kMaxFileBytes) return ErrorAt(name, 0, "file larger than 1 GiB, refused");
  // A DOCTYPE with an internal subset is how entity-expansion attacks
  // (billion laughs, external entities) arrive; no list uses one.
  const size_t doctype = xml.find("<!DOCTYPE");
  if (doctype != std::string_view::npos) {
    const size_t end = xml.find('>', doctype);
    const size_t bracket = xml.find('[', doctype);
    if (bracket != std::string_view::npos && (end == std::string_view::npos || bracket < end))
      return ErrorAt(name, LineOfOffset(xml, doctype),
                     "DOCTYPE with an internal subset (entity declarations) refused");
  }
  if (Status s = CheckText(xml, name); !s.ok()) return s;
  // parse_default without parse_doctype: no DTD processing; pugixml never
  // expands custom entities (only the five predefined ones and &#...;).
  const unsigned options = pugi::parse_default & ~pugi::parse_doctype;
  pugi::xml_parse_result r = doc.load_buffer(xml.data(), xml.size(), options, pugi::encoding_utf8);
  if (!r) {
    std::string reason = "malformed XML: ";
    reason += r.description();
    // An error at the very end of the input: the file stops early.
    if (!xml.empty() && static_cast<size_t>(r.offset) + 1 >= xml.size()) reason += " (file truncated?)";
    return ErrorAt(name, LineOfOffset(xml, static_cast<size_t>(r.offset)), reason);
  }
  return Ok{};
}

size_t NodeLine(std::string_view xml, const pugi::xml_node& node) {
  const ptrdiff_t off = node.offset_debug();
  if (off < 0) return 0;
  if (cached_data != xml.data() || cached_size != xml.size()) {
    newlines.clear();
    for (size_t p = xml.find('\n'); p != std::string_view::npos; p = xml.find('\n', p + 1))
      newlines.push_back(p);
    cached_data = xml.data();
    cached_size = xml.size();
  }
  return 1 + static_cast<size_t>(std::lower_bound(newlines.begin(), newlines.end(),
                                                  static_cast<size_t>(off)) -
                                 newlines.begin());
}

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view n = node.name();
  const size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& node, std::string_view local) {
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling())
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  return {};
}

std::string_view ChildText(const pugi::xml_node& node, std::string_view local) {
  return Trim(Child(node, local).child_value());
}

std::string_view AttrText(const pugi::xml_node& node, const char* attr) {
  return Trim(node.attribute(attr).value());
}

Status CheckFieldSizes(const pugi::xml_node& root, std::string_view xml, std::string_view name) {
  auto check = [&](const pugi::xml_node& n) -> Status {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      if (std::strlen(n.value()) > kMaxFieldBytes)
        return ErrorAt(name, NodeLine(xml, n.parent()), "text longer than 1 MiB, refused");
    }
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
      if (std::strlen(a.value()) > kMaxFieldBytes)
        return ErrorAt(name, NodeLine(xml, n), "attribute longer than 1 MiB, refused");
    return Ok{};
  };
  Status status = check(root);
  if (!status.ok()) return status;
  ForEachDescendant(root, [&](const pugi::xml_node& n) {
    if (status.ok()) status = check(n);
  });
  return status;
}

Result<pugi::xml_node> OpenXmlList(pugi::xml_document& doc, std::string_view xml,
                                   std::string_view name, std::string_view root,
                                   std::string_view what) {
  if (Status s = LoadXml(doc, xml, name); !s.ok()) return s.error();
  const pugi::xml_node r = doc.document_element();
  if (!r || LocalName(r) != root)
    return ErrorAt(name, 1, "not " + std::string(what) + ": the root element is not " + std::string(root));
  if (Status s = CheckFieldSizes(r, xml, name); !s.ok()) return s.error();
  return r;
}

}  // namespace wk::lists::internal
