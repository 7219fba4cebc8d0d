/** What `headroom store prune|clear` did. */
export interface Upkeep {
  readonly location: string;
  /** Originals removed, and their stored (compressed) bytes. */
  readonly removed: number;
  readonly removedBytes: number;
  /** Originals left. */
  readonly entries: number;
  /** Size on disk before and after (SQLite: the file and its -wal); absent for Redis and memory. */
  readonly fileBytesBefore?: number;
  readonly fileBytesAfter?: number;
  /** Something the user should know: the file could not be shrunk, Redis expires keys itself... */
  readonly note?: string;
}
