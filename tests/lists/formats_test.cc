// UK, EU and OFAC XML formats: the real copies where ../shared has them,
// files written here from the published layouts where it does not.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>

#include "lists/lists.h"
#include "testing.h"

namespace wk::lists {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::wk::testing::SharedData;

const Entity* FindId(const std::vector<Entity>& v, std::string_view id) {
  for (const Entity& e : v)
    if (e.id == id) return &e;
  return nullptr;
}

const Identifier* FindIdOfType(const Entity& e, IdType type) {
  for (const Identifier& id : e.identifiers)
    if (id.type == type) return &id;
  return nullptr;
}

// The value of the first identifier of `type`, "" when there is none.
std::string IdValue(const Entity& e, IdType type) {
  const Identifier* id = FindIdOfType(e, type);
  return id ? id->value : "";
}

std::map<Schema, int> CountSchemas(const std::vector<Entity>& v) {
  std::map<Schema, int> m;
  for (const Entity& e : v) ++m[e.schema];
  return m;
}

TEST(ParseUkConListCsv, ImportsEveryGroupOfThe2018File) {
  WK_REQUIRE_SHARED("lists/uk/sanctionsconlist-2018-04-13.csv");
  Result<ListFile> list = ReadListFile(SharedData("lists/uk/sanctionsconlist-2018-04-13.csv"));
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kUkConListCsv);
  EXPECT_EQ(list->generated, "2018-04-13");
  // SOURCES.md: 9,487 rows = 2,106 groups (1,426 Individual, 680 Entity); 242 DPRK.
  EXPECT_EQ(list->records, 9487u);
  EXPECT_EQ(list->entities.size(), 2106u);
  auto s = CountSchemas(list->entities);
  EXPECT_EQ(s[Schema::kPerson], 1426);
  EXPECT_EQ(s[Schema::kOrganization] + s[Schema::kVessel], 680);
  EXPECT_GT(s[Schema::kVessel], 10);  // DPRK ships listed as entities with IMO numbers
  int dprk = 0;
  for (const Entity& e : list->entities)
    for (const auto& p : e.programmes)
      if (p.find("North Korea") != std::string::npos) {
        ++dprk;
        break;
      }
  EXPECT_EQ(dprk, 242);
  const Entity* q = FindId(list->entities, "uk:13349");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->schema, Schema::kPerson);
  EXPECT_EQ(q->names[0].full, "Nayef Salam Muhammad Ujaym AL-HABABI");  // the "Prime Alias" row
  EXPECT_EQ(q->names[1].full, "Sheikh Farooq AL-QAHTANI");
  EXPECT_EQ(q->names[1].kind, NameKind::kAlias);
  EXPECT_THAT(q->birth_dates, ElementsAre("1980", "1981"));
  EXPECT_THAT(q->nationalities, ElementsAre("SA", "QA"));
  EXPECT_THAT(q->same_as, Contains("un:QDe.004"));
  const Identifier* pass = FindIdOfType(*q, IdType::kPassport);
  ASSERT_NE(pass, nullptr);
  EXPECT_EQ(pass->value, "592667");
}

TEST(ParseUkDerivedCsv, ImportsEverySubjectOfThe2026Tables) {
  WK_REQUIRE_SHARED("lists/uk/derived-uk-sanctions-list-2026-04-29/subjects.csv");
  Result<ListFile> list = ReadListFile(SharedData("lists/uk/derived-uk-sanctions-list-2026-04-29/subjects.csv"));
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kUkDerivedCsv);
  EXPECT_EQ(list->files.size(), 4u);
  // SOURCES.md: 6,046 subjects (3,883 individual, 1,531 entity, 632 ship); 15,050 names.
  EXPECT_EQ(list->entities.size(), 6046u);
  auto s = CountSchemas(list->entities);
  EXPECT_EQ(s[Schema::kPerson], 3883);
  EXPECT_EQ(s[Schema::kOrganization], 1531);
  EXPECT_EQ(s[Schema::kVessel], 632);
  EXPECT_EQ(list->records, 6046u + 15050u + 3538u + 22787u);
  EXPECT_EQ(list->orphan_records, 0u);
  int ships_with_imo = 0, valid = 0;
  for (const Entity& e : list->entities) {
    if (e.schema != Schema::kVessel) continue;
    if (const Identifier* imo = FindIdOfType(e, IdType::kImo)) {
      ++ships_with_imo;
      valid += imo->check_digit_valid;
    }
  }
  EXPECT_GT(ships_with_imo, 600);
  EXPECT_GT(valid, ships_with_imo - 10);
  const Entity* afg = FindId(list->entities, "uk:AFG0001");
  ASSERT_NE(afg, nullptr);
  EXPECT_EQ(afg->names[0].full, "HAJI KHAIRULLAH HAJI SATTAR MONEY EXCHANGE");
  EXPECT_THAT(afg->same_as, Contains("un:TAe.010"));
}

