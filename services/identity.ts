import { DomainError } from './errors';
import { LEADING_ROLES, memberLogId, type Member, type Network } from './model';
import type { Networks } from './networks';
import { PEOPLE, PERSON, personKey, personOr, type ContactDoc, type PersonDoc } from './people';
import { ConflictError, updateDoc, type Store, type StoredDoc } from './store/store';
import type { Clock } from './clock';
import type { Lang } from './time';

export type { ContactDoc };

/** A conversation as the Teams edge describes it; opaque to the domain. */
export type ConversationReference = Record<string, unknown>;

export interface Person {
  tenantId: string;
  aadObjectId: string;
}

interface IdentityDoc {
  email: string;
  name: string;
  linkedAt: string;
}

export interface ChannelDoc {
  networkId: string;
  reference: ConversationReference;
  linkedBy: string;
  linkedAt: string;
}

/** A member as one read finds them: the networks that list them, their language, and their document as read (null: none yet). */
export interface KnownPerson {
  memberships: { network: Network; member: Member }[];
  lang?: Lang;
  doc: StoredDoc<PersonDoc> | null;
}

const CHANNELS = 'channels';
/** How many account links an App remembers; past it, the oldest is read again when needed. */
const LINKS_KEPT = 10_000;
const personId = (p: Person) => `${p.tenantId}|${p.aadObjectId}`;
const identityKey = (id: string) => ({ kind: 'identity', pk: PEOPLE, id });
const channelKey = (conversationId: string) => ({ kind: 'channel', pk: CHANNELS, id: conversationId });

/** Refuses unless `who` is chair, vice-chair or secretary of the network the channel is linked to. */
function mayTakeChannel(memberships: { network: Network; member: Member }[], networkId: string, who: string): void {
  const membership = memberships.find((m) => m.network.id === networkId);
  if (membership && LEADING_ROLES.includes(membership.member.role)) return;
  throw new DomainError(
    'link.relinkNotAllowed',
    { network: membership?.network.name ?? networkId },
    `${memberLogId(who)} (${membership?.member.role ?? 'not on its roster'}) may not take the channel from ${networkId}`,
  );
}

/**
 * Who is writing, and where to reach people: links a Teams user (tenant + AAD object id)
 * to their roster entry by e-mail, and keeps conversation references for proactive posts.
 */
