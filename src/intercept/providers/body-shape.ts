// Pieces every adapter shares: reading the body with spans, checking the
// top-level shape once, finding the newest exchange, and collecting the text
// literals of a "string or list of text parts" content field.

import { type JsonArray, type JsonNode, type JsonObject, type JsonString, arrayItems, getMember, getString, isString, readJson } from '../json-spans.js';
import { CALL_INPUT_KEYS, type CallInput, type ToolCall, type ToolOutput } from './types.js';

/** Thrown when a body parses as JSON but is not the shape an adapter knows. */
export class BodyShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BodyShapeError';
  }
}

/** The root object of a request body; throws on malformed JSON or a non-object. */
export function readRequestBody(body: string): JsonObject {
  const root = readJson(body);
  if (root.kind !== 'object') throw new BodyShapeError(`request body is a JSON ${root.kind}, not an object`);
  return root;
}

/** The turn list under `key`; throws when it is missing or not an array of objects. */
export function requireTurns(root: JsonObject, key: string): JsonArray {
  const list = getMember(root, key);
  if (list?.kind !== 'array') throw new BodyShapeError(`"${key}" is ${list ? `a JSON ${list.kind}` : 'missing'}, not an array`);
  list.items.forEach((item, i) => {
    if (item.kind !== 'object') throw new BodyShapeError(`"${key}[${i}]" is a JSON ${item.kind}, not an object`);
  });
  return list;
}

export interface TurnLayout {
  readonly liveFrom: number;
  readonly liveOffset: number;
  readonly turnSpans: ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

/**
 * Where the turns sit, and the newest exchange: the trailing run of turns
 * after the last model-written one. With no such
 * run (the body ends on a model turn, or the list is empty) liveFrom is the
 * turn count and liveOffset the list's closing bracket, where a next turn would go.
 */
export function turnLayout(turns: JsonArray, isModelTurn: (turn: JsonNode) => boolean): TurnLayout {
  const items = turns.items;
  let liveFrom = items.length;
  while (liveFrom > 0) {
    const prev = items[liveFrom - 1];
    if (prev === undefined || isModelTurn(prev)) break;
    liveFrom--;
  }
  return {
    liveFrom,
    liveOffset: items[liveFrom]?.start ?? turns.end - 1,
    turnSpans: items.map(({ start, end }) => ({ start, end })),
  };
}

/** `stream: true` at the top level (anything else, including a string "true", is off). */
export function streamFlag(root: JsonObject): boolean {
  const v = getMember(root, 'stream');
  return v?.kind === 'boolean' && v.value;
}

export function modelName(root: JsonObject): string | undefined {
  return getString(root, 'model');
}

/**
 * The text literals of a content field that is either one string or a list of
 * parts; only parts `{type: partType, text: "..."}` count (images, files and
 * unknown parts are left alone, so they are never rewritten).
 */
export function textLiterals(content: JsonNode | undefined, partType: string): JsonString[] {
  if (isString(content)) return [content];
  const out: JsonString[] = [];
  for (const part of arrayItems(content)) {
    if (getString(part, 'type') !== partType) continue;
    const text = getMember(part, 'text');
    if (isString(text)) out.push(text);
  }
  return out;
}

/** The pathname without a query string, in case a caller passes one. */
export function bare(pathname: string): string {
  const q = pathname.indexOf('?');
  return q < 0 ? pathname : pathname.slice(0, q);
}

/** HTTP methods are case-sensitive, but a lower-case "post" from a test or tool means the same. */
export function isPost(method: string): boolean {
  return method.toUpperCase() === 'POST';
}

/** One ToolOutput per text literal of a tool result, all sharing its turn, tool name and call id. */
export function outputsFrom(
  literals: readonly JsonString[],
  turn: number,
  about: { readonly tool?: string | undefined; readonly callId?: string | undefined; readonly isError?: boolean | undefined; readonly input?: CallInput | undefined },
): ToolOutput[] {
  return literals.map((lit) => ({
    start: lit.start,
    end: lit.end,
    // Read when needed: an output too large to compress is never decoded (see json-spans).
    get text() {
      return lit.value;
    },
    turn,
    ...(about.tool !== undefined && { tool: about.tool }),
    ...(about.callId !== undefined && { callId: about.callId }),
    ...(about.isError !== undefined && { isError: about.isError }),
    ...(about.input !== undefined && { input: about.input }),
  }));
}

/** A call's input members among CALL_INPUT_KEYS (strings and numbers, top level only), or undefined when it has none. */
export function callInput(input: JsonNode | undefined): CallInput | undefined {
  if (input?.kind !== 'object') return undefined;
  const out: Record<string, string | number> = {};
  input.keys.forEach((key, i) => {
    const v = input.values[i]!;
    if (CALL_INPUT_KEYS.has(key) && (v.kind === 'string' || v.kind === 'number')) out[key] = v.value;
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * A tool call whose arguments are `node`: a JSON value whose text is taken
 * from the body as sent, or a string (encoded arguments, free-form input)
 * whose decoded value is the text. Read only when needed.
 */
export function toolCall(body: string, callId: string, tool: string, turn: number, node: JsonNode | undefined): ToolCall {
  return {
    callId,
    tool,
    turn,
    get input() {
      if (node === undefined) return '';
      return node.kind === 'string' ? node.value : body.slice(node.start, node.end);
    },
  };
}
