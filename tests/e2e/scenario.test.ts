/**
 * The example meeting played through a Teams client nobody here wrote: the Microsoft 365
 * Agents Playground, in headless Chromium. Anne Holm Lund (chair) uses one Playground and
 * Mads Bering Kjær (vice-chair, Region Midtjylland) a second one, each as its current user.
 * What the Playground cannot do, and how this test covers it instead:
 *  - its UI acts only as its current user, and its tenant holds at most five others: the
 *    other members' card clicks are POSTed to the bot as Teams activities (./members.ts);
 *  - it sends every activity with locale "en-US": a forwarder in front of the bot makes it
 *    "da-DK", as a Danish member's Teams would (./harness.ts);
 *  - it does not support a card's per-user `refresh` ("User specific view is not supported
 *    yet"): the buttons the cards have for such clients fetch the viewer's own card — the
 *    vote card's "Vis min stemmeseddel", the item card's "Opdater" (the chair's editor);
 *  - nobody can wait until August: TEST_CLOCK=1 and POST /test/clock move the bot's clock;
 *  - it has no Teams meetings: its group chat stands in for a meeting's chat, and the meeting's
 *    start and end are sent from its own "Mock an Activity" → "Custom activity" editor; the
 *    participants' joins (people outside its UI) are POSTed as Teams activities (./members.ts).
 * Screenshots of every step: tests/.artifacts/e2e/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { MEETING_ID, teamsAccount } from '../helpers/bot';
import { inOrder, readDocx } from '../minutes/ooxml';
import { DEADLINE, HABILITET_NONE } from '../minutes/script';
import { STEP_MS, type TeamsClient } from './client';
import { ARTIFACTS, startRig, type Rig } from './harness';

/** 12.50 Copenhagen time on the meeting day, ten minutes before the meeting. */
const MEETING_DAY = '2021-06-02T10:50:00Z';
/** 09.05 Copenhagen time, a week before item 3's task (Skema 2, the regional representatives) is due on 11 August. */
const WEEK_BEFORE_DUE = '2021-08-04T07:05:00Z';
const NOTES_ITEM_1 = 'Netværket drøftede henvendelserne og var enigt om, at pædiatri skal repræsenteres. LVS kontaktes.';
const RESERVATION = 'Aldersgrænsen bør hæves til 25 år.';
/** The meeting the chair plans in Teams after the example meeting. */
const NEXT_TITLE = 'Møde i september';
const NEXT_DATE = '2021-09-08';
const NEXT_ID = `pid-${NEXT_DATE}`;
/** 12.55 Copenhagen time on the new meeting's day. */
const NEXT_MEETING_DAY = '2021-09-08T10:55:00Z';
/** The paediatrician the network asked LVS to appoint: added in Teams, outside both Playgrounds. */
const NEWCOMER = teamsAccount('nora.berg@example.dk', 'Nora Berg');
const NEXT_ITEMS = [
  { title: 'Indikationer for børn', minutes: 40, recommendation: 'Det indstilles, at netværket vedtager indikationerne for børn.', proposal: 'Tidligt debuterende immundefekt' },
  { title: 'Indikationer for voksne', minutes: 30, recommendation: 'Det indstilles, at netværket vedtager indikationerne for voksne.', proposal: 'CVID med autoimmunitet' },
];
/** A Bilag given in the item form, with its link to the file in the channel's Files. */
const BILAG = { title: 'Bilag 6.1: Kriterier for voksne', url: 'https://example.sharepoint.com/sites/pid/Delte%20dokumenter/Bilag%206.1.docx' };
/** A meeting planned, changed and cancelled in Teams. */
const OCTOBER = { title: 'Møde i oktober', date: '2021-10-13', id: 'pid-2021-10-13' };
/** The meeting held in Teams (step 11): planned in Teams, started and ended by Teams' meeting events. */
const TEAMS_MEETING_PLAN = { title: 'Møde i november', date: '2021-11-03' };
/** Teams' id of that Teams meeting, and the moments Teams reports (13.02 and 13.40 Copenhagen time). */
const TEAMS_MEETING = 'MCMxOTptZWV0aW5nX25vdmVtYmVyQHRocmVhZC52MiMw';
const TEAMS_STARTED = '2021-11-03T12:02:00Z';
const TEAMS_ENDED = '2021-11-03T12:40:00Z';
/** The Playground's own ids for its users (bot/playground.yml), as Teams names participants. */
const PLAYGROUND_USERS = [
  { id: 'user-anne-lund', aadObjectId: '60cfd747-40a8-4b70-a31b-e5953e70c15f' },
  { id: 'user-mads-kjaer', aadObjectId: 'cd31f299-fd6b-44f8-a318-1092bcb5a85d' },
];

/** Members outside both Playground tenants, who vote through ./members.ts. */
const OTHERS = ['lise.damgaard@example.dk', 'jens.praest@example.dk', 'ida.fjord@example.dk', 'ole.winther@example.dk'];

/** The lines a card shows, as a reader sees them. */
// innerText keeps the no-break space renderCard puts after a leading "1."; read it as a space.
const linesOf = async (card: Locator) => (await card.innerText()).replace(/\u00a0/g, ' ').split('\n').map((line) => line.trim()).filter(Boolean);

/** The row of a list card (agenda, meetings, roster) that shows `text` and has a `button` of its own. */
const rowOf = (card: Locator, text: string, button: string) => card.locator('div').filter({ hasText: text }).filter({ has: card.page().getByRole('button', { name: button, exact: true }) }).last();

/** Picks `option` of a compact choice set: the Playground shows one as a Fluent UI combobox, its options in a popup. */
async function choose(card: Locator, label: RegExp, option: string): Promise<void> {
  const page = card.page();
  await card.getByRole('combobox', { name: label }).click();
  // A multi-select's options are menu checkboxes, and its popup stays open over the inputs below.
  const multi = page.getByRole('menuitemcheckbox', { name: option, exact: true });
  await multi.or(page.getByRole('option', { name: option, exact: true })).click();
  if (await multi.isVisible()) await page.keyboard.press('Escape');
}

