/**
 * The vote card of an item. Posted once for everyone (the live tally and a button to open
 * one's own ballot); Teams refreshes it for each eligible member into their own view: their
 * current choice and reason per proposal, changeable until the close. Staff, the secretary
 * and recused members get a read-only view saying why; the chair and the secretary also
 * see who is missing, with a reminder and a close button. Closed, it shows the result.
 */
import { deepFreeze } from '../services/deepFreeze';
import { catalog, fmt, joinAnd, plain } from '../services/i18n';
import { itemLabel } from '../services/meetings';
import type { AgendaItem, Meeting, Network, Proposal } from '../services/model';
import { formatDateTime, type Lang } from '../services/time';
import { CHOICES, REASON_MAX } from '../services/voting/choices';
import { missingVoters, type CastVote, type ProposalTally, type Voter } from '../services/voting/tally';
import type { CastInput, Standing, VoteState } from '../services/voting/voting';
import { meetingLine, nameOf } from './agendaView';
import { shorten } from '../services/text';
import { itemData, proposalFacts } from './itemView';
import type { CardJson, CardRenderer } from './render';
import template from './vote.json';

export interface VoteCardOptions {
  /** Whose card this is; none for the card posted to everyone. */
  viewer?: { standing: Standing; leads: boolean };
  /** A confirmation or outcome of what the viewer just did. */
  notice?: string;
  /** The viewer's refused ballot: shown as they chose, so they fix what was missing rather than choose again. */
  draft?: CastInput[];
  /** Eligible members' Teams user ids (MRIs, "29:…"; ≤ 60), those known: Teams refreshes the card into their own view. */
  userIds: string[];
}

/** Teams refuses cards over 28 KB; stay under it with room to spare. */
export const CARD_BUDGET_BYTES = 27 * 1024;

/** How much free text the card carries: all of it, shortened, or none (names and counts only). */
const DETAILS = ['full', 'short', 'minimal'] as const;
type Detail = (typeof DETAILS)[number];
const SHORT_TEXT = 120;

const LAST_FIT_ITEMS = 1000;
/**
 * The estimate of a more detailed card below counts the text that level adds to the data,
 * not the card elements around it (the shortening note's TextBlock): so much above the
 * budget is still worth a try.
 */
const ESTIMATE_SLACK_BYTES = 512;
const PARTS_PER_PROPOSAL = 64;

/**
 * The vote cards of one App, with what it remembers between them for the App's lifetime:
 * sizes and frozen card parts, never anything a member could see on another's card.
 */
export class VoteCards {
  /**
   * Per item, the detail its last vote card fitted at. The next card starts there, so each
   * click on a large item renders its card once rather than in full first; it holds sizes
   * only, never content. Bounded: the oldest item is forgotten first.
   */
  private readonly lastFit = new Map<string, number>();
  /**
   * Per item object: how much text each level adds to the data of the level below it, by
   * language and vote status (the proposals' facts while open; the reasons, fixed at the
   * close, once closed). The store hands out the same item object until its meeting changes,
   * so a click on a large item does not build a fuller card's data only to find it too big.
   */
  private readonly levelAdds = new WeakMap<AgendaItem, Map<string, number>>();
  /**
   * Per proposal object, while its vote is open: the data of its part of the card, by
   * everything that part shows (language, detail, counts, the viewer's own ballot). Kept
   * frozen, so the renderer binds each once (render.ts): a ballot click changes one
   * proposal's counts and the clicker's own ballot, so a 20-proposal card binds about one
   * part anew instead of twenty. At most PARTS_PER_PROPOSAL each, the least recently used
   * forgotten first.
   */
  private readonly openParts = new WeakMap<Proposal, Map<string, object>>();

  constructor(private readonly renderer: CardRenderer) {}

  /** The card's size as sent (the renderer writes kept parts' JSON once). */
  bytes(card: CardJson): number {
    return Buffer.byteLength(this.renderer.json(card) ?? '', 'utf8');
  }

