import { deadlines } from './da/deadlines';
import { habilitet } from './da/habilitet';
import { meeting } from './da/meeting';
import { minutes } from './da/minutes';
import { planning } from './da/planning';
import { roster } from './da/roster';
import { attendance } from './da/attendance';
import { live } from './da/live';

/**
 * Every user-facing Danish string. Sections per feature; `{name}` placeholders are
 * filled by `fmt`. The English catalog must have exactly the same keys (typed).
 */
export const da = {
  common: {
    appName: 'Referent',
    notOnRoster: 'Hej {name}. Referent betjener medlemmerne af de nationale specialistnetværk, og du står ikke på et netværks medlemsliste. Kontakt netværkets sekretær, hvis det er en fejl.',
    unknownCommand: 'Det forstod jeg ikke. Skriv **hjælp** for at se, hvad jeg kan.',
    didYouMean: 'Det forstod jeg ikke. Mente du **{command}**? Skriv **hjælp** for at se, hvad jeg kan.',
    notAllowed: 'Det kan kun {roles} gøre.',
    noNetwork: 'Denne kanal er ikke knyttet til et specialistnetværk endnu. Formanden eller sekretæren kan skrive **@Referent tilknyt <netværk>**.',
    noNetworkChat: 'En gruppechat kan ikke knyttes til et specialistnetværk. Skriv kommandoen i netværkets kanal (**@Referent …**) eller i din egen chat med mig.',
    languageSet: 'Jeg skriver til dig på dansk fra nu af.',
    severalNetworks: 'Du er medlem af flere netværk ({networks}). Skriv kommandoen i netværkets kanal.',
    noMeeting: 'Netværket har ingen møder endnu.',
    unknownMeeting: 'Mødet "{id}" findes ikke i netværket.',
    badDate: '"{date}" er ikke en dato. Skriv fx **13/1**, **13.1.2027** eller **2027-01-13**.',
    badMeetingRef: '"{ref}" er hverken en dato eller et mødes id. Skriv fx **13/1**, **2027-01-13** eller **pid-2027-01-13**.',
    noMeetingOn: 'Netværket har intet møde den {date}. Møderne er: {dates}.',
    internalError: 'Beklager, noget gik galt. Prøv igen om lidt; fejlen er logget.',
    notSaved: 'Det blev **IKKE** gemt: jeg kan ikke skrive til min database lige nu. Prøv igen senere; fejlen er logget.',
    invalidInput: 'Det kunne ikke bruges: {problems}',
    staleCard: 'Kortet er forældet. Hent det igen.',
    unreachable: 'Jeg kan ikke skrive til {who} endnu: personen skal skrive til mig én gang, eller være med i et team, hvor jeg er tilknyttet.',
    notOnNetwork: 'Du står ikke på dette netværks medlemsliste.',
    channelOnly: '{command} kan kun bruges i en kanal i et team.',
    roles: {
      chair: 'formand',
      'vice-chair': 'næstformand',
      member: 'medlem',
      staff: 'medarbejder',
      secretary: 'sekretær',
    },
    appointedBy: 'udpeget af {body}',
  },
  help: {
    title: 'Referent – kommandoer',
    intro: 'Skriv en kommando i chatten. I netværkets kanal skal du nævne mig først: **@Referent hjælp**.',
    yourRole: 'Du er {role} {network}.',
    /** The role with the preposition Danish uses for it: "medlem af", "formand for". */
    roleIn: {
      chair: 'formand for',
      'vice-chair': 'næstformand for',
      member: 'medlem af',
      staff: 'medarbejder ved',
      secretary: 'sekretær for',
    },
    command: 'Kommando',
    description: 'Beskrivelse',
    commands: {
      help: 'Vis denne oversigt',
      link: 'Knyt denne kanal til et netværk, fx "tilknyt pid"',
      unlink: 'Fjern kanalens tilknytning til netværket',
      language: 'Vælg dit eget sprog: dansk (da) eller engelsk (en)',
    },
  },
  link: {
    linked: 'Kanalen er nu knyttet til **{network}**. Jeg skriver her om møder, habilitet, afstemninger og frister.',
    missingId: 'Skriv netværkets id, fx **tilknyt pid**.',
    unknownNetwork: 'Netværket "{id}" findes ikke.',
    relinkNotAllowed: 'Kanalen er knyttet til **{network}**. Kun det netværks formand, næstformand eller sekretær kan knytte den til et andet netværk.',
    unlinked: 'Kanalen er ikke længere knyttet til **{network}**. Jeg skriver ikke mere her om netværkets møder.',
  },
  welcome: {
    team: 'Hej! Jeg er Referent, specialistnetværkets mødeassistent. Formanden eller sekretæren knytter kanalen til netværket med **@Referent tilknyt <netværk>**. Skriv **@Referent hjælp** for at se, hvad jeg kan.',
    personal: 'Hej! Jeg er Referent, specialistnetværkets mødeassistent. Skriv **hjælp** for at se, hvad jeg kan.',
  },
  habilitet,
  meeting,
  deadlines,
  minutes,
  planning,
  roster,
  attendance,
  live,
};
