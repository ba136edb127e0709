/**
 * The card gallery (a test fixture, not shipped): every card the bot sends, in each of its states, in Danish and English,
 * rendered with realistic data — the example network and meeting, and a network at the
 * largest realistic sizes (15 members, 20 agenda items, 10 proposals on one item).
 * `npm run cards -- <dir>` writes it as one JSON file per card, state and language; the
 * tests validate every sample against the Adaptive Cards 1.5 schema and render it.
 *
 * ADDING YOUR FEATURE'S CARDS — one new file, nothing else to edit:
 *   tests/cards/gallery/samples/<feature>.ts exports `samples`, a SampleSet. It gets services on a scratch
 *   store of its own (both networks and meetings imported, clock a week before the example
 *   meeting) and returns the samples; do any async set-up (record answers, open a vote...)
 *   before returning, so each render() only binds a template:
 *
 *     import { inBothLanguages, type SampleSet } from '../gallery';
 *     export const samples: SampleSet = async ({ services, example, large }) => {
 *       const status = await services.habilitet.status(example.meeting);   // your own service
 *       return [
 *         ...inBothLanguages('habilitet-status', 'open', (lang) => statusCard(status, lang)),
 *         ...inBothLanguages('habilitet-status', 'largest', (lang) => statusCard(bigStatus, lang)),
 *       ];
 *     };
 *
 *   `name` is the card (its template's name), `state` what it shows ("ask", "closed",
 *   "largest"...). Every file in samples/ is picked up, in name order. A card built
 *   inside a command handler can be sampled through the real handler: cardsFromCommand().
 */
import { accessSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command, CommandContext } from '../../../bot/commands/command';
import { createLinks } from '../../../bot/links';
import { createLogger } from '../../../bot/log';
import type { TurnInfo } from '../../../bot/turn';
import { createServices, type Services } from '../../../services';
import { catalog } from '../../../services/i18n';
import { ManualClock } from '../../../services/clock';
import { canVote, type Meeting, type Member, type Network } from '../../../services/model';
import { EmbeddedStore } from '../../../services/store/embedded';
import type { Lang } from '../../../services/time';
import { exampleImports, largeImports } from './data';
import { createCards, type Cards } from '../../../cards/cards';
import type { CardJson } from '../../../cards/render';

export interface CardSample {
  /** The card, e.g. "habilitet-prompt". */
  name: string;
  /** What it shows, e.g. "ask", "answered-yes", "largest". */
  state: string;
  lang: Lang;
  render(): CardJson;
}

export const LANGS: readonly Lang[] = ['da', 'en'];

/** A week before the example meeting, as in the bot tests. */
export const GALLERY_NOW = new Date('2021-05-26T08:00:00Z');

export interface Fixture {
  network: Network;
  meeting: Meeting;
}

export interface GalleryContext {
  services: Services;
  /** The cards, as the App has them. */
  cards: Cards;
  clock: ManualClock;
  /** The example network (11 members) and its meeting of 2 June 2021. */
  example: Fixture;
  /** 15 members, 20 agenda items, item 3 with 10 proposals, tasks on item 6. */
  large: Fixture;
}

export type SampleSet = (ctx: GalleryContext) => CardSample[] | Promise<CardSample[]>;

/** The fixture's first member with this role. */
export function byRole(fixture: Fixture, role: Member['role']): Member {
  const member = fixture.network.members.find((m) => m.role === role);
  if (!member) throw new Error(`no ${role} in ${fixture.network.id}`);
  return member;
}

/** The fixture's voting members, in roster order. */
export const votersOf = (fixture: Fixture): Member[] => fixture.network.members.filter((m) => canVote(m.role));

/** The same card and state in Danish and in English. */
export function inBothLanguages(name: string, state: string, render: (lang: Lang) => CardJson): CardSample[] {
  return LANGS.map((lang) => ({ name, state, lang, render: () => render(lang) }));
}

/** A stable, made-up Entra object id for a member, for cards that refresh per user. */
export function aadIdOf(email: string): string {
  let h = 0x811c9dc5;
  for (const ch of email) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const hex = h.toString(16).padStart(8, '0');
  return `${hex}-0000-4000-8000-${hex}${hex.slice(0, 4)}`;
}

/** A stable, made-up Teams user id (MRI, "29:…") for a member: what a card's refresh.userIds names. */
export const teamsUserIdOf = (email: string): string => `29:${aadIdOf(email)}`;

