/**
 * Cosmos DB answering 429 (throttled) and 503 (unavailable), or dropping the connection, for
 * a while, in front of the emulator: members answer habilitet and vote through the bot meanwhile. Every click must
 * succeed, and every declaration and ballot be stored exactly once.
 */
import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { votingMembers } from '../../services/networks';
import { CosmosStore } from '../../services/store/cosmos';
import type { Ballot } from '../../services/voting/tally';
import { actor, MEETING_ID, MEETING_PK, startTestBot, type TestBot } from '../helpers/bot';
import { startCosmosServer, type CosmosTestServer } from '../helpers/cosmosServer';

/** Fails every other document request — 429, 503 or a reset connection in turn — until `budget` faults are spent. */
class Faults {
  injected = { 429: 0, 503: 0, reset: 0 };
  private budget = 0;
  private seen = 0;

  start(budget: number): void {
    this.budget = budget;
  }

  readonly intercept = (req: IncomingMessage, res: ServerResponse): boolean => {
    if (this.budget <= 0 || !/\/docs/.test(req.url ?? '') || this.seen++ % 2 === 0) return false;
    this.budget--;
    if (this.budget % 3 === 2) {
      this.injected.reset++;
      req.socket.destroy();
      return true;
    }
    const throttle = this.budget % 3 === 0;
    req.resume();
    res.writeHead(throttle ? 429 : 503, { 'content-type': 'application/json', ...(throttle ? { 'x-ms-retry-after-ms': '5' } : {}) });
    res.end(JSON.stringify({ code: throttle ? 'TooManyRequests' : 'ServiceUnavailable', message: 'injected by the fault test' }));
    this.injected[throttle ? 429 : 503]++;
    return true;
  };
}

describe('faults: Cosmos DB answering 429 and 503, and resetting connections, for a while', function () {
  this.timeout(60_000);
  let cosmos: CosmosTestServer;
  let bot: TestBot;
  const faults = new Faults();

  before(async function () {
    cosmos = await startCosmosServer(faults.intercept);
    bot = await startTestBot({ store: await CosmosStore.open({ endpoint: cosmos.endpoint, key: 'test', database: 'faults', agent: cosmos.agent }) });
  });
  after(async function () {
    await bot?.close();
    await cosmos?.close();
  });

  it('retries until every habilitet answer and every ballot clicked meanwhile is stored, each once', async function () {
    const { services } = bot.app;
    const network = await services.networks.require('pid');
    const meeting = await services.meetings.require('pid', MEETING_ID);
    await services.habilitet.start('pid', MEETING_ID, actor('mette.kofoed@example.dk'));
    await services.voting.open(meeting, network.members[0], 2);
    const voters = votingMembers(network);
    const ref = { networkId: 'pid', meetingId: MEETING_ID };

    faults.start(120);
    const answers = await Promise.all(
      voters.map(async (m, i) => {
        const habilitet = i === 0 ? await bot.invoke(m.email, 'habilitet.submitYes', { ...ref, items: '3', description: 'Medforfatter på bilag 3.1.' }) : await bot.invoke(m.email, 'habilitet.no', ref);
        const ballots = await Promise.all(['1', '2', '3'].map((p) => bot.invoke(m.email, 'meeting.vote.cast', { ...ref, item: 2, [`choice-${p}`]: 'agree' })));
        return [habilitet, ...ballots];
      }),
    );
    faults.start(0);

    assert.ok(Object.values(faults.injected).every((n) => n >= 10), `faults injected: ${JSON.stringify(faults.injected)}`);
    for (const reply of answers.flat()) {
      assert.equal(reply.status, 200);
      assert.ok(reply.card, `a click was answered with a message instead of its card: ${reply.message}`);
    }
    const declarations = await services.store.list<{ email: string; history: unknown[] }>('habilitet-answer', MEETING_PK);
    assert.deepEqual(declarations.map((d) => d.data.email).sort(), voters.map((m) => m.email).sort());
    for (const d of declarations) assert.equal(d.data.history.length, 1, `${d.data.email} declared once`);
    const ballots = (await services.store.list<Ballot>('ballot', MEETING_PK)).map((d) => d.data);
    assert.equal(ballots.length, voters.length * 3);
    assert.ok(ballots.every((b) => b.choice === 'agree'));
    const state = await services.voting.state(meeting, network, 2);
    assert.deepEqual(state?.tally.proposals.map((p) => p.participation), [voters.length, voters.length, voters.length]);
  });
});
