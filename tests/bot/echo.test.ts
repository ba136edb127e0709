/**
 * Text someone typed is shown as text wherever the bot echoes it: every message whose
 * placeholders the i18n catalogs fill from input (a command's words, a display name, a form
 * field, card data) escapes Teams markdown, so `[klik](https://evil.example/login)` never
 * becomes a live link.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refusalText } from '../../bot/refusal';
import { DomainError } from '../../services/errors';
import { plain } from '../../services/i18n';
import { EmbeddedStore } from '../../services/store/embedded';
import { InvalidInputError } from '../../services/validation';
import { actor, exampleAccounts, MEETING_ID, startTestBot, teamsAccount, type TestBot } from '../helpers/bot';

const EVIL = '[klik](https://evil.example/login)';
/** A markdown link whose brackets and parenthesis no backslash escapes. */
const LIVE_LINK = /(?<!\\)\[[^\]]*(?<!\\)\]\(/;

function shownAsText(text: string | undefined, typed = EVIL): void {
  assert.ok(text, 'a message was sent');
  assert.doesNotMatch(text, LIVE_LINK, `a live link in: ${text}`);
  assert.ok(text.includes(plain(typed)), `the input, escaped, in: ${text}`);
}

describe('echoed input is shown as text, not as Teams markdown', function () {
  let bot: TestBot;
  const stranger = teamsAccount('stranger@example.com', EVIL);
  const ref = { networkId: 'pid', meetingId: MEETING_ID };
  const form = { networkId: 'pid', kind: 'task', formId: 'form-id-1', title: 'Skema 3', assignees: 'regions', dueDate: '2021-08-11' };

  beforeEach(async function () {
    bot = await startTestBot({ store: new EmbeddedStore(mkdtempSync(join(tmpdir(), 'referent-echo-'))), accounts: [...exampleAccounts(), stranger], linkChannel: true });
    bot.connector.sent.length = 0;
  });
  afterEach(async function () {
    await bot.close();
  });

  it('common.unknownMeeting: "dagsorden <id>"', async function () {
    await bot.sayInChannel('soren.ahl@example.dk', `dagsorden ${EVIL}`);
    shownAsText(bot.connector.texts()[0]);
  });

  it('link.unknownNetwork: "tilknyt <network>"', async function () {
    await bot.sayInChannel('anne.lund@example.dk', `tilknyt ${EVIL}`);
    shownAsText(bot.connector.texts()[0]);
  });

  it('common.notOnRoster: a stranger’s display name, in a message and on a card click', async function () {
    await bot.say(stranger.email, 'hjælp');
    shownAsText(bot.connector.texts()[0]);
    shownAsText((await bot.invoke(stranger.email, 'meeting.item.view', { ...ref, item: 2 })).message);
  });

  it('meeting.vote.unknownProposal: a proposal id from card data', async function () {
    await bot.invoke('anne.lund@example.dk', 'meeting.vote.open', { ...ref, item: 2 });
    const cast = await bot.invoke('soren.ahl@example.dk', 'meeting.vote.cast', { ...ref, item: 2, [`choice-${EVIL}`]: 'agree' });
    shownAsText(cast.message);
  });

  it('deadlines.badDate, unknownAssignee and unknownDeliverTo: the deadline form’s fields', async function () {
    shownAsText((await bot.invoke('mette.kofoed@example.dk', 'deadlines.create', { ...form, dueDate: EVIL.slice(0, 40) })).message, EVIL.slice(0, 40));
    shownAsText((await bot.invoke('mette.kofoed@example.dk', 'deadlines.create', { ...form, assignees: EVIL })).message);
    shownAsText((await bot.invoke('mette.kofoed@example.dk', 'deadlines.create', { ...form, deliverTo: EVIL })).message);
  });

  it('deadlines.notAssigned: a task title typed in the form, echoed to someone else', async function () {
    const created = await bot.invoke('mette.kofoed@example.dk', 'deadlines.create', { ...form, title: EVIL, assignees: 'soren.ahl@example.dk' });
    assert.ok(created.card, created.message);
    const tasks = await bot.app.services.deadlines.overview('pid', actor('mette.kofoed@example.dk'));
    const typed = tasks.find((s) => s.task.title === EVIL);
    assert.ok(typed);
    const done = await bot.invoke('karen.ostby@example.dk', 'deadlines.done', { taskId: typed.task.id });
    shownAsText(done.message);
  });

  it('habilitet history: the description a member typed', async function () {
    await bot.app.services.habilitet.start('pid', MEETING_ID, actor('mette.kofoed@example.dk'));
    await bot.invoke('karen.ostby@example.dk', 'habilitet.submitYes', { ...ref, items: '3', description: EVIL });
    bot.connector.sent.length = 0;
    await bot.sayInChannel('mette.kofoed@example.dk', 'habilitet historik');
    shownAsText(bot.connector.texts()[0]);
  });
});

describe('refusalText', function () {
  it('escapes every parameter of a refusal and the problems of invalid input; a failure is no refusal', function () {
    shownAsText(refusalText('da', new DomainError('common.unknownMeeting', { id: EVIL })));
    shownAsText(refusalText('en', new DomainError('deadlines.badDate', { value: EVIL })));
    shownAsText(refusalText('da', new InvalidInputError('meeting', [`chair: ${EVIL} is not on the roster of pid`])));
    assert.equal(refusalText('da', new Error(EVIL)), undefined);
  });
});
