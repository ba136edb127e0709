import type { Widen } from '../widen';
import type { minutes as da } from '../da/minutes';

/** English strings of the minutes feature; same keys as the Danish ones. */
export const minutes: Widen<typeof da> = {
  commands: {
    minutes: 'Draft the minutes of the meeting as a Word document (chair and secretary)',
  },
  usage: '[meeting id]',
  card: {
    title: 'Draft minutes',
    items: '{count} items on the agenda',
    nothingRecorded: 'No decisions, votes or tasks have been recorded under the items yet.',
    more: '… and {count} more in the minutes',
    download: 'Download minutes (.docx)',
    validFor: 'The link works for 24 hours. The draft is generated afresh each time it is downloaded.',
  },
  document: {
    heading: 'Minutes',
    date: 'Date',
    unit: 'Unit',
    caseworker: 'Caseworker',
    caseNumber: 'Case no.',
    documentNumber: 'Doc. no.',
    meetingTime: 'Meeting date',
    place: 'Place',
    chair: 'Chair of the meeting',
    secretary: 'Secretary',
    agenda: 'Agenda',
    item: 'Item',
    duration: 'Approx. time',
    activity: 'Activity',
    minutes: '{minutes} min',
    participants: 'Participants',
    members: 'Members',
    staff: 'Also present',
    participant: '{name}, {role}, {appointedBy}',
    staffMember: '{name}, {role}, {organisation}',
    recommendations: 'Recommendation',
    referat: 'Minutes',
    problem: 'Problem',
    solution: 'Solution',
    nextSteps: 'Next steps',
    attachments: 'Attachments',
    eventuelt: 'Any other business',
    nothingRaised: 'No matters were raised under any other business.',
    fileName: 'Minutes {date}',
  },
};
