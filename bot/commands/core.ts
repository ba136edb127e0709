import helpTemplate from '../../cards/help.json';
import { renderCard } from '../../cards/render';
import { DomainError } from '../../services/errors';
import { fmt } from '../../services/i18n';
import { LEADING_ROLES } from '../../services/model';
import type { Command } from './command';
import { allowedFor, commandTable } from './table';

export const help: Command = {
  name: 'help',
  da: ['hjælp'],
  en: ['help'],
  description: (t) => t.help.commands.help,
  roles: 'any',
  async handler(ctx) {
    const commands = allowedFor(commandTable(), ctx.member.role).map((c) => {
      const word = ctx.lang === 'da' ? c.da[0] : c.en[0];
      const usage = c.usage ? ` ${c.usage[ctx.lang]}` : '';
      return { usage: `${word}${usage}`, description: c.description(ctx.t) };
    });
    const role = fmt(ctx.t.help.yourRole, { role: ctx.t.common.roles[ctx.member.role], network: ctx.network.name });
    await ctx.replyCard(renderCard(helpTemplate, { t: ctx.t, role, commands }));
  },
};

export const link: Command = {
  name: 'link',
  da: ['tilknyt'],
  en: ['link'],
  usage: { da: '<netværk>', en: '<network>' },
  description: (t) => t.help.commands.link,
  roles: LEADING_ROLES,
  network: 'argument',
  async handler(ctx) {
    if (ctx.scope !== 'channel') throw new DomainError('link.needsChannel');
    const reference = ctx.messenger.referenceOf(ctx.turn);
    await ctx.services.identities.linkChannel(ctx.conversationId, ctx.network.id, reference, ctx.sender.email);
    await ctx.messenger.learnTeamRoster(ctx.turn, ctx.network);
    await ctx.reply(fmt(ctx.t.link.linked, { network: ctx.network.name }));
  },
};
