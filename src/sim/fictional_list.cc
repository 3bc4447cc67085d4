#include "sim/fictional_list.h"

#include <string>

namespace wk::sim {
namespace {

// An IMO ship number with its check digit: the last digit is the sum of the
// first six weighted 7..2, modulo 10.
std::string Imo(int first_six) {
  std::string d = std::to_string(first_six);
  int sum = 0;
  for (int i = 0; i < 6; ++i) sum += (d[i] - '0') * (7 - i);
  return d + std::to_string(sum % 10);
}

lists::Entity Person(std::string ref, std::vector<std::string> names, std::string dob,
                     std::string nationality, std::string remarks) {
  lists::Entity e;
  e.id = "un:" + ref;
  e.source = "un";
  e.schema = lists::Schema::kPerson;
  for (size_t i = 0; i < names.size(); ++i)
    e.names.push_back({names[i], i == 0 ? lists::NameKind::kPrimary : lists::NameKind::kAlias,
                       lists::DetectScript(names[i])});
  if (!dob.empty()) e.birth_dates.push_back(dob);
  if (!nationality.empty()) e.nationalities.push_back(nationality);
  e.programmes = {"DPRK"};
  e.listed_on = "2025-06-30";
  e.remarks = std::move(remarks);
  return e;
}

lists::Entity Organisation(std::string ref, std::vector<std::string> names, std::string remarks) {
  lists::Entity e = Person(std::move(ref), std::move(names), "", "", std::move(remarks));
  e.schema = lists::Schema::kOrganization;
  return e;
}

lists::Entity Vessel(std::string ref, std::string name, int imo_first_six, std::string remarks) {
  lists::Entity e = Person(std::move(ref), {std::move(name)}, "", "", std::move(remarks));
  e.schema = lists::Schema::kVessel;
  e.identifiers.push_back(lists::MakeIdentifier(lists::IdType::kImo, Imo(imo_first_six)));
  return e;
}

}  // namespace

std::vector<lists::Entity> FictionalListEntities() {
  return {
      Person("KPi.901", {"CHOE SONG-GWAN", "Choe Song Gwan", "최성관"}, "1971-03-14", "KP",
             "Fictional. Director of the fictional Taedong Ore Export Bureau."),
      Person("KPi.902", {"RI CHOL-MAN", "Ri Chol Man"}, "1966", "KP",
             "Fictional. Shipping agent in Nampo."),
      Person("KPi.903", {"PAK YO'NG-SU", "Pak Yong Su"}, "1980-11-02", "KP",
             "Fictional. Financial officer."),
      Person("KPi.904", {"KIM KWANG-HYOK"}, "1975-07", "KP", "Fictional. Procurement agent."),
      Person("KPi.905", {"VORONTSOV, Arkady Lvovich", "Воронцов Аркадий Львович"}, "1962-05-20",
             "RU", "Fictional. Broker of ship-to-ship transfers."),
      Person("KPi.906", {"WANG Jiahe", "王家和"}, "1984", "CN", "Fictional. Front-company director."),
      Organisation("KPe.901", {"TAEDONG ORE EXPORT CORPORATION", "TOEC", "Taedong Ore Export Corp."},
                   "Fictional. Exports coal and iron ore."),
      Organisation("KPe.902", {"SEAGULL HORIZON TRADING CO., LTD.", "Seagull Horizon Trading Limited"},
                   "Fictional. Registered in Hong Kong; manages tankers. IMO 5912345."),
      Organisation("KPe.903", {"OOO BALTIC KRAN", "Baltic Kran LLC"}, "Fictional. Crane supplier."),
      Vessel("KPv.901", "CHON MA 7", 912345, "Fictional tanker; ship-to-ship transfers off Nampo."),
      Vessel("KPv.902", "SO HAE 3", 887654, "Fictional cargo ship."),
      Vessel("KPv.903", "AURORA STAR", 934567, "Fictional tanker under a flag of convenience."),
  };
}

void WriteFictionalUnList(std::ostream& out, std::string_view date) {
  lists::WriteUnXml(FictionalListEntities(), date, out);
}

}  // namespace wk::sim