const char* const kFcdoColumns[] = {
    "Last Updated", "Unique ID", "OFSI Group ID", "UN Reference Number", "Name 6", "Name 1", "Name 2",
    "Name 3", "Name 4", "Name 5", "Name type", "Alias strength", "Title", "Name non-latin script",
    "Non-latin script type", "Non-latin script language", "Regime Name", "Designation Type",
    "Designation source", "Sanctions Imposed", "Other Information", "UK Statement of Reasons",
    "Address Line 1", "Address Line 2", "Address Line 3", "Address Line 4", "Address Line 5",
    "Address Line 6", "Address Postal Code", "Address Country", "Phone number", "Website",
    "Email address", "Date Designated", "D.O.B", "Nationality(/ies)", "National Identifier number",
    "National Identifier additional information", "Passport number", "Passport additional information",
    "Position", "Gender", "Town of birth", "Country of birth", "Type of entity", "Subsidiaries",
    "Parent company", "Business registration number (s)", "IMO number", "Current owner/operator (s)",
    "Previous owner/operator (s)", "Current believed flag of ship", "Previous flags", "Type of ship",
    "Tonnage of ship", "Length of ship", "Year Built", "Hull identification number (HIN)"};

// One CSV row in the FCDO column order from column -> value pairs.
std::string FcdoRow(const std::map<std::string, std::string>& values) {
  std::string row;
  for (const char* col : kFcdoColumns) {
    if (!row.empty() || col != kFcdoColumns[0]) row += ',';
    auto it = values.find(col);
    if (it == values.end()) continue;
    row += '"' + it->second + '"';
  }
  return row + "\n";
}

std::string FcdoCsv() {
  std::string csv = "Report Date: 29-Apr-2026\n";
  for (const char* col : kFcdoColumns) csv += std::string(col == kFcdoColumns[0] ? "" : ",") + col;
  csv += "\n";
  const std::string regime = "The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019";
  csv += FcdoRow({{"Unique ID", "DPR0001"}, {"OFSI Group ID", "11111"}, {"UN Reference Number", "KPi.001"},
                  {"Name 6", "RI"}, {"Name 1", "Chol"}, {"Name type", "Primary Name"},
                  {"Name non-latin script", "리철"}, {"Regime Name", regime}, {"Designation Type", "Individual"},
                  {"Other Information", "Fictional test entry."}, {"Date Designated", "30/11/2016"},
                  {"D.O.B", "dd/mm/1961"}, {"Nationality(/ies)", "North Korea"},
                  {"Passport number", "654123789"}, {"Gender", "Male"}, {"Town of birth", "Pyongyang"},
                  {"Country of birth", "North Korea"}});
  csv += FcdoRow({{"Unique ID", "DPR0001"}, {"Name 6", "RI"}, {"Name 1", "Cheol"}, {"Name type", "Alias"},
                  {"Alias strength", "Low quality AKA"}, {"Regime Name", regime},
                  {"Designation Type", "Individual"}, {"D.O.B", "01/05/1962"}});
  csv += FcdoRow({{"Unique ID", "DPR0500"}, {"Name 6", "SEA STAR 7"}, {"Name type", "Primary Name"},
                  {"Regime Name", regime}, {"Designation Type", "Ship"}, {"Date Designated", "15/03/2022"},
                  {"IMO number", "9191773"}, {"Current believed flag of ship", "Democratic People's Republic of Korea"}});
  return csv;
}

TEST(ParseUkSanctionsListCsv, GroupsRowsByUniqueId) {
  const std::string csv = FcdoCsv();
  Result<ListFile> list = ParseList(csv, "UK-Sanctions-List.csv");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kUkSanctionsListCsv);
  EXPECT_EQ(list->generated, "2026-04-29");
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& ri = list->entities[0];
  EXPECT_EQ(ri.id, "uk:DPR0001");
  EXPECT_EQ(ri.schema, Schema::kPerson);
  ASSERT_EQ(ri.names.size(), 3u);
  EXPECT_EQ(ri.names[0].full, "Chol RI");
  EXPECT_EQ(ri.names[1].full, "리철");
  EXPECT_EQ(ri.names[1].script, "Hang");
  EXPECT_EQ(ri.names[2].kind, NameKind::kWeakAlias);
  EXPECT_THAT(ri.birth_dates, ElementsAre("1961", "1962-05-01"));
  EXPECT_THAT(ri.nationalities, ElementsAre("KP"));
  EXPECT_THAT(ri.same_as, ElementsAre("un:KPi.001"));
  EXPECT_EQ(ri.gender, "male");
  EXPECT_EQ(ri.listed_on, "2016-11-30");
  const Entity& ship = list->entities[1];
  EXPECT_EQ(ship.schema, Schema::kVessel);
  const Identifier* imo = FindIdOfType(ship, IdType::kImo);
  ASSERT_NE(imo, nullptr);
  EXPECT_EQ(imo->value, "9191773");
  EXPECT_TRUE(imo->check_digit_valid);
  EXPECT_THAT(ship.countries, Contains("KP"));
}

