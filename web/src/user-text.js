// The user pages' words in French (the default) and English.

const FR = {
  title: 'Utilisateurs',
  search: 'Rechercher (identifiant ou nom)',
  find: 'Rechercher',
  columns: { name: 'Nom', login: 'Identifiant', profiles: 'Profils', source: 'Origine' },
  more: 'Utilisateurs suivants',
  none: 'Aucun utilisateur trouvé.',
  sources: { local: 'guichet', ldap: 'annuaire', token: 'jeton d’API', email: 'e-mail' },
  disabled: ' (désactivé)',
  editTitle: (name) => `Utilisateur — ${name}`,
  profiles: 'Profils par entité',
  profilesHint: 'Chaque profil vaut dans son entité, et dans celles en dessous quand c’est coché.',
  grant: (n) => `Profil ${n}`,
  profile: 'Profil',
  entity: 'Entité',
  recursive: 'Aussi dans les sous-entités',
  remove: (n) => `Retirer le profil ${n}`,
  add: 'Ajouter un profil',
  save: 'Enregistrer les profils',
  saved: 'Profils enregistrés.',
  held: (profile, entity, below) => `${profile} — ${entity}${below ? ' et en dessous' : ''}`,
};

const EN = {
  title: 'Users',
  search: 'Search (login or name)',
  find: 'Search',
  columns: { name: 'Name', login: 'Login', profiles: 'Profiles', source: 'Source' },
  more: 'Next users',
  none: 'No user found.',
  sources: { local: 'guichet', ldap: 'directory', token: 'API token', email: 'e-mail' },
  disabled: ' (disabled)',
  editTitle: (name) => `User — ${name}`,
  profiles: 'Profiles per entity',
  profilesHint: 'Each profile holds in its entity, and in those below when ticked.',
  grant: (n) => `Profile ${n}`,
  profile: 'Profile',
  entity: 'Entity',
  recursive: 'In the entities below too',
  remove: (n) => `Remove profile ${n}`,
  add: 'Add a profile',
  save: 'Save the profiles',
  saved: 'Profiles saved.',
  held: (profile, entity, below) => `${profile} — ${entity}${below ? ' and below' : ''}`,
};

export const USER_LANGUAGES = { fr: FR, en: EN };
