/** Teams-shaped activities from members of the seeded networks, addressed to a given connector. */
import type { Member } from '../../services/model';
import { BOT_ID, teamsAccount, TENANT } from '../helpers/bot';

let counter = 0;

function from(member: Member, serviceUrl: string): Record<string, unknown> {
  const account = teamsAccount(member.email, member.name);
  return {
    channelId: 'msteams',
    id: `bench-${++counter}`,
    serviceUrl,
    timestamp: new Date().toISOString(),
    locale: 'da-DK',
    from: { id: account.id, name: account.name, aadObjectId: account.aadObjectId },
    recipient: { id: BOT_ID, name: 'Referent' },
    conversation: { id: `a:personal-${member.email}`, conversationType: 'personal', tenantId: TENANT },
    channelData: { tenant: { id: TENANT } },
  };
}

/** A 1:1 message. */
export const message = (member: Member, serviceUrl: string, text: string): string => JSON.stringify({ ...from(member, serviceUrl), type: 'message', text });

/** An Action.Execute click on a card. */
export const invoke = (member: Member, serviceUrl: string, verb: string, data: Record<string, unknown>): string =>
  JSON.stringify({
    ...from(member, serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  });

/** What a card click answered: the refreshed card, or a message (a refusal). */
export async function postInvoke(botUrl: string, body: string): Promise<{ status: number; type?: string; value?: unknown }> {
  const res = await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as { type?: string; value?: unknown }) : {};
  return { status: res.status, type: parsed.type, value: parsed.value };
}

export const CARD = 'application/vnd.microsoft.card.adaptive';
