// Demo data for the "Kinderschutzcluster 9" network (Bad Kreuznach with its
// partner municipalities Ludwigshafen and Landkreis Mainz-Bingen), modelled on
// the seed documents. Pure data: no database access. Every row has a fixed,
// readable id so that seeding with onConflictDoNothing is idempotent.
//
// All institutions, people, addresses, e-mail addresses and phone numbers are
// invented. E-mail and web addresses use the reserved `.example` domain, phone
// numbers the fictional "000-" exchange.

import { berlinDayAt } from "../lib/time";
import type * as s from "./schema";

type Sector = typeof s.sectors.$inferInsert;
type Institution = typeof s.institutions.$inferInsert;
type ContactPerson = typeof s.contactPersons.$inferInsert;
type Quota = typeof s.quotas.$inferInsert;

export const sectorList: Sector[] = [
  {
    key: "youth_office",
    nameDe: "Jugendamt / ASD",
    nameEn: "Youth welfare office (ASD)",
    sortOrder: 10,
  },
  { key: "police", nameDe: "Polizei", nameEn: "Police", sortOrder: 20 },
  {
    key: "justice",
    nameDe: "Familiengericht und Staatsanwaltschaft",
    nameEn: "Family court and public prosecution",
    sortOrder: 30,
  },
  { key: "school", nameDe: "Schule", nameEn: "School", sortOrder: 40 },
  {
    key: "daycare",
    nameDe: "Kindertagesstätte (Kita)",
    nameEn: "Daycare centre (Kita)",
    sortOrder: 50,
  },
  {
    key: "midwifery",
    nameDe: "Hebammen / Familienhebammen",
    nameEn: "Midwives / family midwives",
    sortOrder: 60,
  },
  {
    key: "paediatrics",
    nameDe: "Kinder- und Jugendärzt_innen",
    nameEn: "Paediatricians",
    sortOrder: 70,
  },
  { key: "clinic", nameDe: "Kliniken", nameEn: "Hospitals", sortOrder: 80 },
  {
    key: "health_office",
    nameDe: "Gesundheitsamt",
    nameEn: "Public health office",
    sortOrder: 90,
  },
  {
    key: "forensic_medicine",
    nameDe: "Rechtsmedizin",
    nameEn: "Forensic medicine",
    sortOrder: 100,
  },
  {
    key: "social_paediatrics",
    nameDe: "Sozialpädiatrisches Zentrum",
    nameEn: "Social-paediatric centre",
    sortOrder: 110,
  },
  {
    key: "counselling",
    nameDe: "Beratungsstellen",
    nameEn: "Counselling centres",
    sortOrder: 120,
  },
  {
    key: "womens_shelter",
    nameDe: "Frauenhaus / Frauenhilfe",
    nameEn: "Women's shelter and support services",
    sortOrder: 130,
  },
  {
    key: "youth_welfare_provider",
    nameDe: "Freie Träger der Jugendhilfe",
    nameEn: "Independent youth welfare providers",
    sortOrder: 140,
  },
  {
    key: "job_centre",
    nameDe: "Jobcenter",
    nameEn: "Job centre",
    sortOrder: 150,
  },
  {
    key: "homeless_services",
    nameDe: "Wohnungslosenhilfe",
    nameEn: "Homeless services",
    sortOrder: 160,
  },
  {
    key: "child_protection_association",
    nameDe: "Kinderschutzbund",
    nameEn: "Child protection association (Kinderschutzbund)",
    sortOrder: 170,
  },
  {
    key: "parents",
    nameDe: "Elternvertretung",
    nameEn: "Parents' representatives",
    sortOrder: 180,
  },
];

const NET = "net-kc9";
const KH = "mun-bad-kreuznach";
const LU = "mun-ludwigshafen";
const MZ = "mun-mainz-bingen";

/** Leitbild signature: a fixed date in 2025 and the signing role. */
const signed = (isoDate: string, by = "Leitung") => ({
  leitbildSignedAt: new Date(`${isoDate}T10:00:00+01:00`),
  leitbildSignedBy: by,
});

const inst = (row: Omit<Institution, "networkId">): Institution => ({
  networkId: NET,
  ...row,
});

