import assert from 'node:assert/strict';
import { MINUTES_LINK_TTL_MS, signMinutesToken, verifyMinutesToken } from '../../services/minutes';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const ref = { networkId: 'pid', meetingId: 'pid-2021-06-02' };
const now = new Date('2021-06-03T10:00:00Z');
const token = signMinutesToken(SECRET, ref, new Date(now.getTime() + MINUTES_LINK_TTL_MS));

describe('minutes download tokens', function () {
  it('accepts a fresh token for its meeting and names the network', function () {
    assert.match(token, /^pid\.\d+\.[A-Za-z0-9_-]{43}$/);
    assert.equal(verifyMinutesToken(SECRET, ref.meetingId, token, now), 'pid');
    assert.equal(verifyMinutesToken(SECRET, ref.meetingId, token, new Date(now.getTime() + MINUTES_LINK_TTL_MS - 1000)), 'pid');
  });

  it('refuses it from the moment it expires', function () {
    assert.equal(verifyMinutesToken(SECRET, ref.meetingId, token, new Date(now.getTime() + MINUTES_LINK_TTL_MS)), undefined);
  });

  it('refuses any alteration: signature, expiry, network, meeting or secret', function () {
    const [network, expires, mac] = token.split('.');
    const flipped = `${mac.slice(0, 10)}${mac[10] === 'A' ? 'B' : 'A'}${mac.slice(11)}`;
    for (const altered of [
      `${network}.${expires}.${flipped}`,
      `${network}.${Number(expires) + 3600}.${mac}`,
      `other.${expires}.${mac}`,
      `${token}x`,
      token.slice(0, -1),
      '',
      'pid..',
      `${network}.${expires}.${mac}.${mac}`,
    ]) {
      assert.equal(verifyMinutesToken(SECRET, ref.meetingId, altered, now), undefined, altered);
    }
    assert.equal(verifyMinutesToken(SECRET, 'pid-2021-09-01', token, now), undefined, 'another meeting');
    assert.equal(verifyMinutesToken(`${SECRET}x`, ref.meetingId, token, now), undefined, 'another secret');
  });
});
