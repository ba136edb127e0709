/** Danish strings of the deadlines feature. */
export const deadlines = {
  emptyTitle: 'Opgaven skal have en titel.',
  tooLong: 'Feltet "{what}" er for langt (højst {max} tegn).',
  badDate: 'Fristen "{value}" er ikke en gyldig dato. Skriv den som ÅÅÅÅ-MM-DD, fx 2021-08-11.',
  pastDue: 'Fristen "{value}" er allerede overskredet. Vælg en frist i fremtiden.',
  noAssignees: 'Vælg mindst én modtager: medlemmer eller en gruppe (regioner, medlemmer, alle, LVS).',
  unknownAssignee: '"{who}" er hverken et medlem af netværket eller en gruppe (regioner, medlemmer, alle eller en udpegende instans som LVS).',
  unknownDeliverTo: '"{who}" står ikke på netværkets medlemsliste og kan ikke modtage afleveringen.',
  unknownTask: 'Opgaven findes ikke (længere). Hent kortet igen.',
  notAssigned: 'Du er ikke blandt modtagerne af "{title}", så du kan ikke markere den.',
  taskClosed: 'Opgaven "{title}" er afsluttet; der er intet at markere.',
  alreadyDone: 'Du har allerede markeret "{title}" som afleveret.',
  onlyLeaders: 'Kun formanden og sekretæren kan oprette og følge op på frister.',
};
