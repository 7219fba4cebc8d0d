// The corpus's split by project: a hash decides, so nobody picks which half a case lands in.
import { createHash } from 'node:crypto';

/** 'tuning' or 'checking' for a project name (meta.json `project`). */
export function half(project) {
  return createHash('sha256').update(project).digest()[0] < 128 ? 'tuning' : 'checking';
}
