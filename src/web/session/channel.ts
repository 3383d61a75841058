/** Tabs of the same browser share the session cookie, so they share sign-in, sign-out and activity. */
export type SessionMessage =
  | { type: 'signed_in' }
  | { type: 'signed_out' }
  /** A keep-alive succeeded: the server's idle timer now ends at `expiresAt` (ms, this browser's clock). */
  | { type: 'activity'; expiresAt: number };

const name = 'liminal-session';
const channel: BroadcastChannel | null = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(name);

export const sessionChannel = {
  post(msg: SessionMessage): void {
    try {
      channel?.postMessage(msg);
    } catch {
      // A closed channel: this tab is going away.
    }
  },
  listen(fn: (msg: SessionMessage) => void): () => void {
    if (!channel) return () => {};
    const handler = (e: MessageEvent<SessionMessage>) => fn(e.data);
    channel.addEventListener('message', handler);
    return () => channel.removeEventListener('message', handler);
  },
};
