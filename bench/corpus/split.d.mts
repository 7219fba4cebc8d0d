/** 'tuning' or 'checking' for a project name (meta.json `project`). */
export function half(project: string): 'tuning' | 'checking';
