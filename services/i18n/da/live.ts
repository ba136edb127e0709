/** Danish strings of meetings held in Teams: the link to the Teams meeting, its start and end, the item clock. */
export const live = {
  linkButton: 'Knyt til dette Teams-møde',
  linked: 'Teams-mødet er nu knyttet til **{meeting}**. Når mødet starter i Teams, viser jeg dagsordenen her med uret.',
  cancelled: 'Mødet "{meeting}" er aflyst og kan ikke knyttes til et Teams-møde.',
  notInTeamsMeeting: 'Knappen virker kun i Teams-mødets chat. Åbn mødets chat, skriv **@Referent dagsorden** og klik der.',
  started: 'Mødet startede kl. {time}. Uret kører: punkternes tider regnes fra starten.',
  resumed: 'Mødet er genoptaget kl. {time}.',
  habilitetNotHeld: 'Mødet **{meeting}** er startet i Teams, men habilitetsrunden er ikke holdt. Skriv **habilitet** i netværkets kanal, før I behandler punkter med afstemning.',
  overrun: '{item} "{title}" skulle have sluttet kl. {end} (ca. {minutes} min.). Næste punkt: {next}.',
  overrunLast: '{item} "{title}" skulle have sluttet kl. {end} (ca. {minutes} min.). Det er dagsordenens sidste punkt.',
  /** In the minutes, when the network wants each item's times. */
  itemTimes: 'Behandlet kl. {from}-{to}.',
  itemFrom: 'Behandlet fra kl. {from}.',
  summary: {
    title: 'Mødet er slut',
    ended: 'Mødet sluttede kl. {time}.',
    endedBySweep: 'Teams meldte ikke, at mødet sluttede; jeg afsluttede det kl. {time}.',
    handled: 'Behandlede punkter',
    openVotes: 'Afstemninger, der stadig er åbne',
    tasks: 'Opgaver fra mødet',
    none: 'Ingen',
    draft: 'Udkast til referat',
  },
};
