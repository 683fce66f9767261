// The API-token page's words in French (the default) and English.

const FR = {
  locale: 'fr-FR',
  title: 'Jetons d’API',
  intro: 'Un jeton permet à un autre système (supervision, CRM…) d’appeler l’API avec un profil dans une entité.',
  issue: 'Émettre un jeton',
  name: 'Nom (le système qui l’utilise)',
  profile: 'Profil',
  entity: 'Entité',
  recursive: 'Valable aussi dans les sous-entités',
  submit: 'Émettre',
  shownOnce: 'Copiez ce jeton maintenant : il ne sera plus jamais affiché.',
  issued: (name) => `Jeton « ${name} » émis.`,
  columns: { name: 'Nom', prefix: 'Début', scope: 'Profil et entité', created: 'Émis le', lastUse: 'Dernier usage', state: 'État' },
  never: 'jamais',
  active: 'actif',
  revokedOn: (at) => `révoqué le ${at}`,
  revoke: (name) => `Révoquer ${name}`,
  revokeWord: 'Révoquer',
  confirm: (name) => `Révoquer le jeton « ${name} » ? Sa prochaine requête sera refusée.`,
  revoked: (name) => `Jeton « ${name} » révoqué.`,
  none: 'Aucun jeton émis.',
};

const EN = {
  locale: 'en-GB',
  title: 'API tokens',
  intro: 'A token lets another system (monitoring, CRM…) call the API with a profile in an entity.',
  issue: 'Issue a token',
  name: 'Name (the system that uses it)',
  profile: 'Profile',
  entity: 'Entity',
  recursive: 'Valid in the entities below too',
  submit: 'Issue',
  shownOnce: 'Copy this token now: it will never be shown again.',
  issued: (name) => `Token “${name}” issued.`,
  columns: { name: 'Name', prefix: 'Starts with', scope: 'Profile and entity', created: 'Issued', lastUse: 'Last use', state: 'State' },
  never: 'never',
  active: 'active',
  revokedOn: (at) => `revoked on ${at}`,
  revoke: (name) => `Revoke ${name}`,
  revokeWord: 'Revoke',
  confirm: (name) => `Revoke the token “${name}”? Its next request will be refused.`,
  revoked: (name) => `Token “${name}” revoked.`,
  none: 'No token issued.',
};

export const TOKEN_LANGUAGES = { fr: FR, en: EN };
