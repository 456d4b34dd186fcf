import { activityStoreContract } from '../support/contracts/activity-store.contract';
import { MemoryStore } from '../support/memory-store';

activityStoreContract('MemoryStore (the fake)', () => new MemoryStore());
