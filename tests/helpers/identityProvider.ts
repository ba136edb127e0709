/**
 * A local stand-in for Bot Framework's token issuer: serves OpenID metadata and a signing
 * key (endorsed for msteams) and signs channel tokens, so production-mode tests exercise
 * botbuilder's real JWT validation without the internet.
 */
import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export const ISSUER = 'https://api.botframework.com';

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class IdentityProvider {
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private server?: http.Server;
  readonly kid = createHash('sha256').update(String(Math.random())).digest('hex').slice(0, 16);
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') {
        res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${this.url}/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (req.url === '/keys') {
        const jwk = this.keys.publicKey.export({ format: 'jwk' });
        res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.kid, use: 'sig', kty: 'RSA', endorsements: ['msteams'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  get endpoints() {
    return { ToBotFromChannelOpenIdMetadataUrl: `${this.url}/.well-known/openid-configuration`, ToBotFromChannelTokenIssuer: ISSUER };
  }

  /** A channel token as Bot Framework would send it; `key` lets a test forge one. */
  token(claims: { audience: string; serviceUrl: string }, key: KeyObject = this.keys.privateKey): string {
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.kid }));
    const payload = b64url(JSON.stringify({ iss: ISSUER, aud: claims.audience, serviceurl: claims.serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600 }));
    const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), key);
    return `${header}.${payload}.${b64url(signature)}`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}

/** A private key nobody trusts, for forged tokens. */
export const foreignKey = (): KeyObject => generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
