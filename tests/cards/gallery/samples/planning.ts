import { randomUUID } from 'node:crypto';
import { GALLERY_NOW, inBothLanguages, type SampleSet } from '../gallery';

/**
 * `møder` as a member and as the secretary (with a cancelled meeting); the meeting form: new,
 * edit, refused; the agenda as its editor sees it; the item form (new, with proposals, locked
 * by an open vote) and the proposal form.
 */
export const samples: SampleSet = ({ cards, example, large }) => {
  const formId = randomUUID();
  const cancelled = { ...large.meeting, id: 'cancelled', cancelled: { at: '2021-05-20T10:00:00+02:00', by: 'x@example.dk' } };
  const past = { ...example.meeting, id: 'past', start: '2021-03-03T13:00:00+01:00', end: '2021-03-03T15:00:00+01:00' };
  return [
    ...inBothLanguages('meetings', 'member', (lang) => cards.meetings({ network: example.network, meetings: [example.meeting], now: GALLERY_NOW, editor: false }, lang)),
    ...inBothLanguages('meetings', 'secretary', (lang) =>
      cards.meetings({ network: large.network, meetings: [past, example.meeting, cancelled], now: GALLERY_NOW, editor: true, notice: 'Mødet er oprettet.' }, lang),
    ),
    ...inBothLanguages('meeting-form', 'new', (lang) => cards.meetingForm({ network: example.network, formId, now: GALLERY_NOW }, lang)),
    ...inBothLanguages('meeting-form', 'edit', (lang) => cards.meetingForm({ network: large.network, meeting: large.meeting, formId, now: GALLERY_NOW }, lang)),
    ...inBothLanguages('meeting-form', 'refused', (lang) =>
      cards.meetingForm({ network: example.network, meeting: example.meeting, formId, now: GALLERY_NOW, notice: 'end: must be after start' }, lang),
    ),
    ...inBothLanguages('agenda', 'editor', (lang) => cards.agenda(example.meeting, example.network, undefined, lang, { editor: true, notice: 'Punktet er tilføjet.' })),
    ...inBothLanguages('agenda', 'editor-largest', (lang) => cards.agenda(large.meeting, large.network, undefined, lang, { editor: true })),
    ...inBothLanguages('agenda-item-form', 'new', (lang) => cards.agendaItemForm({ meeting: example.meeting, formId }, lang)),
    ...inBothLanguages('agenda-item-form', 'edit', (lang) => cards.agendaItemForm({ meeting: example.meeting, item: example.meeting.agenda[2], formId }, lang)),
    ...inBothLanguages('agenda-item-form', 'largest', (lang) =>
      cards.agendaItemForm({ meeting: large.meeting, item: large.meeting.agenda[3], formId, locked: 'Afstemningen er åbnet.' }, lang),
    ),
    ...inBothLanguages('proposal-form', 'new', (lang) => cards.proposalForm({ meeting: example.meeting, item: example.meeting.agenda[2], formId }, lang)),
    ...inBothLanguages('proposal-form', 'edit', (lang) =>
      cards.proposalForm({ meeting: large.meeting, item: large.meeting.agenda[3], proposal: large.meeting.agenda[3].proposals[0], formId, notice: 'patientsPerYear: expected a number' }, lang),
    ),
    ...inBothLanguages('roster', 'member', (lang) => cards.roster({ network: example.network, editor: false }, lang)),
    ...inBothLanguages('roster', 'largest', (lang) => {
      const [first, ...rest] = large.network.members;
      const network = { ...large.network, members: [...rest, { ...first, joinedOn: '2021-05-20' }], formerMembers: [{ ...first, email: 'former@example.dk', leftOn: '2021-05-01' }] };
      return cards.roster({ network, editor: true, notice: 'Medlemmet er tilføjet.' }, lang);
    }),
    ...inBothLanguages('member-form', 'new', (lang) => cards.memberForm({ network: example.network, formId, today: '2021-05-26' }, lang)),
    ...inBothLanguages('member-form', 'edit', (lang) =>
      cards.memberForm({ network: large.network, email: large.network.members[2].email, formId, today: '2021-05-26', notice: 'members[2].name: must not be empty' }, lang),
    ),
    ...inBothLanguages('attendance', 'start', (lang) => cards.attendance({ meeting: example.meeting, network: example.network, absent: new Set(), starting: true }, lang)),
    ...inBothLanguages('attendance', 'largest', (lang) =>
      cards.attendance({ meeting: large.meeting, network: large.network, absent: new Set([large.network.members[2].email]), starting: false, notice: 'Til stede: 14. Afbud: X.' }, lang),
    ),
  ];
};
