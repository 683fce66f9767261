/** The e-mail telling a subscription's owner that it was disabled, in French then English. */
export function disabledNotice(hook: { id: number; url: string }, reason: string) {
  return {
    subject: `[guichet] Webhook ${hook.id} désactivé / disabled`,
    text: [
      `L'abonnement webhook ${hook.id} (${hook.url}) est désactivé : ses livraisons échouent depuis 24 h.`,
      `Dernière erreur : ${reason}`,
      `Réactivez-le (PATCH /api/v1/webhooks/${hook.id} {"enabled": true}) une fois le destinataire réparé : il reprendra où il s'est arrêté.`,
      '',
      `Webhook subscription ${hook.id} (${hook.url}) is disabled: its deliveries have failed for 24 h.`,
      `Last error: ${reason}`,
      `Enable it again (PATCH /api/v1/webhooks/${hook.id} {"enabled": true}) once the receiver is fixed: it resumes where it stopped.`,
    ].join('\n'),
  };
}
