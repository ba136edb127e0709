import assert from 'node:assert/strict';
import { DomainError } from '../../services/errors';
import { minutesMarkdown } from '../../services/minutes';
import { actor } from '../helpers/bot';
import { forEachStore } from '../helpers/stores';
import { readDocx } from './ooxml';
import { APOLOGY, runExampleMeeting } from './script';
import { SECRETARY, KAREN } from '../helpers/examplePeople';

const NORA = 'nora.berg@example.dk';
const COMMENT = 'Under pkt. 2 bør det fremgå, at aldersgrænsen drøftes igen i september.';

forEachStore('the minutes after the meeting: comments on the draft, approval', (fresh) => {
  it('sends the draft for comments to every member, present, absent and newly appointed, once; answers and comments are kept', async function () {
    const { services, meeting } = await runExampleMeeting(await fresh());
    let network = await services.networks.require('pid');
    ({ network } = await services.roster.add(network, actor(SECRETARY), { name: 'Nora Berg', email: NORA, role: 'member', appointedBy: 'Dansk Pædiatrisk Selskab' }, 'form-nora-1'));
    await assert.rejects(services.minutes.circulate(meeting, network, actor(KAREN), '2021-06-14'), (err: DomainError) => err.key === 'meeting.onlyLeaders');

    const { task, created } = await services.minutes.circulate(meeting, network, actor(SECRETARY), '2021-06-14');
    assert.ok(created);
    assert.equal(task.kind, 'comments');
    assert.equal(task.deliverTo, SECRETARY);
    assert.ok(task.assigneeEmails.includes(APOLOGY), 'also the member who sent apologies');
    assert.ok(task.assigneeEmails.includes(NORA), 'also the member appointed since');
    assert.ok(!task.assigneeEmails.includes(SECRETARY) && !task.assigneeEmails.includes('peter.vang@example.dk'), 'staff are not asked');
    assert.equal(task.assigneeEmails.length, 10);
    const again = await services.minutes.circulate(meeting, network, actor(SECRETARY), '2021-06-20');
    assert.deepEqual([again.task.id, again.created], [task.id, false], 'sent once');

    const member = (email: string) => network.members.find((m) => m.email === email)!;
    await assert.rejects(services.deadlines.markDone(task.id, member(KAREN), 'commentsSent', '  '), (err: DomainError) => err.key === 'deadlines.commentMissing');
    await assert.rejects(services.deadlines.markDone(task.id, member(KAREN), 'commentsSent', 'x'.repeat(1001)), (err: DomainError) => err.key === 'deadlines.commentTooLong');
    await services.deadlines.markDone(task.id, member(KAREN), 'commentsSent', ` ${COMMENT} `);
    await services.deadlines.markDone(task.id, member(NORA), 'noComments');
    const round = await services.minutes.round(meeting);
    const answers = round!.assignees.filter((a) => a.status === 'done').map((a) => [a.email, a.outcome, a.comment]);
    assert.deepEqual(answers, [
      [KAREN, 'commentsSent', COMMENT],
      [NORA, 'noComments', undefined],
    ]);
    assert.equal(round!.assignees.filter((a) => a.status === 'open').length, 8);
    assert.equal(await services.deadlines.nudgeNow(task.id, actor(SECRETARY)), 8, 'the rest are reminded through the deadlines machinery');
  });

  it('Godkend referat keeps the approved document: it says no longer "Udkast", and later changes to the meeting do not alter it', async function () {
    const { services, meeting, clock } = await runExampleMeeting(await fresh());
    const network = await services.networks.require('pid');
    const draft = await services.minutes.docx(meeting);
    assert.equal((await readDocx(draft.body)).paragraphs[0].text, 'Udkast');
    const { task } = await services.minutes.circulate(meeting, network, actor(SECRETARY), '2021-06-14');

    clock.set(new Date('2021-06-15T08:00:00Z'));
    await assert.rejects(services.minutes.approve(meeting, actor(KAREN)), (err: DomainError) => err.key === 'meeting.onlyLeaders');
    const [first, second] = await Promise.all([services.minutes.approve(meeting, actor(SECRETARY)), services.minutes.approve(meeting, actor('anne.lund@example.dk'))]);
    assert.deepEqual([first.repeated, second.repeated].sort(), [false, true], 'approved once');
    const approved = await services.minutes.docx(meeting);
    const { paragraphs } = await readDocx(approved.body);
    const texts = paragraphs.map((p) => p.text);
    assert.ok(!texts.includes('Udkast'), 'no longer a draft');
    assert.ok(texts.includes('Dato: 15-06-2021'), 'dated the day it was approved');
    assert.equal(approved.draft.approvedOn, '2021-06-15');
    assert.ok((await services.deadlines.getTask(task.id))?.closedAt, 'nobody is reminded to comment any more');
    await assert.rejects(services.minutes.circulate(meeting, network, actor(SECRETARY), '2021-06-30'), (err: DomainError) => err.key === 'minutes.alreadyApproved');

    // Later: a note under Eventuelt, the meeting renamed. The approved minutes stay as they were.
    clock.set(new Date('2021-06-20T08:00:00Z'));
    await services.agenda.saveNotes(meeting, actor(SECRETARY), 4, 'Tilføjet efter godkendelsen.');
    const renamed = await services.meetings.import({ ...meeting, title: 'Omdøbt møde' });
    const later = await services.minutes.docx(renamed.meeting);
    assert.ok(later.body.equals(approved.body), 'the very same document');
    const { draft: kept } = await services.minutes.current(renamed.meeting);
    assert.equal(kept.title, meeting.title);
    const markdown = minutesMarkdown(kept);
    assert.ok(!markdown.includes('Tilføjet efter godkendelsen') && !markdown.includes('Udkast'));
    assert.deepEqual((await services.audit.list('pid')).map((e) => e.action), ['minutes.circulate', 'minutes.approve']);
  });
});
