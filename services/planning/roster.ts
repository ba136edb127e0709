/**
 * The roster kept in Teams: the leading roles add a member, change a member's role or
 * appointing body, and record that a member leaves (Udtræd) on a day. A member who left is
 * kept as a former member, so the minutes of meetings they attended still list them.
 * Validated with the import's NetworkSchema, audited, and a form adds once.
 */
import { requireLeading } from '../agenda/leading';
import type { Audit } from '../audit';
import type { Clock } from '../clock';
import { DomainError } from '../errors';
import { memberLogId, type Letterhead, type Member, type Network } from '../model';
import { findMember, type Networks } from '../networks';
import { localParts } from '../time';

/** A member form as the card sends it: every field text. */
export interface MemberForm {
  name: string;
  email: string;
  role: string;
  appointedBy: string;
}

/**
 * The network's settings form as the card sends it: the unit and the letterhead, every field text
 * ('' for none), and whether the minutes give each item's times ("true"/"false"; absent: unchanged).
 */
export type SettingsForm = { unit: string; itemTimes?: 'true' | 'false' } & Record<keyof Letterhead, string>;

/** "2021-06-02", Copenhagen's calendar day of an instant. */
export function localDay(at: Date): string {
  const p = localParts(at);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export class Roster {
  constructor(
    private readonly networks: Networks,
    private readonly audit: Audit,
    private readonly clock: Clock,
  ) {}

  /** Adds a member from today; the same form twice adds them once. */
  async add(network: Network, by: Member, form: MemberForm, formId: string): Promise<{ network: Network; member: Member; repeated: boolean }> {
    requireLeading(by);
    const email = form.email.trim().toLowerCase();
    const { repeated } = await this.audit.once(network.id, formId, async () => {
      await this.networks.change(network.id, (current) => {
        if (findMember(current, email)) throw new DomainError('roster.alreadyMember', { email }, `${memberLogId(email)} is on the roster of ${network.id}`);
        const member = { name: form.name, email: form.email, role: form.role, appointedBy: form.appointedBy, joinedOn: localDay(this.clock.now()) } as Member;
        return { ...current, members: [...current.members, member] };
      });
      await this.audit.record(network.id, { by: by.email, action: 'roster.add', target: email, formId });
      return email;
    });
    const updated = await this.networks.require(network.id);
    return { network: updated, member: findMember(updated, email) as Member, repeated };
  }

  /** Changes a member's name, role or appointing body; the e-mail (who they are in Teams) stays. */
  async update(network: Network, by: Member, email: string, form: Omit<MemberForm, 'email'>): Promise<{ network: Network; changed: boolean }> {
    requireLeading(by);
    const before = await this.networks.require(network.id);
    const updated = await this.networks.change(network.id, (current) => {
      const member = requireMember(current, email);
      const next = { ...member, name: form.name, role: form.role, appointedBy: form.appointedBy } as Member;
      return { ...current, members: current.members.map((m) => (m === member ? next : m)) };
    });
    const changed = JSON.stringify(before.members) !== JSON.stringify(updated.members);
    if (changed) await this.audit.record(network.id, { by: by.email, action: 'roster.update', target: email });
    return { network: updated, changed };
  }

  /**
   * The unit and letterhead the minutes are headed with; an emptied field is removed. Validated as
   * an import is; saving the same values again changes and records nothing.
   */
  async settings(network: Network, by: Member, form: SettingsForm): Promise<{ network: Network; changed: boolean }> {
    requireLeading(by);
    const given = (value: string) => value.trim() || undefined;
    const { unit, itemTimes, ...fields } = form;
    const letterhead = Object.fromEntries(Object.entries(fields).flatMap(([k, v]) => (given(v) ? [[k, given(v)]] : []))) as Letterhead;
    const before = await this.networks.require(network.id);
    const updated = await this.networks.change(network.id, (current) => {
      const { unit: _unit, letterhead: _letterhead, ...rest } = current;
      const settings = itemTimes === undefined ? rest.settings : { ...rest.settings, minutesItemTimes: itemTimes === 'true' };
      return { ...rest, settings, ...(given(unit) && { unit: given(unit) }), ...(Object.keys(letterhead).length && { letterhead }) };
    });
    const shown = (n: Network) => JSON.stringify([n.unit, n.letterhead, Boolean(n.settings.minutesItemTimes)]);
    const changed = shown(before) !== shown(updated);
    if (changed) await this.audit.record(network.id, { by: by.email, action: 'network.settings', target: network.id });
    return { network: updated, changed };
  }

  /** The member leaves on `day` ("2021-09-30"); kept as a former member. Refused for the last chair or secretary. */
  async leave(network: Network, by: Member, email: string, day: string): Promise<{ network: Network; member: Member }> {
    requireLeading(by);
    let left: Member | undefined;
    const updated = await this.networks.change(network.id, (current) => {
      const member = requireMember(current, email);
      left = member;
      const rest = current.members.filter((m) => m !== member);
      if ((member.role === 'chair' || member.role === 'secretary') && !rest.some((m) => m.role === member.role)) {
        throw new DomainError('roster.lastOfRole', { name: member.name }, `${memberLogId(email)} is the network's only ${member.role}`);
      }
      return { ...current, members: rest, formerMembers: [...(current.formerMembers ?? []), { ...member, leftOn: day }] };
    });
    await this.audit.record(network.id, { by: by.email, action: 'roster.leave', target: email });
    return { network: updated, member: left as Member };
  }
}

function requireMember(network: Network, email: string): Member {
  const member = findMember(network, email);
  if (!member) throw new DomainError('common.staleCard', {}, `${memberLogId(email)} is not on the roster of ${network.id}`);
  return member;
}
