import type { LifecycleDefinition } from '../lifecycles/definition';
import type { CreateCalendarBody } from '../sla/sla.schemas';
import type { CreateTicketBody } from '../tickets/ticket.schemas';
import type { Profile } from '../users/profiles';

export const DEMO_GROUPS = [
  { name: 'Support N1', level: 1 },
  { name: 'Support N2', level: 2 },
];

export const DEMO_USERS: { login: string; name: string; profile: Profile; group?: string }[] = [
  { login: 'admin', name: 'Administrateur', profile: 'admin' },
  { login: 'tech1', name: 'Théo Martin (N1)', profile: 'technician', group: 'Support N1' },
  { login: 'tech2', name: 'Inès Bernard (N2)', profile: 'technician', group: 'Support N2' },
  { login: 'alice', name: 'Alice Durand', profile: 'requester' },
  { login: 'manager', name: 'Marc Petit', profile: 'manager' },
  { login: 'owner', name: 'Olivia Roux', profile: 'owner' },
];

/** Colleagues who filed the demo's history of tickets (they log in with the demo password). */
export const DEMO_REQUESTERS = [
  'Claire Moreau',
  'Julien Lefèvre',
  'Sophie Garnier',
  'Karim Benali',
  'Nathalie Faure',
  'Lucas Girard',
  'Émilie Rousseau',
  'Thomas Blanc',
  'Camille Chevalier',
  'Antoine Mercier',
].map((name) => ({
  name,
  login: name
    .normalize('NFD')
    .replace(/[^A-Za-z ]/g, '')
    .toLowerCase()
    .replace(' ', '.'),
}));

/** What the demo's history is made of: per category (French path), its type, its share and what people write. */
export const DEMO_HISTORY_CATEGORIES: { path: string; type: 'incident' | 'request'; weight: number; titles: string[] }[] = [
  {
    path: 'Matériel › Poste de travail',
    type: 'incident',
    weight: 22,
    titles: ['Mon PC rame', 'L’ordinateur redémarre quand je l’éteins', 'Clavier en panne', 'Souris défectueuse', 'Disque dur en panne'],
  },
  {
    path: 'Matériel › Imprimante',
    type: 'incident',
    weight: 14,
    titles: ['Imprimante : lignes décalées', 'Imprimante défectueuse', 'Bourrage papier permanent'],
  },
  {
    path: 'Matériel › Téléphonie',
    type: 'incident',
    weight: 8,
    titles: ['Téléphone hors service', 'Téléphone de la caisse hors service', 'Fil de la caisse dénudé'],
  },
  {
    path: 'Matériel',
    type: 'request',
    weight: 6,
    titles: ['Poste obsolète à renouveler', 'Demande de casque téléphonique', 'Demande d’un second écran'],
  },
  { path: 'Réseau › Wi-Fi', type: 'incident', weight: 9, titles: ['Pas de Wi-Fi sur mon portable', 'Wi-Fi très lent au magasin'] },
  {
    path: 'Réseau › Accès aux ressources',
    type: 'incident',
    weight: 8,
    titles: ['Impossible d’accéder au partage réseau', 'Lecteur réseau déconnecté'],
  },
  {
    path: 'Messagerie',
    type: 'incident',
    weight: 10,
    titles: ['Plus d’accès à ma messagerie', 'Envoi et réception bloqués', 'E-mail en quarantaine'],
  },
  { path: 'Messagerie', type: 'request', weight: 4, titles: ['Restaurer un e-mail supprimé', 'Créer une liste de diffusion'] },
  {
    path: 'Logiciel › Bureautique',
    type: 'request',
    weight: 7,
    titles: ['Besoin de la dernière version d’Office', 'Restaurer un fichier effacé par erreur'],
  },
  {
    path: 'Logiciel › Application métier',
    type: 'incident',
    weight: 7,
    titles: ['Erreur de calcul du prix de vente', 'Erreur 404 sur l’intranet', 'Soldes de congés mal affichés'],
  },
  {
    path: 'Comptes et accès',
    type: 'request',
    weight: 5,
    titles: ['Création d’un compte utilisateur', 'Réinitialisation de session', 'Mot de passe expiré'],
  },
];

/** Where the demo's tickets come from: each site's entity (by name) and its locations. */
export const DEMO_HISTORY_SITES: { entity: string; location: string; weight: number }[] = [
  { entity: 'Siège', location: 'Siège — 2e étage', weight: 30 },
  { entity: 'Siège', location: 'Siège — accueil', weight: 10 },
  { entity: 'Magasin Les Arcs', location: 'Magasin Les Arcs', weight: 30 },
  { entity: 'Magasin St-Zac', location: 'Magasin St-Zac', weight: 30 },
];

interface DemoCategory {
  fr: string;
  en: string;
  children?: DemoCategory[];
}

