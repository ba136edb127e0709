import type { Activity } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

/** Distinct (app, service URL, audience) clients kept; Teams uses a handful of service URLs. */
const MAX_CLIENTS = 100;

/**
 * botbuilder's CloudAdapter builds a new ConnectorClient and UserTokenClient, each with its
 * own HTTP pipeline, for every incoming activity: a third of a bare echo turn's CPU. The
 * older BotFrameworkAdapter kept one client per service URL and app, as this wrapper does.
 * The clients hold no per-turn state; their credentials cache tokens and renew them.
 */
export class ReusedClients extends BotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusedFactory(claimsIdentity, this.inner.createConnectorFactory(claimsIdentity));
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return kept(this.tokenClients, appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  override createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  override getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  override authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.reusedFactory(result.claimsIdentity, result.connectorFactory) } : result;
  }

  private reusedFactory(claimsIdentity: ClaimsIdentity, factory: ConnectorFactory): ConnectorFactory {
    const connectors = this.connectors;
    const appId = appIdOf(claimsIdentity);
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return kept(connectors, `${appId}|${serviceUrl}|${audience ?? ''}`, () => factory.create(serviceUrl, audience));
      }
    })();
  }
}

/** The app the activity was sent to, as botbuilder's own factories read it (empty with auth off). */
const appIdOf = (claims: ClaimsIdentity): string =>
  claims.getClaimValue(AuthenticationConstants.AudienceClaim) ?? claims.getClaimValue(AuthenticationConstants.AppIdClaim) ?? '';

/** The client made once per key; a failed creation is forgotten, and the oldest goes past MAX_CLIENTS. */
function kept<T>(clients: Map<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  let client = clients.get(key);
  if (!client) {
    if (clients.size >= MAX_CLIENTS) clients.delete(clients.keys().next().value!);
    client = create();
    clients.set(key, client);
    client.catch(() => clients.get(key) === client && clients.delete(key));
  }
  return client;
}
