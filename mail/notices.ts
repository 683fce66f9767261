import type { Language } from '../core/language';
import { escapeHtml } from '../core/markdown';
import { markdownForMail } from './mail-markdown';
import { subjectTag } from './mail-thread';

import type { Notice } from './notice-kinds';

/** A recorded ticket event as the notices read it. */
export interface NoticeEvent {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  data: Record<string, unknown>;
}

/** The notice a ticket event gives, or null when it is not worth a message. */
export function noticeOfEvent(event: NoticeEvent): Notice | null {
  if (event.action === 'create') return 'created';
  if (event.action === 'request_validation') return 'validation';
  // An SLA level that says to notify: the people working the ticket hear of it.
  if (event.action === 'sla_level') return notifies(event.data['actions']) ? 'escalation' : null;
  if (event.toStatus === event.fromStatus) return null;
  if (event.toStatus === 'assigned' && event.action === 'assign') return 'assigned';
  if (event.toStatus === 'resolved') return 'solved';
  if (event.toStatus === 'pending' && event.data['waitingFor'] === 'requester') return 'pending';
  if (event.toStatus === 'closed') return 'closed';
  return null;
}

const notifies = (actions: unknown): boolean =>
  Array.isArray(actions) && actions.some((action) => (action as { type?: unknown } | null)?.type === 'notify');

/** Who is on the ticket, by user id. */
export interface NoticeActors {
  requesters: number[];
  observers: number[];
  technicians: number[];
  /** The members of the ticket's support groups. */
  groupMembers: number[];
  validators: number[];
  /** The colleagues a followup mentions as `@login` who may see the ticket. */
  mentioned: number[];
}

/** The notices that may reach the members of the ticket's groups (the others never read them). */
export const reachesGroups = (notice: Notice): boolean => notice === 'assigned' || notice === 'escalation';

/**
 * Who receives a notice: never the person who caused it (but the requester gets the
 * acknowledgement of what she filed herself), and a private followup only the technicians —
 * never a requester or an observer.
 */
export function recipientsOf(notice: Notice, actors: NoticeActors, author: number | null, isPrivate: boolean): number[] {
  const people = (() => {
    switch (notice) {
      case 'created':
      case 'pending':
      case 'closed':
        return actors.requesters;
      case 'assigned':
        // A ticket handed to a group, and no one in it yet: the whole group hears of it.
        return actors.technicians.length > 0 ? actors.technicians : actors.groupMembers;
      case 'escalation':
        return [...actors.technicians, ...actors.groupMembers];
      case 'validation':
        return actors.validators;
      case 'solved':
        return [...actors.requesters, ...actors.observers];
      case 'followup':
        return isPrivate ? actors.technicians : [...actors.requesters, ...actors.observers, ...actors.technicians];
      case 'mention':
        return actors.mentioned;
    }
  })();
  return [...new Set(people)].filter((id) => id !== author || notice === 'created');
}

/** What a notice says about its ticket. */
export interface NoticeFacts {
  ticketId: number;
  title: string;
  /** The followup's or the solution's text, when the notice carries one. */
  text: string | null;
  /** Where the ticket is seen (and its solution accepted or refused) in the portal. */
  ticketUrl: string;
}

const TEXTS: Record<Language, Record<Notice, { subject: string; opening: string }>> = {
  fr: {
    created: {
      subject: 'Demande enregistrée',
      opening: 'Votre demande est enregistrée. Gardez sa référence dans l’objet pour y répondre.',
    },
    assigned: { subject: 'Ticket attribué', opening: 'Ce ticket vous est attribué.' },
    followup: { subject: 'Nouveau suivi', opening: 'Un suivi a été ajouté :' },
    mention: { subject: 'On vous mentionne', opening: 'Un collègue vous mentionne dans ce suivi :' },
    solved: { subject: 'Solution proposée', opening: 'Une solution est proposée. Acceptez-la ou refusez-la sur le portail :' },
    validation: { subject: 'Validation demandée', opening: 'Votre validation est demandée pour ce ticket.' },
    pending: { subject: 'En attente de votre réponse', opening: 'Le service attend votre réponse. Répondez simplement à ce message.' },
    escalation: {
      subject: 'Escalade SLA',
      opening: 'Un niveau d’escalade du SLA de ce ticket est atteint : il demande votre attention.',
    },
    closed: { subject: 'Ticket clos', opening: 'Ce ticket est clos. Dites-nous ce que vous en avez pensé sur le portail :' },
  },
  en: {
    created: { subject: 'Request received', opening: 'Your request is recorded. Keep its reference in the subject when you answer.' },
    assigned: { subject: 'Ticket assigned', opening: 'This ticket is assigned to you.' },
    followup: { subject: 'New followup', opening: 'A followup was added:' },
    mention: { subject: 'You are mentioned', opening: 'A colleague mentions you in this followup:' },
    solved: { subject: 'Solution proposed', opening: 'A solution is proposed. Accept or refuse it in the portal:' },
    validation: { subject: 'Approval requested', opening: 'Your approval is requested for this ticket.' },
    pending: { subject: 'Waiting for your answer', opening: 'The desk is waiting for your answer. Just reply to this message.' },
    escalation: {
      subject: 'SLA escalation',
      opening: 'An escalation level of this ticket’s SLA has been reached: it needs your attention.',
    },
    closed: { subject: 'Ticket closed', opening: 'This ticket is closed. Tell us how it went in the portal:' },
  },
};

/** A rendered notice: the followup's or solution's Markdown stays as typed in the text, and is rendered in the HTML. */
export interface RenderedNotice {
  subject: string;
  text: string;
  html: string;
}

/** A notice's subject (with the ticket's tag, so that replies thread back) and text, in the recipient's language. */
export function renderNotice(notice: Notice, language: Language, facts: NoticeFacts): RenderedNotice {
  const { subject, opening } = TEXTS[language][notice];
  const lines = [opening, ''];
  if (facts.text) lines.push(facts.text, '');
  lines.push(`${facts.title}`, facts.ticketUrl);
  const html = [
    `<p>${escapeHtml(opening)}</p>`,
    facts.text ? `<blockquote>${markdownForMail(facts.text)}</blockquote>` : '',
    `<p><a href="${escapeHtml(facts.ticketUrl)}">${escapeHtml(facts.title)}</a></p>`,
  ];
  return { subject: `${subjectTag(facts.ticketId)} ${facts.title} — ${subject}`, text: lines.join('\n'), html: html.join('\n') };
}
