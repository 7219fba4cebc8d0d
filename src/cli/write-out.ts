/** Writes to stdout and waits until it is flushed, so large outputs are never cut. */
export function writeOut(data: string | Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(data, (err) => (err ? reject(err) : resolve())));
}
