import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Config } from './config';
import type { Logger } from './log';
import { tenantOf } from './turn';

/**
 * botbuilder's CloudAdapter: with an app id it validates every request's Bot Framework
 * JWT (401 otherwise); without one it runs unauthenticated, for local use only.
 */
export function createAdapter(config: Config, log: Logger): CloudAdapter {
  const auth = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: config.app?.id ?? '',
    MicrosoftAppPassword: config.app?.password ?? '',
    MicrosoftAppType: config.app?.type ?? 'MultiTenant',
    MicrosoftAppTenantId: config.app?.tenantId ?? '',
  });
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (turn, err) => {
    log.error({ err, activityType: turn.activity.type }, 'unhandled error in turn');
  };
  if (config.allowedTenantIds.length) adapter.use(tenantGuard(config.allowedTenantIds, log));
  return adapter;
}

/** Drops activities from tenants the bot does not serve; nothing is sent back. */
export function tenantGuard(allowed: string[], log: Logger) {
  return async (turn: TurnContext, next: () => Promise<void>) => {
    const tenant = tenantOf(turn);
    if (!tenant || !allowed.includes(tenant)) {
      log.warn({ tenant, type: turn.activity.type }, 'activity from a tenant outside ALLOWED_TENANT_IDS refused');
      return;
    }
    await next();
  };
}