constexpr char kFcdoXml[] = R"xml(<?xml version="1.0" encoding="utf-8"?>
<Designations xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <DateGenerated>29/04/2026</DateGenerated>
  <Designation>
    <LastUpdated>01/02/2024</LastUpdated>
    <DateDesignated>30/11/2016</DateDesignated>
    <UniqueID>DPR0001</UniqueID>
    <OFSIGroupID>11111</OFSIGroupID>
    <UNReferenceNumber>KPi.001</UNReferenceNumber>
    <Names>
      <Name><Name1>Chol</Name1><Name6>RI</Name6><NameType>Primary Name</NameType></Name>
      <Name><Name6>Ri Cheol</Name6><NameType>Alias</NameType><AliasStrength>Low quality a.k.a</AliasStrength></Name>
    </Names>
    <NonLatinNames><NonLatinName><NameNonLatinScript>리철</NameNonLatinScript></NonLatinName></NonLatinNames>
    <RegimeName>The Democratic People's Republic of Korea (Sanctions) (EU Exit) Regulations 2019</RegimeName>
    <IndividualEntityShip>Individual</IndividualEntityShip>
    <OtherInformation>Fictional test entry.</OtherInformation>
    <IndividualDetails><Individual>
      <DOBs><DOB>dd/mm/1961</DOB></DOBs>
      <Nationalities><Nationality>North Korea</Nationality></Nationalities>
      <PassportDetails><PassportDetail><PassportNumber>654123789</PassportNumber>
        <PassportAdditionalInformation>Diplomatic passport</PassportAdditionalInformation></PassportDetail></PassportDetails>
      <Genders><Gender>Male</Gender></Genders>
      <BirthDetails><Location><TownOfBirth>Pyongyang</TownOfBirth><CountryOfBirth>North Korea</CountryOfBirth></Location></BirthDetails>
    </Individual></IndividualDetails>
  </Designation>
  <Designation>
    <DateDesignated>15/03/2022</DateDesignated>
    <UniqueID>DPR0500</UniqueID>
    <Names><Name><Name6>SEA STAR 7</Name6><NameType>Primary Name</NameType></Name></Names>
    <IndividualEntityShip>Ship</IndividualEntityShip>
    <ShipDetails><Ship><IMONumbers><IMONumber>9191773</IMONumber></IMONumbers>
      <CurrentBelievedFlagOfShips><CurrentBelievedFlagOfShip>Democratic People's Republic of Korea</CurrentBelievedFlagOfShip></CurrentBelievedFlagOfShips>
    </Ship></ShipDetails>
  </Designation>
</Designations>
)xml";

TEST(ParseUkSanctionsListXml, ReadsDesignations) {
  Result<ListFile> list = ParseList(kFcdoXml, "UK-Sanctions-List.xml");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kUkSanctionsListXml);
  EXPECT_EQ(list->generated, "2026-04-29");
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& ri = list->entities[0];
  EXPECT_EQ(ri.names[0].full, "Chol RI");
  EXPECT_EQ(ri.names[1].kind, NameKind::kWeakAlias);
  EXPECT_EQ(ri.names[2].script, "Hang");
  EXPECT_THAT(ri.birth_dates, ElementsAre("1961"));
  EXPECT_THAT(ri.birth_places, ElementsAre("Pyongyang, North Korea"));
  EXPECT_EQ(IdValue(ri, IdType::kPassport), "654123789");
  const Entity& ship = list->entities[1];
  EXPECT_EQ(ship.schema, Schema::kVessel);
  EXPECT_EQ(IdValue(ship, IdType::kImo), "9191773");
  EXPECT_THAT(ship.countries, ElementsAre("KP"));
}

