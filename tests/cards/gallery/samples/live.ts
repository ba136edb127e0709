import { inBothLanguages, type SampleSet } from '../gallery';

/**
 * A meeting held in Teams: the agenda in its chat before it is linked (with the button that
 * links it) and once it runs (times from its late start); the attendance card from who joined;
 * the card posted when it ends, by Teams' end and by the sweep, nothing open and everything long.
 */
export const samples: SampleSet = ({ cards, example, large }) => {
  const lateStart = new Date('2021-06-02T11:07:00Z');
  const reached = (f: typeof example, count: number) => f.meeting.agenda.slice(0, count).map((i) => `Pkt. ${i.number}/2021 ${i.title}`);
  return [
    ...inBothLanguages('agenda', 'teams-unlinked', (lang) => cards.agenda(example.meeting, example.network, undefined, lang, { linkable: true })),
    ...inBothLanguages('agenda', 'teams-running', (lang) => cards.agenda(example.meeting, example.network, example.meeting.agenda[0], lang, { clockFrom: lateStart, notice: 'Mødet startede kl. 13.07. Uret kører: punkternes tider regnes fra starten.' })),
    ...inBothLanguages('attendance', 'teams-joined', (lang) =>
      cards.attendance(
        {
          meeting: example.meeting,
          network: example.network,
          absent: new Set([example.network.members[3].email]),
          starting: false,
          joined: new Map(example.network.members.slice(0, 3).map((m, i) => [m.email, new Date(Date.UTC(2021, 5, 2, 11, i))])),
        },
        lang,
      ),
    ),
    ...inBothLanguages('meeting-ended', 'teams', (lang) =>
      cards.meetingEnded({ meeting: example.meeting, endedAt: new Date('2021-06-02T12:58:00Z'), endedBy: 'teams', handled: reached(example, 5), openVotes: [], tasks: ['Udfyld Skema 2: Regional kortlægning'] }, lang),
    ),
    ...inBothLanguages('meeting-ended', 'largest', (lang) =>
      cards.meetingEnded({ meeting: large.meeting, endedAt: new Date('2021-06-02T14:00:00Z'), endedBy: 'sweep', handled: reached(large, large.meeting.agenda.length), openVotes: reached(large, 20), tasks: reached(large, 20).map((t) => `${t} — ${'opgave '.repeat(30)}`) }, lang),
    ),
  ];
};
