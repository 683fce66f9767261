// Files a ticket the way the API does, then dies by SIGKILL before starting its workflow:
// the moment where a crash would leave a ticket without its workflow.
import { defineModels } from '../../db/models';
import { UserRow } from '../../users/user.models';
import { connectDatabase } from '../../db/sequelize';
import { latestLifecycleOrFail } from '../../lifecycles/lifecycle.repository';
import { DEFAULT_PRIORITY_MATRIX } from '../../tickets/priority-matrix';
import { recordNewTicket } from '../../tickets/ticket-creation.repository';
import { TEST_DB_URL } from './test-settings';
import { currentUserOf } from '../../users/current-user.repository';

const sequelize = connectDatabase(TEST_DB_URL, 1);
defineModels(sequelize);
const user = await currentUserOf(await UserRow.findByPk(Number(process.argv[2]), { rejectOnEmpty: true }));
const row = await recordNewTicket(
  sequelize,
  user,
  {
    title: 'Téléphone de la caisse 23 hors service',
    description: 'Plus de tonalité.',
    type: 'incident',
    urgency: 4,
    impact: 3,
    source: 'phone',
  },
  await latestLifecycleOrFail('incident'),
  { entityId: user.entity, priorityMatrix: DEFAULT_PRIORITY_MATRIX, slaTerms: null, slaChosenByHand: false, assets: [] },
);
process.stdout.write(`${row.id}\n`, () => process.kill(process.pid, 'SIGKILL'));
