import { isDeepStrictEqual } from 'node:util';
import { DomainError } from './errors';
import { canVote, NetworkSchema, type Assignees, type Member, type Network } from './model';
import { updateDoc, type Store } from './store/store';
import { parseInput } from './validation';

const NETWORKS_PK = 'networks';
const key = (id: string) => ({ kind: 'network', pk: NETWORKS_PK, id });

/** The roster: networks and their members, as imported. */
export class Networks {
  constructor(private readonly store: Store) {}

  /** Validates and stores a network; the same file twice changes nothing. */
  async import(input: unknown): Promise<{ network: Network; changed: boolean }> {
    const network = parseInput(NetworkSchema, input, 'network');
    const current = await this.store.get<Network>(key(network.id));
    if (current && isDeepStrictEqual(current.data, network)) return { network, changed: false };
    await this.store.upsert({ ...key(network.id), data: network });
    return { network, changed: true };
  }

  /**
   * Read-modify-write of a stored network: `change` returns the new network or undefined to
   * leave it; the result is validated as an import would be. Concurrent changes each see the other's.
   */
  async change(id: string, change: (network: Network) => Network | undefined): Promise<Network> {
    let result: Network | undefined;
    await updateDoc<Network>(this.store, key(id), (current) => {
      if (!current) throw new DomainError('link.unknownNetwork', { id }, `unknown network ${id}`);
      const next = change(current);
      result = next ? parseInput(NetworkSchema, next, 'network') : current;
      return next && !isDeepStrictEqual(result, current) ? { data: result } : undefined;
    });
    return result as Network;
  }

  async get(id: string): Promise<Network | undefined> {
    return (await this.store.get<Network>(key(id)))?.data;
  }

  async require(id: string): Promise<Network> {
    const network = await this.get(id);
    if (!network) throw new DomainError('link.unknownNetwork', { id }, `unknown network ${id}`);
    return network;
  }

  async list(): Promise<Network[]> {
    return (await this.store.list<Network>('network', NETWORKS_PK)).map((d) => d.data);
  }

  /** The networks in which this e-mail is on the roster, with the member entry. */
  async ofEmail(email: string): Promise<{ network: Network; member: Member }[]> {
    const lower = email.toLowerCase();
    return (await this.list()).flatMap((network) => {
      const member = network.members.find((m) => m.email === lower);
      return member ? [{ network, member }] : [];
    });
  }
}

export const findMember = (network: Network, email: string): Member | undefined =>
  network.members.find((m) => m.email === email.toLowerCase());

/**
 * The roster on a day ("2021-06-02"): members who had joined by then, and those who left
 * after it. Minutes of a meeting list this, so later changes leave them as they were.
 */
export function rosterOn(network: Network, day: string): Member[] {
  const joined = (m: Member) => !m.joinedOn || m.joinedOn <= day;
  const former = (network.formerMembers ?? []).filter((m) => m.leftOn > day && joined(m)).map(({ leftOn: _left, ...m }) => m);
  return [...network.members.filter(joined), ...former];
}

export const votingMembers = (network: Network): Member[] => network.members.filter((m) => canVote(m.role));

/**
 * Who an assignment names: e-mails, or a group — `regions` (appointed by a region),
 * `members` (voting members), `all`, or an appointing body by name (`lvs`).
 * Throws a DomainError naming what could not be resolved.
 */
export function resolveAssignees(network: Network, assignees: Assignees): Member[] {
  if (Array.isArray(assignees)) {
    const unknown = assignees.filter((email) => !findMember(network, email));
    if (unknown.length) throw new DomainError('deadlines.unknownAssignee', { who: unknown.join(', ') }, `not on the roster: ${unknown.join(', ')}`);
    return assignees.map((email) => findMember(network, email) as Member);
  }
  const group = assignees.trim().toLowerCase();
  const byGroup: Record<string, (m: Member) => boolean> = {
    regions: (m) => m.appointedBy.toLowerCase().startsWith('region'),
    members: (m) => canVote(m.role),
    all: () => true,
  };
  const matches = byGroup[group] ?? ((m: Member) => m.appointedBy.toLowerCase() === group || m.email === group);
  const members = network.members.filter(matches);
  if (!members.length) throw new DomainError('deadlines.unknownAssignee', { who: assignees }, `no member matches "${assignees}"`);
  return members;
}
