import type { Cards } from '../cards/cards';
import type { CardJson } from '../cards/render';
import type { Services } from '../services';
import { draftFor } from '../services/minutes';
import type { Meeting } from '../services/model';
import type { Lang } from '../services/time';
import type { Links } from './links';

/** The summary card of a meeting's draft minutes, with a signed link to the Word document. */
export async function minutesCardFor(services: Services, cards: Cards, links: Links, meeting: Meeting, lang: Lang): Promise<CardJson> {
  const draft = await draftFor(services, meeting);
  return cards.minutes(meeting, draft, links.minutesDocx({ networkId: meeting.networkId, meetingId: meeting.id }), lang);
}
