import assert from 'node:assert/strict';
import { NetworkSchema, type Network, type Proposal } from '../../services/model';
import type { Choice } from '../../services/voting/choices';
import { missingVoters, neededFor, tally, type Ballot } from '../../services/voting/tally';
import { exampleNetwork } from '../helpers/bot';

const network = (quorum?: number): Network => NetworkSchema.parse({ ...exampleNetwork(), settings: quorum === undefined ? {} : { quorum } });
const proposals: Proposal[] = [
  { id: '1', kind: 'indication', title: 'SCID hos børn' },
  { id: '2', kind: 'indication', title: 'Svær autoimmunitet' },
];
const VOTERS = network().members.filter((m) => ['chair', 'vice-chair', 'member'].includes(m.role)).map((m) => m.email);
let revs = 0;
const ballot = (email: string, choice: Choice, proposalId = '1', reason?: string): Ballot => ({
  itemNumber: 2,
  proposalId,
  email,
  choice,
  rev: `r${++revs}`,
  castAt: '2021-06-02T12:00:00Z',
  ...(reason ? { reason } : {}),
});
const first = (ballots: Ballot[], recused: string[] = [], quorum?: number) => tally(network(quorum), proposals, new Set(recused), ballots).proposals[0];

describe('consensus tally (pure)', function () {
  it('needs participation strictly above the quorum share: more than half of 8 is 5, of 9 is 5, of 0 is 1', function () {
    assert.equal(neededFor(0.5, 8), 5);
    assert.equal(neededFor(0.5, 9), 5);
    assert.equal(neededFor(0.5, 0), 1);
    assert.equal(neededFor(0.7, 10), 8, '0.7 × 10 is 7 exactly despite floating point');
    assert.equal(neededFor(0.6, 5), 4);
  });

  it('is konsensus when more than half of the nine eligible take part and nobody says Uenig', function () {
    const result = first(VOTERS.slice(0, 5).map((e) => ballot(e, 'agree')));
    assert.equal(result.eligible, 9);
    assert.equal(result.participation, 5);
    assert.equal(result.needed, 5);
    assert.equal(result.consensus, true);
    assert.deepEqual(result.counts, { agree: 5, reservation: 0, disagree: 0, abstain: 0 });
    assert.equal(result.nonVoters.length, 4);
  });

  it('is not konsensus at exactly half, nor with a single Uenig however many agree', function () {
    assert.equal(first(VOTERS.slice(0, 4).map((e) => ballot(e, 'agree'))).consensus, false);
    const oneNo = VOTERS.map((e, i) => ballot(e, i === 0 ? 'disagree' : 'agree', '1', i === 0 ? 'For bredt' : undefined));
    const result = first(oneNo);
    assert.equal(result.participation, 9);
    assert.equal(result.consensus, false);
    assert.deepEqual(result.votes[0], { email: VOTERS[0], name: 'Anne Holm Lund', choice: 'disagree', reason: 'For bredt' });
  });

  it('counts Undlader and Enig med forbehold as taking part without blocking konsensus', function () {
    const ballots = [ballot(VOTERS[0], 'abstain'), ballot(VOTERS[1], 'abstain'), ballot(VOTERS[2], 'reservation', '1', 'Kun ved debut før 2 år'), ballot(VOTERS[3], 'abstain'), ballot(VOTERS[4], 'agree')];
    const result = first(ballots);
    assert.equal(result.participation, 5);
    assert.equal(result.consensus, true);
    assert.deepEqual(result.counts, { agree: 1, reservation: 1, disagree: 0, abstain: 3 });
  });

  it('leaves recused members out of the eligible count and ignores their ballots and those of staff', function () {
    const recused = [VOTERS[8]];
    const ballots = [...VOTERS.slice(0, 4).map((e) => ballot(e, 'agree')), ballot(VOTERS[8], 'disagree', '1', 'x'), ballot('peter.vang@example.dk', 'disagree', '1', 'y')];
    const all = tally(network(), proposals, new Set(recused), ballots);
    assert.equal(all.proposals[0].eligible, 8);
    assert.equal(all.proposals[0].participation, 4);
    assert.equal(all.proposals[0].consensus, false, '4 of 8 is not more than half');
    assert.deepEqual(all.recused.map((v) => v.email), [VOTERS[8]]);
    assert.equal(all.counted.length, 4, 'only eligible ballots are counted');
    const five = tally(network(), proposals, new Set(recused), [...ballots, ballot(VOTERS[4], 'agree')]);
    assert.equal(five.proposals[0].consensus, true, 'the recused Uenig does not block');
  });

  it('uses the network quorum setting', function () {
    const six = VOTERS.slice(0, 6).map((e) => ballot(e, 'agree'));
    assert.equal(first(six, [], 0.5).consensus, true);
    assert.equal(first(six, [], 0.75).consensus, false, 'more than 6.75 of 9 needs 7');
    assert.equal(first([...six, ballot(VOTERS[6], 'agree')], [], 0.75).consensus, true);
  });

  it('tallies each proposal on its own and lists who is missing any', function () {
    const ballots = [...VOTERS.map((e) => ballot(e, 'agree', '1')), ...VOTERS.slice(0, 7).map((e) => ballot(e, 'agree', '2'))];
    const result = tally(network(), proposals, new Set(), ballots);
    assert.equal(result.proposals[0].participation, 9);
    assert.equal(result.proposals[1].participation, 7);
    assert.deepEqual(missingVoters(result).map((v) => v.email), VOTERS.slice(7));
  });

  it('is never konsensus when nobody is eligible', function () {
    const result = tally(network(), proposals, new Set(VOTERS), []);
    assert.equal(result.proposals[0].eligible, 0);
    assert.equal(result.proposals[0].consensus, false);
  });
});