TEST(ParseEuLegacyCsv, ImportsEveryEntityOfThePartialCopy) {
  WK_REQUIRE_SHARED("lists/eu/EUSanctionsShort-2018-07-04.csv");
  Result<ListFile> list = ReadListFile(SharedData("lists/eu/EUSanctionsShort-2018-07-04.csv"));
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kEuLegacyCsv);
  EXPECT_EQ(list->generated, "2018-07-04");
  // SOURCES.md: the first 999 data lines = 93 entities.
  EXPECT_EQ(list->records, 999u);
  EXPECT_EQ(list->entities.size(), 93u);
  const Entity* mugabe = FindId(list->entities, "eu:1");
  ASSERT_NE(mugabe, nullptr);
  EXPECT_EQ(mugabe->schema, Schema::kPerson);
  EXPECT_EQ(mugabe->names[0].full, "Robert Gabriel Mugabe");
  EXPECT_THAT(mugabe->birth_dates, Contains("1924-02-21"));
  EXPECT_THAT(mugabe->programmes, Contains("ZWE"));
  EXPECT_EQ(mugabe->gender, "male");
  for (const Entity& e : list->entities)
    for (const Name& n : e.names) EXPECT_TRUE(IsValidUtf8(n.full)) << e.id;  // Windows-1252 converted
}

constexpr char kEuXml[] = R"xml(<?xml version="1.0" encoding="UTF-8"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-05-01T17:24:13.181+02:00" globalFileId="123">
  <sanctionEntity designationDetails="" unitedNationId="KPi.901" euReferenceNumber="EU.9001.01" logicalId="900001" designationDate="2017-08-05">
    <remark>Fictional test entry.</remark>
    <regulation regulationType="regulation" organisationType="council" publicationDate="2017-08-06" entryIntoForceDate="2017-08-06" numberTitle="2017/1509 (OJ L224)" programme="PRK" logicalId="1">
      <publicationUrl>https://eur-lex.europa.eu/</publicationUrl>
    </regulation>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Kyong Su" middleName="" lastName="Ra" wholeName="RA Kyong Su" function="" gender="M" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="2"/>
    <nameAlias wholeName="라경수" nameLanguage="KO" strong="true" logicalId="3"/>
    <nameAlias wholeName="Ra Kyongsu" strong="false" logicalId="4"/>
    <citizenship region="" countryIso2Code="KP" countryDescription="NORTH KOREA" logicalId="5"/>
    <birthdate circa="false" calendarType="GREGORIAN" city="Pyongyang" birthdate="1959-06-04" dayOfMonth="4" monthOfYear="6" year="1959" countryIso2Code="KP" countryDescription="NORTH KOREA" logicalId="6"/>
    <birthdate circa="false" year="" yearRangeFrom="1960" yearRangeTo="1961" logicalId="7"/>
    <identification diplomatic="false" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" number="645120196" identificationTypeCode="passport" identificationTypeDescription="National passport" countryIso2Code="KP" countryDescription="NORTH KOREA" logicalId="8"/>
  </sanctionEntity>
  <sanctionEntity euReferenceNumber="EU.9002.02" logicalId="900002">
    <regulation programme="PRK" publicationDate="2018-01-01" numberTitle="2018/1 (OJ L1)"/>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias wholeName="Korea Fictional Trading Bank" strong="true"/>
    <identification number="KFTB KP PY" identificationTypeCode="swiftbic" identificationTypeDescription="SWIFT BIC" countryIso2Code="KP"/>
    <identification number="XX1" identificationTypeCode="swiftbic" identificationTypeDescription="SWIFT BIC"/>
    <address street="Sosong Street" city="Pyongyang" countryIso2Code="KP" countryDescription="NORTH KOREA"/>
  </sanctionEntity>
</export>
)xml";

TEST(ParseEuFsfXml, ReadsEntitiesFromTheSchema) {
  Result<ListFile> list = ParseList(kEuXml, "eu.xml");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kEuFsfXml);
  EXPECT_EQ(list->generated, "2026-05-01T17:24:13.181+02:00");
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& ra = list->entities[0];
  EXPECT_EQ(ra.id, "eu:900001");
  EXPECT_EQ(ra.schema, Schema::kPerson);
  ASSERT_EQ(ra.names.size(), 3u);
  EXPECT_EQ(ra.names[0].full, "RA Kyong Su");
  EXPECT_EQ(ra.names[1].script, "Hang");
  EXPECT_EQ(ra.names[2].kind, NameKind::kWeakAlias);
  EXPECT_THAT(ra.birth_dates, ElementsAre("1959-06-04", "1960", "1961"));
  EXPECT_THAT(ra.nationalities, ElementsAre("KP"));
  EXPECT_THAT(ra.same_as, ElementsAre("un:KPi.901"));
  EXPECT_EQ(ra.listed_on, "2017-08-05");
  EXPECT_EQ(IdValue(ra, IdType::kPassport), "645120196");
  const Entity& bank = list->entities[1];
  EXPECT_EQ(bank.schema, Schema::kOrganization);
  ASSERT_EQ(bank.identifiers.size(), 2u);
  EXPECT_EQ(bank.identifiers[0].value, "KFTBKPPY");
  EXPECT_TRUE(bank.identifiers[0].check_digit_valid);
  EXPECT_FALSE(bank.identifiers[1].check_digit_valid);
  EXPECT_THAT(bank.countries, ElementsAre("KP"));
}

