import assert from 'node:assert/strict';
import { RestError, createHttpHeaders, createPipelineRequest } from '@azure/core-rest-pipeline';
import sinon from 'sinon';
import { deliveryError, retryAfterMs } from '../../bot/nudgeDelivery';
import { DeliveryError } from '../../services/deadlines';
import { RateLimiter } from '../../services/deadlines/rateLimit';
import { DomainError } from '../../services/errors';

describe('deadlines: pacing proactive sends (sinon fake timers)', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: 0, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  afterEach(() => clock.restore());

  /** Starts `count` takes at once and records when each was let through. */
  function burst(limiter: RateLimiter, conversationOf: (i: number) => string, count: number): number[] {
    const passed: number[] = [];
    for (let i = 0; i < count; i++) void limiter.take(conversationOf(i)).then(() => passed.push(Date.now()));
    return passed;
  }

  it('lets at most 7 messages a second into one conversation, evenly spaced', async () => {
    const passed = burst(new RateLimiter(), () => 'a:personal-soren', 21);
    await clock.tickAsync(999);
    assert.equal(passed.length, 7);
    await clock.tickAsync(2100);
    assert.equal(passed.length, 21);
    for (let i = 7; i < passed.length; i++) assert.ok(passed[i] - passed[i - 7] >= 1000, `no more than 7 in any second (${i})`);
  });

  it('lets at most 20 messages a second out of the app, across conversations', async () => {
    const passed = burst(new RateLimiter(), (i) => `a:personal-${i}`, 60);
    await clock.tickAsync(999);
    assert.equal(passed.length, 20);
    await clock.tickAsync(2100);
    assert.equal(passed.length, 60);
    for (let i = 20; i < passed.length; i++) assert.ok(passed[i] - passed[i - 20] >= 1000, `no more than 20 in any second (${i})`);
  });

  it('holds every send back for a 429’s Retry-After', async () => {
    const limiter = new RateLimiter();
    limiter.pause(5000);
    const passed = burst(limiter, (i) => `c${i}`, 2);
    await clock.tickAsync(4999);
    assert.equal(passed.length, 0);
    await clock.tickAsync(1);
    assert.equal(passed.length, 1);
    assert.equal(passed[0], 5000);
    await clock.tickAsync(49);
    assert.equal(passed.length, 1, 'then paced again');
    await clock.tickAsync(1);
    assert.equal(passed.length, 2);
  });
});

describe("deadlines: connector errors as the scheduler sees them (botbuilder's RestError)", () => {
  const restError = (statusCode: number, headers: Record<string, string> = {}) =>
    new RestError(`injected ${statusCode}`, {
      statusCode,
      code: 'Injected',
      response: { status: statusCode, headers: createHttpHeaders(headers), request: createPipelineRequest({ url: 'https://smba.trafficmanager.net/' }) },
    });

  it('reads 429 as throttled with its Retry-After (seconds or an HTTP date)', () => {
    const err = deliveryError(restError(429, { 'Retry-After': '30' }));
    assert.equal(err.failure, 'throttled');
    assert.equal(err.retryAfterMs, 30_000);
    assert.equal(retryAfterMs('Wed, 11 Aug 2021 07:00:10 GMT', Date.parse('2021-08-11T07:00:00Z')), 10_000);
    assert.equal(deliveryError(restError(429)).retryAfterMs, undefined, 'no header: the scheduler uses its own backoff');
  });

  it('reads 5xx, 408 and network errors as transient; other 4xx and nobody-to-reach as permanent', () => {
    assert.equal(deliveryError(restError(503)).failure, 'transient');
    assert.equal(deliveryError(restError(500)).failure, 'transient');
    assert.equal(deliveryError(restError(408)).failure, 'transient');
    assert.equal(deliveryError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })).failure, 'transient');
    assert.equal(deliveryError(restError(403)).failure, 'permanent');
    assert.equal(deliveryError(restError(404)).failure, 'permanent');
    assert.equal(deliveryError(new DomainError('common.unreachable', { who: 'x' })).failure, 'permanent');
    const own = new DeliveryError('x', 'throttled', 5);
    assert.equal(deliveryError(own), own);
  });
});
