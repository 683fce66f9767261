// The support-group pages' words in French (the default) and English.

const FR = {
  title: 'Groupes de support',
  add: 'Ajouter un groupe',
  none: 'Aucun groupe de support.',
  columns: { name: 'Nom', level: 'Niveau', entity: 'Entité', managers: 'Responsables' },
  newTitle: 'Nouveau groupe de support',
  editTitle: (name) => `Groupe — ${name}`,
  name: 'Nom',
  level: 'Niveau de support',
  entity: 'Entité',
  managers: 'Responsables (valident les demandes du groupe)',
  managersHint: 'Ctrl ou Maj + clic pour en choisir plusieurs.',
  nobody: '—',
  save: 'Enregistrer',
  saved: 'Groupe enregistré.',
  created: (name) => `Groupe « ${name} » ajouté.`,
  members: 'Membres',
  membersHint: 'Un technicien peut être membre de plusieurs groupes.',
  saveMembers: 'Enregistrer les membres',
  membersSaved: (n) => `${n} membre(s) enregistré(s).`,
};

const EN = {
  title: 'Support groups',
  add: 'Add a group',
  none: 'No support group.',
  columns: { name: 'Name', level: 'Level', entity: 'Entity', managers: 'Managers' },
  newTitle: 'New support group',
  editTitle: (name) => `Group — ${name}`,
  name: 'Name',
  level: 'Support level',
  entity: 'Entity',
  managers: 'Managers (approve the group’s requests)',
  managersHint: 'Ctrl or Shift + click to choose several.',
  nobody: '—',
  save: 'Save',
  saved: 'Group saved.',
  created: (name) => `Group “${name}” added.`,
  members: 'Members',
  membersHint: 'A technician may be a member of several groups.',
  saveMembers: 'Save the members',
  membersSaved: (n) => `${n} member(s) saved.`,
};

export const GROUP_LANGUAGES = { fr: FR, en: EN };