export class Identities {
  /**
   * Account links as read, by account. A link is created once and never changed or removed
   * (see `link`), so a link read once holds for the App's lifetime, also beside other
   * instances: every turn of a known member then starts without a request for it.
   */
  private readonly links = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly networks: Networks,
    private readonly clock: Clock,
  ) {}

  /** The e-mail a Teams user was linked to, if they have written before. */
  async emailOf(person: Person): Promise<string | undefined> {
    const id = personId(person);
    const kept = this.links.get(id);
    if (kept) return kept;
    const email = (await this.store.get<IdentityDoc>(identityKey(id)))?.data.email;
    if (email) this.keep(id, email);
    return email;
  }

  /**
   * Records the link on first contact; only called for people on a roster. The first link of an
   * account stands: one written meanwhile by another turn is kept, never replaced.
   */
  async link(person: Person, email: string, name: string): Promise<void> {
    const id = personId(person);
    try {
      await this.store.create({ ...identityKey(id), data: { email: email.toLowerCase(), name, linkedAt: this.clock.now().toISOString() } });
      this.keep(id, email.toLowerCase());
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err;
    }
  }

  private keep(id: string, email: string): void {
    if (this.links.size >= LINKS_KEPT) this.links.delete(this.links.keys().next().value!);
    this.links.set(id, email);
  }

  /** A member with one read of their document and one of each network that lists them. */
  async person(email: string): Promise<KnownPerson> {
    const doc = (await this.store.get<PersonDoc>(personKey(email))) ?? null;
    const memberships = doc ? await this.networks.listing(email, doc.data.networks) : [];
    return { memberships, lang: doc?.data.lang, doc };
  }

  /** Roster entries for an e-mail, across networks. */
  async membershipsOf(email: string): Promise<{ network: Network; member: Member }[]> {
    return (await this.person(email)).memberships;
  }

  /**
   * Merges what we learned about reaching a member; concurrent learners do not overwrite each
   * other. `known`: their document as the caller has just read it, which saves reading it again.
   */
  async saveContact(email: string, update: Omit<ContactDoc, 'email' | 'updatedAt'>, known?: StoredDoc<PersonDoc> | null): Promise<void> {
    const lower = email.toLowerCase();
    await updateDoc<PersonDoc>(
      this.store,
      personKey(lower),
      (current) => {
        const person = personOr(current, lower);
        const merged: ContactDoc = { ...person.contact, ...stripUndefined(update), email: lower, updatedAt: person.contact?.updatedAt ?? '' } as ContactDoc;
        if (person.contact && JSON.stringify(merged) === JSON.stringify(person.contact)) return undefined;
        return { data: { ...person, contact: { ...merged, updatedAt: this.clock.now().toISOString() } } };
      },
      known,
    );
  }

  /** How to reach a member and the language they chose, with one read. */
  async reach(email: string): Promise<{ contact?: ContactDoc; lang?: Lang }> {
    const person = (await this.store.get<PersonDoc>(personKey(email)))?.data;
    return { contact: person?.contact, lang: person?.lang };
  }

  /** The language a member chose for themselves (`sprog en`); none means the network's. */
  async language(email: string): Promise<Lang | undefined> {
    return (await this.reach(email)).lang;
  }

  async setLanguage(email: string, lang: Lang): Promise<void> {
    await updateDoc<PersonDoc>(this.store, personKey(email), (current) => {
      const person = personOr(current, email);
      return person.lang === lang ? undefined : { data: { ...person, lang } };
    });
  }

  async contact(email: string): Promise<ContactDoc | undefined> {
    return (await this.reach(email)).contact;
  }

  /** The contacts of these members, in order, with one read of their documents. */
  async contacts(emails: string[]): Promise<(ContactDoc | undefined)[]> {
    return (await this.reachAll(emails)).map((r) => r.contact);
  }

  /** How to reach these members and the languages they chose, in order, with one read of their documents. */
  async reachAll(emails: string[]): Promise<{ contact?: ContactDoc; lang?: Lang }[]> {
    const people = new Map((await this.store.getMany<PersonDoc>(PERSON, PEOPLE, emails.map((e) => e.toLowerCase()))).map((d) => [d.id, d.data]));
    return emails.map((email) => {
      const person = people.get(email.toLowerCase());
      return { contact: person?.contact, lang: person?.lang };
    });
  }

  /**
   * Links a channel to a network. A channel linked to another network is taken from it only
   * by that network's chair, vice-chair or secretary: checked against the link as it is when
   * written, so two re-links at once cannot slip past each other.
   */
  async linkChannel(conversationId: string, networkId: string, reference: ConversationReference, linkedBy: string): Promise<void> {
    const memberships = await this.membershipsOf(linkedBy);
    await updateDoc<ChannelDoc>(this.store, channelKey(conversationId), (current) => {
      if (current && current.networkId !== networkId) mayTakeChannel(memberships, current.networkId, linkedBy);
      return { data: { networkId, reference, linkedBy, linkedAt: this.clock.now().toISOString() } };
    });
  }

  /** Unlinks a channel, if it is still linked to this network (the one whose roles the caller checked). */
  async unlinkChannel(conversationId: string, networkId: string): Promise<boolean> {
    const current = await this.store.get<ChannelDoc>(channelKey(conversationId));
    if (current?.data.networkId !== networkId) return false;
    await this.store.delete(channelKey(conversationId));
    return true;
  }

  async channel(conversationId: string): Promise<ChannelDoc | undefined> {
    return (await this.store.get<ChannelDoc>(channelKey(conversationId)))?.data;
  }

  /** The channels bound to a network, most recently linked first. */
  async channelsOf(networkId: string): Promise<ChannelDoc[]> {
    const docs = await this.store.list<ChannelDoc>('channel', CHANNELS);
    return docs
      .map((d) => d.data)
      .filter((c) => c.networkId === networkId)
      .sort((a, b) => b.linkedAt.localeCompare(a.linkedAt));
  }
}

const stripUndefined = <T extends object>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
