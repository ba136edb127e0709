import type { Catalog } from './index';
import { deadlines } from './en/deadlines';
import { habilitet } from './en/habilitet';
import { meeting } from './en/meeting';
import { minutes } from './en/minutes';
import { planning } from './en/planning';
import { roster } from './en/roster';
import { attendance } from './en/attendance';
import { live } from './en/live';

/** Every user-facing English string; same keys as the Danish catalog. */
export const en: Catalog = {
  common: {
    appName: 'Referent',
    notOnRoster: "Hello {name}. Referent serves the members of the national specialist networks, and you are not on a network's roster. Please contact the network's secretary if this is a mistake.",
    unknownCommand: "I didn't understand that. Type **help** to see what I can do.",
    didYouMean: "I didn't understand that. Did you mean **{command}**? Type **help** to see what I can do.",
    notAllowed: 'Only {roles} can do that.',
    noNetwork: 'This channel is not linked to a specialist network yet. The chair or secretary can type **@Referent link <network>**.',
    noNetworkChat: "A group chat cannot be linked to a specialist network. Please use the command in the network's channel (**@Referent …**) or in your own chat with me.",
    languageSet: 'I will write to you in English from now on.',
    severalNetworks: "You are a member of several networks ({networks}). Please use the command in the network's channel.",
    noMeeting: 'The network has no meetings yet.',
    unknownMeeting: 'The meeting "{id}" does not exist in the network.',
    badDate: '"{date}" is not a date. Write e.g. **13/1**, **13.1.2027** or **2027-01-13**.',
    badMeetingRef: '"{ref}" is neither a date nor a meeting id. Write e.g. **13/1**, **2027-01-13** or **pid-2027-01-13**.',
    noMeetingOn: 'The network has no meeting on {date}. Its meetings are: {dates}.',
    internalError: 'Sorry, something went wrong. Please try again shortly; the error has been logged.',
    notSaved: 'That was **NOT** saved: I cannot write to my database right now. Please try again later; the error has been logged.',
    invalidInput: 'That could not be used: {problems}',
    staleCard: 'This card is out of date. Please fetch it again.',
    unreachable: 'I cannot write to {who} yet: they must write to me once, or be in a team where I am linked.',
    notOnNetwork: "You are not on this network's roster.",
    channelOnly: '{command} can only be used in a channel of a team.',
    roles: {
      chair: 'chair',
      'vice-chair': 'vice-chair',
      member: 'member',
      staff: 'staff',
      secretary: 'secretary',
    },
    appointedBy: 'appointed by {body}',
  },
  help: {
    title: 'Referent – commands',
    intro: "Type a command in the chat. In the network's channel, mention me first: **@Referent help**.",
    yourRole: 'You are {role} {network}.',
    roleIn: {
      chair: 'the chair of',
      'vice-chair': 'the vice-chair of',
      member: 'a member of',
      staff: 'staff of',
      secretary: 'the secretary of',
    },
    command: 'Command',
    description: 'Description',
    commands: {
      help: 'Show this overview',
      link: 'Link this channel to a network, e.g. "link pid"',
      unlink: "Remove this channel's link to its network",
      language: 'Choose your own language: Danish (da) or English (en)',
    },
  },
  link: {
    linked: 'This channel is now linked to **{network}**. I will post about meetings, impartiality, votes and deadlines here.',
    missingId: "Type the network's id, e.g. **link pid**.",
    unknownNetwork: 'The network "{id}" does not exist.',
    relinkNotAllowed: "This channel is linked to **{network}**. Only that network's chair, vice-chair or secretary can link it to another network.",
    unlinked: "This channel is no longer linked to **{network}**. I will not post about the network's meetings here any more.",
  },
  welcome: {
    team: "Hello! I'm Referent, the specialist network's meeting assistant. The chair or secretary links this channel to the network with **@Referent link <network>**. Type **@Referent help** to see what I can do.",
    personal: "Hello! I'm Referent, the specialist network's meeting assistant. Type **help** to see what I can do.",
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
