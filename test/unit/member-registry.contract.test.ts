import { memberRegistryContract } from '../support/contracts/member-registry.contract';
import { MemoryScoresStore } from '../support/memory-scores-store';

memberRegistryContract('MemoryScoresStore (the fake)', () => new MemoryScoresStore());
