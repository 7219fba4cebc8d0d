/** 'tuning' or 'checking' for a project name (meta.json `project`). */
export function half(project: string): 'tuning' | 'checking';

/** The project a case comes from: meta.json `project`, else the owner/repo its `source` names, else the case. */
export function projectOf(meta: { project?: string; source?: string }, id: string): string;
