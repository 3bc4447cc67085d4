// Private to src/lists/: XML list files (UN, OFAC XML and advanced, UK XML,
// EU FSF XML): loading hostile input safely, walking it, and its errors with
// line numbers.
#pragma once

#include <pugixml.hpp>

#include <string_view>

#include "lists/parsing.h"

namespace wk::lists::internal {

// Loads XML without entity expansion or DTD processing; on error names the
// line. Rejects a DOCTYPE with an internal subset (entity declarations).
Status LoadXml(pugi::xml_document& doc, std::string_view xml, std::string_view name);
// Line of a node, from its offset in the source.
size_t NodeLine(std::string_view xml, const pugi::xml_node& node);
// Child by local name (namespace prefix ignored), case-sensitive.
pugi::xml_node Child(const pugi::xml_node& node, std::string_view local);
// Text of a child by local name, trimmed.
std::string_view ChildText(const pugi::xml_node& node, std::string_view local);
std::string_view LocalName(const pugi::xml_node& node);
std::string_view AttrText(const pugi::xml_node& node, const char* attr);
// Fails when any text or attribute below `node` exceeds kMaxFieldBytes.
Status CheckFieldSizes(const pugi::xml_node& node, std::string_view xml, std::string_view name);

// The preamble of every XML parser: loads `xml` (LoadXml), finds the root
// element named `root` (local name) and checks the field-size cap below it.
// `what` names the format in the error: "NAME:1: not WHAT: the root element
// is not ROOT".
Result<pugi::xml_node> OpenXmlList(pugi::xml_document& doc, std::string_view xml,
                                   std::string_view name, std::string_view root,
                                   std::string_view what);

// Calls `f(n)` for every descendant of `node` in document order, walking
// iteratively so that hostile nesting cannot overflow the stack.
template <typename F>
void ForEachDescendant(const pugi::xml_node& node, F&& f) {
  pugi::xml_node n = node.first_child();
  while (n) {
    f(n);
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n && n != node && !n.next_sibling()) n = n.parent();
    if (!n || n == node) break;
    n = n.next_sibling();
  }
}

}  // namespace wk::lists::internal
