/**
 * Members the Playground cannot act as. Its mock tenant holds the current user and at most
 * five others, and its UI only ever acts as the current user; so members outside both
 * Playground clients click their cards here: their Teams activities are POSTed to the bot
 * the way tests/helpers/bot.ts does, with a FakeConnector as their Teams (it answers the
 * bot's roster look-up, so the bot identifies them exactly as it would in Teams).
 */
import { exampleAccounts, TENANT, BOT_ID } from '../helpers/bot';
import { FakeConnector } from '../helpers/connector';

export interface OtherMembers {
  /** An Action.Execute click on a card by `email`; resolves with the card the bot answered, or fails with its message. */
  click(email: string, verb: string, data: Record<string, unknown>): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function otherMembers(botUrl: string, emails: string[]): Promise<OtherMembers> {
  const accounts = exampleAccounts().filter((a) => emails.includes(a.email));
  const connector = await new FakeConnector(accounts).start();
  let counter = 0;
  return {
    async click(email, verb, data) {
      const from = accounts.find((a) => a.email === email);
      if (!from) throw new Error(`${email} is not one of the other members`);
      const res = await fetch(`${botUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'invoke',
          name: 'adaptiveCard/action',
          id: `e2e-${++counter}`,
          channelId: 'msteams',
          serviceUrl: connector.url,
          timestamp: new Date().toISOString(),
          locale: 'da-DK',
          from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
          recipient: { id: BOT_ID, name: 'Referent' },
          conversation: { id: connector.personalConversationOf(email), conversationType: 'personal', tenantId: TENANT },
          channelData: { tenant: { id: TENANT } },
          value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        }),
      });
      const body = (await res.json()) as { type?: string; value?: unknown };
      if (body.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`${email} ${verb}: ${res.status} ${JSON.stringify(body.value)}`);
      return body.value as Record<string, unknown>;
    },
    close: () => connector.close(),
  };
}