/** The category tree most desks start from. */
export const DEMO_CATEGORIES: DemoCategory[] = [
  {
    fr: 'Matériel',
    en: 'Hardware',
    children: [
      { fr: 'Poste de travail', en: 'Workstation' },
      { fr: 'Imprimante', en: 'Printer' },
      { fr: 'Téléphonie', en: 'Telephony' },
    ],
  },
  {
    fr: 'Logiciel',
    en: 'Software',
    children: [
      { fr: 'Bureautique', en: 'Office software' },
      { fr: 'Application métier', en: 'Business application' },
    ],
  },
  {
    fr: 'Réseau',
    en: 'Network',
    children: [
      { fr: 'Wi-Fi', en: 'Wi-Fi' },
      { fr: 'Accès aux ressources', en: 'Access to resources' },
    ],
  },
  { fr: 'Messagerie', en: 'E-mail' },
  { fr: 'Comptes et accès', en: 'Accounts and access' },
];

/** Sub-entities per site, under the root entity. */
export const DEMO_ENTITIES = ['Siège', 'Magasin Les Arcs', 'Magasin St-Zac'];

/** What a desk really receives, filed by alice; the category is given by its French path. */
export const DEMO_TICKETS: (Omit<CreateTicketBody, 'source' | 'category'> & { category: string })[] = [
  {
    title: 'Mon PC rame depuis ce matin',
    description: 'Tout est très lent, même Outlook.',
    type: 'incident',
    urgency: 3,
    impact: 2,
    category: 'Matériel › Poste de travail',
    location: 'Siège — 2e étage',
  },
  {
    title: 'Imprimante : lignes décalées après changement de cartouche',
    description: "L'imprimante du 2e imprime des lignes décalées.",
    type: 'incident',
    urgency: 2,
    impact: 3,
    category: 'Matériel › Imprimante',
    location: 'Siège — 2e étage',
  },
  {
    title: 'Téléphone de la caisse 23 hors service',
    description: 'Plus de tonalité sur le poste de la caisse 23.',
    type: 'incident',
    urgency: 4,
    impact: 3,
    category: 'Matériel › Téléphonie',
    location: 'Magasin Les Arcs',
  },
  {
    title: 'Pas de Wi-Fi sur mon portable',
    description: 'Le portable ne voit plus le réseau du magasin.',
    type: 'incident',
    urgency: 3,
    impact: 1,
    category: 'Réseau › Wi-Fi',
    location: 'Magasin St-Zac',
  },
  {
    title: 'Restaurer un e-mail supprimé',
    description: 'Un e-mail client supprimé par erreur hier.',
    type: 'request',
    urgency: 2,
    impact: 1,
    category: 'Messagerie',
  },
  {
    title: "Besoin de la dernière version d'Office",
    description: 'Pour lire un document envoyé par un client.',
    type: 'request',
    urgency: 2,
    impact: 2,
    category: 'Logiciel › Bureautique',
  },
  {
    title: 'Erreur 404 sur l’intranet',
    description: 'La page des congés renvoie une erreur 404.',
    type: 'incident',
    urgency: 3,
    impact: 4,
    category: 'Logiciel › Application métier',
  },
];

const OFFICE_DAY: [string, string][] = [
  ['08:00', '12:00'],
  ['13:30', '17:30'],
];

/** Office hours of the head office, with French public holidays that fall on fixed dates. */
export const DEMO_CALENDAR: CreateCalendarBody = {
  entity: 1,
  name: 'Siège (heures ouvrées)',
  timezone: 'Europe/Paris',
  hours: { mon: OFFICE_DAY, tue: OFFICE_DAY, wed: OFFICE_DAY, thu: OFFICE_DAY, fri: OFFICE_DAY, sat: [], sun: [] },
  holidays: ['01-01', '05-01', '05-08', '07-14', '08-15', '11-01', '11-11', '12-25'].map((day) => ({ date: `2026-${day}`, yearly: true })),
};

/** SLAs by priority, in working minutes, each warning its group when three quarters of TTR are gone. */
export const DEMO_SLAS = [
  { name: 'Priorité haute (P4–P5)', priority: [4, 5, 6], ttoMinutes: 30, ttrMinutes: 240 },
  { name: 'Priorité moyenne (P3)', priority: [3], ttoMinutes: 60, ttrMinutes: 480 },
  { name: 'Priorité basse (P1–P2)', priority: [1, 2], ttoMinutes: 240, ttrMinutes: 1_440 },
];

/**
 * The process owner's draft of the incident lifecycle's next version: a state where the ticket
 * waits for spare parts, ordered from a supplier.
 */
export function demoIncidentDraft(incident: LifecycleDefinition): LifecycleDefinition {
  return {
    ...incident,
    states: {
      ...incident.states,
      awaiting_parts: { status: 'pending', label: { fr: 'En attente de pièces', en: 'Awaiting parts' } },
    },
    actions: [
      ...incident.actions,
      {
        name: 'order_parts',
        label: { fr: 'Commander des pièces', en: 'Order parts' },
        from: ['assigned'],
        to: 'awaiting_parts',
        roles: ['technician', 'supervisor'],
        payload: ['supplier'],
      },
      {
        name: 'parts_received',
        label: { fr: 'Pièces reçues', en: 'Parts received' },
        from: ['awaiting_parts'],
        to: 'assigned',
        roles: ['technician', 'supervisor'],
      },
      { name: 'resolve', from: ['awaiting_parts'], to: 'resolved', roles: ['technician', 'supervisor'], payload: ['solution'] },
    ],
  };
}
