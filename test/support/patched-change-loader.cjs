// A webpack loader for the rolling-upgrade test: the next release's ticket workflow, with one decision changed behind
// patched() as a real release would — after each lifecycle action, the workflow writes the action into its memo.
const ANCHOR = '    if (entered !== null) await this.takeEntryEffects(entered.state, entered.seq);';

/** @param {string} source */
module.exports = function patchedChange(source) {
  if (!source.includes(ANCHOR)) throw new Error('ticket-run.ts changed: move the rolling-upgrade test’s patched change');
  return (
    "import { patched as nextPatched, upsertMemo as nextUpsertMemo } from '@temporalio/workflow';\n" +
    source.replace(ANCHOR, `    if (nextPatched('last-action-in-memo')) nextUpsertMemo({ lastAction: taken.type });\n${ANCHOR}`)
  );
};
