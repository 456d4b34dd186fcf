import { NotFound } from '../../domain/errors';
import type { ActivityStore } from '../../store/activity-store';

/** Routes about one member's data answer 404 until something of the member is stored. */
export const requireMember = async (store: ActivityStore, memberId: string): Promise<void> => {
  if (!(await store.memberExists(memberId)))
    throw new NotFound(
      `No data for member '${memberId}'. Upload an export under exports/${memberId}/ first.`,
    );
};

/** The UTC calendar day of the injected clock: the default end of day ranges. */
export const todayOf = (now: () => Date): string => now().toISOString().slice(0, 10);
