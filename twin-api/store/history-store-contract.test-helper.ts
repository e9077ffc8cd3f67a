import { describeAlertStoreContract } from './alert-store-contract.test-helper.ts';
import { describeAuditStoreContract } from './audit-store-contract.test-helper.ts';
import type { OpenStore } from './contract-support.test-helper.ts';
import { describeDurableHistoryContract } from './durable-history-contract.test-helper.ts';
import { describeEventStoreContract } from './event-store-contract.test-helper.ts';
import { describeModelStoreContract } from './model-store-contract.test-helper.ts';
import { describeRecommendationStoreContract } from './recommendation-store-contract.test-helper.ts';
import { describeRecordingStoreContract } from './recording-store-contract.test-helper.ts';
import { describeSampleStoreContract } from './sample-store-contract.test-helper.ts';
import { describeSettingsStoreContract } from './settings-store-contract.test-helper.ts';
import type { SqlHistoryStore } from './sql-history-store.ts';
import { describeStoreLifecycleContract } from './store-lifecycle-contract.test-helper.ts';

export { expectNoLossAcrossOutage, sleep } from './sample-store-contract.test-helper.ts';
// Retention deletes every table's old rows, the other suites' too: it runs on a database of its own.
export { describeRetentionStoreContract } from './retention-store-contract.test-helper.ts';

/**
 * Every port's contract suite against one adapter. `database()` gives the opener of a database (a
 * directory, a schema): each port's suite asks for one, and may open it again to check a restart.
 */
export function describeHistoryStoreContract(label: string, database: () => OpenStore<SqlHistoryStore>): void {
  describeStoreLifecycleContract(label, database());
  describeSampleStoreContract(label, database());
  describeEventStoreContract(label, database());
  describeAlertStoreContract(label, database());
  describeAuditStoreContract(label, database());
  describeSettingsStoreContract(label, database());
  describeRecordingStoreContract(label, database());
  describeRecommendationStoreContract(label, database());
  describeModelStoreContract(label, database());
  describeDurableHistoryContract(label, database());
}
