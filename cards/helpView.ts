/** The help card: the commands a member may use, in the reader's language. */
import { catalog, fmt } from '../services/i18n';
import type { Role } from '../services/model';
import type { Lang } from '../services/time';
import template from './help.json';
import type { CardJson, Render } from './render';

export interface HelpData {
  /** The reader's role and the network's name, for the line that says where they stand. */
  role: Role;
  network: string;
  /** What the reader may type: the command word with its arguments, and what it does. */
  commands: { usage: string; description: string }[];
}

export function helpCard(render: Render, { role, network, commands }: HelpData, lang: Lang): CardJson {
  const t = catalog(lang);
  return render(template, { t, role: fmt(t.help.yourRole, { role: t.help.roleIn[role], network }), commands });
}
