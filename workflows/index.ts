export { ticketWorkflow } from './ticket.workflow';
export { mailboxWorkflow } from './mailbox.workflow';
export { recurringTicketWorkflow } from './recurring-ticket.workflow';
export { webhookWorkflow } from './webhook.workflow';
export { licenceWorkflow } from './licence.workflow';
