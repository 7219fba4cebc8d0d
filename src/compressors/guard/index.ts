export { guardLines, guardOutput, type GuardOptions, type Guarded, type Violation, type Rule } from './guard.js';
export { checkJson, idKeyOf, ID_KEYS, type JsonProblem } from './json-check.js';
export { criticalTemplate, findAnchors, identifierAt, isCriticalLine, isWrapperLine, type Anchors, type IdentifierKind } from './anchors.js';
export { align, cleanLine, gapsOf, isMisalignment, type Alignment, type Gap } from './align.js';
export { checkWords, documentRoles, isMustKeep, isPruningOf, LineRole, proseLines, pruneLine, unitsOf, type Unit, type WordsProblem } from './words.js';