constexpr char kEuCsv[] =
    "fileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber;Entity_UnitedNationId;"
    "Entity_DesignationDate;Entity_Remark;Entity_SubjectType;Entity_SubjectType_ClassificationCode;"
    "Entity_Regulation_PublicationDate;Entity_Regulation_Programme;NameAlias_LastName;NameAlias_FirstName;"
    "NameAlias_MiddleName;NameAlias_WholeName;NameAlias_Gender;NameAlias_Strong;Address_City;"
    "Address_Street;Address_CountryIso2Code;Address_CountryDescription;BirthDate_BirthDate;BirthDate_Year;"
    "BirthDate_City;BirthDate_CountryDescription;Identification_Number;Identification_TypeCode;"
    "Identification_TypeDescription;Identification_CountryIso2Code;Citizenship_CountryIso2Code;"
    "Citizenship_CountryDescription\n"
    "01/05/2026;900001;EU.9001.01;KPi.901;2017-08-05;Fictional.;person;P;2017-08-06;PRK;Ra;Kyong Su;;"
    "RA Kyong Su;M;true;;;;;;;;;;;;;;\n"
    "01/05/2026;900001;EU.9001.01;KPi.901;2017-08-05;Fictional.;person;P;2017-08-06;PRK;;;;Ra Kyongsu;;"
    "false;;;;;;;;;;;;;;\n"
    "01/05/2026;900001;EU.9001.01;KPi.901;2017-08-05;Fictional.;person;P;2017-08-06;PRK;;;;;;;;;;;"
    "1959-06-04;1959;Pyongyang;NORTH KOREA;;;;;;\n"
    "01/05/2026;900001;EU.9001.01;KPi.901;2017-08-05;Fictional.;person;P;2017-08-06;PRK;;;;;;;;;;;;;;;"
    "645120196;passport;National passport;KP;KP;NORTH KOREA\n"
    "01/05/2026;900002;EU.9002.02;;;;enterprise;E;2018-01-01;PRK;;;;Korea Fictional Trading Bank;;true;"
    "Pyongyang;Sosong Street;KP;NORTH KOREA;;;;;;;;;;\n";

TEST(ParseEuFsfCsv, GroupsRowsByLogicalId) {
  Result<ListFile> list = ParseList(kEuCsv, "eu.csv");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kEuFsfCsv);
  EXPECT_EQ(list->generated, "2026-05-01");
  EXPECT_EQ(list->records, 5u);
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& ra = list->entities[0];
  EXPECT_EQ(ra.names[0].full, "RA Kyong Su");
  EXPECT_EQ(ra.names[1].kind, NameKind::kWeakAlias);
  EXPECT_THAT(ra.birth_dates, ElementsAre("1959-06-04"));
  EXPECT_THAT(ra.birth_places, ElementsAre("Pyongyang, NORTH KOREA"));
  EXPECT_THAT(ra.nationalities, ElementsAre("KP"));
  ASSERT_NE(FindIdOfType(ra, IdType::kPassport), nullptr);
  EXPECT_EQ(FindIdOfType(ra, IdType::kPassport)->country, "KP");
  EXPECT_THAT(list->entities[1].addresses, ElementsAre("Sosong Street, Pyongyang, NORTH KOREA"));
}

constexpr char kSdnXml[] = R"xml(<?xml version="1.0" standalone="yes"?>
<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://tempuri.org/sdnList.xsd">
  <publshInformation><Publish_Date>05/03/2024</Publish_Date><Record_Count>2</Record_Count></publshInformation>
  <sdnEntry>
    <uid>15667</uid><lastName>PAEK</lastName><firstName>Chang-Ho</firstName><sdnType>Individual</sdnType>
    <programList><program>NPWMD</program></programList>
    <idList><id><uid>1</uid><idType>Passport</idType><idNumber>381420754</idNumber><idCountry>Korea, North</idCountry></id></idList>
    <akaList><aka><uid>2</uid><type>a.k.a.</type><category>strong</category><lastName>PAEK</lastName><firstName>Chang Ho</firstName></aka>
      <aka><uid>3</uid><type>a.k.a.</type><category>weak</category><lastName>PAK CHANG HO</lastName></aka></akaList>
    <dateOfBirthList><dateOfBirthItem><uid>4</uid><dateOfBirth>18 Jun 1964</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem></dateOfBirthList>
    <placeOfBirthList><placeOfBirthItem><uid>5</uid><placeOfBirth>Kaesong, DPRK</placeOfBirth></placeOfBirthItem></placeOfBirthList>
  </sdnEntry>
  <sdnEntry>
    <uid>17069</uid><lastName>CHONG CHON GANG</lastName><sdnType>Vessel</sdnType>
    <programList><program>DPRK</program></programList>
    <idList><id><uid>6</uid><idType>Vessel Registration Identification</idType><idNumber>IMO 7937317</idNumber></id></idList>
    <vesselInfo><callSign>HMZF</callSign><vesselType>General Cargo</vesselType><vesselFlag>Korea, North</vesselFlag></vesselInfo>
  </sdnEntry>
