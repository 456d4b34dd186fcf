/**
 * Counts replies — sent messages whose previous message in the conversation (by time) came from someone
 * else — in memory that grows with the number of conversations, not messages.
 *
 * LinkedIn writes each conversation's messages in time order (either direction), so one row of state per
 * conversation is enough: ascending, a sent row after a received one is a reply; descending, a sent row
 * followed by a received (older) one was a reply. A conversation whose rows are not in order is marked
 * and settled exactly in a second pass over the file that keeps only those conversations' timelines.
 */
interface ConversationState {
  /** Time of the last row seen, negated when that row was sent by the member. */
  last: number;
  /** 1 ascending, -1 descending, 0 not known yet (one row seen). */
  order: 1 | -1 | 0;
}

type Emit = (replyMs: number, delta: number) => void;

/** Feeds one conversation's rows in file order; calls `emit` for each reply found. Returns false when out of order. */
const step = (state: ConversationState, ms: number, sent: boolean, emit: Emit): boolean => {
  const lastMs = Math.abs(state.last);
  const lastSent = state.last < 0;
  const order = ms === lastMs ? (state.order === 0 ? 1 : state.order) : ms > lastMs ? 1 : -1;
  if (state.order !== 0 && order !== state.order) return false;
  state.order = order;
  if (order === 1 && sent && !lastSent) emit(ms, 1);
  if (order === -1 && lastSent && !sent) emit(lastMs, 1);
  state.last = sent ? -ms : ms;
  return true;
};

export class ReplyCounter {
  private readonly conversations = new Map<number, ConversationState>();
  private readonly unordered = new Set<number>();

  constructor(private readonly emit: Emit) {}

  add(conversation: number, ms: number, sent: boolean): void {
    if (this.unordered.has(conversation)) return;
    const state = this.conversations.get(conversation);
    if (!state) {
      this.conversations.set(conversation, { last: sent ? -ms : ms, order: 0 });
    } else if (!step(state, ms, sent, this.emit)) {
      this.unordered.add(conversation);
      this.conversations.delete(conversation);
    }
  }

  /** The conversations the second pass must settle; undefined when every conversation was in order. */
  secondPass(): SecondPass | undefined {
    return this.unordered.size === 0 ? undefined : new SecondPass(this.unordered, this.emit);
  }
}

/**
 * For out-of-order conversations only: replays the first pass to take back what it counted before it
 * noticed the disorder, then counts replies exactly from the sorted timeline.
 */
export class SecondPass {
  private readonly timelines = new Map<number, number[]>();

  constructor(
    private readonly conversations: ReadonlySet<number>,
    private readonly emit: Emit,
  ) {}

  add(conversation: number, ms: number, sent: boolean): void {
    if (!this.conversations.has(conversation)) return;
    let timeline = this.timelines.get(conversation);
    if (!timeline) {
      timeline = [];
      this.timelines.set(conversation, timeline);
    }
    timeline.push(sent ? -ms : ms);
  }

  finish(): void {
    for (const timeline of this.timelines.values()) {
      const first = timeline[0] as number;
      const replay: ConversationState = { last: first, order: 0 };
      const undo: Emit = (replyMs) => this.emit(replyMs, -1);
      for (let i = 1; i < timeline.length; i++) {
        const signed = timeline[i] as number;
        if (!step(replay, Math.abs(signed), signed < 0, undo)) break;
      }
      const sorted = [...timeline].sort((a, b) => Math.abs(a) - Math.abs(b));
      for (let i = 1; i < sorted.length; i++) {
        const current = sorted[i] as number;
        if (current < 0 && (sorted[i - 1] as number) > 0) this.emit(-current, 1);
      }
    }
  }
}
