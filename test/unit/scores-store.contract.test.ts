import { scoresStoreContract } from '../support/contracts/scores-store.contract';
import { MemoryScoresStore } from '../support/memory-scores-store';

scoresStoreContract('MemoryScoresStore (the fake)', () => new MemoryScoresStore());
