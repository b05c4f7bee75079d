// The second, small demo network: the "Leipziger Netzwerk für Kinderschutz" from the seeds'
// project description. It shows several networks on one installation: its own slug,
// directory and event, and one person with roles in both networks (the switch in the header).
import { berlinDayAt } from "../lib/time";
import type * as s from "./schema";

const NET = "net-leipzig";
const LE = "mun-leipzig";

type Institution = typeof s.institutions.$inferInsert;

const inst = (row: Omit<Institution, "networkId" | "municipalityId" | "city">): Institution => ({
  networkId: NET,
  municipalityId: LE,
  city: "Leipzig",
  ...row,
});

const institutions: Institution[] = [
  inst({
    id: "inst-le-asd",
    name: "Amt für Jugend und Familie Leipzig – Allgemeiner Sozialdienst",
    sectorKey: "youth_office",
    street: "Naumburger Straße 26",
    postalCode: "04229",
    email: "asd@jugendamt-leipzig.example",
    phone: "0341 000-4100",
    reachability: "Mo–Fr 8:00–18:00 Uhr; Kinderschutz-Hotline rund um die Uhr.",
    offers:
      "Schutzauftrag nach § 8a SGB VIII, Beratung von Familien in Krisen, Ansprechperson für Mitteilungen der Netzwerkpartner bei gewichtigen Anhaltspunkten.",
  }),
  inst({
    id: "inst-le-gesundheitsamt",
    name: "Gesundheitsamt Leipzig – Kinder- und Jugendärztlicher Dienst",
    sectorKey: "health_office",
    street: "Friedrich-Ebert-Straße 19a",
    postalCode: "04109",
    email: "kjaed@gesundheitsamt-leipzig.example",
    phone: "0341 000-4200",
    offers: "Schuleingangsuntersuchungen, Beratung von Kitas und Schulen, aufsuchende Familienhebammen.",
  }),
  inst({
    id: "inst-le-polizei",
    name: "Polizeidirektion Leipzig – Fachdienst Prävention",
    sectorKey: "police",
    street: "Dimitroffstraße 1",
    postalCode: "04107",
    email: "praevention.pd-l@polizei-sachsen.example",
    phone: "0341 000-4300",
  }),
  inst({
    id: "inst-le-uniklinik",
    name: "Universitätsklinikum Leipzig – Kinderschutzgruppe",
    sectorKey: "clinic",
    street: "Liebigstraße 20a",
    postalCode: "04103",
    email: "kinderschutzgruppe@uniklinik-leipzig.example",
    phone: "0341 000-4400",
    offers: "Interdisziplinäre Kinderschutzgruppe, medizinische Diagnostik bei Verdacht auf Misshandlung.",
  }),
  inst({
    id: "inst-le-kita-sonnenschein",
    name: "Kita Sonnenschein Leipzig-Grünau",
    sectorKey: "daycare",
    street: "Stuttgarter Allee 14",
    postalCode: "04209",
    email: "kita.sonnenschein@kitas-leipzig.example",
  }),
  inst({
    id: "inst-le-hebammen",
    name: "Familienhebammen im Netzwerk Frühe Hilfen Leipzig",
    sectorKey: "midwifery",
    street: "Georg-Schumann-Straße 105",
    postalCode: "04155",
    email: "familienhebammen@fruehehilfen-leipzig.example",
  }),
  inst({
    id: "inst-le-beratung",
    name: "Erziehungs- und Familienberatungsstelle Leipzig-Ost",
    sectorKey: "counselling",
    street: "Eisenbahnstraße 66",
    postalCode: "04315",
    email: "beratung-ost@efb-leipzig.example",
  }),
  inst({
    id: "inst-le-kinderschutzbund",
    name: "Deutscher Kinderschutzbund Ortsverband Leipzig",
    sectorKey: "child_protection_association",
    street: "Kurt-Eisner-Straße 9",
    postalCode: "04275",
    email: "info@kinderschutzbund-leipzig.example",
  }),
];

