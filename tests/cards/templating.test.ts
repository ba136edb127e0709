import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { Template } from 'adaptivecards-templating';
import sinon from 'sinon';
import { gallery } from '../../cards/gallery';

/** adaptivecards-templating's own expression evaluator, from a copy of the module that cards/render.ts has not touched. */
function libraryEvaluator(): unknown {
  const load = createRequire(__filename);
  const id = load.resolve('adaptivecards-templating/lib/template-engine');
  const patched = load.cache[id];
  delete load.cache[id];
  try {
    return (load(id) as { Template: Record<string, unknown> }).Template.internalTryEvaluateExpression;
  } finally {
    load.cache[id] = patched;
  }
}

describe('template binding', function () {
  it('binds every gallery card exactly as adaptivecards-templating does on its own', async function () {
    this.timeout(60_000);
    const samples = await gallery();
    const bound = samples.map((s) => s.render());
    sinon.replace(Template as unknown as Record<string, unknown>, 'internalTryEvaluateExpression', libraryEvaluator());
    try {
      samples.forEach((s, i) => assert.deepEqual(bound[i], s.render(), `${s.name} ${s.state} ${s.lang}`));
    } finally {
      sinon.restore();
    }
  });
});