const institutionRows: Institution[] = [
  // ---------------------------------------------------------------- Bad Kreuznach (model municipality)
  inst({
    id: "inst-jugendamt-kh",
    name: "Jugendamt Kreis Bad Kreuznach – Allgemeiner Sozialer Dienst",
    sectorKey: "youth_office",
    municipalityId: KH,
    street: "Salinenstraße 47",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "asd@jugendamt-kh.example",
    phone: "0671 000-1100",
    website: "https://www.jugendamt-kh.example",
    reachability:
      "Mo–Fr 8:00–12:00 Uhr, Do zusätzlich 14:00–17:30 Uhr; außerhalb dieser Zeiten Rufbereitschaft über die Polizei. Bushaltestelle „Kreisverwaltung“ (Linien 201 und 204), barrierefreier Zugang über den Seiteneingang mit Aufzug.",
    offers:
      "Der Allgemeine Soziale Dienst berät Eltern, Kinder und Jugendliche in Erziehungsfragen und bei familiären Krisen und nimmt den Schutzauftrag nach § 8a SGB VIII wahr. Fachkräfte anderer Institutionen erhalten hier eine Ansprechperson für Mitteilungen bei gewichtigen Anhaltspunkten für eine Kindeswohlgefährdung. Zudem koordiniert das Jugendamt das Netzwerk Kinderschutz und Frühe Hilfen.",
    targetGroups: "Familien mit Kindern und Jugendlichen (0–18 Jahre), Schwangere, Fachkräfte",
    ...signed("2025-03-12", "Amtsleitung"),
  }),
  inst({
    id: "inst-polizei-kh",
    name: "Polizeiinspektion Bad Kreuznach",
    sectorKey: "police",
    municipalityId: KH,
    street: "Ringstraße 12",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "pi.badkreuznach@polizei-rlp.example",
    phone: "0671 000-2200",
    website: "https://www.polizei-rlp.example/pi-bad-kreuznach",
    reachability:
      "Rund um die Uhr besetzt; im Notfall Notruf 110. Bushaltestelle „Ringstraße“ (Linie 203), ebenerdiger Zugang.",
    offers:
      "Die Polizei ist erreichbar bei akuter Gefahr für Kinder und Jugendliche und bei häuslicher Gewalt; sie arbeitet dabei eng mit dem Jugendamt zusammen. Die Beauftragten für Jugendsachen und für Opferschutz beraten Fachkräfte zu Strafanzeige, Gefährdungsansprache und Wegweisung. Für Schulen und Kitas gibt es Präventionsangebote.",
    targetGroups: "Kinder, Jugendliche und Familien in akuten Gefährdungslagen; Fachkräfte",
    ...signed("2025-03-12", "Dienststellenleitung"),
  }),
  inst({
    id: "inst-familiengericht-kh",
    name: "Amtsgericht Bad Kreuznach – Familiengericht",
    sectorKey: "justice",
    municipalityId: KH,
    street: "Ringstraße 79",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "familiengericht@ag-kh.example",
    phone: "0671 000-3300",
    website: "https://www.ag-kh.example",
    reachability:
      "Servicezeiten der Geschäftsstelle Mo–Fr 8:30–12:00 Uhr. Bushaltestelle „Amtsgericht“ (Linien 201 und 203), Zugang über Rampe und Aufzug.",
    offers:
      "Das Familiengericht entscheidet in Kindschaftssachen, insbesondere nach § 1666 BGB, und führt auf Anregung des Jugendamtes Erörterungsgespräche mit Eltern zur Abwendung einer Gefährdung. Im Netzwerk informieren die Familienrichter_innen über Verfahrensabläufe und die Rolle der Verfahrensbeistände.",
    targetGroups: "Fachkräfte der Jugendhilfe, Verfahrensbeistände, Familien in gerichtlichen Verfahren",
  }),
  inst({
    id: "inst-staatsanwaltschaft-kh",
    name: "Staatsanwaltschaft Bad Kreuznach – Sonderdezernat Gewalt gegen Kinder",
    sectorKey: "justice",
    municipalityId: KH,
    street: "Ringstraße 81",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "poststelle@sta-kh.example",
    phone: "0671 000-3400",
    website: "https://www.sta-kh.example",
    reachability: "Mo–Fr 8:00–15:30 Uhr. Bushaltestelle „Amtsgericht“ (Linien 201 und 203), barrierefreier Zugang.",
    offers:
      "Das Sonderdezernat bearbeitet Ermittlungsverfahren wegen Misshandlung, Vernachlässigung und sexualisierter Gewalt gegen Kinder. Es berät Netzwerkpartner zu Fragen der Strafverfolgung und zur schonenden Vernehmung kindlicher Zeug_innen.",
    targetGroups: "Fachkräfte aus Jugendhilfe, Medizin und Polizei",
    ...signed("2025-06-04", "Leitende Oberstaatsanwältin"),
  }),
  inst({
    id: "inst-grundschule-kurpark-kh",
    name: "Grundschule am Kurpark",
    sectorKey: "school",
    municipalityId: KH,
    street: "Kurhausstraße 18",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "sekretariat@gs-kurpark.example",
    phone: "0671 000-4100",
    website: "https://www.gs-kurpark.example",
    reachability: "Sekretariat Mo–Fr 7:30–12:30 Uhr. Bushaltestelle „Kurhaus“ (Linie 202), Schulgebäude mit Aufzug.",
    offers:
      "Die Ganztagsgrundschule bietet neben dem Unterricht Schulsozialarbeit, Elterncafé und Sprechstunden der Beratungslehrkraft an. Lehrkräfte und Schulsozialarbeit sind Ansprechpersonen für Eltern und Netzwerkpartner, wenn sich Sorgen um ein Kind abzeichnen.",
    targetGroups: "Kinder von 6 bis 10 Jahren und ihre Eltern",
    ...signed("2025-03-12", "Schulleitung"),
  }),
  inst({
    id: "inst-foerderschule-kh",
    name: "Schule am Nahetal – Förderschule mit dem Schwerpunkt Lernen",
    sectorKey: "school",
    municipalityId: KH,
    street: "Rheingrafenstraße 30",
    postalCode: "55545",
    city: "Bad Kreuznach",
    email: "verwaltung@schule-nahetal.example",
    phone: "0671 000-4200",
    website: "https://www.schule-nahetal.example",
    reachability:
      "Sekretariat Mo–Do 7:30–14:00 Uhr, Fr bis 12:00 Uhr. Bushaltestelle „Rheingrafenstraße“ (Linie 205), barrierefrei.",
    offers:
      "Die Förderschule begleitet Kinder mit Unterstützungsbedarf im Lernen und berät Eltern und Regelschulen im Rahmen des Förder- und Beratungszentrums. Schulsozialarbeit und Schulleitung wirken bei Hilfeplangesprächen mit.",
    targetGroups: "Schüler_innen der Klassen 1–9 mit Förderbedarf, Eltern, Lehrkräfte",
  }),
  inst({
    id: "inst-kita-regenbogen-kh",
    name: "Familienzentrum Kita Regenbogen",
    sectorKey: "daycare",
    municipalityId: KH,
    street: "Mannheimer Straße 142",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "kita-regenbogen@familienzentrum-kh.example",
    phone: "0671 000-5100",
    website: "https://www.kita-regenbogen-kh.example",
    reachability:
      "Geöffnet Mo–Fr 7:00–16:30 Uhr. Bushaltestelle „Mannheimer Straße“ (Linien 201 und 206), stufenloser Zugang und barrierefreies WC.",
    offers:
      "Die Kita mit 95 Plätzen ist zugleich Familienzentrum: Elterncafé, Erziehungsberatung vor Ort in Kooperation mit der Beratungsstelle und Sprechstunden der Familienhebamme. Die insoweit erfahrene Fachkraft des Trägers unterstützt das Team bei der Gefährdungseinschätzung.",
    targetGroups: "Kinder von 1 bis 6 Jahren und ihre Familien",
    ...signed("2025-03-12", "Kita-Leitung"),
  }),
  inst({
    id: "inst-kita-sonnenhof-kh",
    name: "Städtische Kita Sonnenhof",
    sectorKey: "daycare",
    municipalityId: KH,
    street: "Planiger Straße 61",
    postalCode: "55545",
    city: "Bad Kreuznach",
    email: "kita-sonnenhof@stadt-kh.example",
    phone: "0671 000-5200",
    website: "https://www.stadt-kh.example/kita-sonnenhof",
    reachability: "Geöffnet Mo–Fr 7:15–16:00 Uhr. Bushaltestelle „Planiger Straße“ (Linie 204), Eingang ebenerdig.",
    offers:
      "Die Kita betreut Kinder in altersgemischten Gruppen und bietet Sprachförderung sowie Elterngespräche mit Dolmetschunterstützung an. Bei Sorgen um ein Kind arbeitet das Team nach einem abgestimmten Schutzkonzept mit dem Jugendamt zusammen.",
    targetGroups: "Kinder von 2 bis 6 Jahren und ihre Eltern",
  }),
  inst({
    id: "inst-hebammen-kh",
    name: "Hebammennetzwerk Nahe – Familienhebammen",
    sectorKey: "midwifery",
    municipalityId: KH,
    street: "Wilhelmstraße 9",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "kontakt@hebammennetzwerk-nahe.example",
    phone: "0671 000-6100",
    website: "https://www.hebammennetzwerk-nahe.example",
    reachability:
      "Telefonische Sprechzeit Mo, Mi und Fr 9:00–11:00 Uhr; Hausbesuche nach Vereinbarung. Büro im Erdgeschoss, Bushaltestelle „Wilhelmstraße“ (Linie 202).",
    offers:
      "Familienhebammen begleiten Schwangere und Familien mit Säuglingen bis zum ersten Geburtstag in belasteten Lebenslagen durch aufsuchende Besuche. Das Netzwerk vermittelt freiberufliche Hebammen und berät Fachkräfte zu Angeboten der Frühen Hilfen.",
    targetGroups: "Schwangere, Eltern mit Säuglingen im ersten Lebensjahr",
    ...signed("2025-04-09", "Koordinatorin"),
  }),
  inst({
    id: "inst-kinderarztpraxis-kh",
    name: "Gemeinschaftspraxis für Kinder- und Jugendmedizin am Kornmarkt",
    sectorKey: "paediatrics",
    municipalityId: KH,
    street: "Kornmarkt 4",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "praxis@kinderarzt-kornmarkt.example",
    phone: "0671 000-7100",
    website: "https://www.kinderarzt-kornmarkt.example",
    reachability:
      "Sprechstunden Mo–Fr 8:00–12:00 Uhr, Mo, Di und Do 15:00–18:00 Uhr. Bushaltestelle „Kornmarkt“ (alle Stadtlinien), Aufzug vorhanden.",
    offers:
      "Die Praxis führt die Früherkennungsuntersuchungen U1 bis J2 durch und achtet dabei auf Anzeichen von Vernachlässigung und Misshandlung. Sie vermittelt Familien in Frühe Hilfen und steht Netzwerkpartnern für kinderärztliche Einschätzungen zur Verfügung.",
    targetGroups: "Kinder und Jugendliche von 0 bis 18 Jahren und ihre Eltern",
    ...signed("2025-06-04", "Praxisinhaber_innen"),
  }),
  inst({
    id: "inst-kinderklinik-kh",
    name: "Klinik für Kinder- und Jugendmedizin Bad Kreuznach – Kinderschutzgruppe",
    sectorKey: "clinic",
    municipalityId: KH,
    street: "Mühlenstraße 39",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "kinderschutzgruppe@klinik-kh.example",
    phone: "0671 000-8100",
    website: "https://www.klinik-kh.example",
    reachability:
      "Notaufnahme rund um die Uhr; Kinderschutzgruppe werktags 8:00–16:00 Uhr. Bushaltestelle „Klinikum“ (Linien 201 und 207), barrierefrei.",
    offers:
      "Die Kinderschutzgruppe der Klinik klärt Verdachtsfälle von Misshandlung und Vernachlässigung interdisziplinär ab und dokumentiert Befunde gerichtsfest. Über die Geburtsklinik werden belastete Familien bereits rund um die Geburt an die Frühen Hilfen vermittelt.",
    targetGroups: "Kinder und Jugendliche, werdende Eltern, Fachkräfte",
    ...signed("2025-03-12", "Chefarzt"),
  }),
  inst({
    id: "inst-gesundheitsamt-kh",
    name: "Gesundheitsamt Bad Kreuznach – Kinder- und Jugendgesundheitsdienst",
    sectorKey: "health_office",
    municipalityId: KH,
    street: "Ringstraße 4",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "kjgd@gesundheitsamt-kh.example",
    phone: "0671 000-8300",
    website: "https://www.gesundheitsamt-kh.example",
    reachability:
      "Mo–Fr 8:00–12:00 Uhr und nach Vereinbarung. Bushaltestelle „Kreisverwaltung“ (Linien 201 und 204), Aufzug vorhanden.",
    offers:
      "Der Kinder- und Jugendgesundheitsdienst führt die Schuleingangsuntersuchungen durch und geht Hinweisen auf versäumte Früherkennungsuntersuchungen nach. Er berät Kitas und Schulen zu gesundheitlichen Fragen und vermittelt Familien an geeignete Hilfen.",
    targetGroups: "Kinder im Vorschul- und Schulalter, Eltern, Kitas und Schulen",
    ...signed("2025-04-09", "Amtsärztin"),
  }),
  inst({
    id: "inst-spz-kh",
    name: "Sozialpädiatrisches Zentrum Bad Kreuznach",
    sectorKey: "social_paediatrics",
    municipalityId: KH,
    street: "Mühlenstraße 41",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "anmeldung@spz-kh.example",
    phone: "0671 000-8200",
    website: "https://www.spz-kh.example",
    reachability:
      "Terminvergabe Mo–Fr 8:30–12:00 Uhr; Behandlung nach Überweisung. Bushaltestelle „Klinikum“ (Linien 201 und 207), barrierefrei.",
    offers:
      "Das SPZ diagnostiziert und behandelt Entwicklungsstörungen, Behinderungen und Verhaltensauffälligkeiten im interdisziplinären Team aus Medizin, Psychologie und Therapie. Es berät Eltern und kooperiert mit Kitas, Schulen und Jugendhilfe bei der Hilfeplanung.",
    targetGroups: "Kinder und Jugendliche mit Entwicklungsauffälligkeiten und ihre Familien",
    ...signed("2025-06-04", "Ärztliche Leitung"),
  }),
  inst({
    id: "inst-beratungsstelle-kh",
    name: "Beratungsstelle für Kinder, Jugendliche und Familien Bad Kreuznach",
    sectorKey: "counselling",
    municipalityId: KH,
    street: "Hochstraße 22",
    postalCode: "55545",
    city: "Bad Kreuznach",
    email: "info@familienberatung-kh.example",
    phone: "0671 000-9100",
    website: "https://www.familienberatung-kh.example",
    reachability:
      "Anmeldung Mo–Fr 9:00–12:00 Uhr, offene Sprechstunde Di 14:00–16:00 Uhr. Bushaltestelle „Hochstraße“ (Linie 205), Beratungsräume im Erdgeschoss barrierefrei.",
    offers:
      "Die Beratungsstelle bietet Erziehungs-, Familien- und Trennungsberatung sowie Beratung bei sexualisierter Gewalt an – kostenfrei und vertraulich. Fachkräfte erhalten hier die Beratung durch eine insoweit erfahrene Fachkraft nach § 8a und § 8b SGB VIII und § 4 KKG.",
    targetGroups: "Kinder, Jugendliche, Eltern und Fachkräfte",
    ...signed("2025-03-12", "Leitung"),
  }),
  inst({
    id: "inst-frauenhaus-kh",
    name: "Frauenhaus Nahe mit Interventionsstelle",
    sectorKey: "womens_shelter",
    municipalityId: KH,
    // The shelter's address is confidential; only the office is reachable.
    street: "",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "beratung@frauenhaus-nahe.example",
    phone: "0671 000-9300",
    website: "https://www.frauenhaus-nahe.example",
    reachability:
      "Telefonisch rund um die Uhr erreichbar; die Adresse des Frauenhauses wird zum Schutz der Bewohnerinnen nicht veröffentlicht. Beratungstermine in der Interventionsstelle nach Vereinbarung.",
    offers:
      "Das Frauenhaus bietet von Gewalt betroffenen Frauen und ihren Kindern Schutz, Unterkunft und Beratung. Die Interventionsstelle nimmt nach Polizeieinsätzen bei häuslicher Gewalt Kontakt zu den Betroffenen auf; eine Kinderbereichsfachkraft unterstützt die mitbetroffenen Kinder.",
    targetGroups: "Von häuslicher Gewalt betroffene Frauen und ihre Kinder",
    ...signed("2025-04-09", "Leitung"),
  }),
  inst({
    id: "inst-jugendhilfeverbund-kh",
    name: "Jugendhilfeverbund Nahe – ambulante und teilstationäre Hilfen",
    sectorKey: "youth_welfare_provider",
    municipalityId: KH,
    street: "Bosenheimer Straße 88",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "hze@jugendhilfeverbund-nahe.example",
    phone: "0671 000-9500",
    website: "https://www.jugendhilfeverbund-nahe.example",
    reachability:
      "Büro Mo–Fr 8:30–16:00 Uhr. Bushaltestelle „Bosenheimer Straße“ (Linien 204 und 206), Zugang über Rampe.",
    offers:
      "Der freie Träger erbringt Hilfen zur Erziehung: sozialpädagogische Familienhilfe, Erziehungsbeistandschaft und Tagesgruppen. Er stellt eine insoweit erfahrene Fachkraft für die eigenen Einrichtungen und arbeitet nach einer Vereinbarung nach § 8a Abs. 4 SGB VIII mit dem Jugendamt zusammen.",
    targetGroups: "Familien mit Kindern und Jugendlichen mit erzieherischem Hilfebedarf",
    ...signed("2025-03-12", "Geschäftsführung"),
  }),
  inst({
    id: "inst-jobcenter-kh",
    name: "Jobcenter Bad Kreuznach",
    sectorKey: "job_centre",
    municipalityId: KH,
    street: "Bosenheimer Straße 16",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "jobcenter-kh@jobcenter.example",
    phone: "0671 000-9600",
    website: "https://www.jobcenter-kh.example",
    reachability: "Mo–Fr 8:00–12:30 Uhr, Do bis 18:00 Uhr. Bushaltestelle „Bahnhof“ (alle Stadtlinien), barrierefrei.",
    offers:
      "Das Jobcenter sichert den Lebensunterhalt von Familien im Bürgergeldbezug und unterstützt Alleinerziehende bei Ausbildung und Arbeitsaufnahme. Fallmanager_innen vermitteln bei familiären Belastungen an Beratungsstellen und Frühe Hilfen.",
    targetGroups: "Leistungsberechtigte Familien, Alleinerziehende, junge Menschen unter 25",
  }),
  inst({
    id: "inst-wohnungslosenhilfe-kh",
    name: "Fachberatungsstelle Wohnungslosenhilfe Bad Kreuznach",
    sectorKey: "homeless_services",
    municipalityId: KH,
    street: "Mannheimer Straße 27",
    postalCode: "55545",
    city: "Bad Kreuznach",
    email: "fachberatung@wohnungslosenhilfe-kh.example",
    phone: "0671 000-9700",
    website: "https://www.wohnungslosenhilfe-kh.example",
    reachability:
      "Offene Sprechstunde Mo, Mi und Fr 9:00–12:00 Uhr. Bushaltestelle „Mannheimer Straße“ (Linien 201 und 206), ebenerdiger Zugang.",
    offers:
      "Die Fachberatungsstelle hilft bei drohendem Wohnungsverlust, vermittelt Notunterkünfte und begleitet bei der Wohnungssuche. Familien mit Kindern werden vorrangig beraten und bei Bedarf an das Jugendamt vermittelt.",
    targetGroups: "Wohnungslose und von Wohnungslosigkeit bedrohte Menschen, insbesondere Familien",
    ...signed("2025-06-04", "Leitung"),
  }),
  inst({
    id: "inst-kinderschutzbund-kh",
    name: "Kinderschutzbund Ortsverband Bad Kreuznach",
    sectorKey: "child_protection_association",
    municipalityId: KH,
    street: "Kreuzstraße 15",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "info@kinderschutzbund-kh.example",
    phone: "0671 000-9800",
    website: "https://www.kinderschutzbund-kh.example",
    reachability:
      "Geschäftsstelle Di–Do 9:00–13:00 Uhr. Bushaltestelle „Kreuzstraße“ (Linie 202), Beratungsraum im Erdgeschoss.",
    offers:
      "Der Kinderschutzbund bietet Elternkurse „Starke Eltern – Starke Kinder“, begleiteten Umgang und ehrenamtliche Familienpatenschaften an. Er vertritt die Interessen von Kindern im Netzwerk und in der Öffentlichkeit.",
    targetGroups: "Kinder, Eltern, Ehrenamtliche",
    ...signed("2025-03-12", "Vorstand"),
  }),
  inst({
    id: "inst-stadtelternausschuss-kh",
    name: "Stadtelternausschuss der Kitas Bad Kreuznach",
    sectorKey: "parents",
    municipalityId: KH,
    street: "",
    postalCode: "55543",
    city: "Bad Kreuznach",
    email: "vorstand@stadtelternausschuss-kh.example",
    phone: "",
    website: "https://www.stadtelternausschuss-kh.example",
    reachability:
      "Erreichbar per E-Mail; öffentliche Sitzungen etwa alle zwei Monate abends im Rathaus (barrierefrei).",
    offers:
      "Der Stadtelternausschuss vertritt die Eltern der Kita-Kinder gegenüber Stadt und Trägern. Im Netzwerk bringt er die Perspektive der Familien ein – Eltern als Expert_innen ihrer Familie.",
    targetGroups: "Eltern von Kita-Kindern",
  }),

  // ---------------------------------------------------------------- Ludwigshafen am Rhein (partner)
  inst({
    id: "inst-jugendamt-lu",
    name: "Jugendamt Ludwigshafen – Allgemeiner Sozialer Dienst",
    sectorKey: "youth_office",
    municipalityId: LU,
    street: "Bismarckstraße 40",
    postalCode: "67059",
    city: "Ludwigshafen am Rhein",
    email: "asd@jugendamt-lu.example",
    phone: "0621 000-1100",
    website: "https://www.jugendamt-lu.example",
    reachability:
      "Mo–Fr 8:00–12:00 Uhr und nach Vereinbarung. Straßenbahnhaltestelle „Rathaus“ (Linien 4 und 10), barrierefreier Zugang mit Aufzug.",
    offers:
      "Der ASD berät Familien in allen Stadtteilen, gewährt Hilfen zur Erziehung und nimmt den Schutzauftrag bei Kindeswohlgefährdung wahr. Für Netzwerkpartner gibt es feste Ansprechpersonen je Sozialraum.",
    targetGroups: "Familien mit Kindern und Jugendlichen, Schwangere, Fachkräfte",
    ...signed("2025-05-14", "Abteilungsleitung"),
  }),
  inst({
    id: "inst-polizei-lu",
    name: "Polizeiinspektion Ludwigshafen – Sachgebiet Jugend",
    sectorKey: "police",
    municipalityId: LU,
    street: "Wittelsbachstraße 3",
    postalCode: "67061",
    city: "Ludwigshafen am Rhein",
    email: "jugendsachbearbeitung.lu@polizei-rlp.example",
    phone: "0621 000-2200",
    website: "https://www.polizei-rlp.example/pi-ludwigshafen",
    reachability:
      "Rund um die Uhr besetzt; im Notfall Notruf 110. Straßenbahnhaltestelle „Wittelsbachplatz“, barrierefrei.",
    offers:
      "Die Jugendsachbearbeitung ist Ansprechpartnerin für Schulen, Jugendhilfe und Eltern bei Jugenddelinquenz und Gewalt gegen Kinder. Sie bietet Präventionsveranstaltungen an und informiert zum Ablauf nach einer Anzeige.",
    targetGroups: "Jugendliche, Eltern, Schulen und Jugendhilfe",
  }),
  inst({
    id: "inst-grundschule-rheinufer-lu",
    name: "Grundschule Rheinufer-Süd",
    sectorKey: "school",
    municipalityId: LU,
    street: "Rheinallee 55",
    postalCode: "67061",
    city: "Ludwigshafen am Rhein",
    email: "sekretariat@gs-rheinufer.example",
    phone: "0621 000-4100",
    website: "https://www.gs-rheinufer.example",
    reachability: "Sekretariat Mo–Fr 7:30–13:00 Uhr. Buslinie 74, Haltestelle „Rheinallee“; Aufzug vorhanden.",
    offers:
      "Die Schwerpunktschule arbeitet mit Schulsozialarbeit und einem Lotsendienst für neu zugewanderte Familien. Elternabende werden mehrsprachig begleitet; bei Anhaltspunkten für eine Gefährdung wird nach dem schulischen Kinderschutzkonzept vorgegangen.",
    targetGroups: "Kinder von 6 bis 10 Jahren und ihre Familien",
    ...signed("2025-05-14", "Schulleitung"),
  }),
  inst({
    id: "inst-kita-sonnenblume-lu",
    name: "Kita Sonnenblume Ludwigshafen",
    sectorKey: "daycare",
    municipalityId: LU,
    street: "Friesenheimer Straße 112",
    postalCode: "67063",
    city: "Ludwigshafen am Rhein",
    email: "kita-sonnenblume@kitas-lu.example",
    phone: "0621 000-5100",
    website: "https://www.kitas-lu.example/sonnenblume",
    reachability: "Geöffnet Mo–Fr 7:00–17:00 Uhr. Straßenbahnhaltestelle „Friesenheim Mitte“, stufenloser Zugang.",
    offers:
      "Die Kita bietet Ganztagsbetreuung, alltagsintegrierte Sprachbildung und regelmäßige Entwicklungsgespräche. Über das Kita-Sozialarbeitsprogramm erhalten Familien niedrigschwellige Beratung direkt in der Einrichtung.",
    targetGroups: "Kinder von 1 bis 6 Jahren und ihre Familien",
    ...signed("2025-05-14", "Kita-Leitung"),
  }),
  inst({
    id: "inst-familienhebammen-lu",
    name: "Familienhebammen-Team Ludwigshafen",
    sectorKey: "midwifery",
    municipalityId: LU,
    street: "Ludwigstraße 70",
    postalCode: "67059",
    city: "Ludwigshafen am Rhein",
    email: "fruehehilfen@familienhebammen-lu.example",
    phone: "0621 000-6100",
    website: "https://www.familienhebammen-lu.example",
    reachability: "Telefonisch Mo–Fr 9:00–12:00 Uhr; Besuche zu Hause nach Absprache.",
    offers:
      "Familienhebammen und Familien-Gesundheits- und Kinderkrankenpflegerinnen unterstützen Familien mit Säuglingen und Kleinkindern bis drei Jahre. Sie beraten zu Pflege, Ernährung und Entwicklung und begleiten zu Ärzt_innen und Ämtern.",
    targetGroups: "Schwangere und Familien mit Kindern bis drei Jahre",
  }),
  inst({
    id: "inst-kinderklinik-lu",
    name: "Kinderklinik Ludwigshafen – Kinderschutzambulanz",
    sectorKey: "clinic",
    municipalityId: LU,
    street: "Bremserstraße 79",
    postalCode: "67063",
    city: "Ludwigshafen am Rhein",
    email: "kinderschutzambulanz@kinderklinik-lu.example",
    phone: "0621 000-8100",
    website: "https://www.kinderklinik-lu.example",
    reachability:
      "Ambulanz nach Terminvereinbarung werktags 8:00–16:00 Uhr; Notfälle jederzeit über die Kindernotaufnahme. Buslinie 75, Haltestelle „Klinikum“, barrierefrei.",
    offers:
      "Die Kinderschutzambulanz untersucht Kinder bei Verdacht auf Misshandlung, Vernachlässigung oder sexuellen Missbrauch und berät Fachkräfte telefonisch. Befunde werden gemeinsam mit der Rechtsmedizin bewertet.",
    targetGroups: "Kinder und Jugendliche, Eltern, Fachkräfte",
    ...signed("2025-05-14", "Oberärztin"),
  }),
  inst({
    id: "inst-rechtsmedizin-lu",
    name: "Rechtsmedizinische Untersuchungsstelle Vorderpfalz",
    sectorKey: "forensic_medicine",
    municipalityId: LU,
    street: "Bremserstraße 81",
    postalCode: "67063",
    city: "Ludwigshafen am Rhein",
    email: "untersuchungsstelle@rechtsmedizin-vorderpfalz.example",
    phone: "0621 000-8400",
    website: "https://www.rechtsmedizin-vorderpfalz.example",
    reachability:
      "Telefonische Erreichbarkeit werktags 8:00–17:00 Uhr, Untersuchungen nach Vereinbarung. Barrierefrei.",
    offers:
      "Die Untersuchungsstelle dokumentiert Verletzungen bei Kindern rechtsmedizinisch – auf Wunsch auch vertraulich und ohne Anzeige. Sie berät Kliniken, Kinderärzt_innen und Jugendämter bei der Bewertung von Befunden und bietet Fortbildungen an.",
    targetGroups: "Fachkräfte aus Medizin, Jugendhilfe, Polizei und Justiz",
    ...signed("2025-06-04", "Leitung"),
  }),
  inst({
    id: "inst-beratungsstelle-lu",
    name: "Psychologische Beratungsstelle für Eltern, Kinder und Jugendliche Ludwigshafen",
    sectorKey: "counselling",
    municipalityId: LU,
    street: "Kaiser-Wilhelm-Straße 21",
    postalCode: "67059",
    city: "Ludwigshafen am Rhein",
    email: "beratung@eb-lu.example",
    phone: "0621 000-9100",
    website: "https://www.eb-lu.example",
    reachability:
      "Anmeldung Mo–Do 9:00–16:00 Uhr, Fr bis 13:00 Uhr. Straßenbahnhaltestelle „Berliner Platz“, Aufzug vorhanden.",
    offers:
      "Die Beratungsstelle unterstützt bei Erziehungsfragen, Konflikten in der Familie sowie bei Trennung und Scheidung. Jugendliche können sich auch ohne ihre Eltern beraten lassen; für Fachkräfte gibt es anonyme Fallberatung.",
    targetGroups: "Eltern, Kinder, Jugendliche und junge Erwachsene bis 27 Jahre",
    ...signed("2025-05-14", "Leitung"),
  }),
  inst({
    id: "inst-jugendhilfe-rheinpfalz-lu",
    name: "Kinder- und Jugendhilfe Rheinpfalz gGmbH",
    sectorKey: "youth_welfare_provider",
    municipalityId: LU,
    street: "Mundenheimer Straße 200",
    postalCode: "67061",
    city: "Ludwigshafen am Rhein",
    email: "kontakt@kjh-rheinpfalz.example",
    phone: "0621 000-9500",
    website: "https://www.kjh-rheinpfalz.example",
    reachability: "Verwaltung Mo–Fr 8:00–16:00 Uhr. Buslinie 70, Haltestelle „Mundenheim Nord“; barrierefrei.",
    offers:
      "Der Träger betreibt Wohngruppen, eine Inobhutnahmestelle und ambulante Hilfen zur Erziehung. Bei Inobhutnahmen nimmt die Bereitschaftsgruppe Kinder und Jugendliche rund um die Uhr auf.",
    targetGroups: "Kinder und Jugendliche in Krisen, Familien mit Hilfebedarf",
  }),
  inst({
    id: "inst-jobcenter-lu",
    name: "Jobcenter Ludwigshafen – Team Alleinerziehende",
    sectorKey: "job_centre",
    municipalityId: LU,
    street: "Berliner Straße 18",
    postalCode: "67059",
    city: "Ludwigshafen am Rhein",
    email: "alleinerziehende@jobcenter-lu.example",
    phone: "0621 000-9600",
    website: "https://www.jobcenter-lu.example",
    reachability: "Mo–Fr 8:00–12:00 Uhr, Do 14:00–17:00 Uhr. Straßenbahnhaltestelle „Berliner Platz“, barrierefrei.",
    offers:
      "Das Team berät Alleinerziehende zu Leistungen, Kinderbetreuung und Teilzeitausbildung. Es kooperiert mit Frühen Hilfen und Beratungsstellen, um Familien in belasteten Lebenslagen frühzeitig zu erreichen.",
    targetGroups: "Alleinerziehende im Leistungsbezug",
    ...signed("2025-06-04", "Teamleitung"),
  }),

  // ---------------------------------------------------------------- Landkreis Mainz-Bingen (partner)
  inst({
    id: "inst-kreisjugendamt-mz",
    name: "Kreisjugendamt Mainz-Bingen – Allgemeiner Sozialer Dienst",
    sectorKey: "youth_office",
    municipalityId: MZ,
    street: "Georg-Rückert-Straße 11",
    postalCode: "55218",
    city: "Ingelheim am Rhein",
    email: "asd@kreisjugendamt-mz.example",
    phone: "06132 000-1100",
    website: "https://www.kreisjugendamt-mz.example",
    reachability:
      "Mo–Fr 8:00–12:00 Uhr, Do 14:00–17:00 Uhr; Außensprechstunden in Bingen und Nieder-Olm. Bushaltestelle „Kreisverwaltung“, barrierefrei.",
    offers:
      "Der ASD des Kreises ist für alle Verbandsgemeinden zuständig und berät Familien, vermittelt Hilfen und schützt Kinder bei Gefährdung. Die Koordinierungsstelle Frühe Hilfen des Kreises ist hier angesiedelt.",
    targetGroups: "Familien mit Kindern und Jugendlichen im Landkreis, Fachkräfte",
    ...signed("2025-05-14", "Amtsleitung"),
  }),
  inst({
    id: "inst-igs-bingen-mz",
    name: "Integrierte Gesamtschule Rheinhöhe Bingen",
    sectorKey: "school",
    municipalityId: MZ,
    street: "Am Rochusberg 6",
    postalCode: "55411",
    city: "Bingen am Rhein",
    email: "sekretariat@igs-rheinhoehe.example",
    phone: "06721 000-4100",
    website: "https://www.igs-rheinhoehe.example",
    reachability: "Sekretariat Mo–Fr 7:30–14:00 Uhr. Bushaltestelle „Schulzentrum“ (Linie 601), barrierefrei.",
    offers:
      "Die Gesamtschule bietet Schulsozialarbeit, ein Beratungsteam und Streitschlichtung an. Sie arbeitet mit Jugendhilfe und Beratungsstellen zusammen, wenn Schüler_innen Unterstützung brauchen.",
    targetGroups: "Schüler_innen der Klassen 5–13 und ihre Eltern",
    ...signed("2025-06-04", "Schulleitung"),
  }),
  inst({
    id: "inst-kita-loewenzahn-mz",
    name: "Kita Löwenzahn Ingelheim",
    sectorKey: "daycare",
    municipalityId: MZ,
    street: "Rotweinstraße 24",
    postalCode: "55218",
    city: "Ingelheim am Rhein",
    email: "kita-loewenzahn@kitas-ingelheim.example",
    phone: "06132 000-5100",
    website: "https://www.kitas-ingelheim.example/loewenzahn",
    reachability: "Geöffnet Mo–Fr 7:00–16:30 Uhr. Bushaltestelle „Rotweinstraße“, ebenerdiger Zugang.",
    offers:
      "Die Kita begleitet Kinder in offener Arbeit mit Bewegungs- und Naturschwerpunkt. Für Eltern gibt es Sprechstunden, Familienbildungsangebote und eine enge Zusammenarbeit mit der Erziehungsberatung.",
    targetGroups: "Kinder von 1 bis 6 Jahren und ihre Familien",
  }),
  inst({
    id: "inst-kinderarztpraxis-mz",
    name: "Kinderarztpraxis am Rheinkai",
    sectorKey: "paediatrics",
    municipalityId: MZ,
    street: "Rheinkai 14",
    postalCode: "55411",
    city: "Bingen am Rhein",
    email: "praxis@kinderarzt-rheinkai.example",
    phone: "06721 000-7100",
    website: "https://www.kinderarzt-rheinkai.example",
    reachability:
      "Sprechstunden Mo–Fr 8:00–12:00 Uhr, Mo und Do 15:00–18:00 Uhr. Fünf Gehminuten vom Bahnhof Bingen Stadt, Aufzug vorhanden.",
    offers:
      "Die Praxis betreut Kinder und Jugendliche von der Geburt bis zum 18. Lebensjahr, einschließlich Früherkennungsuntersuchungen und Impfungen. Bei Belastungen vermittelt sie in Frühe Hilfen und nimmt an Fallkonferenzen teil.",
    targetGroups: "Kinder und Jugendliche und ihre Eltern",
    ...signed("2025-06-04", "Praxisinhaberin"),
  }),
  inst({
    id: "inst-erziehungsberatung-mz",
    name: "Erziehungs- und Familienberatung Ingelheim",
    sectorKey: "counselling",
    municipalityId: MZ,
    street: "Bahnhofstraße 38",
    postalCode: "55218",
    city: "Ingelheim am Rhein",
    email: "efb@beratung-ingelheim.example",
    phone: "06132 000-9100",
    website: "https://www.beratung-ingelheim.example",
    reachability:
      "Anmeldung Mo–Fr 9:00–12:00 Uhr; Außenstelle in Nieder-Olm donnerstags. Drei Gehminuten vom Bahnhof Ingelheim, barrierefrei.",
    offers:
      "Die Beratungsstelle unterstützt Eltern, Kinder und Jugendliche bei Erziehungsfragen, Trennung und Scheidung sowie in Krisen. Sie bietet Gruppen für Kinder aus Trennungsfamilien und Fachberatung für Kitas und Schulen an.",
    targetGroups: "Familien im Landkreis Mainz-Bingen, Fachkräfte",
    ...signed("2025-05-14", "Leitung"),
  }),
  inst({
    id: "inst-schwangerenberatung-mz",
    name: "Schwangeren- und Familienberatung Nieder-Olm",
    sectorKey: "counselling",
    municipalityId: MZ,
    street: "Pariser Straße 9",
    postalCode: "55268",
    city: "Nieder-Olm",
    email: "beratung@schwangerenberatung-niederolm.example",
    phone: "06136 000-9200",
    website: "https://www.schwangerenberatung-niederolm.example",
    reachability: "Di und Do 9:00–16:00 Uhr und nach Vereinbarung. Bushaltestelle „Rathaus Nieder-Olm“, Erdgeschoss.",
    offers:
      "Die Beratungsstelle berät vor und nach der Geburt zu finanziellen Hilfen, Elterngeld und Partnerschaft. Sie vermittelt Familienhebammen und Angebote der Frühen Hilfen im Landkreis.",
    targetGroups: "Schwangere, werdende Eltern und Familien mit Kleinkindern",
  }),
  inst({
    id: "inst-erziehungshilfen-mz",
    name: "Ambulante Erziehungshilfen Rheinhessen e. V.",
    sectorKey: "youth_welfare_provider",
    municipalityId: MZ,
    street: "Krämerstraße 5",
    postalCode: "55276",
    city: "Oppenheim",
    email: "buero@erziehungshilfen-rheinhessen.example",
    phone: "06133 000-9500",
    website: "https://www.erziehungshilfen-rheinhessen.example",
    reachability:
      "Büro Mo–Fr 9:00–15:00 Uhr. Zehn Gehminuten vom Bahnhof Oppenheim; Büro im 1. Stock ohne Aufzug, Gespräche auf Wunsch im Erdgeschoss.",
    offers:
      "Der Verein leistet sozialpädagogische Familienhilfe, Erziehungsbeistandschaft und soziale Gruppenarbeit im ganzen Landkreis. Mitarbeiter_innen kommen zu den Familien nach Hause und unterstützen im Alltag.",
    targetGroups: "Familien mit Kindern und Jugendlichen, die Hilfe zur Erziehung erhalten",
    ...signed("2025-05-14", "Vorstand"),
  }),
  inst({
    id: "inst-frauennotruf-mz",
    name: "Frauennotruf und Interventionsstelle Mainz-Bingen",
    sectorKey: "womens_shelter",
    municipalityId: MZ,
    street: "Mainzer Straße 52",
    postalCode: "55411",
    city: "Bingen am Rhein",
    email: "beratung@frauennotruf-mz.example",
    phone: "06721 000-9300",
    website: "https://www.frauennotruf-mz.example",
    reachability: "Mo–Fr 9:00–13:00 Uhr, Mi zusätzlich 15:00–18:00 Uhr. Bushaltestelle „Mainzer Straße“, barrierefrei.",
    offers:
      "Der Frauennotruf berät Frauen und Mädchen nach sexualisierter und häuslicher Gewalt, auch anonym. Die Interventionsstelle begleitet Betroffene nach einem Polizeieinsatz und hat die Situation der Kinder im Blick.",
    targetGroups: "Von Gewalt betroffene Frauen und Mädchen ab 14 Jahren",
  }),
  inst({
    id: "inst-kreiselternausschuss-mz",
    name: "Kreiselternausschuss Mainz-Bingen",
    sectorKey: "parents",
    municipalityId: MZ,
    street: "",
    postalCode: "55218",
    city: "Ingelheim am Rhein",
    email: "kontakt@kreiselternausschuss-mz.example",
    phone: "",
    website: "https://www.kreiselternausschuss-mz.example",
    reachability: "Erreichbar per E-Mail; Sitzungen abends in der Kreisverwaltung (barrierefrei).",
    offers:
      "Der Kreiselternausschuss ist die gewählte Vertretung der Kita-Eltern im Landkreis. Er gibt Rückmeldungen zu Angeboten für Familien und wirkt an der Weiterentwicklung des Kinderschutzkonzepts mit.",
    targetGroups: "Eltern von Kita-Kindern im Landkreis",
    ...signed("2025-06-04", "Vorsitz"),
  }),
];

