import { randomUUID } from 'node:crypto';
import { GALLERY_NOW, inBothLanguages, type SampleSet } from '../gallery';

/** `møder` as a member and as the secretary (with a cancelled meeting), and the meeting form: new, edit, refused. */
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
  ];
};
