// The one type guard for parsed JSON that the proxy, the agent profiles and the
// transcript parsers all need: a plain object, not an array or null.

export type JsonObject = Record<string, unknown>;

export const isJsonObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