</sdnList>
)xml";

TEST(ParseOfacSdnXml, ReadsEntriesFromTheSchema) {
  Result<ListFile> list = ParseList(kSdnXml, "sdn.xml");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->format, Format::kOfacSdnXml);
  EXPECT_EQ(list->generated, "2024-05-03");
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& paek = list->entities[0];
  EXPECT_EQ(paek.names[0].full, "PAEK, Chang-Ho");
  ASSERT_EQ(paek.names.size(), 3u);
  EXPECT_EQ(paek.names[2].kind, NameKind::kWeakAlias);
  EXPECT_THAT(paek.birth_dates, ElementsAre("1964-06-18"));
  ASSERT_NE(FindIdOfType(paek, IdType::kPassport), nullptr);
  EXPECT_EQ(FindIdOfType(paek, IdType::kPassport)->country, "KP");
  const Entity& ship = list->entities[1];
  EXPECT_EQ(ship.schema, Schema::kVessel);
  EXPECT_EQ(IdValue(ship, IdType::kImo), "7937317");
  EXPECT_EQ(IdValue(ship, IdType::kCallSign), "HMZF");
  EXPECT_THAT(ship.countries, ElementsAre("KP"));
}

TEST(DetectFormat, TellsEveryFormatApart) {
  EXPECT_EQ(DetectFormat(FcdoCsv()), Format::kUkSanctionsListCsv);
  EXPECT_EQ(DetectFormat(kFcdoXml), Format::kUkSanctionsListXml);
  EXPECT_EQ(DetectFormat(kEuXml), Format::kEuFsfXml);
  EXPECT_EQ(DetectFormat(kEuCsv), Format::kEuFsfCsv);
  EXPECT_EQ(DetectFormat(kSdnXml), Format::kOfacSdnXml);
  EXPECT_EQ(DetectFormat("36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \n"), Format::kOfacAltCsv);
  EXPECT_EQ(DetectFormat("36,25,-0- ,\"Havana\",\"Cuba\",-0- \n"), Format::kOfacAddCsv);
  EXPECT_EQ(DetectFormat("name,dob\nfoo,1\n"), Format::kUnknown);
  EXPECT_EQ(DetectFormat("<html><body/></html>"), Format::kUnknown);
}

TEST(Identifiers, ValidateCheckDigitsAndShapes) {
  EXPECT_TRUE(MakeIdentifier(IdType::kImo, "IMO 9191773").check_digit_valid);
  EXPECT_EQ(MakeIdentifier(IdType::kImo, "IMO 9191773").value, "9191773");
  EXPECT_FALSE(MakeIdentifier(IdType::kImo, "9191774").check_digit_valid);
  EXPECT_FALSE(MakeIdentifier(IdType::kImo, "919177").check_digit_valid);
  EXPECT_TRUE(MakeIdentifier(IdType::kMmsi, "445539000").check_digit_valid);
  EXPECT_FALSE(MakeIdentifier(IdType::kMmsi, "44553900").check_digit_valid);
  EXPECT_TRUE(MakeIdentifier(IdType::kSwiftBic, "KDBKKPPY").check_digit_valid);
  EXPECT_TRUE(MakeIdentifier(IdType::kSwiftBic, "HAVIGB2LXXX").check_digit_valid);
  EXPECT_FALSE(MakeIdentifier(IdType::kSwiftBic, "KDBK12PY").check_digit_valid);
  EXPECT_FALSE(MakeIdentifier(IdType::kSwiftBic, "KDBKKPP").check_digit_valid);
  EXPECT_EQ(MakeIdentifier(IdType::kPassport, " 381 420 754 ").value, "381420754");
}

TEST(Scripts, DetectsTheDominantScript) {
  EXPECT_EQ(DetectScript("KIM JONG UN"), "Latn");
  EXPECT_EQ(DetectScript("김정은"), "Hang");
  EXPECT_EQ(DetectScript("金正恩"), "Hani");
  EXPECT_EQ(DetectScript("Нарышкин"), "Cyrl");
  EXPECT_EQ(DetectScript("صدام حسين"), "Arab");
  EXPECT_EQ(DetectScript("Ελλάδα"), "Grek");
  EXPECT_EQ(DetectScript("123 -"), "");
}

