import { z } from 'zod';

/** The environment the bot runs on, parsed once at start. */
export interface Config {
  port: number;
  /**
   * The address the server listens on. Local mode, which authenticates nobody, defaults to
   * the loopback address; production to every interface.
   */
  host: string;
  /** HOST was set in local mode: the unauthenticated bot listens beyond this machine. */
  hostExposesLocalMode: boolean;
  /** 'production' when Microsoft app credentials are set: Bot Framework JWTs are required. */
  mode: 'local' | 'production';
  app?: { id: string; password?: string; type: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI'; tenantId?: string };
  /** Tenants whose activities are accepted; empty in local mode (any). */
  allowedTenantIds: string[];
  /**
   * `managedIdentityClientId`: with UserAssignedMSI the bot's identity also signs in to Cosmos
   * (DefaultAzureCredential would otherwise need AZURE_CLIENT_ID to pick a user-assigned identity).
   */
  cosmos?: { endpoint: string; key?: string; database: string; managedIdentityClientId?: string };
  dataDir: string;
  publicUrl: string;
  /** Signs minutes download links. */
  linkSecret: string;
  playground: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Maximum body of POST /api/messages, in bytes. */
  maxBodyBytes: number;
  /** TEST_CLOCK=1, local mode only: a settable clock and POST /test/clock, for the e2e test. */
  testClock: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const opt = z.preprocess(blankToUndefined, z.string().trim().optional());

const EnvSchema = z.object({
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3978)),
  HOST: z.preprocess(blankToUndefined, z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]).optional()),
  MicrosoftAppId: opt,
  MicrosoftAppPassword: opt,
  MicrosoftAppType: z.preprocess(blankToUndefined, z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).optional()),
  MicrosoftAppTenantId: opt,
  ALLOWED_TENANT_IDS: opt,
  COSMOS_ENDPOINT: z.preprocess(blankToUndefined, z.url().optional()),
  COSMOS_KEY: opt,
  COSMOS_DATABASE: z.preprocess(blankToUndefined, z.string().regex(/^[A-Za-z0-9_-]{1,255}$/).default('referent')),
  DATA_DIR: z.preprocess(blankToUndefined, z.string().default('./data')),
  PUBLIC_URL: z.preprocess(blankToUndefined, z.url().optional()),
  LINK_SECRET: z.preprocess(blankToUndefined, z.string().min(32, 'at least 32 characters').optional()),
  PLAYGROUND: z.preprocess(blankToUndefined, z.enum(['0', '1']).default('1')),
  LOG_LEVEL: z.preprocess(blankToUndefined, z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info')),
  MAX_BODY_BYTES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1024).default(256 * 1024)),
  TEST_CLOCK: z.preprocess(blankToUndefined, z.enum(['0', '1']).default('0')),
});

/** Every environment variable the bot reads: the app settings a deployment may set (infra/ is checked against it). */
export const ENV_KEYS = Object.keys(EnvSchema.shape) as readonly (keyof typeof EnvSchema.shape)[];

/** Parses the environment; a ConfigError lists every missing or malformed key. */
export function loadConfig(env: NodeJS.ProcessEnv, randomSecret: () => string): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const requireKey = (name: string, present: unknown, why: string) => {
    if (!present) problems.push(`${name} is missing (${why})`);
  };

  let app: Config['app'];
  if (e.MicrosoftAppId) {
    // Azure creates no new multi-tenant bots; MultiTenant stays for registrations made before.
    const type = e.MicrosoftAppType ?? 'SingleTenant';
    if (type === 'UserAssignedMSI') {
      // The managed identity signs in with no secret; botbuilder refuses one (and it would be a stray secret).
      if (e.MicrosoftAppPassword) problems.push('MicrosoftAppPassword must not be set with MicrosoftAppType=UserAssignedMSI (the managed identity has no secret)');
    } else {
      requireKey('MicrosoftAppPassword', e.MicrosoftAppPassword, `needed with MicrosoftAppId for ${type}`);
    }
    if (type !== 'MultiTenant') requireKey('MicrosoftAppTenantId', e.MicrosoftAppTenantId, `needed with MicrosoftAppType=${type}`);
    app = { id: e.MicrosoftAppId, password: e.MicrosoftAppPassword, type, tenantId: e.MicrosoftAppTenantId };
  } else {
    for (const k of ['MicrosoftAppPassword', 'MicrosoftAppType', 'MicrosoftAppTenantId'] as const) {
      if (e[k]) problems.push(`MicrosoftAppId is missing (${k} is set without it)`);
    }
  }
  const production = Boolean(app);
  const allowedTenantIds = (e.ALLOWED_TENANT_IDS ?? e.MicrosoftAppTenantId ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (production) {
    // Other app types already name the missing MicrosoftAppTenantId, the default of the list.
    if (!allowedTenantIds.length && app?.type === 'MultiTenant') problems.push('ALLOWED_TENANT_IDS is missing (a multi-tenant app must name the tenants it serves)');
    requireKey('PUBLIC_URL', e.PUBLIC_URL, 'download links need the public address in production');
    requireKey('LINK_SECRET', e.LINK_SECRET, 'download links are signed with it in production');
    if (e.TEST_CLOCK === '1') problems.push('TEST_CLOCK must not be set in production (it lets anyone move the clock)');
  }
  if (e.COSMOS_KEY && !e.COSMOS_ENDPOINT) problems.push('COSMOS_ENDPOINT is missing (COSMOS_KEY is set without it)');
  if (problems.length) throw new ConfigError([...new Set(problems)]);

  const loopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');
  return {
    port: e.PORT,
    host: e.HOST ?? (production ? '0.0.0.0' : '127.0.0.1'),
    hostExposesLocalMode: !production && e.HOST !== undefined && !loopback(e.HOST),
    mode: production ? 'production' : 'local',
    app,
    allowedTenantIds: production ? allowedTenantIds : [],
    cosmos: e.COSMOS_ENDPOINT
      ? {
          endpoint: e.COSMOS_ENDPOINT,
          key: e.COSMOS_KEY,
          database: e.COSMOS_DATABASE,
          ...(!e.COSMOS_KEY && app?.type === 'UserAssignedMSI' ? { managedIdentityClientId: app.id } : {}),
        }
      : undefined,
    dataDir: e.DATA_DIR,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    linkSecret: e.LINK_SECRET ?? randomSecret(),
    playground: !production && e.PLAYGROUND === '1',
    logLevel: e.LOG_LEVEL,
    maxBodyBytes: e.MAX_BODY_BYTES,
    testClock: !production && e.TEST_CLOCK === '1',
  };
}
