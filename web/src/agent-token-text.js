// The inventory agents' page words in French (the default) and English.

const FR = {
  locale: 'fr-FR',
  title: 'Agents d’inventaire',
  intro:
    'Chaque jeton range les ordinateurs que ses agents FusionInventory inventorient dans une entité. Sur chaque poste, lancez l’agent ainsi :',
  command: (origin) => `fusioninventory-agent --server ${origin}/inventory --user agent --password <jeton>`,
  issue: 'Créer un jeton d’agents',
  name: 'Nom (où tournent ses agents)',
  entity: 'Entité des ordinateurs',
  submit: 'Créer',
  shownOnce: 'Copiez ce jeton maintenant : il ne sera plus jamais affiché.',
  issued: (name) => `Jeton « ${name} » créé.`,
  columns: { name: 'Nom', entity: 'Entité', created: 'Créé le', state: 'État' },
  revokedOn: (at) => `révoqué le ${at}`,
  revoke: (name) => `Révoquer ${name}`,
  revokeWord: 'Révoquer',
  confirm: (name) => `Révoquer le jeton « ${name} » ? Le prochain inventaire envoyé avec lui sera refusé.`,
  revoked: (name) => `Jeton « ${name} » révoqué.`,
  none: 'Aucun jeton d’agents.',
};

const EN = {
  locale: 'en-GB',
  title: 'Inventory agents',
  intro: 'Each token files the computers its FusionInventory agents inventory in one entity. On each computer, run the agent so:',
  command: (origin) => `fusioninventory-agent --server ${origin}/inventory --user agent --password <token>`,
  issue: 'Create an agent token',
  name: 'Name (where its agents run)',
  entity: 'Entity of the computers',
  submit: 'Create',
  shownOnce: 'Copy this token now: it will never be shown again.',
  issued: (name) => `Token “${name}” created.`,
  columns: { name: 'Name', entity: 'Entity', created: 'Created', state: 'State' },
  revokedOn: (at) => `revoked on ${at}`,
  revoke: (name) => `Revoke ${name}`,
  revokeWord: 'Revoke',
  confirm: (name) => `Revoke the token “${name}”? The next inventory sent with it will be refused.`,
  revoked: (name) => `Token “${name}” revoked.`,
  none: 'No agent token.',
};

export const AGENT_TOKEN_LANGUAGES = { fr: FR, en: EN };
