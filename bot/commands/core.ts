import { z } from 'zod';
import type { Cards } from '../../cards/cards';
import type { CardJson } from '../../cards/render';
import { catalog, fmt } from '../../services/i18n';
import { LEADING_ROLES, type Member, type Network } from '../../services/model';
import type { Lang } from '../../services/time';
import { parseInput } from '../../services/validation';
import type { Command } from './command';
import { allowedFor, commandTable } from './table';

const LanguageArgs = z.tuple([z.enum(['da', 'en'], { message: 'expected da or en' })]);

export const help: Command = {
  name: 'help',
  da: ['hjælp'],
  en: ['help'],
  description: (t) => t.help.commands.help,
  roles: 'any',
  async handler(ctx) {
    await ctx.replyCard(helpCard(ctx.cards, ctx.member, ctx.network, ctx.lang));
  },
};

/** The help card: the commands the member's role allows, in the reader's language. */
export function helpCard(cards: Cards, member: Member, network: Network, lang: Lang): CardJson {
  const t = catalog(lang);
  const commands = allowedFor(commandTable(), member.role).map((c) => {
    const word = lang === 'da' ? c.da[0] : c.en[0];
    const usage = c.usage ? ` ${c.usage[lang]}` : '';
    return { usage: `${word}${usage}`, description: c.description(t) };
  });
  return cards.help({ role: member.role, network: network.name, commands }, lang);
}

export const link: Command = {
  name: 'link',
  da: ['tilknyt'],
  en: ['link'],
  usage: { da: '<netværk>', en: '<network>' },
  description: (t) => t.help.commands.link,
  roles: LEADING_ROLES,
  channelOnly: true,
  network: 'argument',
  async handler(ctx) {
    const reference = ctx.messenger.referenceOf(ctx.turn);
    await ctx.services.identities.linkChannel(ctx.conversationId, ctx.network.id, reference, ctx.sender.email);
    await ctx.messenger.learnTeamRoster(ctx.turn, ctx.network);
    await ctx.reply(fmt(ctx.t.link.linked, { network: ctx.network.name }));
  },
};

/** The channel's network only: `frakobl` acts on the network the channel is linked to. */
export const unlink: Command = {
  name: 'unlink',
  da: ['frakobl'],
  en: ['unlink'],
  description: (t) => t.help.commands.unlink,
  roles: LEADING_ROLES,
  channelOnly: true,
  async handler(ctx) {
    await ctx.services.identities.unlinkChannel(ctx.conversationId, ctx.network.id);
    await ctx.reply(fmt(ctx.t.link.unlinked, { network: ctx.network.name }));
  },
};

/** `sprog en` / `language da`: the member's own language for everything the bot says to them. */
export const language: Command = {
  name: 'language',
  da: ['sprog'],
  en: ['language'],
  usage: { da: 'da | en', en: 'da | en' },
  description: (t) => t.help.commands.language,
  roles: 'any',
  async handler(ctx) {
    const [choice] = parseInput(LanguageArgs, ctx.args.map((a) => a.toLowerCase()), 'sprog');
    await ctx.services.identities.setLanguage(ctx.sender.email, choice);
    // Habilitet rounds and open votes keep their members' languages: an answer or a ballot is taken in the one chosen now.
    for (const { network } of ctx.sender.memberships) await ctx.services.networks.changed(network.id);
    // Said in the language just chosen, as everything from now on.
    await ctx.reply(catalog(choice).common.languageSet);
  },
};