TEST(Countries, ReadNamesCodesAndAlpha3) {
  EXPECT_EQ(CountryCode("Democratic People's Republic of Korea"), "KP");
  EXPECT_EQ(CountryCode("Korea, North"), "KP");
  EXPECT_EQ(CountryCode("PRK"), "KP");
  EXPECT_EQ(CountryCode("Russian Federation"), "RU");
  EXPECT_EQ(CountryCode("Iran (Islamic Republic of)"), "IR");
  EXPECT_EQ(CountryCode("Switzerland"), "CH");
  EXPECT_EQ(CountryCode("Atlantis"), "");
}

}  // namespace
}  // namespace wk::lists

namespace wk::lists {
namespace {

constexpr char kAdvancedXml[] = R"xml(<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML">
  <DateOfIssue CalendarTypeID="1"><Year>2026</Year><Month>5</Month><Day>21</Day></DateOfIssue>
  <ReferenceValueSets>
    <AliasTypeValues><AliasType ID="1400">A.K.A.</AliasType><AliasType ID="1401">F.K.A.</AliasType><AliasType ID="1403">Name</AliasType></AliasTypeValues>
    <CountryValues><Country ID="11138" ISO2="KP">Korea, North</Country><Country ID="11073">Cuba</Country></CountryValues>
    <DetailReferenceValues><DetailReference ID="91526">Male</DetailReference></DetailReferenceValues>
    <FeatureTypeValues><FeatureType ID="8">Birthdate</FeatureType><FeatureType ID="9">Place of Birth</FeatureType>
      <FeatureType ID="10">Nationality Country</FeatureType><FeatureType ID="25">Location</FeatureType>
      <FeatureType ID="224">Gender</FeatureType><FeatureType ID="1">Vessel Call Sign</FeatureType>
      <FeatureType ID="3">Vessel Flag</FeatureType><FeatureType ID="1014">MMSI</FeatureType></FeatureTypeValues>
    <IDRegDocTypeValues><IDRegDocType ID="1571">Passport</IDRegDocType>
      <IDRegDocType ID="1626">Vessel Registration Identification</IDRegDocType></IDRegDocTypeValues>
    <NamePartTypeValues><NamePartType ID="1520">Last Name</NamePartType><NamePartType ID="1521">First Name</NamePartType>
      <NamePartType ID="1525">Entity Name</NamePartType><NamePartType ID="1526">Vessel Name</NamePartType></NamePartTypeValues>
    <PartySubTypeValues><PartySubType ID="1" PartyTypeID="3">Vessel</PartySubType><PartySubType ID="3" PartyTypeID="2">Unknown</PartySubType>
      <PartySubType ID="4" PartyTypeID="1">Individual</PartySubType></PartySubTypeValues>
  </ReferenceValueSets>
  <Locations>
    <Location ID="100"><LocationCountry CountryID="11138"/></Location>
    <Location ID="101"><LocationPart LocPartTypeID="1454"><LocationPartValue><Value>Kaesong</Value></LocationPartValue></LocationPart>
      <LocationCountry CountryID="11138"/></Location>
  </Locations>
  <IDRegDocuments>
    <IDRegDocument ID="1" IDRegDocTypeID="1571" IdentityID="5001" IssuedBy-CountryID="11138"><IDRegistrationNo>381420754</IDRegistrationNo></IDRegDocument>
    <IDRegDocument ID="2" IDRegDocTypeID="1626" IdentityID="5002"><IDRegistrationNo>IMO 7937317</IDRegistrationNo></IDRegDocument>
  </IDRegDocuments>
  <DistinctParties>
    <DistinctParty FixedRef="15667">
      <Profile ID="15667" PartySubTypeID="4">
        <Identity ID="5001" FixedRef="15667" Primary="true" False="false">
          <Alias FixedRef="15667" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="1" FixedRef="15667" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="10" ScriptID="215">PAEK</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="11" ScriptID="215">Chang-Ho</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="15667" AliasTypeID="1400" Primary="false" LowQuality="true">
            <DocumentedName ID="2" FixedRef="15667" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="12" ScriptID="215">PAK CHANG HO</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups><MasterNamePartGroup><NamePartGroup ID="10" NamePartTypeID="1520"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="11" NamePartTypeID="1521"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="12" NamePartTypeID="1525"/></MasterNamePartGroup></NamePartGroups>
        </Identity>
        <Feature ID="1" FeatureTypeID="8"><FeatureVersion ID="1"><DatePeriod CalendarTypeID="1"><Start Approximate="false">
          <From><Year>1964</Year><Month>6</Month><Day>18</Day></From><To><Year>1964</Year><Month>6</Month><Day>18</Day></To></Start>
          <End><From><Year>1964</Year><Month>6</Month><Day>18</Day></From></End></DatePeriod></FeatureVersion></Feature>
        <Feature ID="2" FeatureTypeID="9"><FeatureVersion ID="2"><VersionLocation LocationID="101"/></FeatureVersion></Feature>
        <Feature ID="3" FeatureTypeID="10"><FeatureVersion ID="3"><VersionLocation LocationID="100"/></FeatureVersion></Feature>
        <Feature ID="4" FeatureTypeID="224"><FeatureVersion ID="4"><VersionDetail DetailTypeID="1431" DetailReferenceID="91526"/></FeatureVersion></Feature>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="17069">
      <Profile ID="17069" PartySubTypeID="1">
        <Identity ID="5002" FixedRef="17069" Primary="true" False="false">
          <Alias FixedRef="17069" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="3"><DocumentedNamePart><NamePartValue NamePartGroupID="20">CHONG CHON GANG</NamePartValue></DocumentedNamePart></DocumentedName>
          </Alias>
          <NamePartGroups><MasterNamePartGroup><NamePartGroup ID="20" NamePartTypeID="1526"/></MasterNamePartGroup></NamePartGroups>
        </Identity>
        <Feature ID="5" FeatureTypeID="1"><FeatureVersion ID="5"><VersionDetail DetailTypeID="1432">HMZF</VersionDetail></FeatureVersion></Feature>
        <Feature ID="6" FeatureTypeID="3"><FeatureVersion ID="6"><VersionLocation LocationID="100"/></FeatureVersion></Feature>
        <Feature ID="7" FeatureTypeID="1014"><FeatureVersion ID="7"><VersionDetail DetailTypeID="1432">445123000</VersionDetail></FeatureVersion></Feature>
      </Profile>
    </DistinctParty>
  </DistinctParties>
  <SanctionsEntries>
    <SanctionsEntry ID="1" ProfileID="15667" ListID="1550"><EntryEvent ID="1" EntryEventTypeID="1"><Date CalendarTypeID="1"><Year>2016</Year><Month>3</Month><Day>2</Day></Date></EntryEvent>
      <SanctionsMeasure ID="1" SanctionsTypeID="1"><Comment>NPWMD</Comment></SanctionsMeasure></SanctionsEntry>
    <SanctionsEntry ID="2" ProfileID="17069" ListID="1550"><SanctionsMeasure ID="2" SanctionsTypeID="1"><Comment>DPRK</Comment></SanctionsMeasure></SanctionsEntry>
  </SanctionsEntries>
</Sanctions>
)xml";

TEST(ParseOfacAdvancedXml, JoinsReferenceValuesLocationsDocumentsAndEntries) {
  EXPECT_EQ(DetectFormat(kAdvancedXml), Format::kOfacAdvancedXml);
  Result<ListFile> list = ParseList(kAdvancedXml, "sdn_advanced.xml");
  ASSERT_TRUE(list.ok()) << list.error().message;
  EXPECT_EQ(list->generated, "2026-05-21");
  ASSERT_EQ(list->entities.size(), 2u);
  const Entity& paek = list->entities[0];
  EXPECT_EQ(paek.id, "ofac:15667");
  EXPECT_EQ(paek.schema, Schema::kPerson);
  ASSERT_EQ(paek.names.size(), 2u);
  EXPECT_EQ(paek.names[0].full, "PAEK, Chang-Ho");
  EXPECT_EQ(paek.names[1].kind, NameKind::kWeakAlias);
  EXPECT_THAT(paek.birth_dates, ElementsAre("1964-06-18"));
  EXPECT_THAT(paek.birth_places, ElementsAre("Kaesong, Korea, North"));
  EXPECT_THAT(paek.nationalities, ElementsAre("KP"));
  EXPECT_EQ(paek.gender, "male");
  EXPECT_THAT(paek.programmes, ElementsAre("NPWMD"));
  EXPECT_EQ(paek.listed_on, "2016-03-02");
  ASSERT_NE(FindIdOfType(paek, IdType::kPassport), nullptr);
  EXPECT_EQ(FindIdOfType(paek, IdType::kPassport)->country, "KP");
  const Entity& ship = list->entities[1];
  EXPECT_EQ(ship.schema, Schema::kVessel);
  EXPECT_EQ(IdValue(ship, IdType::kImo), "7937317");
  EXPECT_EQ(IdValue(ship, IdType::kCallSign), "HMZF");
  EXPECT_EQ(IdValue(ship, IdType::kMmsi), "445123000");
  EXPECT_THAT(ship.countries, ElementsAre("KP"));
}

}  // namespace
}  // namespace wk::lists
