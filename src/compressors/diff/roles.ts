// The role of each line of a diff or history output, and what the parser
// returns: a role, a file and a commit per line. Roles only decide which lines
// stay and what a marker says about the ones that go; no line is rewritten.

export const Role = {
  commit: 1, // `commit <hash>`, `From <hash> ...`, a oneline entry, a range-diff pair
  subject: 2, // the first line of a commit message, `Subject:`
  meta: 3, // Author:, Date:, mail and DEP-3 headers, the `---` before a patch's stat
  body: 4, // the rest of a commit message
  stat: 5, // one file of --stat, --numstat, --name-status, --raw, --summary
  total: 6, // `N files changed, ...`
  file: 7, // the line that names a changed file
  fileInfo: 8, // new/deleted file, mode, rename, similarity, binary
  redundant: 9, // index lines, `---`/`+++` under a `diff` line, `=====`
  hunk: 10, // a hunk header (unified, context or normal format)
  add: 11,
  del: 12,
  change: 13, // a line changed in place: word-diff, `! ` of context diffs
  context: 14,
  noEol: 15, // `\ No newline at end of file`
  blank: 16,
  other: 17,
} as const;
export type RoleCode = (typeof Role)[keyof typeof Role];

export interface ParsedFile {
  readonly path: string;
  /** Why its changes are not worth reading line by line ('lock file', 'generated file', ...), or ''. */
  kind: string;
  /** The commit it belongs to, or -1. */
  readonly commit: number;
}

export interface Parsed {
  readonly role: Uint8Array;
  /** File index of each line, or -1. */
  readonly file: Int32Array;
  /** Commit index of each line, or -1. */
  readonly commit: Int32Array;
  readonly files: ParsedFile[];
  readonly commits: number;
}

const CHANGE_ROLES = new Set<number>([Role.add, Role.del, Role.change]);
export function isChange(role: number): boolean {
  return CHANGE_ROLES.has(role);
}
