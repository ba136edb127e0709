import {
  StatusCodes,
  TeamsActivityHandler,
  TurnContext,
  type InvokeResponse,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
} from 'botbuilder';
import type { CardJson } from '../cards/render';
import { DomainError } from '../services/errors';
import { catalog, fmt, joinOr, plain } from '../services/i18n';
import type { Lang } from '../services/time';
import { memberLogId, type Network, type Member } from '../services/model';
import { StoreWriteError } from '../services/store/store';
import { InvalidInputError } from '../services/validation';
import type { LiveDelivery } from '../services/live/sweep';
import type { ActionContext, ActionResult, CardAction } from './actions/action';
import type { Command, CommandContext } from './commands/command';
import { matchCommand, nearestCommand } from './commands/table';
import { LiveMeetingEvents, teamsMeetingOf } from './liveMeeting';
import { toActivity } from './messenger';
import { refusalText } from './refusal';
import { identifySender, inMemberLanguage, linkedCaller, membershipOf, turnInfo, unlessUnwritable, type AppParts, type HandlerContext, type Sender, type TurnInfo } from './turn';

export interface BotDeps extends AppParts {
  commands: readonly Command[];
  actions: readonly CardAction[];
  /** Where a meeting's end is posted: the same way as when the sweep ends a meeting Teams forgot. */
  liveDelivery: LiveDelivery;
}

/** The Teams edge: turns messages and card actions into service calls, and results into cards. */
export class ReferentBot extends TeamsActivityHandler {
  private readonly live: LiveMeetingEvents;

  constructor(private readonly deps: BotDeps) {
    super();
    this.live = new LiveMeetingEvents(deps);
    this.onMessage(async (turn, next) => {
      await this.handleMessage(turn);
      await next();
    });
    // Teams announces an install twice (installationUpdate and conversationUpdate with the
    // bot among membersAdded); greeting on the first alone says hello once.
    this.onInstallationUpdateAdd(async (turn, next) => {
      await this.welcome(turn);
      await next();
    });
  }

  // Teams' meeting events. A failure is logged: an event is no request to answer, and never a 5xx.
  protected override onTeamsMeetingStart(turn: TurnContext): Promise<void> {
    return this.quietly('meeting start', () => this.live.started(turn));
  }

  protected override onTeamsMeetingEnd(turn: TurnContext): Promise<void> {
    return this.quietly('meeting end', () => this.live.ended(turn, this.deps.liveDelivery));
  }

  protected override onTeamsMeetingParticipantsJoin(turn: TurnContext): Promise<void> {
    return this.quietly('meeting participants joined', () => this.live.participants(turn, true));
  }

  protected override onTeamsMeetingParticipantsLeave(turn: TurnContext): Promise<void> {
    return this.quietly('meeting participants left', () => this.live.participants(turn, false));
  }

