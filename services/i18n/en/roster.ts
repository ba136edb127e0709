import type { roster as da } from '../da/roster';
import type { Widen } from '../widen';

/** English strings of the roster kept in Teams: `members` and the member form. */
export const roster: Widen<typeof da> = {
  commands: {
    members: "Show the network's members with role and appointing body; the chair, vice-chair and secretary add and edit",
  },
  alreadyMember: '{email} is already on the roster.',
  lastOfRole: "{name} is the network's only chair or secretary. Give someone else the role first.",
  card: {
    title: 'Members',
    line: '**{name}** – {role}, appointed by {body}',
    joined: 'Joined {date}',
    former: 'Former members',
    formerLine: '{name} – {role}, appointed by {body}; left {date}',
    edit: 'Edit',
    add: 'Add member',
    added: '{name} is added as {role}. {name} is recognised the first time they write to me, and gets the next impartiality question.',
    alreadyAdded: 'The member was already added from this form.',
    saved: 'The changes for {name} are saved.',
    unchanged: 'Nothing changed for {name}.',
    left: '{name} leaves on {date}. Earlier minutes are unchanged.',
  },
  form: {
    newTitle: 'Add member',
    editTitle: 'Edit {name}',
    name: 'Name',
    email: 'E-mail (the one they use in Teams)',
    role: 'Role',
    appointedBy: 'Appointed by (e.g. Region Hovedstaden or LVS)',
    create: 'Add the member',
    save: 'Save changes',
    back: 'Back to the members',
    leave: 'Leaves',
    leaveOn: 'Leaves on',
    leaveConfirm: 'Record that {name} leaves',
    required: 'Required',
  },
  settings: {
    button: 'Settings',
    intro: "The letterhead of the network's minutes. The secretary fills in an empty field in the minutes.",
    unit: 'Unit',
    street: 'Address',
    postcodeCity: 'Postcode and city',
    phone: 'Phone',
    email: 'E-mail',
    web: 'Website',
    caseworker: 'Caseworker (initials and organisation, e.g. MKK.NGC)',
    save: 'Save the settings',
    saved: 'The settings are saved.',
    unchanged: 'The settings are unchanged.',
  },
};
