import { memberRegistryContract } from '../support/contracts/member-registry.contract';
import { MemoryMemberRegistry } from '../support/memory-store';

memberRegistryContract('MemoryMemberRegistry (the fake)', () => new MemoryMemberRegistry());