const SAMPLES_DIR = join(__dirname, 'samples');

/** Every samples/<feature>.ts, in name order. */
function sampleSets(): { file: string; samples: SampleSet }[] {
  return readdirSync(SAMPLES_DIR)
    .filter((f) => f.endsWith('.ts'))
    .sort()
    .map((file) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- discovery lets features add a file without editing this one
      const mod = require(join(SAMPLES_DIR, file)) as { samples?: unknown };
      if (typeof mod.samples !== 'function') throw new Error(`samples/${file} must export \`samples\`, a SampleSet`);
      return { file, samples: mod.samples as SampleSet };
    });
}

async function importFixture(services: Services, imports: { network: unknown; meeting: unknown }): Promise<Fixture> {
  const { network } = await services.networks.import(imports.network);
  const { meeting } = await services.meetings.import(imports.meeting);
  return { network, meeting };
}

/** Memory-backed where there is one: the scratch store's fsyncs would double the gallery's time. */
function scratchRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

/**
 * Runs one sample set on a scratch store of its own (so no feature sees another's state),
 * in a temporary folder removed afterwards: render() must not touch the store.
 */
async function runSampleSet({ file, samples }: { file: string; samples: SampleSet }, cards: Cards): Promise<CardSample[]> {
  const dir = mkdtempSync(join(scratchRoot(), 'referent-gallery-'));
  const store = new EmbeddedStore(dir);
  try {
    const clock = new ManualClock(GALLERY_NOW);
    const services = createServices(store, clock);
    const example = await importFixture(services, exampleImports());
    const large = await importFixture(services, largeImports());
    const made = await samples({ services, cards, clock, example, large });
    if (!made.length) throw new Error(`samples/${file} returned no samples`);
    return made;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every sample of every feature, bound with `cards`; names (card, state, language) are unique. */
export async function gallery(cards: Cards = createCards()): Promise<CardSample[]> {
  const all: CardSample[] = [];
  for (const set of sampleSets()) all.push(...(await runSampleSet(set, cards)));
  const seen = new Set<string>();
  for (const s of all) {
    const id = sampleFileName(s);
    if (seen.has(id)) throw new Error(`two gallery samples are named ${id}`);
    seen.add(id);
  }
  return all;
}

const unavailable = (what: string) =>
  new Proxy({}, {
    get(_, key) {
      throw new Error(`the gallery has no ${what} (${String(key)}); build the card from the services instead`);
    },
  });

/**
 * For a card built inside a command handler: runs the real handler as `email` typing the
 * command with `args`, and returns the cards it replied with (texts are ignored). There is
 * no Teams turn or messenger; download links point at https://referent.example.dk.
 */
export async function cardsFromCommand(
  ctx: GalleryContext,
  command: Command,
  as: { fixture: Fixture; email: string; lang: Lang; args?: string[]; scope?: TurnInfo['scope'] },
): Promise<CardJson[]> {
  const { network } = as.fixture;
  const member = network.members.find((m) => m.email === as.email);
  if (!member) throw new Error(`${as.email} is not on ${network.id}`);
  const cards: CardJson[] = [];
  await command.handler({
    lang: as.lang,
    t: catalog(as.lang),
    scope: as.scope ?? 'personal',
    conversationId: 'gallery',
    turn: unavailable('Teams turn') as CommandContext['turn'],
    messenger: unavailable('messenger') as CommandContext['messenger'],
    services: ctx.services,
    cards: ctx.cards,
    habilitetPosts: unavailable('habilitet round') as CommandContext['habilitetPosts'],
    links: createLinks({ publicUrl: 'https://referent.example.dk', linkSecret: 'gallery-only-link-secret-0123456789' }, ctx.clock),
    log: createLogger('silent'),
    sender: { tenantId: 'gallery', aadObjectId: aadIdOf(member.email), teamsUserId: teamsUserIdOf(member.email), email: member.email, name: member.name, memberships: [{ network, member }] },
    network,
    member,
    args: as.args ?? [],
    reply: async () => undefined,
    replyCard: async (card) => {
      cards.push(card);
      return undefined;
    },
  });
  return cards;
}

/** "habilitet-prompt.ask.da.json" */
export const sampleFileName = (s: Pick<CardSample, 'name' | 'state' | 'lang'>): string => `${s.name}.${s.state}.${s.lang}.json`;
