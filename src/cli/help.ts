// The longer help texts, kept apart from the command table in program.ts so
// that file reads as the list of commands and their options.

/** Top-level help: where a new user starts, then the everyday commands. */
export const START_HERE = `
Start here:
  headroom doctor                      check Node, the store, the config file, the model and the agents
  eval "$(headroom init bash)"         then \`claude\`, \`codex\`, ... run through headroom (zsh, fish too)
  headroom savings                     what headroom would have saved on this folder's past sessions

Examples:
  git log -p -3 | headroom compress    compress any command's output
  headroom retrieve id=hr_k3m9x2p7q4ab get back what a marker left out
  headroom wrap claude                 Claude Code through a private compressing endpoint
  headroom stats                       tokens saved so far, and the store's size
  headroom store prune                 drop expired originals and shrink the store file

Exit status: 0 done, 1 failed, 2 bad command line, 70 internal error (wrap: the agent's own).
Configuration: $XDG_CONFIG_HOME/headroom/config.json (keys: store, storeTtlDays, storeMaxMb, tools)
and HEADROOM_* variables, which win (HEADROOM_STORE=sqlite|memory|PATH|redis://host:6379/0,
HEADROOM_STORE_TTL_DAYS, HEADROOM_STORE_MAX_MB, HEADROOM_CONFIG, HEADROOM_PROSE_ML=0 to turn prose-ml off,
HEADROOM_PROSE_ML_MODEL).
NO_COLOR is honoured.`;

/** `learn --help`: the keys of the approval screen, as its legend shows them. */
export const LEARN_KEYS = `
On the approval screen, one proposed diff at a time:
  a or y   accept: the diff is written when you finish
  r or n   reject it
  e        edit the rule's wording (Enter keeps it, Esc cancels)
  s        skip: decide another time (headroom learn --review)
  q, Esc   quit: write what was accepted
  Ctrl-C   stop and write nothing
  Up, Down, PgUp, PgDn   scroll a long diff

Every change is a diff inside a marked block of the file, shown with its evidence; only the diffs
you accept are written (atomically, after a backup). Without a terminal nothing is written.

Examples:
  headroom learn
  headroom learn --agent codex --all --dry-run
  headroom learn --from ~/old-sessions --json`;
