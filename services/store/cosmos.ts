/**
 * The production store: one Cosmos DB container partitioned by `/pk`. Each document is
 * `{ id, pk, kind, docId, data, dueAt }` where `id` encodes kind and docId (see
 * `cosmosId`) so the same docId under two kinds in one partition cannot collide. Only
 * point operations, single-partition queries and one cross-partition query (`due`) are
 * used; no change feed, no TTL, no stored procedures.
 */
import { Agent } from 'node:https';
import { CosmosClient, ErrorResponse } from '@azure/cosmos';
import type { Container, Database, ItemDefinition, QueryIterator, SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import type { TokenCredential } from '@azure/identity';
import { checkSelector, ConflictError, PreconditionFailedError, StoreSetupError, StoreWriteError } from './store';
import type { DocKey, NewDoc, PartitionSelector, Store, StoredDoc } from './store';

export interface CosmosOptions {
  endpoint: string;
  /** Account key; without one the store signs in with `credential` or DefaultAzureCredential. */
  key?: string;
  database: string;
  /** Defaults to 'docs'. */
  container?: string;
  /** The connection pool; by default the store's own keep-alive pool of MAX_SOCKETS. Tests pass one that trusts a self-signed certificate. */
  agent?: Agent;
  credential?: TokenCredential;
  /** Client id of the user-assigned managed identity DefaultAzureCredential signs in as. */
  managedIdentityClientId?: string;
  /**
   * Create the database and container when missing. Default: only with a key, because Entra
   * data-plane roles cannot create them (that is a control-plane operation); without a key
   * they are checked and a missing one stops the start with what to create.
   */
  createMissing?: boolean;
}

/** Referent's one container and its partition key. */
const CONTAINER = 'docs';
const PARTITION_KEY = '/pk';
/**
 * Connections to Cosmos at once. Without a cap a burst opens one TLS connection per request in
 * flight (thousands), and the handshakes take the bot's CPU; kept alive, 32 carry a burst faster.
 */
const MAX_SOCKETS = 32;

interface CosmosDoc<T> extends ItemDefinition {
  id: string;
  pk: string;
  kind: string;
  docId: string;
  data: T;
  dueAt: string | null;
  _etag?: string;
}

export class CosmosStore implements Store {
  readonly kind = 'cosmos' as const;

  private constructor(
    private readonly client: CosmosClient,
    private readonly database: Database,
    private readonly container: Container,
    /** The pool the store made itself, closed with it. */
    private readonly ownAgent: Agent | undefined,
  ) {}

  /** Connects; creates the database and container if missing (with a key) or checks that they exist (Entra ID). */
  static async open(options: CosmosOptions): Promise<CosmosStore> {
    const ownAgent = options.agent ? undefined : new Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
    const client = new CosmosClient({
      endpoint: options.endpoint,
      ...(options.key ? { key: options.key } : { aadCredentials: options.credential ?? (await defaultCredential(options.managedIdentityClientId)) }),
      agent: options.agent ?? ownAgent,
      // The SDK waits out 429s itself (fixed interval 0 = honour Retry-After); these bounds let a burst ride through.
      connectionPolicy: {
        retryOptions: { maxRetryAttemptCount: 9, maxWaitTimeInSeconds: 30, fixedRetryIntervalInMilliseconds: 0 },
      },
    });
    const containerId = options.container ?? CONTAINER;
    try {
      if (options.createMissing ?? Boolean(options.key)) {
        const { database } = await client.databases.createIfNotExists({ id: options.database });
        const { container } = await database.containers.createIfNotExists({ id: containerId, partitionKey: { paths: [PARTITION_KEY] } });
        return new CosmosStore(client, database, container, ownAgent);
      }
      const database = client.database(options.database);
      const container = database.container(containerId);
      await checkExists(options, database, container);
      return new CosmosStore(client, database, container, ownAgent);
    } catch (err) {
      client.dispose();
      ownAgent?.destroy();
      throw err;
    }
  }

  async get<T>(key: DocKey): Promise<StoredDoc<T> | undefined> {
    try {
      const { resource } = await retrying(() => this.container.item(cosmosId(key), key.pk).read<CosmosDoc<T>>());
      return resource && toDoc(resource);
    } catch (err) {
      if (status(err) === 404) return undefined;
      throw err;
    }
  }

  async list<T>(kind: string, pk: string, idPrefix?: string): Promise<StoredDoc<T>[]> {
    return this.query<T>(partitionQuery(pk, [{ kind, idPrefix }], ' ORDER BY c.docId'), pk);
  }

  /** One query in the partition, whatever the selectors; unordered, since ordering by kind and id would need a composite index. */
  async readPartition(pk: string, selectors: readonly PartitionSelector[]): Promise<StoredDoc<unknown>[]> {
    if (!selectors.length) return [];
    return this.query(partitionQuery(pk, selectors), pk);
  }

  /** One query in the partition, however many ids. */
  async getMany<T>(kind: string, pk: string, ids: readonly string[]): Promise<StoredDoc<T>[]> {
    if (!ids.length) return [];
    const found = await this.query<T>(
      {
        query: 'SELECT * FROM c WHERE c.pk = @pk AND c.kind = @k AND ARRAY_CONTAINS(@ids, c.docId)',
        parameters: [
          { name: '@pk', value: pk },
          { name: '@k', value: kind },
          { name: '@ids', value: [...ids] },
        ],
      },
      pk,
    );
    const byId = new Map(found.map((d) => [d.id, d]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  async create<T>(doc: NewDoc<T>): Promise<StoredDoc<T>> {
    try {
      const { resource } = await retrying(() => this.container.items.create<CosmosDoc<T>>(toCosmos(doc)));
      return toDoc(required(resource, doc));
    } catch (err) {
      if (status(err) === 409) throw new ConflictError(doc);
      throw new StoreWriteError(err);
    }
  }

  async upsert<T>(doc: NewDoc<T>): Promise<StoredDoc<T>> {
    try {
      const { resource } = await retrying(() => this.container.items.upsert<CosmosDoc<T>>(toCosmos(doc)));
      return toDoc(required(resource, doc));
    } catch (err) {
      throw new StoreWriteError(err);
    }
  }

  async replace<T>(doc: NewDoc<T>, ifMatch: string): Promise<StoredDoc<T>> {
    try {
      const { resource } = await retrying(() =>
        this.container.item(cosmosId(doc), doc.pk).replace<CosmosDoc<T>>(toCosmos(doc), { accessCondition: { type: 'IfMatch', condition: ifMatch } }),
      );
      return toDoc(required(resource, doc));
    } catch (err) {
      // 404: deleted since it was read, which for the caller is the same as changed.
      if (status(err) === 412 || status(err) === 404) throw new PreconditionFailedError(doc);
      throw new StoreWriteError(err);
    }
  }

  async delete(key: DocKey): Promise<void> {
    try {
      await retrying(() => this.container.item(cosmosId(key), key.pk).delete());
    } catch (err) {
      if (status(err) !== 404) throw new StoreWriteError(err);
    }
  }

  async due<T>(kind: string, until: string, limit: number): Promise<StoredDoc<T>[]> {
    return this.query<T>({
      query:
        'SELECT TOP @n * FROM c WHERE c.kind = @k AND IS_DEFINED(c.dueAt) AND c.dueAt != null AND c.dueAt <= @t ' +
        'ORDER BY c.dueAt',
      parameters: [
        { name: '@k', value: kind },
        { name: '@t', value: until },
        { name: '@n', value: limit },
      ],
    });
  }

  async ping(): Promise<void> {
    await this.database.read();
  }

  /** Upserts one small document of a kind and partition nothing else reads. */
  async probeWrite(): Promise<void> {
    await this.upsert({ kind: PROBE.kind, pk: PROBE.pk, id: PROBE.id, data: { at: new Date().toISOString() } });
  }

  async close(): Promise<void> {
    this.client.dispose();
    this.ownAgent?.destroy();
  }

  /**
   * Runs a query to the end; in one partition when `pk` is given (without a query plan), else
   * across all. Pages are as large as the service makes them (up to 4 MB): by default it sends
   * 100 documents a page, each page a request, and an item's ballots alone can be thousands.
   */
  private async query<T>(spec: SqlQuerySpec, pk?: string): Promise<StoredDoc<T>[]> {
    const { resources } = await retrying(() => {
      if (pk === undefined) return this.container.items.query<CosmosDoc<T>>(spec, { maxItemCount: WHOLE_PAGES }).fetchAll();
      return withoutQueryPlan(this.container.items.query<CosmosDoc<T>>(spec, { partitionKey: pk, maxItemCount: WHOLE_PAGES })).fetchAll();
    });
    return resources.map((r) => toDoc(r));
  }
}

/** `x-ms-max-item-count` -1: the service fills each page as far as its size limit allows. */
const WHOLE_PAGES = -1;

/**
 * The SDK (4.10) asks the gateway for a query plan beside every query: a request of its own,
 * which a query in one partition does not need, since the gateway runs it there whole (ORDER BY
 * included; the plan is read only when the gateway refuses a query as it stands). For such a
 * query the plan is not asked for; were the gateway to refuse one, that refusal is the error.
 * Options cannot do this: `forceQueryPlan: false` is the default and the plan is fetched anyway.
 */
function withoutQueryPlan<T>(iterator: QueryIterator<T>): QueryIterator<T> {
  const internals = iterator as unknown as { fetchQueryPlan?: unknown };
  if (typeof internals.fetchQueryPlan === 'function') {
    internals.fetchQueryPlan = () => Promise.resolve(new Error('the query plan of a query in one partition is not fetched'));
  }
  return iterator;
}

/**
 * The query for the documents in partition `pk` that any selector names: the kind, and the id
 * or the start of it. c.pk repeats the partition option: cheap in Cosmos, and the emulator
 * ignores the option.
 */
function partitionQuery(pk: string, selectors: readonly PartitionSelector[], orderBy = ''): SqlQuerySpec {
  const parameters: SqlParameter[] = [{ name: '@pk', value: pk }];
  const conditions = selectors.map((selector, n) => {
    checkSelector(selector);
    parameters.push({ name: `@k${n}`, value: selector.kind });
    if (selector.id !== undefined) {
      parameters.push({ name: `@i${n}`, value: selector.id });
      return `(c.kind = @k${n} AND c.docId = @i${n})`;
    }
    if (selector.idPrefix) {
      parameters.push({ name: `@p${n}`, value: selector.idPrefix });
      return `(c.kind = @k${n} AND STARTSWITH(c.docId, @p${n}))`;
    }
    return `(c.kind = @k${n})`;
  });
  return { query: `SELECT * FROM c WHERE c.pk = @pk AND (${conditions.join(' OR ')})${orderBy}`, parameters };
}

/** The readiness probe's document: its own kind and partition, listed by no feature. */
const PROBE = { kind: 'probe', pk: 'probe', id: 'write' } as const;

/**
 * Cosmos ids may not contain '/', '\\', '?' or '#', and '%' misbehaves in some
 * gateways; those, our escape '~' and the separator '|' become `~` + two hex digits.
 * The kind is escaped too, so the first '|' always ends it and the encoding is injective.
 */
export function cosmosId(key: Pick<DocKey, 'kind' | 'id'>): string {
  return `${escapeId(key.kind)}|${escapeId(key.id)}`;
}

function escapeId(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[/\\?#%~|\u0000-\u001f\u007f]/g, (c) => '~' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

function toCosmos<T>(doc: NewDoc<T>): CosmosDoc<T> {
  return { id: cosmosId(doc), pk: doc.pk, kind: doc.kind, docId: doc.id, data: doc.data, dueAt: doc.dueAt ?? null };
}

function toDoc<T>(r: CosmosDoc<T>): StoredDoc<T> {
  return { kind: r.kind, pk: r.pk, id: r.docId, data: r.data, dueAt: r.dueAt ?? null, etag: r._etag ?? '' };
}

function required<T>(resource: CosmosDoc<T> | undefined, key: DocKey): CosmosDoc<T> {
  if (!resource) throw new Error(`Cosmos returned no body for ${key.kind}/${key.pk}/${key.id}`);
  return resource;
}

/**
 * Cosmos's "not now" answers: throttled beyond the SDK's own 429 retries, busy (503, which
 * the SDK retries once for reads and never for writes in a single-region account), timed
 * out, or retry-with (449); and connections reset under load.
 */
const TRANSIENT = new Set([408, 429, 449, 503]);
/** A connection reset or timed out on the way (a keep-alive socket the server had just closed, a gateway restart). */
const TRANSIENT_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 'TimeoutError']);
const TRANSIENT_RETRIES = 8;

/**
 * Runs one Cosmos operation, retrying transient failures with jittered exponential backoff
 * (or the wait Cosmos asked for), about 6 s in all. A retried write cannot apply twice:
 * create answers 409 and replace 412 if an earlier attempt got through, which callers
 * already treat as "someone wrote first" (updateDoc re-reads and sees its own write).
 */
async function retrying<T>(operation: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await operation();
    } catch (err) {
      const code = status(err);
      const network = (err as { code?: unknown } | null)?.code;
      const transient = (code !== undefined && TRANSIENT.has(code)) || (typeof network === 'string' && TRANSIENT_NETWORK.has(network));
      if (!transient || attempt >= TRANSIENT_RETRIES) throw err;
      const asked = (err as { retryAfterInMs?: unknown }).retryAfterInMs;
      const backoff = Math.min(2000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, typeof asked === 'number' && asked > 0 ? asked : backoff));
    }
  }
}

function status(err: unknown): number | undefined {
  if (err instanceof ErrorResponse) return err.code === undefined ? undefined : Number(err.code);
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}

async function defaultCredential(managedIdentityClientId: string | undefined): Promise<TokenCredential> {
  // Loaded lazily: key-based and test setups never pay for @azure/identity.
  const { DefaultAzureCredential } = await import('@azure/identity');
  return new DefaultAzureCredential(managedIdentityClientId ? { managedIdentityClientId } : {});
}

/**
 * Without the right to create them, the database and container must be there with the
 * partition key the store writes; otherwise a StoreSetupError says what to create, and how.
 */
async function checkExists(options: CosmosOptions, database: Database, container: Container): Promise<void> {
  const account = new URL(options.endpoint).hostname.split('.')[0];
  const create = [
    `az cosmosdb sql database create -g <resource-group> -a ${account} -n ${options.database}`,
    `az cosmosdb sql container create -g <resource-group> -a ${account} -d ${options.database} -n ${container.id} -p ${PARTITION_KEY}`,
  ];
  const how = `With Entra ID (no COSMOS_KEY) the bot may not create it. Create it once, e.g. with\n  ${create.join('\n  ')}\nor deploy infra/azure.bicep, which creates both (see docs/deploy.md).`;
  let paths: string[] | undefined;
  try {
    paths = (await retrying(() => container.read())).resource?.partitionKey?.paths;
  } catch (err) {
    if (status(err) === 403) {
      throw new StoreSetupError(
        `Cosmos DB account ${account} refused the bot's identity (403). Assign it the built-in role "Cosmos DB Built-in Data Contributor" ` +
          `(00000000-0000-0000-0000-000000000002), e.g.\n  az cosmosdb sql role assignment create -g <resource-group> -a ${account} ` +
          `--role-definition-id 00000000-0000-0000-0000-000000000002 --principal-id <principal-id> --scope "/"`,
      );
    }
    if (status(err) !== 404) throw err;
    const databaseFound = await retrying(() => database.read()).then(
      () => true,
      (e: unknown) => {
        if (status(e) === 404) return false;
        throw e;
      },
    );
    throw new StoreSetupError(
      databaseFound
        ? `Cosmos DB container "${container.id}" (partition key ${PARTITION_KEY}) does not exist in database "${options.database}" of account ${account}. ${how}`
        : `Cosmos DB database "${options.database}" and its container "${container.id}" (partition key ${PARTITION_KEY}) do not exist in account ${account}. ${how}`,
    );
  }
  if (paths?.[0] !== PARTITION_KEY || paths.length !== 1) {
    throw new StoreSetupError(
      `Cosmos DB container "${options.database}/${container.id}" in account ${account} is partitioned by ${paths?.join(',') ?? 'nothing'}; ` +
        `Referent needs ${PARTITION_KEY} (a partition key cannot be changed: create the container anew).`,
    );
  }
}
