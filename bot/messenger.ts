import {
  MessageFactory,
  TeamsInfo,
  TurnContext,
  type Activity,
  type CloudAdapter,
  type ConversationParameters,
  type ConversationReference as BotReference,
  type TeamsChannelAccount,
} from 'botbuilder';
import type { CardJson } from '../cards/render';
import type { Services } from '../services';
import { DomainError } from '../services/errors';
import type { ContactDoc, ConversationReference } from '../services/identity';
import { memberLogId, type Network } from '../services/model';
import type { Logger } from './log';

export interface Outbound {
  text?: string;
  card?: CardJson;
}

/** Where a proactive message went, so it can be updated later (live status cards). */
export interface Sent {
  reference: ConversationReference;
  activityId: string;
}

export const toActivity = (message: Outbound): Partial<Activity> =>
  message.card
    ? { ...MessageFactory.attachment({ contentType: 'application/vnd.microsoft.card.adaptive', content: message.card }), text: message.text }
    : MessageFactory.text(message.text ?? '');

/**
 * Proactive messaging: to a member's 1:1 chat (opening it when none exists) and to the
 * network's linked channel. Connector errors propagate with their statusCode, so callers
 * can retry on 429/5xx.
 */
export class Messenger {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly services: Services,
    private readonly log: Logger,
  ) {}

  /**
   * The conversation of this turn, without Teams' thread suffix, as plain data. Without the
   * incoming message's id too: it names the conversation, not a message, so it is the same
   * from one message to the next (saving a member's contact on every message writes nothing).
   */
  referenceOf(turn: TurnContext): ConversationReference {
    const { activityId: _message, ...reference } = TurnContext.getConversationReference(turn.activity);
    const conversation = reference.conversation ? { ...reference.conversation, id: reference.conversation.id.split(';')[0] } : reference.conversation;
    return JSON.parse(JSON.stringify({ ...reference, conversation })) as ConversationReference;
  }

  /** Learns how to reach every roster member in the team of this channel. */
  async learnTeamRoster(turn: TurnContext, network: Network): Promise<number> {
    let learned = 0;
    try {
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedMembers(turn, 500, token);
        for (const account of page.members) {
          if (await this.learn(account, turn.activity.serviceUrl, network)) learned++;
        }
        token = page.continuationToken;
      } while (token);
    } catch (err) {
      this.log.warn({ err, network: network.id }, 'could not read the team roster; members are reached once they write');
    }
    return learned;
  }

  private async learn(account: TeamsChannelAccount, serviceUrl: string, network: Network): Promise<boolean> {
    const email = (account.email ?? account.userPrincipalName ?? '').toLowerCase();
    const member = network.members.find((m) => m.email === email);
    if (!member || !account.aadObjectId) return false;
    await this.services.identities.saveContact(email, { tenantId: account.tenantId ?? '', aadObjectId: account.aadObjectId, teamsUserId: account.id, serviceUrl });
    return true;
  }

  /** Sends to a member's 1:1 chat; opens the chat first if the bot has none with them. `known`: their contact as the caller has just read it. */
  async toMember(email: string, message: Outbound, known?: { contact?: ContactDoc }): Promise<Sent> {
    const contact = known ? known.contact : await this.services.identities.contact(email);
    if (contact?.personal) return this.toConversation(contact.personal, message);
    if (!contact?.serviceUrl || !(contact.teamsUserId ?? contact.aadObjectId)) {
      throw new DomainError('common.unreachable', { who: email }, `no way to reach ${memberLogId(email)} yet: they have not written and no linked team lists them`);
    }
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: { id: this.appId ? `28:${this.appId}` : 'referent', name: 'Referent' },
      members: [{ id: contact.teamsUserId ?? contact.aadObjectId, name: email }],
      tenantId: contact.tenantId,
      channelData: { tenant: { id: contact.tenantId } },
      activity: undefined as unknown as Activity,
    };
    const serviceUrl = contact.serviceUrl;
    let sent: Sent | undefined;
    await surfaceErrors((logic) => this.adapter.createConversationAsync(this.appId, 'msteams', serviceUrl, '', parameters, logic), async (turn) => {
      const reference = this.referenceOf(turn);
      await this.services.identities.saveContact(email, { tenantId: contact.tenantId, aadObjectId: contact.aadObjectId, personal: reference });
      const response = await turn.sendActivity(toActivity(message));
      sent = { reference, activityId: response?.id ?? '' };
    });
    if (!sent) throw new Error(`no conversation was created for ${memberLogId(email)}`);
    return sent;
  }

  /** Posts to every channel linked to the network; the first (most recent) one's post is returned. */
  async toChannel(networkId: string, message: Outbound): Promise<Sent | undefined> {
    const [channel] = await this.services.identities.channelsOf(networkId);
    return channel ? this.toConversation(channel.reference, message) : undefined;
  }

  async toConversation(reference: ConversationReference, message: Outbound): Promise<Sent> {
    let activityId = '';
    await surfaceErrors((logic) => this.adapter.continueConversationAsync(this.appId, reference as Partial<BotReference>, logic), async (turn) => {
      activityId = (await turn.sendActivity(toActivity(message)))?.id ?? '';
    });
    return { reference, activityId };
  }

  /** Replaces an earlier proactive post in place (e.g. a status card as answers arrive). */
  async update(sent: Sent, message: Outbound): Promise<void> {
    await surfaceErrors((logic) => this.adapter.continueConversationAsync(this.appId, sent.reference as Partial<BotReference>, logic), async (turn) => {
      await turn.updateActivity({ ...toActivity(message), id: sent.activityId });
    });
  }
}

/**
 * botbuilder hands an error thrown inside a proactive turn to onTurnError, which only logs
 * it; this rethrows it to the caller (with the connector's statusCode and response), so
 * proactive senders can retry, back off or record the failure.
 */
async function surfaceErrors(start: (logic: (turn: TurnContext) => Promise<void>) => Promise<void>, logic: (turn: TurnContext) => Promise<void>): Promise<void> {
  let failure: { error: unknown } | undefined;
  await start(async (turn) => {
    try {
      await logic(turn);
    } catch (error) {
      failure = { error };
    }
  });
  if (failure) throw failure.error;
}
