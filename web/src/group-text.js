// The support-group pages' words in French (the default) and English.

const FR = {
  title: 'Groupes de support',
  add: 'Ajouter un groupe',
  none: 'Aucun groupe de support.',
  columns: { name: 'Nom', level: 'Niveau', entity: 'Entité', manager: 'Responsable' },
  newTitle: 'Nouveau groupe de support',
  editTitle: (name) => `Groupe — ${name}`,
  name: 'Nom',
  level: 'Niveau de support',
  entity: 'Entité',
  manager: 'Responsable (valide les demandes du groupe)',
  nobody: '—',
  save: 'Enregistrer',
  saved: 'Groupe enregistré.',
  created: (name) => `Groupe « ${name} » ajouté.`,
  members: 'Membres',
  membersHint: 'Chaque technicien est dans un groupe : le cocher ici le retire de son groupe actuel.',
  currentGroup: (name) => ` — actuellement : ${name}`,
  saveMembers: 'Enregistrer les membres',
  membersSaved: (n) => `${n} membre(s) enregistré(s).`,
};

const EN = {
  title: 'Support groups',
  add: 'Add a group',
  none: 'No support group.',
  columns: { name: 'Name', level: 'Level', entity: 'Entity', manager: 'Manager' },
  newTitle: 'New support group',
  editTitle: (name) => `Group — ${name}`,
  name: 'Name',
  level: 'Support level',
  entity: 'Entity',
  manager: 'Manager (approves the group’s requests)',
  nobody: '—',
  save: 'Save',
  saved: 'Group saved.',
  created: (name) => `Group “${name}” added.`,
  members: 'Members',
  membersHint: 'Each technician is in one group: ticking one here takes them out of their current group.',
  currentGroup: (name) => ` — now in: ${name}`,
  saveMembers: 'Save the members',
  membersSaved: (n) => `${n} member(s) saved.`,
};

export const GROUP_LANGUAGES = { fr: FR, en: EN };
