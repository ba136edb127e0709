/** Teams-shaped activities from members of the seeded networks, addressed to a given connector. */
import http from 'node:http';
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

/**
 * Each click on its own connection, as Teams' clicks from many members arrive. node:http
 * rather than fetch: through fetch, the client of a 1,000-click burst used as much CPU as the
 * bot, on the two cores they share. autocannon, which drives the turn path, is light like this.
 */
const clickAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });

/** What a card click answered: the refreshed card, or a message (a refusal). Rejects with the socket error if there was no answer. */
export function postInvoke(botUrl: string, body: string): Promise<{ status: number; type?: string; value?: unknown }> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
    const req = http.request(`${botUrl}/api/messages`, { method: 'POST', headers, agent: clickAgent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const parsed = text ? (JSON.parse(text) as { type?: string; value?: unknown }) : {};
        resolve({ status: res.statusCode ?? 0, type: parsed.type, value: parsed.value });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

export const CARD = 'application/vnd.microsoft.card.adaptive';
