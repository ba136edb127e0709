import type { Services } from '..';
import { catalog, fmt } from '../i18n';
import type { Meeting } from '../model';
import { renderDocx } from './docx';
import { draftMinutes, type MinutesDraft } from './draft';
import { layoutMinutes } from './layout';
import { renderMarkdown } from './markdown';

export { DOCX_CONTENT_TYPE } from './docx';
export type { ItemMinutes, MinutesDraft } from './draft';
export type { ApprovedMinutes } from './record';
export { MINUTES_LINK_TTL_MS, signMinutesToken, verifyMinutesToken, type MinutesRef } from './link';

type MinutesServices = Pick<Services, 'networks' | 'minutesSources' | 'clock' | 'attendance'>;
const doc = catalog('da').minutes.document;

/** The draft minutes of a meeting, with everything the features have recorded so far. */
export async function draftFor(services: MinutesServices, meeting: Meeting): Promise<MinutesDraft> {
  const network = await services.networks.require(meeting.networkId);
  return draftMinutes({ meeting, network, sources: services.minutesSources, clock: services.clock, attendance: await services.attendance.attendanceOf(meeting) });
}

/** "Referat 2021-06-02.docx" */
export const minutesFileName = (draft: MinutesDraft, extension: 'docx' | 'md'): string => `${fmt(doc.fileName, { date: draft.isoDate })}.${extension}`;

export const minutesDocx = (draft: MinutesDraft): Promise<Buffer> => renderDocx(layoutMinutes(draft), { title: `${doc.heading} – ${draft.title}`, author: draft.organisation });

export const minutesMarkdown = (draft: MinutesDraft): string => renderMarkdown(layoutMinutes(draft));
