/**
 * The cards of one App: one renderer (each template parsed once, frozen card parts and their
 * JSON kept) and the vote card's sizing memory, made by the composition root and living as
 * long as the App. Every view binds its template through it.
 */
import { itemFormCard, proposalFormCard } from './agendaFormsView';
import { agendaCard } from './agendaView';
import { attendanceCard } from './attendanceView';
import { createdCard, formCard, nudgeCard, overviewCard } from './deadlineCards';
import { promptCard, statusCard } from './habilitet';
import { helpCard } from './helpView';
import { itemCard } from './itemView';
import { meetingEndedCard } from './liveView';
import { minutesCard } from './minutesView';
import { meetingFormCard, meetingsCard } from './planningView';
import { memberFormCard, rosterCard } from './rosterView';
import { CardRenderer, type CardJson, type Render } from './render';
import { VoteCards } from './voteView';

/** A view with the App's renderer given: the rest of its parameters. */
const using =
  <A extends unknown[]>(render: Render, view: (render: Render, ...args: A) => CardJson) =>
  (...args: A): CardJson =>
    view(render, ...args);

export function createCards(renderer = new CardRenderer()) {
  const render: Render = (template, data) => renderer.render(template, data);
  const votes = new VoteCards(renderer);
  return {
    /** A card (or any body) as JSON text, kept parts written once: the HTTP server's formatter. */
    json: (body: unknown) => renderer.json(body),
    agenda: using(render, agendaCard),
    item: using(render, itemCard),
    vote: votes.card.bind(votes),
    voteBytes: votes.bytes.bind(votes),
    habilitetPrompt: using(render, promptCard),
    habilitetStatus: using(render, statusCard),
    nudge: using(render, nudgeCard),
    deadlineForm: using(render, formCard),
    deadlineCreated: using(render, createdCard),
    deadlinesOverview: using(render, overviewCard),
    meetings: using(render, meetingsCard),
    meetingForm: using(render, meetingFormCard),
    agendaItemForm: using(render, itemFormCard),
    proposalForm: using(render, proposalFormCard),
    help: using(render, helpCard),
    minutes: using(render, minutesCard),
    roster: using(render, rosterCard),
    memberForm: using(render, memberFormCard),
    attendance: using(render, attendanceCard),
    meetingEnded: using(render, meetingEndedCard),
  };
}

export type Cards = ReturnType<typeof createCards>;
