import {
  ActivityEventNames,
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type InvokeResponse,
  StatusCodes,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationError, type AuthenticateRequestResult } from 'botframework-connector';
import type { Config } from './config';
import type { Logger } from './log';
import { ReusedClients } from './reusedClients';
import { tenantOf } from './turn';

/**
 * Where Bot Framework tokens are checked. Empty in every deployment (botbuilder's public
 * cloud defaults); tests point it at a local identity provider to prove the JWT checks.
 */
export interface AuthEndpoints {
  ToBotFromChannelOpenIdMetadataUrl?: string;
  ToBotFromChannelTokenIssuer?: string;
}

/**
 * botbuilder's CloudAdapter: with an app id it validates every request's Bot Framework
 * JWT (401 otherwise); without one it runs unauthenticated, for local use only.
 */
export function createAdapter(config: Config, log: Logger, endpoints: AuthEndpoints = {}): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    ...endpoints,
    MicrosoftAppId: config.app?.id ?? '',
    MicrosoftAppPassword: config.app?.password ?? '',
    MicrosoftAppType: config.app?.type ?? 'MultiTenant',
    MicrosoftAppTenantId: config.app?.tenantId ?? '',
  });
  const adapter = new StrictAdapter(new ReusedClients(auth));
  adapter.onTurnError = async (turn, err) => {
    log.error({ err, activityType: turn.activity.type }, 'unhandled error in turn');
  };
  if (config.allowedTenantIds.length) adapter.use(tenantGuard(config.allowedTenantIds, log));
  return adapter;
}

/** The bot's own proactive turns (continue/create conversation), not activities from Teams. */
const PROACTIVE = new Set<string>(Object.values(ActivityEventNames));

/**
 * Drops activities from tenants the bot does not serve: nothing runs and nothing is sent.
 * The request itself was well-formed and authenticated, so it is answered 200 like any
 * activity the bot ignores; an invoke gets an empty invoke answer (botbuilder would say 501).
 */
export function tenantGuard(allowed: string[], log: Logger) {
  return async (turn: TurnContext, next: () => Promise<void>) => {
    const { type, name } = turn.activity;
    if (type === 'event' && name && PROACTIVE.has(name)) return next();
    const tenant = tenantOf(turn);
    if (!tenant || !allowed.includes(tenant)) {
      log.warn({ tenant, type: turn.activity.type }, 'activity from a tenant outside ALLOWED_TENANT_IDS refused');
      if (type === ActivityTypes.Invoke) await turn.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: StatusCodes.OK } });
      return;
    }
    await next();
  };
}

/**
 * botbuilder answers a token with a bad signature with 500 (jsonwebtoken's error is not an
 * AuthenticationError); a forged token is the caller's fault, so it gets 401 here.
 */
class StrictAdapter extends CloudAdapter {
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    try {
      return await (typeof auth === 'string' ? super.processActivity(auth, activity, logic) : super.processActivity(auth, activity, logic));
    } catch (err) {
      if (err instanceof Error && ['JsonWebTokenError', 'NotBeforeError'].includes(err.name)) {
        throw new AuthenticationError(err.message, StatusCodes.UNAUTHORIZED);
      }
      throw err;
    }
  }
}
