import assert from 'node:assert/strict';
import { Template } from 'adaptivecards-templating';
import { createCards } from '../../cards/cards';
import { CardRenderer } from '../../cards/render';
import { gallery } from './gallery/gallery';

/** A renderer that records every template and data it binds. */
class RecordingRenderer extends CardRenderer {
  readonly calls: [object, object][] = [];
  override render(template: object, data: object) {
    this.calls.push([template, data]);
    return super.render(template, data);
  }
}

/** Every template and data the gallery binds, through the cards as the App makes them. */
async function galleryBindings(): Promise<[object, object][]> {
  const renderer = new RecordingRenderer();
  for (const sample of await gallery(createCards(renderer))) sample.render();
  return renderer.calls;
}

const renderer = new CardRenderer();
const renderCard = (template: object, data: object) => renderer.render(template, data);
const cardJson = (node: unknown) => renderer.json(node);

/** The list-marker rule of renderCard (a no-break space after "2.") set aside: the library does not apply it. */
const withoutListRule = (card: unknown) => JSON.parse(JSON.stringify(card).replace(/\u00a0/g, ' ')) as unknown;

describe('template binding', function () {
  it('binds every card of the gallery exactly as adaptivecards-templating does', async function () {
    this.timeout(60_000);
    const bindings = await galleryBindings();
    assert.ok(bindings.length > 50, `${bindings.length} cards bound`);
    for (const [template, data] of bindings) {
      const library = new Template(template).expand({ $root: data }) as unknown;
      assert.deepEqual(withoutListRule(renderCard(template, data)), withoutListRule(library), JSON.stringify(data).slice(0, 200));
    }
  });

  it('binds $data, $index, $when, missing fields and expressions as the library does', function () {
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'TextBlock', text: '${title} (${count(rows)}) ${missing}' },
        { type: 'TextBlock', $data: '${rows}', text: '${$index}: ${name}, ${$root.title}', $when: "${name != ''}" },
        { type: 'TextBlock', $data: '${one}', text: '${name}' },
        { type: 'TextBlock', $when: '${flag}', text: 'flag' },
        { type: 'TextBlock', $when: 'true', text: 'a $when that is no expression hides' },
        { type: 'TextBlock', $when: '${title}', text: 'a $when that is not boolean hides' },
        { type: 'FactSet', facts: [{ $data: '${rows}', title: '${name}', value: '${value}' }] },
        { type: 'Input.ChoiceSet', choices: '${list}', value: '${nothing}', id: '${nested.deep.id}' },
      ],
    };
    for (const data of [
      { title: 'T', rows: [{ name: 'a', value: 1 }, { name: '' }, undefined, { name: 'c', value: null }], one: { name: 'one' }, flag: true, list: [1, 2], nested: { deep: { id: 'x' } } },
      { title: '', rows: [], flag: false, nested: {} },
      {},
    ]) {
      assert.deepEqual(renderCard(template, data), new Template(template).expand({ $root: data }), JSON.stringify(data));
    }
  });

  it('refuses, when it parses a template, an expression the public evaluator cannot be given one scope for', function () {
    for (const text of ["${name != $root.title}", '${$index + 1}']) {
      assert.throws(() => renderCard({ type: 'AdaptiveCard', body: [{ type: 'TextBlock', $data: '${rows}', text }] }, { title: 'T', rows: [{ name: 'a' }] }), /reads either \$root or its item/, text);
    }
  });

  it('binds a repeated element once per frozen item when it reads only its item, and anything else every time', function () {
    const template = {
      type: 'AdaptiveCard',
      body: [
        { type: 'Container', $data: '${rows}', items: [{ type: 'TextBlock', text: '${name}' }, { type: 'FactSet', facts: [{ $data: '${facts}', title: '${t}', value: '${v}' }] }] },
        { type: 'TextBlock', $data: '${rows}', text: '${name} ${$root.suffix}' },
        { type: 'TextBlock', $data: '${rows}', text: '${$index}. ${name}' },
      ],
    };
    const kept = Object.freeze({ name: 'a', facts: [{ t: 'x', v: '2. juni' }] });
    const fresh = { name: 'b', facts: [] };
    const bodies = [{ suffix: '1' }, { suffix: '2' }].map((root) => renderCard(template, { ...root, rows: [kept, fresh] }).body as object[]);
    const [first, second] = bodies;
    assert.equal(second[0], first[0], 'the frozen item reading only itself: the same copy');
    assert.ok(Object.isFrozen(first[0]));
    assert.notEqual(second[1], first[1], 'an unfrozen item is bound again');
    assert.deepEqual([second[2], second[3], second[4], second[5]].map((b) => (b as { text: string }).text), ['a 2', 'b 2', '0.\u00a0a', '1.\u00a0b'], 'elements reading $root or $index are bound again');
    const facts = { type: 'FactSet', facts: [{ title: 'x', value: '2.\u00a0juni' }] };
    assert.deepEqual(first[0], { type: 'Container', items: [{ type: 'TextBlock', text: 'a' }, facts] }, 'bound as ever, the list-marker rule applied');
  });

  it('writes a card\'s JSON exactly as JSON.stringify does, kept parts included, and any other value too', async function () {
    this.timeout(60_000);
    for (const [template, data] of await galleryBindings()) {
      // Twice: the second time the kept parts' text is reused.
      for (const card of [renderCard(template, data), renderCard(template, data)]) assert.equal(cardJson(card), JSON.stringify(card));
    }
    const kept = Object.freeze({ name: 'a' });
    const card = renderCard({ body: [{ $data: '${rows}', text: '${name}' }] }, { rows: [kept, kept] });
    for (const value of [card, { card, n: NaN, u: undefined, f: () => 1, list: [undefined, () => 1, -0, 'æ"\n'] }, new Date(0), { toJSON: () => 'x' }, Object.create(null), [], 'text', 1, null, undefined]) {
      assert.equal(cardJson(value), JSON.stringify(value));
    }
  });
});
