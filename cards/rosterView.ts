/**
 * The roster cards: `medlemmer` (members with role and appointing body, former members below)
 * and the member form (add, or edit with Udtræd). Edit buttons only for the leading roles;
 * the server checks the role again on every click.
 */
import { catalog, fmt, plain } from '../services/i18n';
import { ROLES, type Network } from '../services/model';
import type { MemberForm, SettingsForm } from '../services/planning/roster';
import { formatDate, type Lang } from '../services/time';
import formTemplate from './member-form.json';
import type { CardJson, Render } from './render';
import listTemplate from './roster.json';

const dateOf = (day: string, lang: Lang) => formatDate(new Date(`${day}T12:00:00Z`), lang);

export interface RosterView {
  network: Network;
  editor: boolean;
  notice?: string;
  /** The settings form as the secretary sent it, shown again when it was refused. */
  settings?: SettingsForm;
}

export function rosterCard(render: Render, view: RosterView, lang: Lang): CardJson {
  const c = catalog(lang);
  const t = c.roster.card;
  const { network } = view;
  const l = network.letterhead ?? {};
  const stored = {
    unit: network.unit ?? '',
    street: l.street ?? '',
    postcodeCity: l.postcodeCity ?? '',
    phone: l.phone ?? '',
    email: l.email ?? '',
    web: l.web ?? '',
    caseworker: l.caseworker ?? '',
    itemTimes: network.settings.minutesItemTimes ? 'true' : 'false',
  };
  return render(listTemplate, {
    t,
    s: c.roster.settings,
    // Typed by the secretary, shown back only as input values; a refused form shows what was sent.
    settings: { ...stored, ...view.settings },
    network: plain(network.name),
    networkId: network.id,
    editor: view.editor,
    notice: view.notice ?? '',
    members: network.members.map((m) => ({
      email: m.email,
      line: fmt(t.line, { name: plain(m.name), role: c.common.roles[m.role], body: plain(m.appointedBy) }),
      joined: m.joinedOn ? fmt(t.joined, { date: dateOf(m.joinedOn, lang) }) : '',
    })),
    former: (network.formerMembers ?? []).map((m) => fmt(t.formerLine, { name: plain(m.name), role: c.common.roles[m.role], body: plain(m.appointedBy), date: dateOf(m.leftOn, lang) })),
  });
}

export interface MemberFormView {
  network: Network;
  /** The member edited (by e-mail); a new one if absent. */
  email?: string;
  formId: string;
  /** Today, "2021-06-02": the default day of leaving. */
  today: string;
  notice?: string;
}

export function memberFormCard(render: Render, view: MemberFormView, lang: Lang, values?: MemberForm): CardJson {
  const c = catalog(lang);
  const t = c.roster.form;
  const member = view.email ? view.network.members.find((m) => m.email === view.email) : undefined;
  const shown = values ?? { name: member?.name ?? '', email: member?.email ?? '', role: member?.role ?? 'member', appointedBy: member?.appointedBy ?? '' };
  const isNew = !view.email;
  return render(formTemplate, {
    t,
    heading: isNew ? t.newTitle : fmt(t.editTitle, { name: plain(shown.name) }),
    network: plain(view.network.name),
    networkId: view.network.id,
    notice: view.notice ?? '',
    isNew,
    values: shown,
    roles: ROLES.map((role) => ({ title: c.common.roles[role], value: role })),
    submit: isNew ? t.create : t.save,
    saveData: { networkId: view.network.id, email: view.email ?? '', formId: view.formId },
    leaveData: { networkId: view.network.id, email: view.email ?? '' },
    leaveConfirm: fmt(t.leaveConfirm, { name: plain(shown.name) }),
    today: view.today,
  });
}
