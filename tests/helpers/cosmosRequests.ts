/**
 * Counts the requests the in-process Cosmos emulator receives, by kind, between two marks:
 * what a turn costs in production, where each request is a network round trip and billed
 * Request Units. Counts, not timings, so they do not drift with the machine.
 *
 *   const requests = new CosmosRequestCounter();
 *   const cosmos = await startCosmosServer(requests.intercept);
 *   const mark = requests.mark();
 *   ... one operation ...
 *   requests.since(mark); // { pointRead: 2, query: 1, queryPlan: 0, write: 1, metadata: 0, total: 4 }
 */
import type { IncomingMessage } from 'node:http';
import type { CosmosInterceptor } from './cosmosServer';

export const COSMOS_REQUEST_KINDS = ['pointRead', 'query', 'queryPlan', 'write', 'metadata'] as const;
/**
 * pointRead: one document by id; query: a SQL query page or a read feed; queryPlan: the SDK's
 * request for a query's plan; write: create, upsert, replace or delete of a document;
 * metadata: account, database, container and partition-range reads.
 */
export type CosmosRequestKind = (typeof COSMOS_REQUEST_KINDS)[number];

export type CosmosRequestCounts = Record<CosmosRequestKind | 'total', number>;

/** A point in the request stream; `since` counts what came after it. */
export interface CosmosRequestMark {
  readonly counts: Readonly<CosmosRequestCounts>;
}

export class CosmosRequestCounter {
  private readonly seen: CosmosRequestCounts = zero();

  /** Pass to startCosmosServer: counts each request and hands it on to the emulator. */
  readonly intercept: CosmosInterceptor = (req) => {
    const kind = cosmosRequestKind(req);
    this.seen[kind]++;
    this.seen.total++;
    return false;
  };

  mark(): CosmosRequestMark {
    return { counts: { ...this.seen } };
  }

  since(mark: CosmosRequestMark): CosmosRequestCounts {
    const counts = zero();
    for (const key of Object.keys(counts) as (keyof CosmosRequestCounts)[]) counts[key] = this.seen[key] - mark.counts[key];
    return counts;
  }

  /** The requests `operation` makes (nothing else may run meanwhile). */
  async during(operation: () => Promise<unknown>): Promise<CosmosRequestCounts> {
    const mark = this.mark();
    await operation();
    return this.since(mark);
  }
}

export function cosmosRequestKind(req: IncomingMessage): CosmosRequestKind {
  if (header(req, 'x-ms-cosmos-is-query-plan-request')) return 'queryPlan';
  if (header(req, 'x-ms-documentdb-isquery')) return 'query';
  const path = (req.url ?? '').split('?')[0].replace(/\/+$/, '');
  const segments = path.split('/').filter(Boolean);
  // dbs/<db>/colls/<coll>/docs[/<id>]
  if (segments[4] !== 'docs') return 'metadata';
  if (req.method === 'GET') return segments.length > 5 ? 'pointRead' : 'query';
  return 'write';
}

function header(req: IncomingMessage, name: string): boolean {
  const value = req.headers[name];
  return typeof value === 'string' && value.toLowerCase() === 'true';
}

function zero(): CosmosRequestCounts {
  return { pointRead: 0, query: 0, queryPlan: 0, write: 0, metadata: 0, total: 0 };
}