/** møder, then Nyt møde filled in and created: the meetings card saying so, once it shows `expected` too. */
async function planMeeting(client: TeamsClient, meeting: { title: string; date: string; caseNumber?: string }, ...expected: string[]): Promise<Locator> {
  await client.postToBot('møder');
  const list = await client.waitForCard('Kommende møder', 'Nyt møde');
  await list.getByRole('button', { name: 'Nyt møde' }).click();
  const form = await client.waitForCard('Nyt møde', 'Opret mødet');
  await form.getByLabel(/^Titel/).fill(meeting.title);
  await form.getByLabel(/^Dato/).fill(meeting.date);
  if (meeting.caseNumber) await form.getByLabel(/^Sagsnr\./).fill(meeting.caseNumber);
  await form.getByRole('button', { name: 'Opret mødet' }).click();
  return client.waitForCard(`Mødet "${meeting.title}" er oprettet`, ...expected);
}

describe('e2e: the example meeting through the Microsoft 365 Agents Playground', function () {
  this.timeout(180_000);
  let rig: Rig;
  let broken: string | undefined;

  before(async function () {
    rig = await startRig(OTHERS, [NEWCOMER]);
    await rig.setClock(MEETING_DAY);
  });
  after(async function () {
    await rig?.close();
  });

  /**
   * A step of the scenario, ending with the cards it checked scrolled into view: screenshots
   * when done; the pages' HTML and the bot's log when not. Later steps then fail at once.
   */
  const step = (name: string, title: string, body: () => Promise<Locator[]>) =>
    it(`${name}: ${title}`, async function () {
      assert.equal(broken, undefined, `an earlier step failed (${broken})`);
      try {
        await rig.screenshot(name, await body());
      } catch (err) {
        broken = name;
        await rig.saveFailure(name);
        throw err;
      }
    });

  step('1-install', 'installed into the team channel, linked with @Referent tilknyt pid, hjælp lists the commands', async () => {
    const { anne, mads } = rig;
    // Mads writes to the bot from his own client first, so the bot reaches him there.
    await mads.say('hjælp');
    await mads.waitForCard('Referent – kommandoer', 'Du er næstformand');

    await anne.openChannel('Møder');
    await anne.waitForText(/knytter kanalen til netværket med/);
    await anne.postToBot('tilknyt pid');
    await anne.waitForText(/Kanalen er nu knyttet til/);
    await anne.postToBot('hjælp');
    const help = await anne.waitForCard('Referent – kommandoer', 'Du er formand');
    const text = await help.innerText();
    for (const command of ['tilknyt <netværk>', 'habilitet', 'dagsorden', 'start', 'næste', 'afstem <nr.>', 'luk <nr.>', 'frister', 'referat']) {
      assert.ok(text.includes(command), `the help card lists ${command}:\n${text}`);
    }
    return [help];
  });

  step('2-habilitet', 'habilitet: the 1:1 prompt, "Nej, ingen nye forhold" clicked, the status card counts it', async () => {
    const { anne, mads } = rig;
    await anne.postToBot('habilitet');
    await anne.waitForText(/Habilitetsrunden for/);
    await anne.waitForCard('Habilitet – status', 'Besvaret: 0 af 9');

    for (const client of [anne, mads]) {
      await client.openPersonalChat();
      const prompt = await client.waitForCard('Habilitet før mødet', 'Er der nye væsentlige forhold');
      await prompt.getByRole('button', { name: 'Nej, ingen nye forhold' }).click();
      await client.waitForCard('Habilitet før mødet', 'Dit svar er registreret: Nej, ingen nye forhold.');
    }

    await anne.openChannel('Møder');
    const status = await anne.waitForCard('Habilitet – status', 'Besvaret: 2 af 9');
    const text = await status.innerText();
    assert.ok(!/Mangler svar:.*(Anne Holm Lund|Mads Bering Kjær)/.test(text), `Anne and Mads have answered:\n${text}`);
    return [status];
  });
  step('3-agenda', 'dagsorden, start (who is present), næste: the agenda and the item cards with their sections; the chair writes the Referat', async () => {
    const { anne } = rig;
    await anne.postToBot('dagsorden');
    const agenda = await anne.waitForCard('Dagsorden', 'Mødeleder', 'Anne Holm Lund', 'Sekretær', 'Mette Ravn Kofoed', 'Sagsnr.', '2109357');
    const items = inOrder(await linesOf(agenda), ['Velkommen og dagsorden', 'Henvendelser fra pædiatere', 'Introduktion til opgave 2 og videre proces', 'Eventuelt']);
    assert.equal(items, undefined, items);

    await anne.postToBot('start');
    // Who is present first: everyone is ticked; nobody sent apologies to this meeting.
    const attendance = await anne.waitForCard('Hvem er til stede?', 'Start mødet');
    await attendance.getByRole('button', { name: 'Start mødet' }).click();
    await anne.waitForCard('Pkt. 0/2021 Velkommen og dagsorden', 'Til stede: alle 11.');
    await anne.postToBot('næste');
    const item = await anne.waitForCard('Pkt. 1/2021 Henvendelser fra pædiatere');
    const sections = inOrder(await linesOf(item), [
      'Indstilling',
      '1. Det indstilles, at specialistnetværket drøfter fremsendte henvendelser, som foreslår, at pædiatri bør repræsenteres i specialistnetværket.',
      'Referat',
      'Problemstilling',
      'Der er modtaget to henvendelser om, at pædiatri bør repræsenteres i specialistnetværket.',
      'Videre proces',
    ]);
    assert.equal(sections, undefined, sections);

    // The card posted to everyone is read-only; Teams would refresh it into the chair's editor
    // view, which the Playground cannot, so the chair fetches it with the card's own button.
    await item.getByRole('button', { name: 'Opdater' }).click();
    const editor = await anne.waitForCard('Pkt. 1/2021 Henvendelser fra pædiatere', 'Gem referat');
    await editor.getByRole('textbox', { name: /Referat: hvad blev drøftet og besluttet/ }).fill(NOTES_ITEM_1);
    await editor.getByRole('button', { name: 'Gem referat' }).click();
    const saved = await anne.waitForCard('Pkt. 1/2021 Henvendelser fra pædiatere', 'Referatet er gemt.');
    return [saved];
  });

  step('4-vote', 'afstem 2: Enig clicked, the card shows it, the vote changed, the chair closes, the result is consensus', async () => {
    const { anne } = rig;
    const vote = (...texts: string[]) => anne.waitForCard('Afstemning: Pkt. 2/2021', ...texts);
    const choice = (ballot: Locator, proposal: number, label: string) =>
      ballot.getByRole('radiogroup', { name: new RegExp(`Din stemme til forslag ${proposal}\\b`) }).getByRole('radio', { name: label, exact: true });

    await anne.postToBot('afstem 2');
    const posted = await vote('Afstemningen er åben. 0 af 9');
    // No per-user refresh in the Playground: the shared card's "Vis min stemmeseddel" fetches the ballot.
    await posted.getByRole('button', { name: 'Vis min stemmeseddel' }).click();
    let ballot = await vote('Din stemme til forslag 1', 'Afgiv stemme');
    for (const proposal of [1, 2, 3]) await choice(ballot, proposal, 'Enig').check();
    await ballot.getByRole('button', { name: 'Afgiv stemme' }).click();
    ballot = await vote('Tak, din stemme er registreret', 'Enig 1 · Enig med forbehold 0 · Uenig 0 · Undlader 0');
    assert.ok(await choice(ballot, 1, 'Enig').isChecked(), 'the refreshed ballot shows Enig chosen');

    // A change of mind before the close: a reservation, with its reason.
    await choice(ballot, 1, 'Enig med forbehold').check();
    await ballot.getByRole('textbox', { name: /Begrundelse til forslag 1/ }).fill(RESERVATION);
    await ballot.getByRole('button', { name: 'Afgiv stemme' }).click();
    ballot = await vote('Enig 0 · Enig med forbehold 1 · Uenig 0 · Undlader 0');
    assert.ok(await choice(ballot, 1, 'Enig med forbehold').isChecked(), 'the ballot shows the changed choice');

    // Four members outside the Playground's tenants vote Enig on every proposal (./members.ts).
    const proposals = { 'choice-1': 'agree', 'choice-2': 'agree', 'choice-3': 'agree' };
    for (const email of OTHERS) await rig.others.click(email, 'meeting.vote.cast', { networkId: 'pid', meetingId: MEETING_ID, item: 2, ...proposals });
    await ballot.getByRole('button', { name: 'Opdater' }).click();
    ballot = await vote('Deltagelse: 5 af 9');

    // Closing asks first.
    await ballot.getByRole('button', { name: 'Luk afstemningen' }).click();
    await ballot.getByRole('button', { name: 'Ja, luk afstemningen' }).click();
    const result = await vote('Afstemningen blev lukket', 'af Anne Holm Lund');
    const text = await result.innerText();
    assert.equal(text.match(/Resultat: konsensus/g)?.length, 3, `every proposal reached consensus:\n${text}`);
    assert.ok(text.includes(`Anne Holm Lund: ${RESERVATION}`), `the reservation is shown with its reason:\n${text}`);
    return [result];
  });

  step('5-deadline', 'a week before item 3\'s deadline Mads gets a nudge card in 1:1 and clicks Afleveret', async () => {
    const { anne, mads } = rig;
    await rig.setClock(WEEK_BEFORE_DUE);
    await mads.openPersonalChat();
    const nudge = await mads.waitForCard('Påmindelse: fristen er om 7 dage', 'Udfyld Skema 2: Regional kortlægning');
    await nudge.getByRole('button', { name: 'Afleveret' }).click();
    const done = await mads.waitForCard('Udfyld Skema 2: Regional kortlægning', 'Du har markeret opgaven som afleveret');

    await anne.openChannel('Møder');
    await anne.postToBot('frister');
    const overview = await anne.waitForCard('Åbne frister', 'Udfyld Skema 2: Regional kortlægning', '1 af 5 har afleveret', 'Afleveret: Mads Bering Kjær');
    return [done, overview];
  });

  step('6-minutes', 'referat: the card with Hent referat (.docx); the file downloaded through its link has the meeting in it', async () => {
    const { anne } = rig;
    await anne.postToBot('referat');
    const card = await anne.waitForCard('Udkast til referat', 'Hent referat (.docx)');
    const [download] = await Promise.all([anne.page.waitForEvent('download', { timeout: STEP_MS }), card.getByRole('link', { name: 'Hent referat (.docx)' }).click()]);
    const file = join(ARTIFACTS, 'referat.docx');
    await download.saveAs(file);
    const { paragraphs } = await readDocx(readFileSync(file));
    const problem = inOrder(
      paragraphs.map((p) => p.text),
      [
        'Pkt. 1/2021 Henvendelser fra pædiatere',
        // Only Anne and Mads answered in this run: the minutes name the seven who did not.
        `${HABILITET_NONE} Søren Ahl, Karen Østby, Lise Damgaard, Jens Præst, Ida Fjord, Ole Skov Winther og Maja Krogh havde ikke besvaret spørgsmålet inden mødet.`,
        NOTES_ITEM_1,
        'Pkt. 2/2021 Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1',
        'Der var konsensus om forslag 1 (Alvorlig kombineret immundefekt (SCID) hos børn). 4 var enige, 1 var enig med forbehold og ingen var uenige.',
        `Anne Holm Lund var enig med forbehold: ${RESERVATION}`,
        'Mads Bering Kjær, Søren Ahl, Karen Østby og Maja Krogh afgav ikke stemme.',
        'Pkt. 3/2021 Introduktion til opgave 2 og videre proces',
        DEADLINE,
        'Pkt. 4/2021 Eventuelt',
      ],
    );
    assert.equal(problem, undefined, problem);
    return [card];
  });

  step('6b-minutes-round', "the June minutes: sent for comments from the referat card, Mads comments in 1:1, Lise has none, the chair sees both, reminds the rest and approves; the download is the approved minutes", async () => {
    const { anne, mads } = rig;
    const COMMENT = 'Under pkt. 2 bør det fremgå, at aldersgrænsen drøftes igen.';
    await anne.postToBot('referat 2/6');
    let card = await anne.waitForCard('Udkast til referat', '2. juni 2021', 'Send til kommentering');
    await card.getByRole('button', { name: 'Send til kommentering' }).click();
    await card.getByRole('button', { name: 'Send udkastet' }).click();
    card = await anne.waitForCard('Udkast til referat', /Udkastet er sendt til kommentering hos \d+ medlemmer/, '0 af');

    await mads.openPersonalChat();
    const posted = await mads.waitForCard('Udkast til kommentering', 'Bemærkninger til udkast til referat af', '2. juni 2021');
    // A posted card with a per-user refresh sends no inputs from the Playground (Teams shows the
    // refreshed card): "Påmind mig i morgen" fetches Mads's own card, whose form he then sends.
    await posted.getByRole('button', { name: 'Påmind mig i morgen' }).click();
    const nudge = await mads.waitForCard('Bemærkninger til udkast til referat af', 'Jeg minder dig om det igen');
    await nudge.getByRole('textbox', { name: /Dine kommentarer/ }).fill(COMMENT);
    await nudge.getByRole('button', { name: 'Send kommentarer' }).click();
    const answered = await mads.waitForCard('Kommentarer sendt', 'Dine kommentarer er modtaget', COMMENT);
    const round = await rig.services.minutes.round(await rig.services.meetings.require('pid', MEETING_ID));
    await rig.others.click('lise.damgaard@example.dk', 'deadlines.done', { taskId: round?.task.id, outcome: 'noComments' });

    await anne.openChannel('Møder');
    await card.getByRole('button', { name: 'Opdater' }).click();
    card = await anne.waitForCard('Udkast til referat', '2 af', `Mads Bering Kjær: ${COMMENT}`, 'Lise Damgaard: ingen bemærkninger', 'Mangler svar');
    await card.getByRole('button', { name: 'Påmind de manglende' }).click();
    card = await anne.waitForCard('Udkast til referat', 'Påmindelse sendes nu til');
    await card.getByRole('button', { name: 'Godkend referat' }).click();
    await card.getByRole('button', { name: 'Ja, godkend referatet' }).click();
    card = await anne.waitForCard('Godkendt referat', 'Godkendt 4. august 2021 af Anne Holm Lund');
    const [download] = await Promise.all([anne.page.waitForEvent('download', { timeout: STEP_MS }), card.getByRole('link', { name: 'Hent referat (.docx)' }).click()]);
    const file = join(ARTIFACTS, 'referat-godkendt.docx');
    await download.saveAs(file);
    const texts = (await readDocx(readFileSync(file))).paragraphs.map((p) => p.text);
    assert.ok(!texts.includes('Udkast') && texts.includes('Pkt. 2/2021 Videre gennemgang og drøftelse af indikationer og kriterier, opgave 1'), texts.join('\n'));
    return [answered, card];
  });

  step('7-plan', 'møder: the chair creates next month\'s meeting with Nyt møde; its agenda has the two fixed items', async () => {
    const { anne } = rig;
    const created = await planMeeting(anne, { title: NEXT_TITLE, date: NEXT_DATE, caseNumber: '2109999' }, '8. september 2021, kl. 13.00-15.00');
    await created.getByRole('button', { name: 'Dagsorden' }).first().click();
    const agenda = await anne.waitForCard('Dagsorden', NEXT_TITLE, '2109999');
    const items = inOrder(await linesOf(agenda), ['Velkommen og dagsorden', 'Eventuelt']);
    assert.equal(items, undefined, items);
    return [agenda];
  });

  step('8-agenda', 'the chair builds two items with Tilføj punkt, each with a proposal from Tilføj forslag', async () => {
    const { anne } = rig;
    let agenda = await anne.waitForCard('Dagsorden', NEXT_TITLE, 'Ret dagsordenen');
    for (const [index, item] of NEXT_ITEMS.entries()) {
      await agenda.getByRole('button', { name: 'Tilføj punkt' }).click();
      const form = await anne.waitForCard('Nyt punkt', 'Tilføj punktet');
      await form.getByLabel(/^Titel/).fill(item.title);
      await form.getByLabel(/^Ca\. minutter/).fill(String(item.minutes));
      await form.getByLabel(/^Indstilling/).fill(item.recommendation);
      await form.getByRole('button', { name: 'Tilføj punktet' }).click();
      agenda = await anne.waitForCard('Dagsorden', `"${item.title}" er tilføjet som Pkt. ${5 + index}/2021`);
      // The new item is the one before Eventuelt: its Ret is the second-last.
      const edits = agenda.getByRole('button', { name: 'Ret', exact: true });
      await edits.nth((await edits.count()) - 2).click();
      let itemForm = await anne.waitForCard(`Ret Pkt. ${5 + index}/2021`, 'Punktet har ingen forslag endnu.');
      await itemForm.getByRole('button', { name: 'Tilføj forslag' }).click();
      const proposal = await anne.waitForCard('Nyt forslag', 'Tilføj forslaget');
      await proposal.getByLabel(/^Titel/).fill(item.proposal);
      await proposal.getByLabel(/^Kriterier/).fill('Klinisk mistanke og normal immunfænotype.');
      await proposal.getByLabel(/^Patienter pr\. år/).fill('12');
      await proposal.getByLabel(/^Diagnostisk udbytte/).fill('30 %');
      await proposal.getByRole('button', { name: 'Tilføj forslaget' }).click();
      itemForm = await anne.waitForCard(`Ret Pkt. ${5 + index}/2021`, `Forslag 1: ${item.proposal}`);
      await itemForm.getByRole('button', { name: 'Tilbage til dagsordenen' }).click();
      agenda = await anne.waitForCard('Dagsorden', NEXT_TITLE, 'Ret dagsordenen', item.title);
    }
    const lines = inOrder(await linesOf(agenda), ['Velkommen og dagsorden', ...NEXT_ITEMS.map((i) => i.title), 'Eventuelt']);
    assert.equal(lines, undefined, lines);
    return [agenda];
  });

  step('8b-agenda-edits', 'the agenda\'s other forms: Ret an item with a Bilag and its link, a proposal edited and one removed, Ned and Op, an item added and removed with Fjern', async () => {
    const { anne } = rig;
    const [children, adults] = NEXT_ITEMS.map((i) => i.title);
    let agenda = await anne.waitForCard('Dagsorden', NEXT_TITLE, 'Ret dagsordenen');
    await rowOf(agenda, adults, 'Ret').getByRole('button', { name: 'Ret', exact: true }).click();
    let form = await anne.waitForCard('Ret Pkt. 6/2021', 'Bilag 1: titel');
    await form.getByLabel(/^Bilag 1: titel/).fill(BILAG.title);
    await form.getByLabel(/^Bilag 1: link/).fill(BILAG.url);
    await form.getByLabel(/^Ca\. minutter/).fill('25');
    await form.getByRole('button', { name: 'Gem punktet' }).click();
    agenda = await anne.waitForCard('Dagsorden', 'Pkt. 6/2021 er gemt.', `${adults} (25 min.)`);

    // The item's proposals: the first edited, a second added and removed again.
    await rowOf(agenda, adults, 'Ret').getByRole('button', { name: 'Ret', exact: true }).click();
    form = await anne.waitForCard('Ret Pkt. 6/2021', `Forslag 1: ${NEXT_ITEMS[1].proposal}`);
    assert.equal(await form.getByLabel(/^Bilag 1: link/).inputValue(), BILAG.url, 'the form shows the Bilag as saved');
    await form.getByRole('button', { name: 'Ret forslag' }).click();
    const proposal = await anne.waitForCard('Ret forslag 1', 'Gem forslaget');
    await proposal.getByLabel(/^Kriterier/).fill('Debut før 25 år og autoimmunitet.');
    await proposal.getByRole('button', { name: 'Gem forslaget' }).click();
    form = await anne.waitForCard('Ret Pkt. 6/2021', `Forslaget "${NEXT_ITEMS[1].proposal}" er gemt.`);
    await form.getByRole('button', { name: 'Tilføj forslag' }).click();
    const extra = await anne.waitForCard('Nyt forslag', 'Tilføj forslaget');
    await extra.getByLabel(/^Titel/).fill('Midlertidigt forslag');
    await extra.getByRole('button', { name: 'Tilføj forslaget' }).click();
    form = await anne.waitForCard('Ret Pkt. 6/2021', 'Forslag 2: Midlertidigt forslag');
    await form.getByRole('button', { name: 'Fjern forslag' }).nth(1).click();
    form = await anne.waitForCard('Ret Pkt. 6/2021', 'Forslaget "Midlertidigt forslag" er fjernet.');
    assert.ok(!(await form.innerText()).includes('Forslag 2:'), 'only the first proposal is left');
    await form.getByRole('button', { name: 'Tilbage til dagsordenen' }).click();

    // Ned and Op: the numbers follow the order.
    agenda = await anne.waitForCard('Dagsorden', NEXT_TITLE, 'Ret dagsordenen');
    await rowOf(agenda, children, 'Ned').getByRole('button', { name: 'Ned', exact: true }).click();
    agenda = await anne.waitForCard('Dagsorden', `"${children}" er flyttet.`);
    const moved = inOrder(await linesOf(agenda), [`5. ${adults} (25 min.)`, `6. ${children} (40 min.)`]);
    assert.equal(moved, undefined, moved);
    await rowOf(agenda, children, 'Op').getByRole('button', { name: 'Op', exact: true }).click();
    agenda = await anne.waitForCard('Dagsorden', `"${children}" er flyttet.`, `5. ${children}`);

    // An item added by mistake, and removed with Fjern.
    await agenda.getByRole('button', { name: 'Tilføj punkt' }).click();
    const added = await anne.waitForCard('Nyt punkt', 'Tilføj punktet');
    await added.getByLabel(/^Titel/).fill('Orientering fra sekretariatet');
    await added.getByRole('button', { name: 'Tilføj punktet' }).click();
    agenda = await anne.waitForCard('Dagsorden', '"Orientering fra sekretariatet" er tilføjet som Pkt. 7/2021');
    await rowOf(agenda, 'Orientering fra sekretariatet', 'Fjern').getByRole('button', { name: 'Fjern', exact: true }).click();
    agenda = await anne.waitForCard('Dagsorden', '"Orientering fra sekretariatet" er fjernet fra dagsordenen.');
    const lines = inOrder(await linesOf(agenda), ['0. Velkommen og dagsorden (5 min.)', `5. ${children} (40 min.)`, `6. ${adults} (25 min.)`, '7. Eventuelt (10 min.)']);
    assert.equal(lines, undefined, lines);

    const meeting = await rig.services.meetings.require('pid', NEXT_ID);
    const item = meeting.agenda.find((i) => i.number === 6);
    assert.deepEqual(item?.attachments, [BILAG]);
    assert.deepEqual(item?.proposals.map((p) => [p.title, p.criteria]), [[NEXT_ITEMS[1].proposal, 'Debut før 25 år og autoimmunitet.']]);
    assert.deepEqual(meeting.agenda.map((i) => i.title), ['Velkommen og dagsorden', children, adults, 'Eventuelt']);
    return [agenda];
  });

  step('9-roster', 'medlemmer: the chair adds a new member, who writes once and answers the new meeting\'s habilitet prompt', async () => {
    const { anne } = rig;
    await anne.postToBot('medlemmer');
    const roster = await anne.waitForCard('Medlemmer', 'Søren Ahl', 'Tilføj medlem');
    await roster.getByRole('button', { name: 'Tilføj medlem' }).click();
    const form = await anne.waitForCard('Tilføj medlem', 'Tilføj medlemmet');
    await form.getByLabel(/^Navn/).fill(NEWCOMER.name);
    await form.getByLabel(/^E-mail/).fill(NEWCOMER.email);
    await form.getByLabel(/^Udpeget af/).fill('Dansk Pædiatrisk Selskab');
    await form.getByRole('button', { name: 'Tilføj medlemmet' }).click();
    const added = await anne.waitForCard('Medlemmer', `${NEWCOMER.name} er tilføjet som medlem`, 'Dansk Pædiatrisk Selskab');

    // The new paediatrician writes to the bot once (as everyone does in Teams), and is recognised.
    await rig.others.say(NEWCOMER.email, 'hjælp');
    assert.match(JSON.stringify(rig.others.cardsTo(NEWCOMER.email).at(-1)), /Du er medlem af/);
    await anne.postToBot(`habilitet ${NEXT_DATE}`);
    await anne.waitForText(new RegExp(`Habilitetsrunden for ${NEXT_TITLE}`));
    assert.match(JSON.stringify(rig.others.cardsTo(NEWCOMER.email).at(-1)), /Er der nye væsentlige forhold/);
    const answered = await rig.others.click(NEWCOMER.email, 'habilitet.no', { networkId: 'pid', meetingId: NEXT_ID });
    assert.match(JSON.stringify(answered), /Dit svar er registreret/);
    return [added];
  });

  step('9b-habilitet-yes', 'Mads answers the new meeting\'s habilitet prompt with Ja: the form takes the item and the reason', async () => {
    const { mads } = rig;
    await mads.openPersonalChat();
    let prompt = await mads.waitForCard('Habilitet før mødet', NEXT_TITLE, 'Er der nye væsentlige forhold');
    await prompt.getByRole('button', { name: 'Ja', exact: true }).click();
    prompt = await mads.waitForCard('Habilitet før mødet', NEXT_TITLE, 'Afgiv svar');
    await prompt.getByRole('checkbox', { name: `Pkt. 6/2021 ${NEXT_ITEMS[1].title}` }).check();
    await prompt.getByLabel(/^Kort beskrivelse af forholdet/).fill('Jeg har behandlet flere af patienterne i kohorten.');
    await prompt.getByRole('button', { name: 'Afgiv svar' }).click();
    const answered = await mads.waitForCard('Habilitet før mødet', NEXT_TITLE, 'Dit svar er registreret: Ja – inhabil vedrørende Pkt. 6/2021');
    return [answered];
  });

  step('10-cycle', 'the new meeting: start with one apology, the vote on its first item, and minutes naming the meeting, items, new member and apology', async () => {
    const { anne } = rig;
    await rig.setClock(NEXT_MEETING_DAY);
    await anne.postToBot('start');
    const attendance = await anne.waitForCard('Hvem er til stede?', NEXT_TITLE);
    await attendance.getByRole('checkbox', { name: 'Karen Østby (medlem)' }).uncheck();
    await attendance.getByRole('button', { name: 'Start mødet' }).click();
    await anne.waitForCard('Pkt. 0/2021 Velkommen og dagsorden', 'Afbud: Karen Østby');

    await anne.postToBot('afstem 5');
    const posted = await anne.waitForCard('Afstemning: Pkt. 5/2021', 'Afstemningen er åben. 0 af 9');
    await posted.getByRole('button', { name: 'Vis min stemmeseddel' }).click();
    let ballot = await anne.waitForCard('Afstemning: Pkt. 5/2021', 'Afgiv stemme');
    await ballot.getByRole('radiogroup', { name: /Din stemme til forslag 1\b/ }).getByRole('radio', { name: 'Enig', exact: true }).check();
    await ballot.getByRole('button', { name: 'Afgiv stemme' }).click();
    ballot = await anne.waitForCard('Afstemning: Pkt. 5/2021', 'Tak, din stemme er registreret');
    for (const email of [...OTHERS, NEWCOMER.email]) await rig.others.click(email, 'meeting.vote.cast', { networkId: 'pid', meetingId: NEXT_ID, item: 5, 'choice-1': 'agree' });
    await ballot.getByRole('button', { name: 'Opdater' }).click();
    ballot = await anne.waitForCard('Afstemning: Pkt. 5/2021', 'Deltagelse: 6 af 9');
    // Closing asks first.
    await ballot.getByRole('button', { name: 'Luk afstemningen' }).click();
    await ballot.getByRole('button', { name: 'Ja, luk afstemningen' }).click();
    const result = await anne.waitForCard('Afstemning: Pkt. 5/2021', 'Afstemningen blev lukket', 'Resultat: konsensus');

    await anne.postToBot('referat');
    const card = await anne.waitForCard('Udkast til referat', NEXT_TITLE, 'Hent referat (.docx)');
    const [download] = await Promise.all([anne.page.waitForEvent('download', { timeout: STEP_MS }), card.getByRole('link', { name: 'Hent referat (.docx)' }).click()]);
    const file = join(ARTIFACTS, 'referat-september.docx');
    await download.saveAs(file);
    const { paragraphs } = await readDocx(readFileSync(file));
    const texts = paragraphs.map((p) => p.text);
    const problem = inOrder(texts, [
      NEXT_TITLE,
      'Nora Berg, udpeget af Dansk Pædiatrisk Selskab',
      'Afbud: Karen Østby.',
      `Pkt. 5/2021 ${NEXT_ITEMS[0].title}`,
      `Der var konsensus om forslag 1 (${NEXT_ITEMS[0].proposal}). 6 var enige.`,
      'Mads Bering Kjær, Søren Ahl og Maja Krogh afgav ikke stemme.',
      `Pkt. 6/2021 ${NEXT_ITEMS[1].title}`,
      'Pkt. 7/2021 Eventuelt',
    ]);
    assert.equal(problem, undefined, `${problem}\n${texts.join('\n')}`);
    return [result, card];
  });

  step('10b-attendance', 'fremmøde records a late arrival; the item card links its Bilag to the file', async () => {
    const { anne } = rig;
    await anne.postToBot('fremmøde');
    const attendance = await anne.waitForCard('Hvem er til stede?', 'Gem fremmødet', NEXT_TITLE);
    await attendance.getByRole('checkbox', { name: 'Karen Østby (medlem)' }).check();
    await attendance.getByRole('button', { name: 'Gem fremmødet' }).click();
    const saved = await anne.waitForCard('Hvem er til stede?', /Til stede: alle \d+\./);
    assert.equal((await rig.services.attendance.absentFrom(await rig.services.meetings.require('pid', NEXT_ID))).size, 0, 'nobody is absent now');

    await anne.postToBot('punkt 6');
    const item = await anne.waitForCard(`Pkt. 6/2021 ${NEXT_ITEMS[1].title}`, 'Bilag');
    assert.equal(await item.getByRole('link', { name: BILAG.title }).getAttribute('href'), BILAG.url);
    return [saved, item];
  });

  step('10c-deadline-forms', 'frist and kommentering: both forms submit from the Playground, and frister lists them', async () => {
    const { anne } = rig;
    await anne.postToBot('frist');
    let form = await anne.waitForCard('Ny frist', 'Opret frist');
    await form.getByLabel(/^Titel/).fill('Send tal for børn');
    // Few recipients keep the step short: each one is told in Teams before the form is answered.
    await choose(form, /^Modtagere/, 'Udpeget af Dansk Pædiatrisk Selskab');
    await form.getByLabel(/^Frist \(dato\)/).fill('2021-09-29');
    await form.getByRole('button', { name: 'Opret frist' }).click();
    const task = await anne.waitForCard('Frist oprettet', 'Send tal for børn', 'Nora Berg');

    await anne.postToBot('kommentering');
    form = await anne.waitForCard('Udkast til kommentering', 'Send til kommentering');
    await form.getByLabel(/^Udkastets titel/).fill('Udkast til referat af mødet i september');
    await form.getByLabel(/^Link til udkastet/).fill('https://example.sharepoint.com/sites/pid/referat-september.docx');
    await choose(form, /^Modtagere/, 'Mads Bering Kjær (næstformand, Region Midtjylland)');
    await form.getByLabel(/^Frist \(dato\)/).fill('2021-09-22');
    await form.getByRole('button', { name: 'Send til kommentering' }).click();
    const comments = await anne.waitForCard('Sendt til kommentering', 'Udkast til referat af mødet i september', 'Mads Bering Kjær');

    await anne.postToBot('frister');
    const overview = await anne.waitForCard('Åbne frister', 'Send tal for børn', 'Udkast til referat af mødet i september');
    return [task, comments, overview];
  });

  step('10d-meeting-edit', 'møder: a meeting planned, changed with Ret and cancelled with Aflys; it stays listed as cancelled', async () => {
    const { anne } = rig;
    let list = await planMeeting(anne, OCTOBER);

    await rowOf(list, OCTOBER.title, 'Ret').getByRole('button', { name: 'Ret', exact: true }).click();
    let form = await anne.waitForCard('Ret mødet', 'Gem ændringer');
    await form.getByLabel(/^Sted/).fill('Rigshospitalet, Blegdamsvej 9');
    await form.getByLabel(/^Starter kl\./).fill('10:00');
    await form.getByRole('button', { name: 'Gem ændringer' }).click();
    list = await anne.waitForCard(`Ændringerne i "${OCTOBER.title}" er gemt.`, '13. oktober 2021, kl. 10.00-15.00');
    const changed = await rig.services.meetings.require('pid', OCTOBER.id);
    assert.equal(changed.location, 'Rigshospitalet, Blegdamsvej 9');

    await rowOf(list, OCTOBER.title, 'Ret').getByRole('button', { name: 'Ret', exact: true }).click();
    form = await anne.waitForCard('Ret mødet', 'Aflys mødet');
    await form.getByRole('button', { name: 'Aflys mødet' }).click();
    await form.getByRole('button', { name: 'Ja, aflys mødet' }).click();
    list = await anne.waitForCard(`"${OCTOBER.title}" er aflyst.`, 'Status: Aflyst');
    assert.equal((await rig.services.meetings.require('pid', OCTOBER.id)).cancelled?.by, 'anne.lund@example.dk');
    return [list];
  });

  step('10e-roster-edit', 'medlemmer: a member\'s role changed with Ret, a member leaves with Udtræd, the minutes\' letterhead set under Indstillinger', async () => {
    const { anne } = rig;
    await anne.postToBot('medlemmer');
    let roster = await anne.waitForCard('Medlemmer', 'Tilføj medlem');
    await rowOf(roster, 'Ole Skov Winther', 'Ret').getByRole('button', { name: 'Ret', exact: true }).click();
    let form = await anne.waitForCard('Ret Ole Skov Winther', 'Gem ændringer');
    await choose(form, /^Rolle/, 'næstformand');
    await form.getByRole('button', { name: 'Gem ændringer' }).click();
    roster = await anne.waitForCard('Medlemmer', 'Ændringerne for Ole Skov Winther er gemt.', 'Ole Skov Winther – næstformand');

    await rowOf(roster, 'Maja Krogh', 'Ret').getByRole('button', { name: 'Ret', exact: true }).click();
    form = await anne.waitForCard('Ret Maja Krogh', 'Udtræd');
    await form.getByRole('button', { name: 'Udtræd', exact: true }).click();
    await form.getByRole('button', { name: 'Udtræd Maja Krogh' }).click();
    roster = await anne.waitForCard('Medlemmer', 'Maja Krogh udtræder', 'Udtrådte medlemmer');

    // The letterhead of the minutes, from the roster's Indstillinger.
    await roster.getByRole('button', { name: 'Indstillinger' }).click();
    await roster.getByLabel(/^Enhed/).fill('Afdeling for Genomisk Medicin');
    await roster.getByRole('button', { name: 'Gem indstillingerne' }).click();
    roster = await anne.waitForCard('Medlemmer', 'Indstillingerne er gemt.');
    const network = await rig.services.networks.require('pid');
    assert.equal(network.unit, 'Afdeling for Genomisk Medicin');
    assert.equal(network.members.find((m) => m.name === 'Ole Skov Winther')?.role, 'vice-chair');
    assert.deepEqual(network.formerMembers?.map((m) => m.name), ['Maja Krogh']);
    return [roster];
  });

  // ── A meeting held in Teams: no typed start, attendance from the joins, the item clock. ──
  step('11-teams-meeting', 'a Teams meeting: its start links it by time and posts the agenda with the clock, the joins are the attendance, the chair alone is told an item runs over, its end posts the summary', async () => {
    const { anne } = rig;
    await planMeeting(anne, TEAMS_MEETING_PLAN);

    // The meeting starts in Teams two minutes late; its chat is where the bot is (here the Playground's group chat).
    await rig.setClock(TEAMS_STARTED);
    await anne.openGroupChat('Specialistnetværket');
    let tenantId = '';
    const teamsEvent = (name: string, value: Record<string, unknown>) => (envelope: Record<string, unknown>) => {
      tenantId = (envelope.conversation as { tenantId: string }).tenantId;
      return { ...envelope, type: 'event', name, value: { id: TEAMS_MEETING, title: TEAMS_MEETING_PLAN.title, meetingType: 'Scheduled', joinUrl: 'https://teams.microsoft.com/l/meetup-join/november', ...value }, channelData: { tenant: { id: tenantId }, meeting: { id: TEAMS_MEETING } } };
    };
    await anne.mockActivity(teamsEvent('application/vnd.microsoft.meetingStart', { startTime: TEAMS_STARTED }));
    const agenda = await anne.waitForCard('Dagsorden', TEAMS_MEETING_PLAN.title, 'Mødet startede kl. 13.02. Uret kører');
    const clock = inOrder(await linesOf(agenda), ['13.02', 'Velkommen og dagsorden (nu)', '13.07', 'Eventuelt']);
    assert.equal(clock, undefined, clock);

    // Six join in Teams (the Playground cannot emulate participants: posted as Teams' join event).
    const members = [...PLAYGROUND_USERS, ...OTHERS.map((email) => rig.others.account(email))].map((user) => ({ user, meeting: { inMeeting: true, role: 'Attendee' } }));
    const where = { conversationId: '__GROUP_CHAT_ID__', tenantId, channelData: { tenant: { id: tenantId }, meeting: { id: TEAMS_MEETING } } };
    assert.equal(await rig.others.event(OTHERS[0], 'application/vnd.microsoft.meetingParticipantJoin', { members }, where), 200);
    await anne.openChannel('Møder');
    await anne.postToBot('fremmøde');
    const attendance = await anne.waitForCard('Hvem er til stede?', TEAMS_MEETING_PLAN.title);
    assert.ok(await attendance.getByRole('checkbox', { name: 'Lise Damgaard (medlem)' }).isChecked(), 'Lise joined');
    assert.ok(!(await attendance.getByRole('checkbox', { name: 'Søren Ahl (medlem)' }).isChecked()), 'Søren never joined');

    // The welcome was planned 13.02-13.07; at 13.13 it still runs: the chair alone is told, in 1:1.
    await rig.setClock('2021-11-03T12:13:00Z');
    await anne.openPersonalChat();
    await anne.waitForText(/"Velkommen og dagsorden" skulle have sluttet kl\. 13\.07 \(ca\. 5 min\.\)/);
    // The left rail shows each chat's latest message: the note is in the chair's own chat, not the meeting's.
    const rail = (chat: string) => anne.page.getByRole('treeitem', { name: chat, exact: true }).innerText();
    assert.match(await rail('Personal Chat'), /skulle have sluttet/);
    assert.doesNotMatch(await rail('Specialistnetværket'), /skulle have sluttet/, 'nothing of it in the meeting');
    await anne.openGroupChat('Specialistnetværket');

    await rig.setClock(TEAMS_ENDED);
    await anne.mockActivity(teamsEvent('application/vnd.microsoft.meetingEnd', { endTime: TEAMS_ENDED }));
    const summary = await anne.waitForCard('Mødet er slut', 'Mødet sluttede kl. 13.40.', 'Velkommen og dagsorden', 'Udkast til referat');
    return [agenda, summary];
  });
});
