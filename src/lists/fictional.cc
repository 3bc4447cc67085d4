// A fictional list for the demo: the project cannot ship the official files.
// The people, companies and ships below do not exist; any likeness of a
// name, number or identifier to a real one is accidental.
#include "lists/parsing.h"

namespace wk::lists {

using namespace internal;

namespace {

struct Builder {
  Entity e;
  Builder(std::string ref, Schema schema, std::string primary) {
    e.id = "un:" + ref;
    e.source = "un";
    e.schema = schema;
    e.programmes = {"DPRK"};
    e.listed_on = "2024-03-28";
    e.remarks = "Fictional entry for the Watchkeeper demo; not a real designation.";
    (void)AddName(e, primary, NameKind::kPrimary, "fictional", 0);
  }
  Builder& Alias(std::string_view n, NameKind k = NameKind::kAlias) {
    (void)AddName(e, n, k, "fictional", 0);
    return *this;
  }
  Builder& Id(IdType t, std::string_view v, std::string country = {}) {
    AddIdentifier(e, MakeIdentifier(t, v, std::move(country)));
    return *this;
  }
  Builder& Born(std::string date, std::string place) {
    e.birth_dates.push_back(std::move(date));
    e.birth_places.push_back(std::move(place));
    return *this;
  }
  Builder& Nationality(std::string cc) {
    e.nationalities.push_back(std::move(cc));
    return *this;
  }
  Builder& Address(std::string a, std::string cc) {
    e.addresses.push_back(std::move(a));
    e.countries.push_back(std::move(cc));
    return *this;
  }
  Builder& Gender(std::string g) {
    e.gender = std::move(g);
    return *this;
  }
};

}  // namespace

std::vector<Entity> FictionalList() {
  std::vector<Builder> b;
  b.emplace_back("KPi.801", Schema::kPerson, "CHOE SONG-CHOL");
  b.back().Alias("Choe Song Chol").Alias("최성철").Alias("Choi Seong-cheol", NameKind::kWeakAlias)
      .Born("1968-04-15", "Nampo, Democratic People's Republic of Korea").Nationality("KP")
      .Id(IdType::kPassport, "836410217", "KP").Gender("male");
  b.emplace_back("KPi.802", Schema::kPerson, "RI YONG-SU");
  b.back().Alias("Ri Yong Su").Alias("리용수").Alias("Lee Yong-soo", NameKind::kWeakAlias)
      .Born("1975", "Pyongyang, Democratic People's Republic of Korea").Nationality("KP").Gender("male");
  b.emplace_back("KPi.803", Schema::kPerson, "PAK MYONG-HO");
  b.back().Alias("박명호").Born("1959-11-02", "Chongjin, Democratic People's Republic of Korea")
      .Nationality("KP").Id(IdType::kPassport, "745220198", "KP").Gender("male");
  b.emplace_back("KPi.804", Schema::kPerson, "ZHANG WEIDONG");
  b.back().Alias("张卫东").Born("1971-08-09", "Dandong, China").Nationality("CN")
      .Id(IdType::kPassport, "E51239874", "CN").Gender("male");
  b.emplace_back("KPi.805", Schema::kPerson, "Sergei Petrovich VOLKOV");
  b.back().Alias("Сергей Петрович Волков").Born("1965-02-20", "Vladivostok, Russian Federation")
      .Nationality("RU").Gender("male");
  b.emplace_back("KPe.801", Schema::kOrganization, "KOREA HAEGUM TRADING CORPORATION");
  b.back().Alias("Haegum Trading Co., Ltd.").Alias("조선해금무역회사")
      .Address("Sosong District, Pyongyang", "KP").Id(IdType::kImoCompany, "5912340");
  b.emplace_back("KPe.802", Schema::kOrganization, "MYOHYANG SHIPPING CO., LTD");
  b.back().Alias("Myohyang Maritime").Alias("MSC", NameKind::kWeakAlias)
      .Address("Nampo, Democratic People's Republic of Korea", "KP").Id(IdType::kImoCompany, "5876549");
  b.emplace_back("KPe.803", Schema::kOrganization, "GOLDEN HORIZON MARINE LIMITED");
  b.back().Alias("Golden Horizon Marine Ltd").Address("Wan Chai, Hong Kong", "HK")
      .Id(IdType::kRegistration, "2891034", "HK");
  b.emplace_back("KPv.801", Schema::kVessel, "PAEKDU STAR");
  b.back().Alias("OCEAN BREEZE 3", NameKind::kFormer).Id(IdType::kImo, "9901702").Id(IdType::kMmsi, "445100001");
  b.back().e.countries = {"KP"};
  b.emplace_back("KPv.802", Schema::kVessel, "YU JONG 7");
  b.back().Alias("YUJONG-7").Id(IdType::kImo, "9901714").Id(IdType::kMmsi, "445100002");
  b.back().e.countries = {"KP"};
  b.emplace_back("KPv.803", Schema::kVessel, "SEA PHOENIX");
  b.back().Alias("HAE SONG 9", NameKind::kFormer).Id(IdType::kImo, "9600114").Id(IdType::kMmsi, "352000123");
  b.back().e.countries = {"PA"};
  std::vector<Entity> out;
  for (Builder& x : b) out.push_back(std::move(x.e));
  return out;
}

}  // namespace wk::lists
