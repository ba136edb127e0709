/**
 * Brings a store written by an earlier version to the current shape, once, before anything
 * reads it: the bot and the CLI run this right after opening the store. Every step can run
 * again after a crash part-way, and a marker document makes later starts skip it.
 */
import type { Services } from '.';
import { meetingPartition } from './meetings';
import { attachmentOfLine, type Attachment } from './model';
import { listWith, PEOPLE, personKey, personOr, type ContactDoc, type PersonDoc } from './people';
import { ConflictError, updateDoc, type Store } from './store/store';
import type { Lang } from './time';

export interface MigrationLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

type Deps = Pick<Services, 'store' | 'networks' | 'meetings' | 'clock'>;

/** One change of shape; the marker document named by `id` records that it ran, with what `run` returns. */
interface Step {
  id: string;
  run(deps: Deps, log: MigrationLog): Promise<Record<string, number>>;
}

/**
 * Before meeting state was partitioned under its network, it was kept in a partition named
 * by the meeting id alone. These kinds lived there (the habilitet ones under these names).
 */
export const LEGACY_MEETING_KINDS = ['agendaState', 'itemNotes', 'vote', 'ballot', 'habilitet-round', 'habilitet-answer'] as const;

/**
 * Moves each meeting's state from its old partition (the meeting id) to its network's
 * (`meetingPartition`) and records which network owns each meeting id. A meeting id that two
 * networks imported before ids were owned goes to the first network by id; its old state
 * with it, since it cannot be told apart. The other network's meeting keeps its agenda but
 * none of that state; both are named in the log.
 */
const meetingPartitions: Step = {
  id: 'meeting-partitions',
  async run({ store, networks, meetings }, log) {
    let moved = 0;
    for (const network of await networks.list()) {
      for (const meeting of await meetings.list(network.id)) {
        const owner = (await meetings.ownerOf(meeting.id)) ?? (await meetings.claim(meeting));
        if (owner !== network.id) {
          log.warn({ meeting: meeting.id, owner, other: network.id }, 'two networks have a meeting with this id: its votes, notes and habilitet stay with the owner');
          continue;
        }
        for (const kind of LEGACY_MEETING_KINDS) {
          for (const doc of await store.list(kind, meeting.id)) {
            try {
              await store.create({ kind, pk: meetingPartition(meeting), id: doc.id, data: doc.data, dueAt: doc.dueAt });
            } catch (err) {
              // Moved before a crash, and the old copy not yet deleted: the moved one stands.
              if (!(err instanceof ConflictError)) throw err;
            }
            await store.delete({ kind, pk: meeting.id, id: doc.id });
            moved++;
          }
        }
      }
    }
    if (moved) log.info({ moved }, 'moved meeting state into its network\'s partitions');
    return { moved };
  },
};

/** Bilag were once a line of text each ("title" or "title – link"); now each has a title and a link. */
const attachmentLinks: Step = {
  id: 'attachment-links',
  async run({ networks, meetings }, log) {
    let changed = 0;
    const asLine = (a: Attachment | string) => (typeof a === 'string' ? attachmentOfLine(a) : a);
    for (const network of await networks.list()) {
      for (const meeting of await meetings.list(network.id)) {
        if (!meeting.agenda.some((item) => item.attachments.some((a) => typeof a === 'string'))) continue;
        await meetings.change(network.id, meeting.id, (m) => ({ ...m, agenda: m.agenda.map((item) => ({ ...item, attachments: item.attachments.map(asLine) })) }));
        changed++;
      }
    }
    if (changed) log.info({ meetings: changed }, 'gave every Bilag a title and a link of its own');
    return { meetings: changed };
  },
};

/**
 * A member's contact and chosen language were documents of their own, and the networks that
 * list them were found by reading every network; now one document per member holds all three.
 */
const people: Step = {
  id: 'people',
  async run({ store, networks }, log) {
    let listed = 0;
    for (const network of await networks.list()) {
      await listWith(store, network.id, network.members.map((m) => m.email));
      listed += network.members.length;
    }
    const contacts = await fold<ContactDoc>(store, 'contact', (person, contact) => ({ ...person, contact }));
    const languages = await fold<{ lang: Lang }>(store, 'language', (person, { lang }) => ({ ...person, lang }));
    if (contacts || languages) log.info({ contacts, languages }, "kept each member's contact and language with the networks that list them");
    return { listed, contacts, languages };
  },
};

/** Moves each document of a kind in the people partition into its member's document. */
async function fold<T>(store: Store, kind: string, into: (person: PersonDoc, data: T) => PersonDoc): Promise<number> {
  const docs = await store.list<T>(kind, PEOPLE);
  for (const doc of docs) {
    await updateDoc<PersonDoc>(store, personKey(doc.id), (current) => ({ data: into(personOr(current, doc.id), doc.data) }));
    await store.delete({ kind, pk: PEOPLE, id: doc.id });
  }
  return docs.length;
}

/** Runs each step not yet recorded as done, in order. */
export async function migrateStore(deps: Deps, log: MigrationLog): Promise<void> {
  for (const step of [meetingPartitions, attachmentLinks, people]) {
    const marker = { kind: 'migration', pk: 'migrations', id: step.id };
    if (await deps.store.get(marker)) continue;
    const done = await step.run(deps, log);
    await deps.store.upsert({ ...marker, data: { at: deps.clock.now().toISOString(), ...done } });
  }
}
