/** What a response template writes: a followup, a task or a solution. Read by the web UI too. */
export const TEMPLATE_KINDS = ['followup', 'task', 'solution'] as const;
