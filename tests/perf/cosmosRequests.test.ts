/**
 * What a turn costs on Cosmos DB, in requests: each is a round trip and billed Request Units.
 * Counted through the real turn path in worlds of different sizes (tests/perf/cosmosCosts.ts);
 * a cost must not grow with members, networks, past meetings or the votes closed before.
 * `npx tsx tests/perf/printCosmosCosts.ts` prints the same counts as a table.
 */
import assert from 'node:assert/strict';
import { measureCosmosCosts, sizeLabel, type CostRow, type Operation } from './cosmosCosts';

describe('Cosmos requests per operation', function () {
  this.timeout(300_000);
  let rows: CostRow[];

  before(async function () {
    rows = await measureCosmosCosts(['hjælp', 'ballot click', 'vote card refresh', 'open a vote', 'habilitet answer', 'habilitet answer follow-up', 'frister', 'nudge sweep (10 due)', 'habilitet prompts (sweep)']);
  });

  const costs = (operation: Operation) => rows.filter((r) => r.operation === operation);
  /** One total at every size the operation is measured at, and at most `most`. */
  const constant = (operation: Operation, most: number) => {
    const totals = costs(operation).map((r) => `${sizeLabel(r.size)}: ${r.counts.total}`);
    const [first] = costs(operation);
    assert.ok(
      costs(operation).every((r) => r.counts.total === first.counts.total),
      `${operation} costs the same at every size: ${totals.join('; ')}`,
    );
    assert.ok(first.counts.total <= most, `${operation} costs at most ${most}: ${totals.join('; ')}`);
  };

  it('hjælp in 1:1: the sender and their network, whatever the members and networks', function () {
    constant('hjælp', 2);
    for (const { counts } of costs('hjælp')) assert.equal(counts.write, 0, 'nothing changed, nothing written');
  });

  it('a ballot click: one read of the vote\'s partition, the ballot written, and the vote checked, whatever the members, networks or votes closed before', function () {
    constant('ballot click', 3);
    for (const { counts } of costs('ballot click')) {
      assert.equal(counts.query, 1, 'the vote, the ballots, recusals and attendance in one read');
      assert.equal(counts.write, 1, 'one ballot');
      assert.equal(counts.queryPlan, 0, 'queries in the meeting partition need no plan');
    }
  });

  it('a vote card refresh: one read of the vote\'s partition, whatever the members or votes closed before', function () {
    constant('vote card refresh', 1);
  });

  it('a habilitet answer, whatever the members: the meeting, the round with the member\'s own answer, the answer; what it causes besides left to the sweep', function () {
    constant('habilitet answer', 3);
    for (const { counts } of costs('habilitet answer')) assert.equal(counts.write, 1, 'the answer, carrying its follow-up');
  });

  it('the follow-up of one habilitet answer, whatever the members', function () {
    // The sweep's own: a due query per job and for the nudges, then the page of due answers (each with its plan, across
    // partitions), and the lease's read and two writes. The reminder: the round, the roster, the task, the member's assignment and its write. The status
    // card: the roster, the meeting, and in one read of the meeting's partition the round, every answer of the meeting
    // (its pages grow with the answers: the card shows them all) and the prompts' progress. The mark cleared.
    // Nothing is read per member.
    constant('habilitet answer follow-up', 22);
  });

  it('frister: the same with 100 past meetings and among 50 networks', function () {
    constant('frister', 5);
  });

  it('a nudge sweep of ten due nudges, whatever the members', function () {
    constant('nudge sweep (10 due)', 35);
  });

  it('the sweep sending a habilitet round\'s prompts: what every prompt shares is read once, not for each member', function () {
    const [small, big] = costs('habilitet prompts (sweep)');
    const perMember = (big.counts.total - small.counts.total) / (big.size.members - small.size.members);
    // Each prompt reads its member's documents and the round, and its send is recorded; the network and the meeting are read once.
    assert.ok(perMember <= 6.25, `at most 6.25 requests per member more: ${small.counts.total} with ${small.size.members}, ${big.counts.total} with ${big.size.members}`);
  });

  it('opening a vote: the voting members\' Teams ids for the card in one read, whatever their number', function () {
    constant('open a vote', 12);
  });
});
