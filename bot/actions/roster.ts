import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { mayLead } from '../../services/agenda/leading';
import { FORM_ID } from '../../services/audit';
import { fmt, plain } from '../../services/i18n';
import { memberLogId } from '../../services/model';
import { localDay, type MemberForm } from '../../services/planning/roster';
import { formatDate } from '../../services/time';
import { defineAction, type ActionContext, type CardAction } from './action';
import { refusalText } from '../refusal';
import { field, NetworkRef, planner } from './planning';

const MemberRef = NetworkRef.extend({ email: z.string().max(320) });
const MemberFormData = MemberRef.extend({
  formId: z.string().regex(FORM_ID),
  name: field(1000),
  newEmail: field(1000),
  role: field(40),
  appointedBy: field(1000),
});

const SettingsFormData = NetworkRef.extend({
  unit: field(1000),
  street: field(1000),
  postcodeCity: field(1000),
  phone: field(1000),
  email: field(1000),
  web: field(1000),
  caseworker: field(1000),
  itemTimes: z.enum(['true', 'false']).optional(),
});

const today = (ctx: ActionContext) => localDay(ctx.services.clock.now());

/** Card actions (Action.Execute verbs) of the roster kept in Teams. */
export const rosterActions: CardAction[] = [
  defineAction({
    verb: 'roster.list',
    data: NetworkRef,
    async handler(ctx, { networkId }) {
      const { network, member } = ctx.membershipIn(networkId);
      return { card: ctx.cards.roster({ network, editor: mayLead(member) }, ctx.lang) };
    },
  }),
  defineAction({
    verb: 'roster.new',
    data: NetworkRef,
    async handler(ctx, { networkId }) {
      const { network } = planner(ctx, networkId);
      return { card: ctx.cards.memberForm({ network, formId: randomUUID(), today: today(ctx) }, ctx.lang) };
    },
  }),
  defineAction({
    verb: 'roster.edit',
    data: MemberRef,
    async handler(ctx, { networkId, email }) {
      const { network } = planner(ctx, networkId);
      return { card: ctx.cards.memberForm({ network, email, formId: randomUUID(), today: today(ctx) }, ctx.lang) };
    },
  }),
  defineAction({
    verb: 'roster.save',
    // `email` names the member edited ('' on a new member's form, whose e-mail input is `newEmail`).
    data: MemberFormData,
    async handler(ctx, input) {
      const { network, member } = planner(ctx, input.networkId);
      const form: MemberForm = { name: input.name, email: input.newEmail, role: input.role, appointedBy: input.appointedBy };
      const editing = input.email || undefined;
      const r = ctx.t.roster.card;
      try {
        if (!editing) {
          const added = await ctx.services.roster.add(network, member, form, input.formId);
          ctx.log.info({ member: memberLogId(added.member.email), repeated: added.repeated }, 'member added');
          const notice = added.repeated ? r.alreadyAdded : fmt(r.added, { name: plain(added.member.name), role: ctx.t.common.roles[added.member.role] });
          return { card: ctx.cards.roster({ network: added.network, editor: true, notice }, ctx.lang) };
        }
        const { network: updated, changed } = await ctx.services.roster.update(network, member, editing, form);
        return { card: ctx.cards.roster({ network: updated, editor: true, notice: fmt(changed ? r.saved : r.unchanged, { name: plain(form.name) }) }, ctx.lang) };
      } catch (err) {
        const notice = refusalText(ctx.lang, err);
        if (notice === undefined) throw err;
        ctx.log.info({ err: String(err) }, 'member form refused');
        return { card: ctx.cards.memberForm({ network, email: editing, formId: input.formId, today: today(ctx), notice }, ctx.lang, { ...form, email: editing ?? form.email }) };
      }
    },
  }),
  defineAction({
    verb: 'roster.settings',
    data: SettingsFormData,
    async handler(ctx, { networkId, ...form }) {
      const { network, member } = planner(ctx, networkId);
      const s = ctx.t.roster.settings;
      try {
        const saved = await ctx.services.roster.settings(network, member, form);
        if (saved.changed) ctx.log.info({ network: networkId }, 'network settings changed');
        return { card: ctx.cards.roster({ network: saved.network, editor: true, notice: saved.changed ? s.saved : s.unchanged }, ctx.lang) };
      } catch (err) {
        const notice = refusalText(ctx.lang, err);
        if (notice === undefined) throw err;
        return { card: ctx.cards.roster({ network, editor: true, notice, settings: form }, ctx.lang) };
      }
    },
  }),
  defineAction({
    verb: 'roster.leave',
    data: MemberRef.extend({ leftOn: field(40) }),
    async handler(ctx, { networkId, email, leftOn }) {
      const { network, member } = planner(ctx, networkId);
      const done = await ctx.services.roster.leave(network, member, email, leftOn.trim());
      ctx.log.info({ member: memberLogId(email), leftOn }, 'member leaves');
      const notice = fmt(ctx.t.roster.card.left, { name: plain(done.member.name), date: formatDate(new Date(`${leftOn.trim()}T12:00:00Z`), ctx.lang) });
      return { card: ctx.cards.roster({ network: done.network, editor: true, notice }, ctx.lang) };
    },
  }),
];
