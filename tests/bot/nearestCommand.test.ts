import assert from 'node:assert/strict';
import { commandTable, nearestCommand } from '../../bot/commands/table';

describe('unknown input suggests the nearest command', function () {
  const near = (text: string, lang: 'da' | 'en' = 'da') => nearestCommand(commandTable(), text, lang);

  it('names the command a typo was nearest, in the reader\'s language', function () {
    assert.equal(near('dagsordn'), 'dagsorden');
    assert.equal(near('mødr'), 'møder');
    assert.equal(near('medlemer 2'), 'medlemmer');
    assert.equal(near('agnda', 'en'), 'agenda');
    assert.equal(near('agnda'), 'dagsorden', 'an English word typed by a Danish reader: the Danish command');
    assert.equal(near('refrat'), 'referat');
  });

  it('suggests nothing for text that is near no command', function () {
    assert.equal(near('hvornår er næste møde?'), undefined);
    assert.equal(near('xyz'), undefined);
    assert.equal(near(''), undefined);
  });
});
