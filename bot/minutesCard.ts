import type { Cards } from '../cards/cards';
import type { CardJson } from '../cards/render';
import type { Services } from '../services';
import { mayLead } from '../services/agenda/leading';
import type { Meeting, Member } from '../services/model';
import type { Lang } from '../services/time';
import type { Links } from './links';

/**
 * The card of a meeting's minutes with a signed link to the Word document: the approved minutes
 * once approved, else the draft. The leading roles also get the comment round and its buttons.
 */
export async function minutesCardFor(services: Services, cards: Cards, links: Links, meeting: Meeting, lang: Lang, viewer?: Member, notice?: string): Promise<CardJson> {
  const network = await services.networks.require(meeting.networkId);
  const { draft, approved } = await services.minutes.current(meeting);
  const lead = viewer && mayLead(viewer) ? { round: await services.minutes.round(meeting) } : undefined;
  return cards.minutes(
    {
      meeting,
      network,
      draft,
      url: links.minutesDocx({ networkId: meeting.networkId, meetingId: meeting.id }),
      ...(approved && { approved: { at: approved.approvedAt, by: approved.approvedBy } }),
      lead,
      now: services.clock.now(),
      notice,
    },
    lang,
  );
}
