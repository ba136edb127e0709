import { isDeepStrictEqual } from 'node:util';
import { DomainError } from './errors';
import { canVote, NetworkSchema, type Assignees, type Member, type Network } from './model';
import { alignWith, listWith } from './people';
import { updateDoc, type Store } from './store/store';
import { parseInput } from './validation';

const NETWORKS_PK = 'networks';
const key = (id: string) => ({ kind: 'network', pk: NETWORKS_PK, id });

/** What keeps a copy of part of a network (a habilitet round's voters, an open vote's roster and languages) in line with it; awaited by each change of the network. */
export type NetworkFollower = (networkId: string) => Promise<void>;

/** The roster: networks and their members, as imported. */
export class Networks {
  private readonly followers: NetworkFollower[] = [];

  constructor(private readonly store: Store) {}

  /** Called after every change of a network, once it is written. */
  follow(follower: NetworkFollower): void {
    this.followers.push(follower);
  }

  /**
   * Brings what follows the network in line with it: after each change of its roster, and after a
   * change outside it that a follower also copies (a member's choice of language).
   */
  async changed(id: string): Promise<void> {
    for (const follower of this.followers) await follower(id);
  }

  /** Validates and stores a network; the same file twice changes nothing. */
  async import(input: unknown): Promise<{ network: Network; changed: boolean }> {
    const network = parseInput(NetworkSchema, input, 'network');
    const current = await this.store.get<Network>(key(network.id));
    if (current && isDeepStrictEqual(current.data, network)) return { network, changed: false };
    await listWith(this.store, network.id, added(current?.data, network));
    await this.store.upsert({ ...key(network.id), data: network });
    await alignWith(this.store, network.id, touched(current?.data, network), () => this.get(network.id));
    await this.changed(network.id);
    return { network, changed: true };
  }

  /**
   * Read-modify-write of a stored network: `change` returns the new network or undefined to
   * leave it; the result is validated as an import would be. Concurrent changes each see the other's.
   */
  async change(id: string, change: (network: Network) => Network | undefined): Promise<Network> {
    let result: Network | undefined;
    let before: Network | undefined;
    let written = false;
    await updateDoc<Network>(this.store, key(id), async (current) => {
      if (!current) throw new DomainError('link.unknownNetwork', { id }, `unknown network ${id}`);
      const next = change(current);
      before = current;
      result = next ? parseInput(NetworkSchema, next, 'network') : current;
      written = Boolean(next) && !isDeepStrictEqual(result, current);
      if (!written) return undefined;
      await listWith(this.store, id, added(current, result));
      return { data: result };
    });
    await alignWith(this.store, id, touched(before, result as Network), () => this.get(id));
    if (written) await this.changed(id);
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

  /** Of these networks (a member's index of them), those whose roster lists the e-mail, with the member entry. */
  async listing(email: string, ids: readonly string[]): Promise<{ network: Network; member: Member }[]> {
    const networks = await Promise.all(ids.map((id) => this.get(id)));
    return networks.flatMap((network) => {
      const member = network && findMember(network, email);
      return member ? [{ network, member }] : [];
    });
  }
}

const emailsOf = (network: Network | undefined) => new Set(network?.members.map((m) => m.email));
/** E-mails on the new roster and not on the old. */
const added = (before: Network | undefined, after: Network) => [...emailsOf(after)].filter((e) => !emailsOf(before).has(e));
/** E-mails on one roster and not the other. */
const touched = (before: Network | undefined, after: Network) => {
  const [old, now] = [emailsOf(before), emailsOf(after)];
  return [...old, ...now].filter((e) => !(old.has(e) && now.has(e)));
};

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
