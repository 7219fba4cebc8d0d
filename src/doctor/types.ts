// What `headroom doctor` finds: one line per thing checked, each problem with
// the command that fixes it.

export type Area = 'node' | 'config' | 'store' | 'agents' | 'mitm-ca' | 'folders' | 'prose-ml';

/** `problem` makes doctor exit 1; `note` is worth knowing and needs nothing done. */
export type Status = 'ok' | 'note' | 'problem';

export interface Finding {
  readonly area: Area;
  readonly status: Status;
  readonly message: string;
  /** A command to run, or the one edit to make. Every problem has one. */
  readonly fix?: string;
  /** Figures for --json: paths, sizes, versions, modes. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export type Env = Readonly<Record<string, string | undefined>>;

export const ok = (area: Area, message: string, data?: Finding['data']): Finding => ({ area, status: 'ok', message, ...(data && { data }) });
export const note = (area: Area, message: string, data?: Finding['data']): Finding => ({ area, status: 'note', message, ...(data && { data }) });
export const problem = (area: Area, message: string, fix: string, data?: Finding['data']): Finding => ({ area, status: 'problem', message, fix, ...(data && { data }) });

/** A mode as ls shows it in octal: 0700. */
export const octal = (mode: number): string => `0${(mode & 0o777).toString(8)}`;
