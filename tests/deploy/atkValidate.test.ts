/**
 * The Agents Toolkit's own validator (`atk validate --manifest-file`, from the devDependency
 * @microsoft/m365agentstoolkit-cli) on the app package `npm run package` builds. It runs offline:
 * the Teams manifest and localization schemas ship inside the CLI (@microsoft/app-manifest).
 * `--package-file` would validate the zip too, but against the Developer Portal, after a sign-in.
 *
 * Note what the Toolkit does not check here: it treats `id` as a template value and puts a
 * random GUID in when it is not one, so a broken id passes (tests/manifest checks it).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { buildAppPackage } from '../../manifest/build';

const ROOT = join(__dirname, '..', '..');
const ATK = join(ROOT, 'node_modules', '@microsoft', 'm365agentstoolkit-cli', 'cli.js');
const TARGET = { appId: '0f6b2a4e-8c1d-4e57-9a3b-2d5c7e9f1a08', host: 'referent.example.dk', version: '1.2.3' };

interface Run {
  code: number;
  output: string;
}

/** Runs `atk validate` on the manifest in `dir`, never prompting and sending no telemetry. */
function atkValidate(dir: string): Promise<Run> {
  const args = [ATK, 'validate', '--manifest-file', join(dir, 'manifest.json'), '--interactive', 'false', '--telemetry', 'false'];
  return new Promise((resolve) => {
    execFile(process.execPath, args, { cwd: dir, env: { ...process.env, CI: '1' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** The files of the built app package, unzipped into a fresh folder; `edit` may break the manifest first. */
async function unpackedPackage(edit?: (manifest: Record<string, unknown>) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'referent-atk-'));
  const zip = await JSZip.loadAsync((await buildAppPackage(TARGET)).zip);
  for (const [name, file] of Object.entries(zip.files)) {
    let content = await file.async('nodebuffer');
    if (name === 'manifest.json' && edit) {
      const manifest = JSON.parse(content.toString('utf8')) as Record<string, unknown>;
      edit(manifest);
      content = Buffer.from(JSON.stringify(manifest, null, 2));
    }
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describe('Agents Toolkit validator (atk validate)', function () {
  // The CLI loads for several seconds on a busy machine.
  this.timeout(180_000);
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('passes the app package npm run package builds: schema and validation rules', async function () {
    const dir = await unpackedPackage();
    dirs.push(dir);
    const { code, output } = await atkValidate(dir);
    assert.equal(code, 0, output);
    assert.match(output, /checked manifest\(s\) with the corresponding schema:\s+Summary:\s+All passed\./, output);
    assert.match(output, /against validation rules\. All passed\./, output);
  });

  it('fails a broken one, naming the fault: an accent colour that is not #rrggbb', async function () {
    const dir = await unpackedPackage((manifest) => {
      manifest.accentColor = 'blue';
    });
    dirs.push(dir);
    const { code, output } = await atkValidate(dir);
    assert.notEqual(code, 0, output);
    assert.match(output, /1 failed/, output);
    assert.match(output, /\/accentColor must match pattern/, output);
  });
});
