import { createHmac, timingSafeEqual } from 'node:crypto';
import { ID_PART } from '../model';

/** How long a download link in a minutes card works. */
export const MINUTES_LINK_TTL_MS = 24 * 60 * 60 * 1000;

export interface MinutesRef {
  networkId: string;
  meetingId: string;
}

const mac = (secret: string, ref: MinutesRef, expires: number) =>
  createHmac('sha256', secret).update(`minutes\n${ref.networkId}\n${ref.meetingId}\n${expires}`).digest('base64url');

/**
 * The token of a download link: "<network>.<expiry, epoch seconds>.<HMAC-SHA256>". It names
 * the network so the meeting is found without searching; the MAC covers network, meeting
 * and expiry, so none of them can be changed.
 */
export function signMinutesToken(secret: string, ref: MinutesRef, expiresAt: Date): string {
  const expires = Math.floor(expiresAt.getTime() / 1000);
  return `${ref.networkId}.${expires}.${mac(secret, ref, expires)}`;
}

const TOKEN = new RegExp(`^(${ID_PART})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})$`);

/** The network of the meeting if the token is genuine, for this meeting and not expired; else undefined. */
export function verifyMinutesToken(secret: string, meetingId: string, token: string, now: Date): string | undefined {
  const parts = TOKEN.exec(token);
  if (!parts) return undefined;
  const [, networkId, expiresText, given] = parts;
  const expires = Number(expiresText);
  const expected = Buffer.from(mac(secret, { networkId, meetingId }, expires));
  if (!timingSafeEqual(Buffer.from(given), expected)) return undefined;
  return expires * 1000 > now.getTime() ? networkId : undefined;
}
