import assert from 'node:assert/strict';
import { CardRenderer } from '../../cards/render';

const template = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: '${date}' },
    { type: 'TextBlock', text: '${recommendation}' },
    { type: 'TextBlock', text: 'Pkt. ${item}' },
    { type: 'FactSet', facts: [{ title: 'Frist', value: '${due}' }] },
    { type: 'Input.Text', id: 'note', label: 'Note', value: '${date}' },
  ],
};

describe('numbers at the start of card text', function () {
  const card = new CardRenderer().render(template, { date: '2. juni 2021, kl. 13.00-15.00', recommendation: '1. Det indstilles, at ...', item: '2/2021', due: '11. august 2021' });
  const body = card.body as Record<string, unknown>[];

  it('keep their number: a no-break space after "2." so Teams does not make a numbered list of a date', function () {
    assert.equal(body[0].text, '2.\u00a0juni 2021, kl. 13.00-15.00');
    assert.equal(body[1].text, '1.\u00a0Det indstilles, at ...');
    assert.equal((body[3].facts as { value: string }[])[0].value, '11.\u00a0august 2021');
  });

  it('leave other text and input values exactly as bound', function () {
    assert.equal(body[2].text, 'Pkt. 2/2021');
    assert.equal(body[4].value, '2. juni 2021, kl. 13.00-15.00', 'an input keeps what the member will edit');
  });
});
