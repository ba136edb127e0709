/**
 * One document per member, by e-mail: how to reach them in Teams, the language they chose,
 * and which networks list them. A turn reads it once to know who writes (with the link of
 * their Teams account), in what language, and which networks to read, however many networks
 * the store holds.
 *
 * The networks are an index of the rosters, which stay the truth: a network listed here is
 * read and its roster checked, so an entry left behind by an interrupted change only costs a
 * read. A network missing here would not be found, so a roster change lists each member it
 * adds before it writes the roster, and afterwards brings every member it touched in line with
 * the roster as written, reading the roster after the member's document on each attempt: of
 * two changes at once, the later write's reading is the last to land.
 */
import type { ConversationReference } from './identity';
import type { Network } from './model';
import { updateDoc, type Store } from './store/store';
import type { Lang } from './time';

/** How to reach a member in Teams: learned when they write or when a channel is linked. */
export interface ContactDoc {
  email: string;
  tenantId: string;
  aadObjectId: string;
  /** Teams' own user id ("29:..."), needed to open a 1:1 chat. */
  teamsUserId?: string;
  serviceUrl?: string;
  /** The 1:1 conversation, once one exists. */
  personal?: ConversationReference;
  updatedAt: string;
}

export interface PersonDoc {
  email: string;
  /** Ids of the networks whose roster lists this e-mail (see above). */
  networks: string[];
  /** The language they chose for themselves (`sprog en`); none means their network's. */
  lang?: Lang;
  contact?: ContactDoc;
}

export const PEOPLE = 'people';
export const PERSON = 'person';
export const personKey = (email: string) => ({ kind: PERSON, pk: PEOPLE, id: email.toLowerCase() });

/** A member's document as it is now, or a new one. */
export const personOr = (current: PersonDoc | undefined, email: string): PersonDoc => current ?? { email: email.toLowerCase(), networks: [] };

/** Lists the network with these e-mails, before a roster naming them is written. */
export async function listWith(store: Store, networkId: string, emails: Iterable<string>): Promise<void> {
  await Promise.all(
    [...emails].map((email) =>
      updateDoc<PersonDoc>(store, personKey(email), (current) => {
        const person = personOr(current, email);
        return person.networks.includes(networkId) ? undefined : { data: { ...person, networks: [...person.networks, networkId] } };
      }),
    ),
  );
}

/** After a roster change: each e-mail lists the network exactly when the roster, read after its document, names it. */
export async function alignWith(store: Store, networkId: string, emails: Iterable<string>, roster: () => Promise<Network | undefined>): Promise<void> {
  await Promise.all(
    [...emails].map((email) =>
      updateDoc<PersonDoc>(store, personKey(email), async (current) => {
        const person = personOr(current, email);
        const listed = Boolean((await roster())?.members.some((m) => m.email === person.email));
        if (person.networks.includes(networkId) === listed) return undefined;
        return { data: { ...person, networks: listed ? [...person.networks, networkId] : person.networks.filter((n) => n !== networkId) } };
      }),
    ),
  );
}
