// The seam between wire formats and the rest of the proxy: only the files in
// this folder know what an Anthropic, OpenAI or Gemini request looks like.
// Each adapter finds the tool outputs in a raw request body by position, so
// the proxy can rewrite those string literals and leave every other byte alone.

export type ProviderName = 'anthropic' | 'openai-chat' | 'openai-responses' | 'gemini';

/** One tool output inside a request body, found without re-serialising anything. */
export interface ToolOutput {
  /**
   * Where the JSON string literal holding the output sits in the raw body
   * (UTF-16 offsets into the decoded body, `start` at the opening quote, `end`
   * just past the closing quote). Replacing exactly this range with another
   * JSON string literal changes nothing else.
   */
  readonly start: number;
  readonly end: number;
  /** The decoded text of the literal (decoded on first read: do not copy outputs with spread). */
  readonly text: string;
  /** Name of the tool that produced it ('Bash', 'Read', 'exec', ...), when the request says. */
  readonly tool?: string;
  /** Index of the message / input item / content entry holding it. */
  readonly turn: number;
  /** The call id that ties it to its tool call, when there is one. */
  readonly callId?: string;
  readonly isError?: boolean;
  /**
   * The call's own input members that say what it acted on (CALL_INPUT_KEYS:
   * a file path, a command, a read's range), when the request shows the call:
   * a repack finds outputs superseded by later calls with them.
   */
  readonly input?: CallInput;
}

/** A tool call's scalar input members among CALL_INPUT_KEYS, as the call gave them. */
export type CallInput = Readonly<Record<string, string | number>>;

/** The input members worth keeping: what a read, an edit or a command names. */
export const CALL_INPUT_KEYS: ReadonlySet<string> = new Set(['file_path', 'filePath', 'notebook_path', 'path', 'command', 'cmd', 'offset', 'limit']);

/** One tool call the model made, as the request repeats it (for the back-off signals). */
export interface ToolCall {
  readonly callId: string;
  readonly tool: string;
  /** Index of the turn holding the call. */
  readonly turn: number;
  /** The call's arguments: JSON text as sent, or the raw text of a free-form call (decoded on first read). */
  readonly input: string;
}

/** What the proxy needs to know about one request. */
export interface ParsedRequest {
  readonly provider: ProviderName;
  readonly outputs: readonly ToolOutput[];
  /** The tool calls, in order, where the format names them by id (not Gemini's). */
  readonly calls?: readonly ToolCall[];
  /** Number of messages / input items / contents: turns are indexed 0..turns-1. */
  readonly turns: number;
  /**
   * Index of the first turn of the newest exchange: the trailing run of
   * tool-result / user turns after the last assistant (model) turn. Tool
   * outputs at or after it are new in this request.
   */
  readonly liveFrom: number;
  /** Offset in the raw body where that newest exchange begins (for prefix hashing). */
  readonly liveOffset: number;
  /** Where each turn's JSON value sits in the raw body, in order (for the drift check). */
  readonly turnSpans?: ReadonlyArray<{ readonly start: number; readonly end: number }>;
  readonly stream: boolean;
  readonly model?: string;
}

export interface ProviderAdapter {
  readonly name: ProviderName;
  /**
   * Strings every body with a tool output contains (as raw bytes): a body
   * holding none of them is sent on without being decoded or parsed.
   */
  readonly outputHints: readonly string[];
  /** True for the requests this adapter rewrites (method and pathname, query string ignored). */
  matches(method: string, pathname: string): boolean;
  /**
   * Finds the tool outputs of a raw JSON body. Throws (any error) on a body it
   * does not understand: the proxy then sends it upstream untouched.
   */
  parse(body: string, pathname: string): ParsedRequest;
}