  private async quietly(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      this.deps.log.error({ err }, `${what}: handling the event failed`);
    }
  }

  private async welcome(turn: TurnContext): Promise<void> {
    const info = turnInfo(turn);
    await turn.sendActivity(info.scope === 'personal' ? info.t.welcome.personal : info.t.welcome.team);
  }

  private async handleMessage(turn: TurnContext): Promise<void> {
    let info = turnInfo(turn);
    const text = commandText(turn);
    if (text === undefined) return; // a channel post not addressed to the bot
    const { services, log } = this.deps;
    const sender = await identifySender(turn, services, log);
    if (!sender) {
      await turn.sendActivity(fmt(info.t.common.notOnRoster, { name: plain(turn.activity.from?.name ?? '') }));
      return;
    }
    info = inMemberLanguage(info, sender);
    // Every message teaches how to reach the sender (their Teams id refreshes their cards);
    // a 1:1 message also gives their personal chat. saveContact writes only on change.
    await unlessUnwritable(log, "the sender's contact", () =>
      services.identities.saveContact(sender.email, {
        tenantId: sender.tenantId,
        aadObjectId: sender.aadObjectId,
        teamsUserId: sender.teamsUserId,
        serviceUrl: turn.activity.serviceUrl,
        personal: info.scope === 'personal' ? this.deps.messenger.referenceOf(turn) : undefined,
      }, sender.known),
    );
    const matched = matchCommand(this.deps.commands, text);
    if (!matched) {
      const near = nearestCommand(this.deps.commands, text, info.lang);
      await turn.sendActivity(near ? fmt(info.t.common.didYouMean, { command: near }) : info.t.common.unknownCommand);
      return;
    }
    const { command, args } = matched;
    await this.guard(turn, info, async () => {
      if (command.channelOnly && info.scope !== 'channel') {
        const word = info.lang === 'da' ? command.da[0] : command.en[0];
        throw new DomainError('common.channelOnly', { command: word[0].toUpperCase() + word.slice(1) });
      }
      const { network, member } = await this.networkFor(turn, command, args, info, sender);
      if (command.roles !== 'any' && !command.roles.includes(member.role)) {
        throw new DomainError('common.notAllowed', { roles: joinOr(info.lang, command.roles.map((r) => info.t.common.roles[r])) });
      }
      const ctx: CommandContext = {
        ...this.handlerContext(turn, info, sender, { command: command.name, member: memberLogId(sender.email), network: network.id }),
        network,
        member,
        args: command.network === 'argument' ? args.slice(1) : args,
        reply: async (message) => {
          await turn.sendActivity(message);
        },
      };
      await command.handler(ctx);
      ctx.log.info('command handled');
    });
  }

  /**
   * The network a command acts on: named in the arguments, bound to the channel, the network
   * of the meeting a Teams meeting's chat is linked to, or the sender's only one.
   */
  private async networkFor(turn: TurnContext, command: Command, args: string[], info: TurnInfo, sender: Sender): Promise<{ network: Network; member: Member }> {
    const { services } = this.deps;
    let networkId: string | undefined;
    if (command.network === 'argument') {
      networkId = args[0];
      if (!networkId) throw new DomainError('link.missingId');
      await services.networks.require(networkId.toLowerCase());
      networkId = networkId.toLowerCase();
    } else if (info.scope !== 'personal') {
      networkId = (await services.identities.channel(info.conversationId))?.networkId ?? (await this.teamsMeetingNetwork(turn, sender));
      // Only a team's channel can be linked (`tilknyt` is channel-only): a group chat is told where to write instead.
      if (!networkId) throw new DomainError(info.scope === 'groupChat' ? 'common.noNetworkChat' : 'common.noNetwork');
    } else if (sender.memberships.length > 1) {
      throw new DomainError('common.severalNetworks', { networks: sender.memberships.map((m) => m.network.id).join(', ') });
    } else {
      networkId = sender.memberships[0].network.id;
    }
    return membershipOf(sender, networkId);
  }

  /**
   * In a Teams meeting's chat: the network of the meeting it is linked to; before it is linked,
   * the sender's only network (so its agenda, with the button that links it, can be shown there).
   */
  private async teamsMeetingNetwork(turn: TurnContext, sender: Sender): Promise<string | undefined> {
    const teams = teamsMeetingOf(this.deps, turn);
    if (!teams) return undefined;
    const link = await this.deps.services.live.linkOf(teams.teamsMeetingId);
    if (link) return link.tenantId === teams.tenantId ? link.networkId : undefined;
    return sender.memberships.length === 1 ? sender.memberships[0].network.id : undefined;
  }

  /** The part of a command's or a card action's context that is the same for both. */
  private handlerContext(turn: TurnContext, info: TurnInfo, sender: Sender, logged: Record<string, unknown>): HandlerContext {
    const { services, cards, messenger, habilitetPosts, links, log } = this.deps;
    return {
      ...info,
      turn,
      services,
      cards,
      messenger,
      habilitetPosts,
      links,
      log: log.child(logged),
      sender,
      replyCard: async (card: CardJson) => (await turn.sendActivity(toActivity({ card })))?.id,
    };
  }

  /** Runs a handler; refusals become a message in the reader's language, failures a logged apology. */
  private async guard(turn: TurnContext, info: TurnInfo, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (err) {
      await turn.sendActivity(this.explain(err, info));
    }
  }

  private explain(err: unknown, info: TurnInfo): string {
    if (err instanceof StoreWriteError) {
      this.deps.log.error({ err }, 'turn failed: the store could not write');
      return info.t.common.notSaved;
    }
    if (err instanceof DomainError) this.deps.log.info({ refusal: err.key, detail: err.message }, 'request refused');
    else if (err instanceof InvalidInputError) this.deps.log.info({ problems: err.problems }, 'invalid input refused');
    else this.deps.log.error({ err }, 'turn failed');
    return refusalText(info.lang, err) ?? info.t.common.internalError;
  }

  /**
   * An invoke the bot does not implement (no name, another feature's name) is a request this
   * bot cannot serve, not a failure of the server: 400 instead of botbuilder's 501.
   */
  protected override async onInvokeActivity(turn: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(turn);
    return response.status === StatusCodes.NOT_IMPLEMENTED ? { status: StatusCodes.BAD_REQUEST } : response;
  }

  protected override async onAdaptiveCardInvoke(turn: TurnContext, value: AdaptiveCardInvokeValue): Promise<AdaptiveCardInvokeResponse> {
    let info = turnInfo(turn);
    const { services, log } = this.deps;
    const verb = value?.action?.verb;
    const action = this.deps.actions.find((a) => a.verb === verb);
    if (!action) {
      log.info({ verb }, 'card action with an unknown verb');
      return invokeResponse({ message: info.t.common.staleCard });
    }
    const automatic = (turn.activity.value as { trigger?: string } | undefined)?.trigger === 'automatic';
    const lean = action.lean && (await this.leanly(turn, info, action, value.action.data, automatic));
    if (lean) return invokeResponse(lean);
    const sender = await identifySender(turn, services, log);
    if (!sender) return invokeResponse({ message: fmt(info.t.common.notOnRoster, { name: plain(turn.activity.from?.name ?? '') }) });
    info = inMemberLanguage(info, sender);
    let result: ActionResult;
    try {
      const parsed = action.data.safeParse(value.action.data ?? {});
      if (!parsed.success) throw new DomainError('common.staleCard', {}, `card data for ${verb} did not parse: ${parsed.error.message}`);
      // In a linked channel a card acts on that channel's network only, whatever its data names.
      const channelNetwork = info.scope === 'personal' ? undefined : (await services.identities.channel(info.conversationId))?.networkId;
      const ctx: ActionContext = {
        ...this.handlerContext(turn, info, sender, { verb, member: memberLogId(sender.email) }),
        automatic,
        membershipIn: (networkId) => {
          if (channelNetwork !== undefined && channelNetwork !== networkId) {
            throw new DomainError('common.staleCard', {}, `a card of network ${networkId} clicked in a channel linked to ${channelNetwork}`);
          }
          return membershipOf(sender, networkId);
        },
      };
      result = await action.handler(ctx, parsed.data);
    } catch (err) {
      result = { message: this.explain(err, info) };
    }
    return invokeResponse(result);
  }

  /**
   * An action's lean handler, for a caller whose Teams account is linked; undefined when there is
   * none to try or it cannot tell, and the action runs as usual. Its refusals are its own to word.
   */
  private async leanly(turn: TurnContext, info: TurnInfo, action: CardAction, data: unknown, automatic: boolean): Promise<ActionResult | undefined> {
    const parsed = action.data.safeParse(data ?? {});
    if (!parsed.success) return undefined;
    const caller = await linkedCaller(turn, this.deps.services);
    if (!caller) return undefined;
    const { services, cards, messenger, habilitetPosts, links, log } = this.deps;
    const explain = (err: unknown, lang: Lang) => this.explain(err, lang === info.lang ? info : { ...info, lang, t: catalog(lang) });
    const ctx = { ...info, turn, services, cards, messenger, habilitetPosts, links, log: log.child({ verb: action.verb, member: memberLogId(caller.email) }), caller, automatic, explain };
    try {
      return await action.lean!(ctx, parsed.data);
    } catch (err) {
      return { message: explain(err, info.lang) };
    }
  }
}

/** A card action's answer to Teams: the card replacing the clicked one, or a message. */
function invokeResponse(result: ActionResult): AdaptiveCardInvokeResponse {
  return 'card' in result
    ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: result.card }
    : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: result.message as unknown as Record<string, unknown> };
}

/**
 * The text of a message meant for the bot: in channels and group chats only when the bot
 * is @mentioned (the mention removed); undefined for posts not addressed to it.
 */
export function commandText(turn: TurnContext): string | undefined {
  const activity = turn.activity;
  const personal = (activity.conversation?.conversationType ?? 'personal') === 'personal';
  const mentioned = TurnContext.getMentions(activity).some((m) => m.mentioned?.id === activity.recipient?.id);
  if (!personal && !mentioned) return undefined;
  const text = TurnContext.removeRecipientMention(activity) ?? activity.text ?? '';
  return text.replace(/<at>[^<]*<\/at>/g, '').replace(/&nbsp;/g, ' ').trim();
}