  card(meeting: Meeting, network: Network, state: VoteState, lang: Lang, options: VoteCardOptions): CardJson {
    const key = `${meeting.id}|${state.item.number}`;
    const keptPart = <T extends object>(proposal: Proposal, shows: string, build: () => T): T => this.keptPart(proposal, shows, build);
    const dataAt = (level: number) => voteData(meeting, network, state, lang, options, DETAILS[level], keptPart);
    const rendered = (level: number, data = dataAt(level)) => {
      const card = this.renderer.render(template, data);
      return { level, data, card, bytes: this.bytes(card) };
    };
    let adds = this.levelAdds.get(state.item);
    if (!adds) this.levelAdds.set(state.item, (adds = new Map()));
    let best = rendered(this.lastFit.get(key) ?? 0);
    // More detail while this card plus the text the next level adds would fit...
    while (best.level > 0 && best.bytes <= CARD_BUDGET_BYTES) {
      const addsKey = `${lang}|${state.vote.status}|${best.level}`;
      let fuller: ReturnType<typeof voteData> | undefined;
      if (!adds.has(addsKey)) {
        fuller = dataAt(best.level - 1);
        adds.set(addsKey, dataBytes(fuller) - dataBytes(best.data));
      }
      if (best.bytes + adds.get(addsKey)! > CARD_BUDGET_BYTES + ESTIMATE_SLACK_BYTES) break;
      const tried = rendered(best.level - 1, fuller);
      if (tried.bytes > CARD_BUDGET_BYTES) break;
      best = tried;
    }
    // ...and less while it does not.
    while (best.bytes > CARD_BUDGET_BYTES && best.level < DETAILS.length - 1) best = rendered(best.level + 1);
    if (!this.lastFit.has(key) && this.lastFit.size >= LAST_FIT_ITEMS) this.lastFit.delete(this.lastFit.keys().next().value!);
    this.lastFit.set(key, best.level);
    return best.card;
  }

  private keptPart<T extends object>(proposal: Proposal, shows: string, build: () => T): T {
    let parts = this.openParts.get(proposal);
    if (!parts) this.openParts.set(proposal, (parts = new Map()));
    let part = parts.get(shows) as T | undefined;
    if (part) parts.delete(shows);
    else if (parts.size >= PARTS_PER_PROPOSAL) parts.delete(parts.keys().next().value!);
    parts.set(shows, (part ??= deepFreeze(build())));
    return part;
  }
}

type KeepPart = <T extends object>(proposal: Proposal, shows: string, build: () => T) => T;

/** The size of a card's data without the catalog: what changes with the detail is its text. */
const dataBytes = (data: ReturnType<typeof voteData>): number => Buffer.byteLength(JSON.stringify({ ...data, t: undefined }), 'utf8');

