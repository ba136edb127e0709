/**
 * Members the Playground cannot act as. Its mock tenant holds the current user and at most
 * five others, and its UI only ever acts as the current user; so members outside both
 * Playground clients click their cards here: their Teams activities are POSTed to the bot
 * the way tests/helpers/bot.ts does, with a FakeConnector as their Teams (it answers the
 * bot's roster look-up, so the bot identifies them exactly as it would in Teams).
 */
import { exampleAccounts, TENANT, BOT_ID } from '../helpers/bot';
import { FakeConnector, type TeamsAccount } from '../helpers/connector';

export interface OtherMembers {
  /** An Action.Execute click on a card by `email`; resolves with the card the bot answered, or fails with its message. */
  click(email: string, verb: string, data: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** A 1:1 message from `email`; resolves once the bot has answered it. */
  say(email: string, text: string): Promise<void>;
  /**
   * A Teams event about the conversation `where` names (a meeting's participants joining),
   * sent as Teams would, from `email`; resolves with the HTTP status.
   */
  event(email: string, name: string, value: unknown, where: { conversationId: string; tenantId: string; channelData: Record<string, unknown> }): Promise<number>;
  /** The Teams account (id, object id) of one of them, as an event names it. */
  account(email: string): TeamsAccount;
  /** The cards the bot has sent `email` in their 1:1 chat, oldest first. */
  cardsTo(email: string): Record<string, unknown>[];
  close(): Promise<void>;
}

/** `newcomers`: people not on the example roster, whom the test adds in Teams. */
export async function otherMembers(botUrl: string, emails: string[], newcomers: TeamsAccount[] = []): Promise<OtherMembers> {
  const accounts = [...exampleAccounts().filter((a) => emails.includes(a.email)), ...newcomers];
  const connector = await new FakeConnector(accounts).start();
  let counter = 0;
  const activity = (from: TeamsAccount) => ({
    channelId: 'msteams',
    id: `e2e-${++counter}`,
    serviceUrl: connector.url,
    timestamp: new Date().toISOString(),
    locale: 'da-DK',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient: { id: BOT_ID, name: 'Referent' },
    conversation: { id: connector.personalConversationOf(from.email), conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  });
  return {
    async say(email, text) {
      const from = accounts.find((a) => a.email === email);
      if (!from) throw new Error(`${email} is not one of the other members`);
      const res = await fetch(`${botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity(from), type: 'message', text }),
      });
      if (res.status >= 300) throw new Error(`${email} "${text}": ${res.status}`);
    },
    cardsTo: (email) => connector.cards(connector.personalConversationOf(email)),
    account: (email) => {
      const found = accounts.find((a) => a.email === email);
      if (!found) throw new Error(`${email} is not one of the other members`);
      return found;
    },
    async event(email, name, value, where) {
      const from = accounts.find((a) => a.email === email);
      if (!from) throw new Error(`${email} is not one of the other members`);
      const res = await fetch(`${botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...activity(from),
          type: 'event',
          name,
          value,
          conversation: { id: where.conversationId, isGroup: true, conversationType: 'groupChat', tenantId: where.tenantId },
          channelData: where.channelData,
        }),
      });
      return res.status;
    },
    async click(email, verb, data) {
      const from = accounts.find((a) => a.email === email);
      if (!from) throw new Error(`${email} is not one of the other members`);
      const res = await fetch(`${botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity(from), type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' } }),
      });
      const body = (await res.json()) as { type?: string; value?: unknown };
      if (body.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`${email} ${verb}: ${res.status} ${JSON.stringify(body.value)}`);
      return body.value as Record<string, unknown>;
    },
    close: () => connector.close(),
  };
}
