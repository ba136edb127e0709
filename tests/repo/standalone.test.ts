import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A clone must pass its tests and run with nothing beside it. A folder named shared next to
 * the repository (where the domain notes, examples and schemas once lived) is named by a
 * relative path (dot-dot, slash, shared) or built by path.join from '..' and 'shared'; both
 * are caught, in every tracked file, code or not. One extended regular expression, read alike by git grep and RegExp, and
 * spelled so that this file does not match itself.
 */
const OUTSIDE = String.raw`\.\.[/\\]shared([^A-Za-z0-9_-]|$)|'\.\.', *'shared'`;

describe('the repository stands alone', function () {
  it('no tracked file names the folder beside the repository', function () {
    const grep = spawnSync('git', ['grep', '--line-number', '--extended-regexp', '-e', OUTSIDE], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(grep.status, 1, `git grep found (status ${grep.status}):\n${grep.stdout}${grep.stderr}`);
  });

  it('the pattern catches both spellings and not a sibling module such as ../sharedReads', function () {
    const outside = new RegExp(OUTSIDE);
    const dots = '..';
    assert.ok(outside.test(`see ${dots}/shared/DOMAIN.md`));
    assert.ok(outside.test(`join(__dirname, '${dots}', '${dots}', 'shared', 'examples')`));
    assert.ok(!outside.test(`import { SharedReads } from '${dots}/sharedReads';`));
  });
});
