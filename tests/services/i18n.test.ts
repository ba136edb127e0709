import assert from 'node:assert/strict';
import { DomainError } from '../../services/errors';
import { joinAnd, joinOr, translate } from '../../services/i18n';

describe('i18n', function () {
  it('joins lists as each language writes them: no comma before the last word', function () {
    assert.equal(joinAnd('da', []), '');
    assert.equal(joinAnd('da', ['a']), 'a');
    assert.equal(joinAnd('da', ['a', 'b']), 'a og b');
    assert.equal(joinAnd('da', ['a', 'b', 'c']), 'a, b og c');
    assert.equal(joinOr('da', ['a', 'b', 'c']), 'a, b eller c');
    assert.equal(joinAnd('en', ['a', 'b', 'c']), 'a, b and c');
    assert.equal(joinOr('en', ['a', 'b']), 'a or b');
  });

  it('a refusal names a text of the catalog; a key without one does not compile (npm run lint checks this file)', function () {
    const refusal = new DomainError('deadlines.unknownAssignee', { who: 'lvs' });
    assert.equal(translate('da', refusal.key, refusal.params), '"lvs" er hverken et medlem af netværket eller en gruppe (regioner, medlemmer, alle eller en udpegende instans som LVS).');
    assert.match(translate('en', refusal.key, refusal.params), /^"lvs" is neither a member/);
    // @ts-expect-error: the catalog has no "tasks" section
    assert.ok(new DomainError('tasks.unknownAssignee'));
    // @ts-expect-error: a section is not a text
    assert.ok(new DomainError('common.roles'));
  });
});
