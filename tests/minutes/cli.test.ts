import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../bot/cli';
import { EXAMPLES, MEETING_ID } from '../helpers/bot';
import { readDocx } from './ooxml';

/** The CLI opens its own store from DATA_DIR (the embedded one), as `npm run cli` does. */
describe('minutes CLI', function () {
  let dir: string;
  const run = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { DATA_DIR: join(dir, 'data'), LOG_LEVEL: 'silent' }, (s) => out.push(s), (s) => err.push(s));
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
  before(async function () {
    dir = mkdtempSync(join(tmpdir(), 'referent-minutes-cli-'));
    assert.equal((await run('import-network', join(EXAMPLES, 'network.json'))).code, 0);
    assert.equal((await run('import-meeting', join(EXAMPLES, 'meeting-2021-06-02.json'))).code, 0);
  });

  it('writes the draft minutes as .docx with --out', async function () {
    const file = join(dir, 'referat.docx');
    const result = await run('minutes', MEETING_ID, '--out', file);
    assert.equal(result.code, 0, result.err);
    assert.match(result.out, /^wrote .*referat\.docx \(minutes of pid-2021-06-02, \d+ bytes\)$/);
    const { paragraphs } = await readDocx(readFileSync(file));
    assert.deepEqual(
      paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text).slice(-2),
      ['Pkt. 3/2021 Introduktion til opgave 2 og videre proces', 'Pkt. 4/2021 Eventuelt'],
    );
  });

  it('writes Markdown with --format md, to a file or to stdout', async function () {
    const file = join(dir, 'referat.md');
    assert.equal((await run('minutes', MEETING_ID, '--format', 'md', '--out', file)).code, 0);
    const markdown = readFileSync(file, 'utf8');
    assert.match(markdown, /^\*\*Udkast\*\*\n/);
    assert.match(markdown, /\n# Referat\n/);
    assert.match(markdown, /\n## Pkt\. 4\/2021 Eventuelt\n\n### Referat\n\n\*\\\[Sekretæren udfylder: hvad blev rejst under eventuelt, eller at intet blev rejst\\\]\*\n$/);
    const printed = await run('minutes', MEETING_ID, '--format', 'md');
    assert.equal(`${printed.out}\n`, markdown, 'the same text, ending in one newline on stdout');
  });

  it('refuses bad usage (exit 2) and an unknown meeting (exit 1), writing nothing', async function () {
    const file = join(dir, 'nothing.docx');
    for (const argv of [['minutes'], ['minutes', MEETING_ID], ['minutes', MEETING_ID, '--format', 'pdf', '--out', file], ['minutes', MEETING_ID, '--bogus', '--out', file]]) {
      const result = await run(...argv);
      assert.equal(result.code, 2, `${argv.join(' ')}: ${result.err}`);
      assert.match(result.err, /usage: npm run cli -- minutes ID --out FILE/);
    }
    const unknown = await run('minutes', 'pid-1999-01-01', '--out', file);
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /no meeting with id pid-1999-01-01/);
    assert.equal(existsSync(file), false);
  });
});
