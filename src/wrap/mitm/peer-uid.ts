import fs from 'node:fs';

// Who is on the other end of a loopback connection. The HTTPS proxy has no
// secret path to hide behind (clients send CONNECT host:port), so it serves
// only connections from processes of the user who started it: the kernel's
// socket table says which user owns the client's end.

const TABLES = ['/proc/net/tcp', '/proc/net/tcp6'];

/** The uid owning the client socket of a connection from `clientPort` to our `serverPort`; undefined when it cannot be told. */
export function peerUid(clientPort: number, serverPort: number): number | undefined {
  const local = `:${clientPort.toString(16).toUpperCase().padStart(4, '0')} `;
  const remote = `:${serverPort.toString(16).toUpperCase().padStart(4, '0')} `;
  for (const table of TABLES) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'latin1');
    } catch {
      continue; // not Linux, or no IPv6
    }
    for (const row of text.split('\n')) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid ...
      const cols = row.trim().split(/\s+/);
      if (cols.length < 8 || !`${cols[1]} `.endsWith(local) || !`${cols[2]} `.endsWith(remote)) continue;
      const uid = Number(cols[7]);
      if (Number.isInteger(uid)) return uid;
    }
  }
  return undefined;
}