function voteData(meeting: Meeting, network: Network, state: VoteState, lang: Lang, options: VoteCardOptions, detail: Detail, keptPart: KeepPart) {
  const t = catalog(lang).meeting;
  const v = t.vote;
  const { vote, item, tally } = state;
  const label = itemLabel(meeting, item);
  const closed = vote.status === 'closed';
  const viewer = options.viewer;
  const kind = viewer?.standing.kind;
  const canVote = vote.status === 'open' && kind === 'voter';
  const leads = vote.status === 'open' && Boolean(viewer?.leads);
  const names = (voters: Voter[]) => joinAnd(lang, voters.map((x) => x.name));
  const reasonText = (reason: string | undefined) => (detail === 'minimal' || !reason ? '' : plain(detail === 'short' ? shorten(reason, SHORT_TEXT) : reason));
  const named = (votes: CastVote[]) => votes.map((x) => (reasonText(x.reason) ? fmt(v.named, { name: x.name, reason: reasonText(x.reason) }) : x.name));
  const missing = missingVoters(tally);

  const choices = CHOICES.map((c) => ({ title: v.choices[c], value: c }));
  const proposals = tally.proposals.map((p: ProposalTally) => {
    const proposal = item.proposals.find((x) => x.id === p.proposalId);
    const mine = viewer ? p.votes.find((x) => x.email === viewer.standing.member.email) : undefined;
    const drafted = options.draft?.find((x) => x.proposalId === p.proposalId);
    const part = () => {
      const facts = proposal && detail !== 'minimal' ? proposalFacts(proposal, lang, detail === 'short' ? SHORT_TEXT : Infinity) : [];
      const mineText = mine ? fmt(mine.reason ? v.yourVoteWithReason : v.yourVote, { choice: v.choices[mine.choice], reason: reasonText(mine.reason) }) : v.notVotedYet;
      const reservations = closed ? named(p.votes.filter((x) => x.choice === 'reservation')) : [];
      const objections = closed ? named(p.votes.filter((x) => x.choice === 'disagree')) : [];
      return {
        heading: fmt(t.item.proposalHeading, { number: p.number, title: p.title }),
        facts,
        hasFacts: facts.length > 0,
        result: closed ? (p.consensus ? v.consensus : v.noConsensus) : '',
        tally: fmt(v.tally, p.counts),
        participation: fmt(v.participation, { participation: p.participation, eligible: p.eligible, needed: p.needed }),
        // A voter who can no longer change their vote still sees what they chose.
        mine: kind === 'voter' && !canVote ? mineText : '',
        ballot: canVote,
        choiceId: `choice-${p.proposalId}`,
        reasonId: `reason-${p.proposalId}`,
        choiceLabel: fmt(v.choiceLabel, { number: p.number }),
        reasonLabel: fmt(v.reasonLabel, { number: p.number, max: REASON_MAX }),
        choices,
        reasonMax: REASON_MAX,
        choice: drafted?.choice ?? mine?.choice ?? '',
        reason: drafted ? (drafted.reason ?? '') : (mine?.reason ?? ''),
        reservationsHeading: v.reservations,
        reservations,
        hasReservations: reservations.length > 0,
        objectionsHeading: v.objections,
        objections,
        hasObjections: objections.length > 0,
        nonVoters: closed && p.nonVoters.length ? fmt(v.nonVoters, { names: names(p.nonVoters) }) : '',
      };
    };
    // Closed, a part names voters and reasons; it is built afresh (a closed card is drawn once per member).
    if (closed || !proposal) return part();
    const shows = [lang, detail, vote.status, kind, canVote, p.number, ...CHOICES.map((c) => p.counts[c]), p.participation, p.eligible, p.needed, mine?.choice, mine?.reason, drafted?.choice, drafted?.reason];
    return keptPart(proposal, JSON.stringify(shows), part);
  });

  const readOnly =
    kind === 'nonVoter' && viewer
      ? fmt(v.readOnlyStaff, { role: catalog(lang).common.roles[viewer.standing.member.role] })
      : kind === 'recused'
        ? fmt(v.readOnlyRecused, { item: label })
        : '';
  return {
    t,
    heading: fmt(v.heading, { item: label, title: item.title }),
    meetingLine: meetingLine(meeting, lang),
    status: closed
      ? fmt(v.statusClosed, { at: formatDateTime(new Date(vote.closedAt ?? vote.openedAt), lang), name: nameOf(network, vote.closedBy ?? '') })
      : fmt(v.statusOpen, { voted: tally.eligible.length - missing.length, eligible: tally.eligible.length }),
    notice: options.notice ?? '',
    readOnly,
    proposals,
    recused: tally.recused.length ? fmt(v.recused, { names: names(tally.recused) }) : '',
    missing: leads ? (missing.length ? fmt(v.missing, { count: missing.length, names: names(missing) }) : v.allVoted) : '',
    shortened: detail === 'full' ? '' : v.shortened,
    canVote,
    remindTitle: leads && missing.length ? fmt(v.remind, { count: missing.length }) : '',
    canClose: leads,
    // A closed vote has no ballot left to show: its button only fetches the card again.
    viewTitle: viewer || closed ? v.refresh : v.view,
    closeConfirm: fmt(v.closeConfirm, { voted: tally.eligible.length - missing.length, eligible: tally.eligible.length }),
    data: itemData(meeting, item),
    userIds: options.userIds,
  };
}
