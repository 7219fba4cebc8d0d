import type net from 'node:net';

/**
 * The file descriptor of a listening server, for the guardian to hold a copy
 * of. Node has no public accessor; its handle has carried `fd` on every Unix
 * release. Undefined where it does not (Windows), and the guardian then holds
 * nothing but still ends the session's processes.
 */
export function listeningFd(server: net.Server): number | undefined {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- Node's internal handle has no public type
  const fd = (server as any)._handle?.fd as unknown;
  return typeof fd === 'number' && fd > 2 ? fd : undefined;
}
