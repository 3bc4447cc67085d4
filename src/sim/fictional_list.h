// sim: a small fictional sanctions list for the demo and the tests, in the
// UN Security Council Consolidated List XML format. Every name, date and
// number is invented (IMO numbers carry valid check digits); the names are
// written the way the real lists write them (McCune-Reischauer Korean,
// "LAST, First" persons, legal forms, original-script aliases).
#pragma once

#include <ostream>
#include <vector>

#include "lists/lists.h"

namespace wk::sim {

// The fictional entities (ids "un:KPi.9xx", "un:KPe.9xx", "un:KPv.9xx").
std::vector<lists::Entity> FictionalListEntities();

// Writes them as UN consolidated XML (lists::WriteUnXml), dated `date`.
void WriteFictionalUnList(std::ostream& out, std::string_view date = "2026-01-15T00:00:00Z");

}  // namespace wk::sim
