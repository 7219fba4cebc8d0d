// The corpus's split by project: a hash decides, so nobody picks which half a case lands in.
import { createHash } from 'node:crypto';

/** 'tuning' or 'checking' for a project name (meta.json `project`). */
export function half(project) {
  return createHash('sha256').update(project).digest()[0] < 128 ? 'tuning' : 'checking';
}

/**
 * The project a case comes from: meta.json `project`, else the owner/repo its
 * `source` names (../shared/corpus), else the case itself.
 */
export function projectOf(meta, id) {
  if (meta.project) return meta.project;
  const m = /^([\w.-]+\/[\w.-]+)/.exec(meta.source ?? '');
  return m ? m[1] : `shared:${id}`;
}
