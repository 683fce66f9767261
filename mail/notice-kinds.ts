/** The notices guichet sends by e-mail; each user may turn any of them off. Read by the web UI too. */
export const NOTICES = ['created', 'assigned', 'followup', 'mention', 'solved', 'validation', 'pending', 'escalation', 'closed'] as const;
export type Notice = (typeof NOTICES)[number];