const cp = (
  id: string,
  institutionId: string,
  name: string,
  fn: string,
  email: string,
  isPrimary: boolean,
  phone = "",
): ContactPerson => ({
  id,
  institutionId,
  name,
  function: fn,
  email,
  phone,
  isPrimary,
});

const contactPersonRows: ContactPerson[] = [
  cp(
    "cp-jugendamt-kh-1",
    "inst-jugendamt-kh",
    "Johanna Brettschneider",
    "Sachgebietsleitung ASD",
    "j.brettschneider@jugendamt-kh.example",
    true,
    "0671 000-1101",
  ),
  cp(
    "cp-jugendamt-kh-2",
    "inst-jugendamt-kh",
    "Emre Kalkavan",
    "Netzwerkkoordination Kinderschutz",
    "e.kalkavan@jugendamt-kh.example",
    false,
    "0671 000-1102",
  ),
  cp(
    "cp-polizei-kh-1",
    "inst-polizei-kh",
    "Thorsten Weißgerber",
    "Beauftragter für Jugendsachen",
    "jugendsachen.kh@polizei-rlp.example",
    true,
  ),
  cp(
    "cp-familiengericht-kh-1",
    "inst-familiengericht-kh",
    "Dr. Annika Lorbeer",
    "Familienrichterin",
    "a.lorbeer@ag-kh.example",
    true,
  ),
  cp(
    "cp-grundschule-kurpark-kh-1",
    "inst-grundschule-kurpark-kh",
    "Selin Aydoğdu",
    "Schulsozialarbeit",
    "schulsozialarbeit@gs-kurpark.example",
    true,
  ),
  cp(
    "cp-grundschule-kurpark-kh-2",
    "inst-grundschule-kurpark-kh",
    "Markus Fendelberg",
    "Schulleitung",
    "m.fendelberg@gs-kurpark.example",
    false,
  ),
  cp(
    "cp-kita-regenbogen-kh-1",
    "inst-kita-regenbogen-kh",
    "Katharina Wendelin",
    "Kita-Leitung",
    "k.wendelin@familienzentrum-kh.example",
    true,
    "0671 000-5101",
  ),
  cp(
    "cp-hebammen-kh-1",
    "inst-hebammen-kh",
    "Merle Osterkamp",
    "Koordinatorin Familienhebammen",
    "m.osterkamp@hebammennetzwerk-nahe.example",
    true,
    "0671 000-6101",
  ),
  cp(
    "cp-hebammen-kh-2",
    "inst-hebammen-kh",
    "Ngozi Adebayo-Stein",
    "Familienhebamme",
    "n.adebayo-stein@hebammennetzwerk-nahe.example",
    false,
  ),
  cp(
    "cp-kinderarztpraxis-kh-1",
    "inst-kinderarztpraxis-kh",
    "Dr. Felix Nahering",
    "Kinder- und Jugendarzt",
    "praxis@kinderarzt-kornmarkt.example",
    true,
  ),
  cp(
    "cp-kinderklinik-kh-1",
    "inst-kinderklinik-kh",
    "Dr. Irina Sokolowa",
    "Leitung Kinderschutzgruppe",
    "i.sokolowa@klinik-kh.example",
    true,
  ),
  cp(
    "cp-kinderklinik-kh-2",
    "inst-kinderklinik-kh",
    "Paul Ackermeier",
    "Sozialdienst Geburtsklinik",
    "p.ackermeier@klinik-kh.example",
    false,
  ),
  cp(
    "cp-gesundheitsamt-kh-1",
    "inst-gesundheitsamt-kh",
    "Dr. Hanna Quirmbach",
    "Ärztin im Kinder- und Jugendgesundheitsdienst",
    "h.quirmbach@gesundheitsamt-kh.example",
    true,
  ),
  cp(
    "cp-beratungsstelle-kh-1",
    "inst-beratungsstelle-kh",
    "Lukas Tiefenbrunner",
    "Leitung, insoweit erfahrene Fachkraft",
    "l.tiefenbrunner@familienberatung-kh.example",
    true,
    "0671 000-9101",
  ),
  cp(
    "cp-beratungsstelle-kh-2",
    "inst-beratungsstelle-kh",
    "Amira Haddad",
    "Psychologin",
    "a.haddad@familienberatung-kh.example",
    false,
  ),
  cp(
    "cp-frauenhaus-kh-1",
    "inst-frauenhaus-kh",
    "Birgit Sandhövel",
    "Sozialpädagogin, Kinderbereich",
    "kinderbereich@frauenhaus-nahe.example",
    true,
  ),
  cp(
    "cp-jugendhilfeverbund-kh-1",
    "inst-jugendhilfeverbund-kh",
    "Tobias Erlenkamp",
    "Bereichsleitung ambulante Hilfen",
    "t.erlenkamp@jugendhilfeverbund-nahe.example",
    true,
  ),
  cp(
    "cp-kinderschutzbund-kh-1",
    "inst-kinderschutzbund-kh",
    "Renate Fallersleben",
    "Vorsitzende",
    "vorstand@kinderschutzbund-kh.example",
    true,
  ),
  cp(
    "cp-jugendamt-lu-1",
    "inst-jugendamt-lu",
    "Dominik Rheinwald",
    "Abteilungsleitung ASD",
    "d.rheinwald@jugendamt-lu.example",
    true,
  ),
  cp(
    "cp-jugendamt-lu-2",
    "inst-jugendamt-lu",
    "Fatma Yıldırım-Becker",
    "Koordinierungsstelle Frühe Hilfen",
    "f.yildirim-becker@jugendamt-lu.example",
    false,
  ),
  cp(
    "cp-kita-sonnenblume-lu-1",
    "inst-kita-sonnenblume-lu",
    "Olga Petrenko",
    "Kita-Leitung",
    "o.petrenko@kitas-lu.example",
    true,
  ),
  cp(
    "cp-kinderklinik-lu-1",
    "inst-kinderklinik-lu",
    "Dr. Jonas Wiesenthaler",
    "Oberarzt Kinderschutzambulanz",
    "j.wiesenthaler@kinderklinik-lu.example",
    true,
  ),
  cp(
    "cp-rechtsmedizin-lu-1",
    "inst-rechtsmedizin-lu",
    "Dr. Clara Mühlbauer-Ose",
    "Fachärztin für Rechtsmedizin",
    "c.muehlbauer-ose@rechtsmedizin-vorderpfalz.example",
    true,
  ),
  cp(
    "cp-beratungsstelle-lu-1",
    "inst-beratungsstelle-lu",
    "Sebastian Korntal",
    "Leitung",
    "s.korntal@eb-lu.example",
    true,
  ),
  cp(
    "cp-kreisjugendamt-mz-1",
    "inst-kreisjugendamt-mz",
    "Miriam Hollerbusch",
    "Sachgebietsleitung ASD",
    "m.hollerbusch@kreisjugendamt-mz.example",
    true,
  ),
  cp(
    "cp-kreisjugendamt-mz-2",
    "inst-kreisjugendamt-mz",
    "Kwame Mensah-Lindner",
    "Koordinierungsstelle Frühe Hilfen",
    "k.mensah-lindner@kreisjugendamt-mz.example",
    false,
  ),
  cp(
    "cp-igs-bingen-mz-1",
    "inst-igs-bingen-mz",
    "Jana Rebholz",
    "Schulsozialarbeit",
    "schulsozialarbeit@igs-rheinhoehe.example",
    true,
  ),
  cp(
    "cp-erziehungsberatung-mz-1",
    "inst-erziehungsberatung-mz",
    "Henrik Aulbach",
    "Diplom-Psychologe",
    "h.aulbach@beratung-ingelheim.example",
    true,
  ),
  cp(
    "cp-erziehungshilfen-mz-1",
    "inst-erziehungshilfen-mz",
    "Sofia Marchetti",
    "Geschäftsführung",
    "s.marchetti@erziehungshilfen-rheinhessen.example",
    true,
  ),
];

