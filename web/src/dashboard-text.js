// The dashboards' words in French (the default) and English, and the number and duration formats
// of each language. A chart's label is [its title, what it shows] — the second is its aria-label.

const FR = {
  locale: 'fr-FR',
  title: 'Tableaux de bord',
  language: 'Langue',
  filters: 'Filtres',
  from: 'Du',
  to: 'Au',
  category: 'Catégorie',
  group: 'Groupe',
  priority: 'Priorité',
  type: 'Type',
  all: 'Tous',
  types: { incident: 'Incident', request: 'Demande' },
  groupNumber: (id) => `Groupe n° ${id}`,
  levels: { 1: 'Très basse', 2: 'Basse', 3: 'Moyenne', 4: 'Haute', 5: 'Très haute', 6: 'Majeure' },
  noCategory: 'Sans catégorie',
  updatedAt: (time) => `mis à jour à ${time}`,
  loading: 'chargement…',
  unavailable: 'données indisponibles',
  noData: 'aucune donnée sur la période',
  badPeriod: 'La date de fin doit suivre la date de début.',
  indicators: 'Indicateurs de la période',
  tiles: {
    created: 'Créés',
    resolved: 'Résolus',
    backlog: 'En stock (ouverts)',
    mtto: 'Délai moyen de prise en compte',
    mttr: 'Délai moyen de résolution',
    slaCompliance: 'Respect des SLA',
    reopenRate: 'Taux de réouverture',
    fcrRate: 'Résolution au premier contact',
    escalationRate: 'Taux d’escalade',
    satisfaction: 'Satisfaction',
  },
  charts: {
    backlog: ['Stock de tickets ouverts', 'Courbe du nombre de tickets ouverts au fil de la période'],
    flow: ['Créés et résolus', 'Barres des tickets créés et des tickets résolus à chaque intervalle de la période'],
    mttrByCategory: ['Délai moyen de résolution par catégorie', 'Barres du délai moyen de résolution des tickets de chaque catégorie'],
    mttrByPriority: ['Délai moyen de résolution par priorité', 'Barres du délai moyen de résolution des tickets de chaque priorité'],
    mttrByModel: [
      'Délai moyen de résolution par modèle d’équipement',
      'Barres du délai moyen de résolution des tickets sur les équipements de chaque modèle',
    ],
    slaGauge: ['Respect des SLA', 'Jauge de la part des tickets résolus dans les délais de leur SLA sur la période'],
    slaTrend: ['Respect des SLA : tendance', 'Courbe de la part des tickets résolus dans les délais de leur SLA à chaque intervalle'],
    rates: ['Réouverture et premier contact', 'Courbes du taux de réouverture et du taux de résolution au premier contact'],
    satisfaction: ['Notes de satisfaction', 'Barres du nombre de réponses à l’enquête de satisfaction pour chaque note de 1 à 5'],
    heatmap: ['Créations par jour et heure (UTC)', 'Carte de chaleur des tickets créés par jour de la semaine et heure UTC'],
    workload: ['Charge des techniciens', 'Barres des tickets ouverts et résolus de chaque technicien'],
  },
  series: {
    backlog: 'Ouverts',
    created: 'Créés',
    resolved: 'Résolus',
    mttr: 'Délai moyen de résolution',
    sla: 'Respect des SLA',
    reopen: 'Réouverture',
    fcr: 'Premier contact',
    answers: 'Réponses',
    open: 'Ouverts',
    tickets: 'Tickets',
  },
  mean: (value) => `moyenne ${value}`,
  drill: 'Voir les tickets',
  colon: ' : ',
  hour: (hour) => `${hour} h`,
  day: 'j',
};

const EN = {
  locale: 'en-GB',
  title: 'Dashboards',
  language: 'Language',
  filters: 'Filters',
  from: 'From',
  to: 'To',
  category: 'Category',
  group: 'Group',
  priority: 'Priority',
  type: 'Type',
  all: 'All',
  types: { incident: 'Incident', request: 'Request' },
  groupNumber: (id) => `Group #${id}`,
  levels: { 1: 'Very low', 2: 'Low', 3: 'Medium', 4: 'High', 5: 'Very high', 6: 'Major' },
  noCategory: 'No category',
  updatedAt: (time) => `updated at ${time}`,
  loading: 'loading…',
  unavailable: 'data unavailable',
  noData: 'no data in the period',
  badPeriod: 'The end date must come after the start date.',
  indicators: 'Indicators of the period',
  tiles: {
    created: 'Created',
    resolved: 'Resolved',
    backlog: 'Backlog (open)',
    mtto: 'Mean time to own',
    mttr: 'Mean time to resolve',
    slaCompliance: 'SLA compliance',
    reopenRate: 'Reopen rate',
    fcrRate: 'First contact resolution',
    escalationRate: 'Escalation rate',
    satisfaction: 'Satisfaction',
  },
  charts: {
    backlog: ['Open ticket backlog', 'Line of the number of open tickets over the period'],
    flow: ['Created and resolved', 'Bars of the tickets created and the tickets resolved in each interval of the period'],
    mttrByCategory: ['Mean time to resolve by category', 'Bars of the mean time to resolve the tickets of each category'],
    mttrByPriority: ['Mean time to resolve by priority', 'Bars of the mean time to resolve the tickets of each priority'],
    mttrByModel: ['Mean time to resolve by asset model', 'Bars of the mean time to resolve the tickets about the assets of each model'],
    slaGauge: ['SLA compliance', 'Gauge of the share of tickets resolved within their SLA over the period'],
    slaTrend: ['SLA compliance: trend', 'Line of the share of tickets resolved within their SLA in each interval'],
    rates: ['Reopen and first contact', 'Lines of the reopen rate and the first contact resolution rate'],
    satisfaction: ['Satisfaction ratings', 'Bars of the number of survey answers for each rating from 1 to 5'],
    heatmap: ['Created by weekday and hour (UTC)', 'Heatmap of the tickets created per weekday and UTC hour'],
    workload: ['Technician workload', 'Bars of the open and resolved tickets of each technician'],
  },
  series: {
    backlog: 'Open',
    created: 'Created',
    resolved: 'Resolved',
    mttr: 'Mean time to resolve',
    sla: 'SLA compliance',
    reopen: 'Reopened',
    fcr: 'First contact',
    answers: 'Answers',
    open: 'Open',
    tickets: 'Tickets',
  },
  mean: (value) => `mean ${value}`,
  drill: 'Show the tickets',
  colon: ': ',
  hour: (hour) => `${String(hour).padStart(2, '0')}:00`,
  day: 'd',
};

export const LANGUAGES = { fr: FR, en: EN };

/** "87,5 %" or "87.5%"; a missing rate is a dash. */
export function percentOf(rate, t) {
  if (rate === null || rate === undefined) return '—';
  return new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** A number in the language's digits, at most `digits` decimals. */
export function numberOf(value, t, digits = 0) {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat(t.locale, { maximumFractionDigits: digits }).format(value);
}

/** A duration as people say it: "4,5 s", "45 s", "12 min", "3 h 05 min", "2 j 4 h". */
export function durationOf(seconds, t) {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 10) return `${numberOf(seconds, t, 1)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${String(minutes % 60).padStart(2, '0')} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} ${t.day} ${hours % 24} h` : `${days} ${t.day}`;
}
