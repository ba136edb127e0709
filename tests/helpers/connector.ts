/**
 * A small stand-in for the Bot Framework connector (Teams' side of the conversation):
 * the bot's replies and proactive messages land here and are recorded, so tests assert
 * on exactly what members would see. It also answers the roster calls
 * (`TeamsInfo.getMember`, `getPagedMembers`) from the accounts it is given, creates 1:1
 * conversations, and can be told to fail the next sends (429 with Retry-After, 5xx).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TeamsAccount {
  id: string;
  name: string;
  aadObjectId: string;
  email: string;
  userPrincipalName: string;
  tenantId: string;
}

export interface Recorded {
  method: string;
  path: string;
  conversationId: string;
  /** The activity the bot sent, for sends and updates. */
  activity: {
    type?: string;
    text?: string;
    id?: string;
    replyToId?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    [key: string]: unknown;
  };
  /** The id the connector gave the activity. */
  activityId: string;
}

export interface Failure {
  status: number;
  headers?: Record<string, string>;
}

export class FakeConnector {
  readonly sent: Recorded[] = [];
  readonly created: { members: { id: string }[]; tenantId?: string; conversationId: string }[] = [];
  private readonly failures: { failure: Failure; where?: (conversationId: string) => boolean }[] = [];
  /**
   * Awaited before each send or update is answered: a test holds sends in flight with it.
   * A rejection drops the send unrecorded (its connection is destroyed), as if it never arrived.
   */
  gate?: (conversationId: string) => Promise<void>;
  /** Milliseconds every send waits before it is answered, to keep a turn in flight. */
  sendDelayMs = 0;
  private server?: http.Server;
  private counter = 0;
  url = '';

  constructor(private readonly accounts: TeamsAccount[]) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `count` sends or updates (to conversations `where` accepts, default all) fail with this answer. */
  failNext(failure: Failure, count = 1, where?: (conversationId: string) => boolean): void {
    for (let i = 0; i < count; i++) this.failures.push({ failure, where });
  }

  /** Sends (and updates) to one conversation (a channel includes its threads), in order. */
  to(conversationId: string): Recorded[] {
    return this.sent.filter((r) => r.conversationId.split(';')[0] === conversationId);
  }

  /** Adaptive Cards the bot sent, optionally only to one conversation. */
  cards(conversationId?: string): Record<string, unknown>[] {
    return (conversationId ? this.to(conversationId) : this.sent).flatMap((r) =>
      (r.activity.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive').map((a) => a.content),
    );
  }

  texts(conversationId?: string): string[] {
    return (conversationId ? this.to(conversationId) : this.sent).map((r) => r.activity.text ?? '').filter(Boolean);
  }

  /** The 1:1 conversation id the connector gives a member (by e-mail). */
  personalConversationOf(email: string): string {
    return `a:personal-${email}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>) : {};
    const path = decodeURIComponent((req.url ?? '').split('?')[0]);
    const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(payload));
    };

    const members = path.match(/^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/);
    if (req.method === 'GET' && members) {
      const account = this.accounts.find((a) => a.id === members[2] || a.aadObjectId === members[2]);
      return account ? json(200, account) : json(404, { error: { code: 'MemberNotFoundInConversation', message: 'not found' } });
    }
    if (req.method === 'GET' && /^\/v3\/conversations\/[^/]+\/pagedmembers$/.test(path)) {
      return json(200, { members: this.accounts });
    }
    if (req.method === 'POST' && path === '/v3/conversations') {
      const params = body as { members: { id: string }[]; tenantId?: string };
      const account = this.accounts.find((a) => a.id === params.members[0]?.id || a.aadObjectId === params.members[0]?.id);
      const conversationId = account ? this.personalConversationOf(account.email) : `a:personal-${params.members[0]?.id}`;
      this.created.push({ members: params.members, tenantId: params.tenantId, conversationId });
      return json(201, { id: conversationId });
    }
    const activity = path.match(/^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/);
    if (activity && (req.method === 'POST' || req.method === 'PUT')) {
      if (this.sendDelayMs) await new Promise((resolve) => setTimeout(resolve, this.sendDelayMs));
      try {
        await this.gate?.(activity[1]);
      } catch {
        res.destroy();
        return;
      }
      const index = this.failures.findIndex((f) => !f.where || f.where(activity[1]));
      const failure = index < 0 ? undefined : this.failures.splice(index, 1)[0].failure;
      if (failure) return json(failure.status, { error: { code: 'Injected', message: `injected ${failure.status}` } }, failure.headers);
      const activityId = req.method === 'PUT' ? activity[2] : `act-${++this.counter}`;
      this.sent.push({ method: req.method, path, conversationId: activity[1], activity: body as Recorded['activity'], activityId });
      return json(200, { id: activityId });
    }
    json(404, { error: { code: 'NotFound', message: `${req.method} ${path}` } });
  }
}