const LEGAL_BASIS = "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 KKG";

export function demoNetwork(now: Date): {
  network: typeof s.networks.$inferInsert;
  municipalities: (typeof s.municipalities.$inferInsert)[];
  institutions: (typeof s.institutions.$inferInsert)[];
  contactPersons: (typeof s.contactPersons.$inferInsert)[];
  accounts: (typeof s.accounts.$inferInsert)[];
  roles: (typeof s.roles.$inferInsert)[];
  events: (typeof s.events.$inferInsert)[];
  sessions: (typeof s.eventSessions.$inferInsert)[];
  tracks: (typeof s.tracks.$inferInsert)[];
  quotas: (typeof s.quotas.$inferInsert)[];
  registrations: (typeof s.registrations.$inferInsert)[];
} {
  /** n days from `now`, at h:m Berlin time. */
  const day = (n: number, h = 9, m = 0): Date => berlinDayAt(now, n, h, m);

  // Workshops fall on working days: a weekend date moves to the Monday after.
  const workday = (n: number, h = 9, m = 0): Date => {
    const dow = day(n, 12).getUTCDay();
    return dow === 6 ? day(n + 2, h, m) : dow === 0 ? day(n + 1, h, m) : day(n, h, m);
  };

  const network: typeof s.networks.$inferInsert = {
    id: NET,
    slug: "kinderschutzcluster-9",
    name: "Kinderschutzcluster 9",
    state: "Rheinland-Pfalz",
    description:
      "Das Kinderschutzcluster 9 verbindet die Modellkommune Stadt Bad Kreuznach mit ihren Partnerkommunen Ludwigshafen am Rhein und Landkreis Mainz-Bingen. Fachkräfte aus Jugendhilfe, Gesundheitswesen, Schule, Polizei und Justiz entwickeln hier gemeinsam Handlungsabläufe, Standards und ein Leitbild für den Kinderschutz. Eltern werden dabei als Expert_innen ihrer Familie einbezogen.",
    privacyNotice:
      "Verantwortlich für die Verarbeitung Ihrer Daten ist die Kreisverwaltung Bad Kreuznach, Jugendamt – Netzwerkkoordination Kinderschutz, Salinenstraße 47, 55543 Bad Kreuznach, koordination@kinderschutz-bad-kreuznach.example; die behördliche Datenschutzbeauftragte erreichen Sie unter datenschutz@kreis-kh.example. Wir verarbeiten Ihren Namen, Ihre dienstliche E-Mail-Adresse, Ihre Einrichtung und Funktion sowie Ihre Anwesenheit, um Ihre Teilnahme an Veranstaltungen des Netzwerks zu organisieren und Teilnahmebescheinigungen auszustellen (Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 KKG). Ihre Daten werden nur innerhalb der Netzwerkkoordination verarbeitet und nicht an Dritte weitergegeben; Rückmeldungen zu Veranstaltungen erfolgen anonym. Personenbezogene Daten werden zwölf Monate nach der letzten Veranstaltung einer Reihe gelöscht oder anonymisiert. Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch sowie auf Beschwerde beim Landesbeauftragten für den Datenschutz und die Informationsfreiheit Rheinland-Pfalz.",
    retentionMonths: 12,
  };

  const municipalities: (typeof s.municipalities.$inferInsert)[] = [
    { id: KH, networkId: NET, name: "Bad Kreuznach", role: "model" },
    { id: LU, networkId: NET, name: "Ludwigshafen am Rhein", role: "partner" },
    { id: MZ, networkId: NET, name: "Landkreis Mainz-Bingen", role: "partner" },
  ];

  const accounts: (typeof s.accounts.$inferInsert)[] = [
    {
      id: "acc-organiser",
      email: "koordination@kinderschutz-bad-kreuznach.example",
      displayName: "Netzwerkkoordination Kinderschutzcluster 9",
      locale: "de",
    },
    {
      id: "acc-contact-hebammen",
      email: "m.osterkamp@hebammennetzwerk-nahe.example",
      displayName: "Merle Osterkamp",
      locale: "de",
    },
    {
      id: "acc-contact-kita",
      email: "k.wendelin@familienzentrum-kh.example",
      displayName: "Katharina Wendelin",
      locale: "de",
    },
  ];

  const roles: (typeof s.roles.$inferInsert)[] = [
    {
      id: "role-organiser-kc9",
      accountId: "acc-organiser",
      networkId: NET,
      role: "organiser",
      institutionId: null,
    },
    {
      id: "role-contact-hebammen",
      accountId: "acc-contact-hebammen",
      networkId: NET,
      role: "institution_contact",
      institutionId: "inst-hebammen-kh",
    },
    {
      id: "role-contact-kita",
      accountId: "acc-contact-kita",
      networkId: NET,
      role: "institution_contact",
      institutionId: "inst-kita-regenbogen-kh",
    },
  ];

  const events: (typeof s.events.$inferInsert)[] = [
    {
      id: "evt-qe-werkstatt",
      networkId: NET,
      type: "quality_workshop",
      title: "Qualitätsentwicklungswerkstatt Kinderschutz 2027",
      description:
        "In fünf Werkstätten entwickeln Fachkräfte aus allen Professionen des Kinderschutzclusters gemeinsame Handlungsabläufe und Qualitätsstandards für den Kinderschutz weiter. Ausgangspunkt sind die Ergebnisse der bisherigen Arbeitsgruppen „Leitbild“, „Verfahrensabläufe“ und „institutionsübergreifende Zusammenarbeit“. Ziel ist ein gemeinsamer Kinderschutzplan, an dem alle Beteiligten mitwirken – Eltern eingeschlossen. Wegen der großen Nachfrage sind die Plätze je Einrichtung kontingentiert; wir bitten darum, möglichst an allen fünf Terminen teilzunehmen.",
      venueName: "Haus der Familie, Bad Kreuznach",
      venueAddress: "Kurhausstraße 6, 55543 Bad Kreuznach",
      venueAccessibility:
        "Großer Saal im Erdgeschoss, stufenloser Zugang und barrierefreies WC; Induktionsschleife vorhanden. Bushaltestelle „Kurhaus“ (Linie 202), zwei Behindertenparkplätze am Haus.",
      capacity: 50,
      defaultQuota: 2,
      registrationOpensAt: day(-10),
      quotaDeadline: day(20),
      registrationClosesAt: day(40),
      status: "published",
      invitationMode: "all",
      promotionMode: "offer",
      legalBasis: LEGAL_BASIS,
    },
    {
      id: "evt-netzwerkkonferenz",
      networkId: NET,
      type: "network_conference",
      title: "5. Netzwerkkonferenz Kinderschutz und Frühe Hilfen",
      description:
        "Die Netzwerkkonferenz der Stadt Bad Kreuznach und ihrer Partnerkommunen lädt alle Kooperationspartner_innen zum fachlichen Austausch ein. Den Auftakt bildet ein Fachvortrag zum Thema „Kinderschutz als gemeinsame Verantwortung – was gute Kooperation ausmacht“. Am Nachmittag vertiefen vier parallele Foren einzelne Schnittstellen; bitte wählen Sie bei der Anmeldung ein Forum.",
      venueName: "Kongresssaal im Kurhaus Bad Kreuznach",
      venueAddress: "Kurhausstraße 28, 55543 Bad Kreuznach",
      venueAccessibility:
        "Alle Säle sind über Aufzüge stufenlos erreichbar; barrierefreie WCs auf jeder Etage. Gebärdensprachdolmetschung für den Fachvortrag auf Anfrage bis vier Wochen vor der Konferenz.",
      capacity: 120,
      defaultQuota: 4,
      registrationOpensAt: day(-3),
      quotaDeadline: day(30),
      registrationClosesAt: day(52),
      status: "published",
      invitationMode: "all",
      promotionMode: "offer",
      legalBasis: LEGAL_BASIS,
    },
    {
      id: "evt-datenschutz",
      networkId: NET,
      type: "training",
      title: "Fortbildung: Datenschutz und Schweigepflicht im Kinderschutz",
      description:
        "Wann darf ich Informationen an das Jugendamt weitergeben, und wann muss ich es? Die Fortbildung erläutert die Befugnisnorm des § 4 KKG, die Schweigepflicht nach § 203 StGB und den Datenschutz in der Kooperation anhand von Fallbeispielen aus Schule, Kita, Beratung und Gesundheitswesen. Sie richtet sich an Fachkräfte, die im Alltag mit Kindern und Familien arbeiten.",
      venueName: "Kreisverwaltung Bad Kreuznach, Sitzungssaal 2",
      venueAddress: "Salinenstraße 47, 55543 Bad Kreuznach",
      venueAccessibility: "Sitzungssaal im 1. Obergeschoss, mit Aufzug erreichbar; barrierefreies WC im Erdgeschoss.",
      capacity: 24,
      defaultQuota: 1,
      registrationOpensAt: day(-5),
      quotaDeadline: day(14),
      registrationClosesAt: day(27),
      status: "published",
      invitationMode: "sectors",
      promotionMode: "offer",
      legalBasis: LEGAL_BASIS,
    },
    {
      id: "evt-kickoff-2026",
      networkId: NET,
      type: "kickoff",
      title: "Auftaktveranstaltung Kinderschutzcluster 9",
      description:
        "Mit der Auftaktveranstaltung startete das Kinderschutzcluster 9: Die Modellkommune Bad Kreuznach und die Partnerkommunen Ludwigshafen und Mainz-Bingen stellten ihre Qualitätsentwicklungsinteressen vor. Gemeinsam wurden die zentralen Themen für die folgenden Werkstätten gesammelt – von der Definition der Begriffe Kindeswohl und Kinderschutz aus Sicht der einzelnen Professionen bis zur stärkeren Einbindung der Eltern in den Hilfeprozess.",
      venueName: "Haus der Familie, Bad Kreuznach",
      venueAddress: "Kurhausstraße 6, 55543 Bad Kreuznach",
      venueAccessibility:
        "Großer Saal im Erdgeschoss, stufenloser Zugang und barrierefreies WC; Induktionsschleife vorhanden.",
      capacity: 80,
      defaultQuota: 2,
      registrationOpensAt: day(-170),
      quotaDeadline: day(-140),
      registrationClosesAt: day(-125),
      redistributedAt: day(-140, 0, 5),
      status: "published",
      invitationMode: "all",
      promotionMode: "offer",
      legalBasis: LEGAL_BASIS,
    },
  ];

  // [days from now, title, topic]: roughly monthly
  const qeTopics: [number, string, string][] = [
    [
      45,
      "Kindeswohl und Kinderschutz – ein gemeinsames Verständnis",
      "Definition der Begriffe Kindeswohl und Kinderschutz aus Sicht der einzelnen Professionen",
    ],
    [
      75,
      "Gefährdungseinschätzung nach § 8a SGB VIII",
      "Gewichtige Anhaltspunkte erkennen, Beratung durch die insoweit erfahrene Fachkraft, Mitteilung an das Jugendamt",
    ],
    [
      105,
      "Kooperation an den Schnittstellen",
      "Verfahrensabläufe zwischen Jugendamt, Gesundheitswesen, Schule, Polizei und Justiz; Informationswege zum ASD",
    ],
    [
      135,
      "Eltern als Expert_innen ihrer Familie",
      "Eltern stärker in den Hilfeprozess einbinden: Haltung, Gesprächsführung und Beteiligung",
    ],
    [
      165,
      "Auf dem Weg zum Kinderschutzplan",
      "Ergebnisse der Werkstätten bündeln, Qualitätsstandards verabschieden und nächste Schritte vereinbaren",
    ],
  ];

  const sessions: (typeof s.eventSessions.$inferInsert)[] = [
    ...qeTopics.map(([offset, title, topic], i) => ({
      id: `ses-qe-${i + 1}`,
      eventId: "evt-qe-werkstatt",
      position: i + 1,
      title: `Werkstatt ${i + 1}: ${title}`,
      topic,
      startsAt: workday(offset, 9),
      endsAt: workday(offset, 13),
    })),
    {
      id: "ses-nk-1",
      eventId: "evt-netzwerkkonferenz",
      position: 1,
      title: "Konferenztag",
      topic:
        "9:30 Uhr Fachvortrag „Kinderschutz als gemeinsame Verantwortung – was gute Kooperation ausmacht“; ab 13:00 Uhr Foren; 15:30 Uhr Abschluss im Plenum",
      startsAt: workday(60, 9),
      endsAt: workday(60, 16),
    },
    {
      id: "ses-ds-1",
      eventId: "evt-datenschutz",
      position: 1,
      title: "Datenschutz und Schweigepflicht im Kinderschutz",
      topic: "§ 4 KKG, § 203 StGB, § 8a SGB VIII: Informationsweitergabe rechtssicher gestalten",
      startsAt: workday(30, 13),
      endsAt: workday(30, 16, 30),
    },
    {
      id: "ses-kickoff-1",
      eventId: "evt-kickoff-2026",
      position: 1,
      title: "Auftakt",
      topic:
        "Vorstellung des Clusters, Qualitätsentwicklungsinteressen der Kommunen, Themensammlung für die Werkstätten",
      startsAt: workday(-120, 10),
      endsAt: workday(-120, 14),
    },
  ];

  const tracks: (typeof s.tracks.$inferInsert)[] = [
    {
      id: "trk-nk-1",
      eventId: "evt-netzwerkkonferenz",
      sessionId: "ses-nk-1",
      title: "Forum 1: Frühe Hilfen und Geburtskliniken",
      description:
        "Wie gelingt der Übergang von der Geburtsklinik in die Frühen Hilfen? Mit Familienhebammen, Kliniksozialdienst und Koordinierungsstellen.",
      capacity: 30,
    },
    {
      id: "trk-nk-2",
      eventId: "evt-netzwerkkonferenz",
      sessionId: "ses-nk-1",
      title: "Forum 2: Kinderschutz in Kita und Schule",
      description:
        "Schutzkonzepte, Gefährdungseinschätzung und die Zusammenarbeit mit dem ASD im pädagogischen Alltag.",
      capacity: 30,
    },
    {
      id: "trk-nk-3",
      eventId: "evt-netzwerkkonferenz",
      sessionId: "ses-nk-1",
      title: "Forum 3: Häusliche Gewalt – Kinder mitdenken",
      description:
        "Polizei, Frauenhaus, Interventionsstelle und Jugendamt zur Situation mitbetroffener Kinder nach einem Polizeieinsatz.",
      capacity: 30,
    },
    {
      id: "trk-nk-4",
      eventId: "evt-netzwerkkonferenz",
      sessionId: "ses-nk-1",
      title: "Forum 4: Medizinischer Kinderschutz und Justiz",
      description:
        "Von der Befunddokumentation bis zum familiengerichtlichen Verfahren: Kinderärzt_innen, Rechtsmedizin, Familiengericht und Staatsanwaltschaft im Gespräch.",
      capacity: 30,
    },
  ];

  const allIds = institutionRows.map((i) => i.id as string);
  const largeQe: Record<string, number> = {
    "inst-jugendamt-kh": 4,
    "inst-beratungsstelle-kh": 3,
  };
  const trainingSectors = new Set(["school", "daycare", "midwifery", "paediatrics", "counselling"]);

  const quotas: Quota[] = [
    ...allIds.map((institutionId) => ({
      eventId: "evt-qe-werkstatt",
      institutionId,
      places: largeQe[institutionId] ?? null,
    })),
    ...allIds.map((institutionId) => ({
      eventId: "evt-netzwerkkonferenz",
      institutionId,
      places: null,
    })),
    ...institutionRows
      .filter((i) => trainingSectors.has(i.sectorKey))
      .map((i) => ({
        eventId: "evt-datenschutz",
        institutionId: i.id as string,
        places: null,
      })),
    ...allIds.map((institutionId) => ({
      eventId: "evt-kickoff-2026",
      institutionId,
      places: null,
    })),
  ];

  // One demo participant without an account: signs in by personal link (README).
  const registrationRows: (typeof s.registrations.$inferInsert)[] = [
    {
      id: "reg-demo-teilnahme",
      // A known ticket code, to type at the door (the browser test of the check-in page does).
      ticketCode: "NAHE2349",
      eventId: "evt-qe-werkstatt",
      institutionId: "inst-kita-regenbogen-kh",
      email: "fachkraft@kita-regenbogen.example",
      name: "Jona Beispiel",
      function: "Erzieher_in, Kinderschutzfachkraft",
      status: "confirmed",
      reasonCode: "within_quota",
      requestedAt: day(-5, 10),
      confirmedAt: day(-5, 10),
      privacyAcknowledgedAt: day(-5, 10),
      createdAt: day(-5, 10),
    },
  ];

  // The quality workshop as the Bad Kreuznach report describes it: some 40 people from over
  // 20 institutions within their quotas, and a few asking for more than their quota.
  const firstNames = [
    "Anna",
    "Bernd",
    "Carla",
    "Deniz",
    "Elif",
    "Frank",
    "Greta",
    "Hakan",
    "Ines",
    "Jan",
    "Katrin",
    "Lars",
    "Mira",
    "Nils",
    "Olga",
    "Paul",
    "Rana",
    "Sven",
    "Tanja",
    "Uwe",
    "Vera",
    "Yusuf",
  ];
  const lastNames = [
    "Albrecht",
    "Becker",
    "Cramer",
    "Dietz",
    "Engel",
    "Fuchs",
    "Graf",
    "Hahn",
    "Iske",
    "Jung",
    "Keller",
    "Lorenz",
    "Maurer",
    "Neumann",
    "Otto",
    "Pohl",
    "Reuter",
    "Sauer",
    "Thiel",
    "Vogt",
    "Winter",
    "Zimmer",
  ];
  const qeAsks: [string, number][] = [
    ["inst-jugendamt-kh", 5],
    ["inst-beratungsstelle-kh", 3],
    ["inst-polizei-kh", 3],
    ["inst-familiengericht-kh", 1],
    ["inst-grundschule-kurpark-kh", 2],
    ["inst-kita-sonnenhof-kh", 2],
    ["inst-kinderarztpraxis-kh", 1],
    ["inst-kinderklinik-kh", 2],
    ["inst-gesundheitsamt-kh", 1],
    ["inst-spz-kh", 1],
    ["inst-frauenhaus-kh", 2],
    ["inst-jugendhilfeverbund-kh", 3],
    ["inst-jobcenter-kh", 1],
    ["inst-kinderschutzbund-kh", 2],
    ["inst-jugendamt-lu", 2],
    ["inst-polizei-lu", 1],
    ["inst-kita-sonnenblume-lu", 2],
    ["inst-familienhebammen-lu", 1],
    ["inst-kreisjugendamt-mz", 3],
    ["inst-erziehungsberatung-mz", 2],
  ];
  const domainOf = (institutionId: string) => `${institutionId.replace(/^inst-/, "")}.example`;
  let person = 0;
  const qeRegistrations: (typeof s.registrations.$inferInsert)[] = qeAsks.flatMap(([institutionId, asks]) => {
    const quota = largeQe[institutionId] ?? 2;
    return Array.from({ length: asks }, (_, k) => {
      const n = person++;
      const first = firstNames[n % firstNames.length];
      const last = lastNames[(n * 7 + Math.floor(n / firstNames.length)) % lastNames.length];
      const at = day(-9 + (n % 8), 8 + (n % 9), (n * 13) % 60);
      const confirmed = k < quota;
      return {
        id: `reg-demo-qe-${String(n + 1).padStart(2, "0")}`,
        eventId: "evt-qe-werkstatt",
        institutionId,
        email: `${first}.${last}@${domainOf(institutionId)}`.toLowerCase(),
        name: `${first} ${last}`,
        function: "Fachkraft",
        status: confirmed ? "confirmed" : "waitlisted",
        reasonCode: confirmed ? "within_quota" : "quota_exhausted",
        requestedAt: at,
        confirmedAt: confirmed ? at : null,
        privacyAcknowledgedAt: at,
        createdAt: at,
      } as const;
    });
  });
  registrationRows.push(...qeRegistrations);

  return {
    registrations: registrationRows,
    network,
    municipalities,
    institutions: institutionRows,
    contactPersons: contactPersonRows,
    accounts,
    roles,
    events,
    sessions,
    tracks,
    quotas,
  };
}
