// The response-template pages' words in French (the default) and English.

const FR = {
  title: 'Modèles de réponse',
  add: 'Ajouter un modèle',
  none: 'Aucun modèle.',
  columns: { name: 'Nom', kind: 'Pour', entity: 'Entité' },
  kinds: { followup: 'un suivi', task: 'une tâche', solution: 'une solution' },
  newTitle: 'Nouveau modèle',
  editTitle: (name) => `Modèle — ${name}`,
  name: 'Nom',
  kind: 'Pour écrire',
  entity: 'Entité (proposé là et en dessous)',
  content: 'Texte (Markdown)',
  placeholders: 'Champs remplis pour le ticket :',
  placeholderMeaning: {
    'ticket.id': 'son numéro',
    'ticket.title': 'son titre',
    'requester.name': 'le nom du demandeur',
    category: 'sa catégorie',
    entity: 'son entité',
    'me.name': 'votre nom',
  },
  save: 'Enregistrer',
  saved: 'Modèle enregistré.',
  created: (name) => `Modèle « ${name} » ajouté.`,
  remove: 'Supprimer ce modèle',
  removed: (name) => `Modèle « ${name} » supprimé.`,
};

const EN = {
  title: 'Response templates',
  add: 'Add a template',
  none: 'No template.',
  columns: { name: 'Name', kind: 'For', entity: 'Entity' },
  kinds: { followup: 'a followup', task: 'a task', solution: 'a solution' },
  newTitle: 'New template',
  editTitle: (name) => `Template — ${name}`,
  name: 'Name',
  kind: 'To write',
  entity: 'Entity (offered there and below)',
  content: 'Text (Markdown)',
  placeholders: 'Filled in for the ticket:',
  placeholderMeaning: {
    'ticket.id': 'its number',
    'ticket.title': 'its title',
    'requester.name': 'the requester’s name',
    category: 'its category',
    entity: 'its entity',
    'me.name': 'your name',
  },
  save: 'Save',
  saved: 'Template saved.',
  created: (name) => `Template “${name}” added.`,
  remove: 'Remove this template',
  removed: (name) => `Template “${name}” removed.`,
};

export const TEMPLATE_LANGUAGES = { fr: FR, en: EN };
