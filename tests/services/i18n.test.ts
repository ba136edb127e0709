import assert from 'node:assert/strict';
import { joinAnd, joinOr } from '../../services/i18n';

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
});
