import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { EXAMPLES, MEETING_ID, TENANT } from '../helpers/bot';
import { ROOT, startBotProcess, type BotProcess } from '../helpers/botProcess';

/** What a deployment holds besides dist/, as .webappignore lets into the zip deploy: the launcher of npm start, and what npm installs from. */
const COPIED = ['scripts', 'package.json', 'package-lock.json'];

const exec = promisify(execFile);

/** The native module's build, relative to a package folder. */
const SQLITE_BINARY = join('node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

/**
 * The production artefact as App Service or a container image runs it: `npm run build`'s
 * dist/ in a folder of its own with scripts/, package.json and the lock file, installed with
 * `npm ci --omit=dev` (no tsc, no tsx, no Playground), credentials in its `.env`. It starts
 * with `npm start` and with `node dist/bot/main.js` (lock file gone), and the CLI runs.
 *
 * The install skips install scripts and takes the better-sqlite3 binary this clone's own
 * install compiled (same version, same Node): compiling it again takes minutes.
 */
describe('the production install', function () {
  this.timeout(240_000);
  let app: string;
  const bots: BotProcess[] = [];

  const run = (command: string, args: string[], env: Record<string, string> = {}) => {
    const result = spawnSync(command, args, { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env } });
    return { code: result.status, out: result.stdout.trim(), err: result.stderr.trim() };
  };
  const must = (command: string, args: string[]) => {
    const result = run(command, args);
    assert.equal(result.code, 0, `${command} ${args.join(' ')}:\n${result.out}\n${result.err}`);
    return result.out;
  };

  before(async function () {
    app = mkdtempSync(join(tmpdir(), 'referent-deployed-'));
    for (const entry of COPIED) cpSync(join(ROOT, entry), join(app, entry), { recursive: true });
    const buildInfo = mkdtempSync(join(tmpdir(), 'referent-build-'));
    // npm run build's tsc, writing dist/ straight into the copy (so no stale file of an earlier
    // ./dist comes along), while npm installs beside it.
    await Promise.all([
      exec(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.json'), '--outDir', join(app, 'dist'), '--tsBuildInfoFile', join(buildInfo, 'tsbuildinfo')]),
      exec('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: app }),
    ]);
    rmSync(buildInfo, { recursive: true, force: true });
    mkdirSync(dirname(join(app, SQLITE_BINARY)), { recursive: true });
    copyFileSync(join(ROOT, SQLITE_BINARY), join(app, SQLITE_BINARY));
    writeFileSync(
      join(app, '.env'),
      [
        'MicrosoftAppId=00000000-0000-0000-0000-00000000beef',
        'MicrosoftAppPassword=not-a-real-secret',
        'MicrosoftAppType=SingleTenant',
        `MicrosoftAppTenantId=${TENANT}`,
        'PUBLIC_URL=https://referent.example.org',
        `LINK_SECRET=${'s'.repeat(32)}`,
        'DATA_DIR=./data',
        // The real environment wins: the bots get PORT=0, the CLI another DATA_DIR once.
        'PORT=1',
      ].join('\n'),
    );
  });

  afterEach(async function () {
    await Promise.all(bots.splice(0).map((bot) => bot.stop()));
  });

  after(function () {
    rmSync(app, { recursive: true, force: true });
  });

  it('holds no devDependency and no test or card gallery file', function () {
    for (const dev of ['typescript', 'tsx', '@microsoft/m365agentsplayground', 'mocha']) assert.ok(!existsSync(join(app, 'node_modules', dev)), dev);
    const built = readdirSync(join(app, 'dist'), { recursive: true, encoding: 'utf8' });
    assert.deepEqual(built.filter((file) => /(^|\/)(tests|samples)(\/|$)|gallery|\.test\./i.test(file)), []);
  });

  /** A bot in production mode: /healthz answers, and a Teams activity without a Bot Framework token is refused. */
  async function assertServes(bot: BotProcess) {
    bots.push(bot);
    assert.ok(bot.logs.some((line) => line.includes('"mode":"production"')), bot.logs.join('\n'));
    const health = await fetch(`${bot.url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(((await health.json()) as { store: string }).store, 'embedded');
    const activity = readFileSync(join(ROOT, 'tests', 'fixtures', 'teams-activities', 'personal-chat-message.json'));
    const anonymous = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: activity });
    assert.equal(anonymous.status, 401);
  }

  it('starts with npm start, credentials read from .env', async function () {
    await assertServes(await startBotProcess({ command: ['npm', 'start'], cwd: app, env: {} }));
  });

  it('runs the CLI with node and with npm run cli', function () {
    assert.equal(must('node', ['dist/bot/cli.js', 'import-network', join(EXAMPLES, 'network.json')]), 'imported network pid (11 members)');
    assert.match(must('node', ['dist/bot/cli.js', 'import-meeting', join(EXAMPLES, 'meeting-2021-06-02.json')]), /^imported meeting pid-2021-06-02/);
    assert.match(must('npm', ['run', '--silent', 'cli', '--', 'list-meetings']), new RegExp(`^${MEETING_ID}\t2021-06-02T`));
    const elsewhere = run('node', ['dist/bot/cli.js', 'list-meetings'], { DATA_DIR: './elsewhere' });
    assert.deepEqual(elsewhere, { code: 0, out: '', err: '' }, 'the environment wins over .env');
  });

  it('starts with node dist/bot/main.js and no lock file', async function () {
    rmSync(join(app, 'package-lock.json'));
    await assertServes(await startBotProcess({ entry: join(app, 'dist', 'bot', 'main.js'), cwd: app, env: {} }));
  });
});
