export { ticketWorkflow } from './ticket.workflow';
export { mailboxWorkflow } from './mailbox.workflow';