export function demoLeipzig(now: Date) {
  const day = (n: number, h = 9, m = 0): Date => berlinDayAt(now, n, h, m);
  const network: typeof s.networks.$inferInsert = {
    id: NET,
    slug: "leipzig",
    name: "Leipziger Netzwerk für Kinderschutz",
    state: "Sachsen",
    description:
      "Das Leipziger Netzwerk für Kinderschutz verdichtet das Netzwerk aller Institutionen, die für Kinder und Familien Leistungen im Gesundheits-, Sozial-, Jugendhilfe- und Schulwesen erbringen: mit einem standardisierten Informationssystem zwischen den Netzwerkpartnern, einer vernetzten Angebots- und Kontaktübersicht und einrichtungsinternen Verfahrensstandards zum Umgang mit Kindeswohlgefährdung.",
    privacyNotice:
      "Verantwortlich ist die Stadt Leipzig, Amt für Jugend und Familie – Netzwerkkoordination Kinderschutz, koordination@netzwerk-kinderschutz-leipzig.example. Wir verarbeiten Ihren Namen, Ihre dienstliche E-Mail-Adresse, Ihre Einrichtung und Funktion sowie Ihre Anwesenheit, um Ihre Teilnahme an Veranstaltungen des Netzwerks zu organisieren (Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 KKG). Personenbezogene Daten werden zwölf Monate nach der letzten Veranstaltung gelöscht oder anonymisiert. Sie haben das Recht auf Auskunft, Berichtigung, Löschung und Beschwerde bei der Sächsischen Datenschutz- und Transparenzbeauftragten.",
    retentionMonths: 12,
  };
  const municipalities: (typeof s.municipalities.$inferInsert)[] = [
    { id: LE, networkId: NET, name: "Stadt Leipzig", role: "model" },
  ];
  const accounts: (typeof s.accounts.$inferInsert)[] = [
    {
      id: "acc-organiser-leipzig",
      email: "koordination@netzwerk-kinderschutz-leipzig.example",
      displayName: "Netzwerkkoordination Leipziger Netzwerk für Kinderschutz",
      locale: "de",
    },
    {
      // Works for the Kinderschutzbund in both regions: a contact in each network.
      id: "acc-kinderschutzbund",
      email: "fachberatung@kinderschutzbund.example",
      displayName: "Jana Brückner",
      locale: "de",
    },
  ];
  const roles: (typeof s.roles.$inferInsert)[] = [
    { id: "role-organiser-leipzig", accountId: "acc-organiser-leipzig", networkId: NET, role: "organiser" },
    {
      id: "role-kinderschutzbund-le",
      accountId: "acc-kinderschutzbund",
      networkId: NET,
      role: "institution_contact",
      institutionId: "inst-le-kinderschutzbund",
    },
    {
      id: "role-kinderschutzbund-kh",
      accountId: "acc-kinderschutzbund",
      networkId: "net-kc9",
      role: "institution_contact",
      institutionId: "inst-kinderschutzbund-kh",
    },
  ];
  const contactPersons: (typeof s.contactPersons.$inferInsert)[] = [
    {
      id: "cp-le-asd-1",
      institutionId: "inst-le-asd",
      name: "Ronny Wagner",
      function: "Sachgebietsleitung ASD",
      email: "r.wagner@jugendamt-leipzig.example",
      phone: "",
      isPrimary: true,
    },
    {
      id: "cp-le-ksb-1",
      institutionId: "inst-le-kinderschutzbund",
      name: "Jana Brückner",
      function: "Fachberatung",
      email: "fachberatung@kinderschutzbund.example",
      phone: "",
      isPrimary: true,
    },
  ];
  const event: typeof s.events.$inferInsert = {
    id: "evt-le-infosystem",
    networkId: NET,
    type: "workshop",
    title: "Werkstatt: Das Informationssystem zwischen den Netzwerkpartnern",
    description:
      "Wie erreicht eine Fachkraft im Risiko- oder Gefährdungsfall schnell den ASD, unabhängig davon, wer gerade Dienst hat? In der Werkstatt prüfen die Netzwerkpartner die Informationswege und verfeinern den gemeinsamen Standard.",
    venueName: "Neues Rathaus Leipzig, Raum 259",
    venueAddress: "Martin-Luther-Ring 4–6, 04109 Leipzig",
    venueAccessibility: "Aufzug am Eingang Lotterstraße, barrierefreies WC im 2. Obergeschoss.",
    capacity: 30,
    defaultQuota: 3,
    registrationOpensAt: day(-7),
    quotaDeadline: day(18),
    registrationClosesAt: day(33),
    status: "published",
    invitationMode: "all",
    promotionMode: "offer",
    legalBasis: "Art. 6 Abs. 1 lit. e DSGVO i. V. m. § 3 KKG",
  };
  const sessions: (typeof s.eventSessions.$inferInsert)[] = [
    {
      id: "ses-le-infosystem-1",
      eventId: event.id as string,
      position: 1,
      title: "Werkstatt",
      topic: "Informationswege zum ASD im Risiko- und Gefährdungsfall",
      startsAt: day(40, 9),
      endsAt: day(40, 13),
    },
  ];
  const quotas: (typeof s.quotas.$inferInsert)[] = institutions.map((i) => ({
    eventId: event.id as string,
    institutionId: i.id as string,
    places: null,
  }));
  return { network, municipalities, institutions, accounts, roles, contactPersons, event, sessions, quotas };
}
