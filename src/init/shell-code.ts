// The shell code `headroom init` prints: one alias (a function in fish) per
// agent, so typing `claude` runs `headroom wrap claude` with the same
// arguments. Pure: the caller finds the agents and the headroom command.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface AgentAlias {
  /** What the user types: the agent's own command (`claude`, `cursor-agent`). */
  readonly command: string;
  /** headroom's name for the agent (`cursor` for `cursor-agent`). */
  readonly agent: string;
}

export function isShell(value: string): value is Shell {
  return (SHELLS as readonly string[]).includes(value);
}

/** A word quoted for sh and fish alike when it needs quoting: '...' with ' written as '\''  (fish: \'). */
function quote(word: string, shell: Shell): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return shell === 'fish' ? `'${word.replace(/[\\']/g, '\\$&')}'` : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** `headroom`: the command to run headroom by, already quoted if it is a path. */
export function shellCode(shell: Shell, headroom: string, aliases: readonly AgentAlias[]): string {
  const hr = quote(headroom, shell);
  const lines = [
    `# headroom init ${shell}: ${aliases.length ? aliases.map((a) => a.command).join(', ') : 'no agent found on PATH'} through headroom wrap.`,
    shell === 'fish' ? '# In ~/.config/fish/config.fish: headroom init fish | source' : `# In ~/.${shell}rc: eval "$(headroom init ${shell})"`,
    `# \`command ${aliases[0]?.command ?? 'claude'}\` runs the agent without headroom.`,
  ];
  for (const a of aliases) {
    lines.push(
      shell === 'fish'
        ? `function ${a.command} --wraps ${a.command} --description 'headroom wrap ${a.agent}'; ${hr} wrap ${a.agent} $argv; end`
        : `alias ${a.command}=${quote(`${hr} wrap ${a.agent}`, shell)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
