/**
 * Two changes to jsonld.js, for speed only: its active contexts are shared where it deep-copies them.
 *
 * An active context is what jsonld.js knows of the terms in scope: every term definition, with
 * the scoped contexts inside them (the VC 2.0 and OB 3.0 contexts define hundreds of terms and
 * dozens of scoped contexts). jsonld.js (9.0) deep-copies it each time expansion or compaction
 * enters a node (`revertToPreviousContext`, back from a type-scoped context) and each time it
 * derives a context (`clone`, copying every definition and every context before it). Its caches
 * are keyed by the context object (the scoped contexts it has processed, the inverse context
 * compaction builds to choose each term), so on a fresh copy they miss too: copying and
 * rebuilding were more than half the CPU time of reading a credential of ours and its signed view
 * (canonicalize.js), on a phone a few hundred milliseconds before the verdict.
 *
 * The copies protect nothing: jsonld.js never changes a term definition once made, nor a context
 * once made (every change goes to a fresh child, whose own map of definitions and of protected
 * terms is its own here too). So the context reverted to is the context itself, and a child
 * shares the definitions of its parent; the same input gives the same expansion, view and
 * N-Quads (test/jsonld-contexts.test.js). Upstream: digitalbazaar/jsonld.js#414.
 *
 * Every active context jsonld.js makes descends from an initial context through `clone`, which
 * passes both functions on to the child; setting them on the initial contexts sets them on all.
 * Imported by canonicalize.js, the verifier's one caller of jsonld.js.
 */
import contextApi from 'jsonld/lib/context.js';

/** The processing modes jsonld.js keeps an initial context for (the verifier sets none). */
const PROCESSING_MODES = [undefined, 'json-ld-1.0', 'json-ld-1.1'];

const initialContexts = () => PROCESSING_MODES.map((processingMode) => contextApi.getInitialContext({ processingMode }));

/** jsonld.js's own functions, which these replace (for the test that compares the two). */
export const JSONLD_OWN = Object.freeze({
  revertToPreviousContext: initialContexts()[0].revertToPreviousContext,
  clone: initialContexts()[0].clone,
});

/** The context a type-scoped context was applied to: itself (jsonld.js: a deep copy). */
export function revertToPreviousContext() {
  return this.previousContext || this;
}

/**
 * A child of an active context, for jsonld.js to change: its own maps of definitions and of
 * protected terms, sharing the definitions and the previous context (jsonld.js: deep copies).
 * The same members as jsonld.js's `_cloneActiveContext`, in the same order.
 */
export function cloneActiveContext() {
  const child = {};
  child.mappings = new Map(this.mappings);
  child.clone = this.clone;
  child.inverse = null;
  child.getInverse = this.getInverse;
  child.protected = { ...this.protected };
  if (this.previousContext) child.previousContext = this.previousContext;
  child.revertToPreviousContext = this.revertToPreviousContext;
  for (const key of ['@base', '@language', '@vocab']) if (key in this) child[key] = this[key];
  return child;
}

/**
 * Make every active context jsonld.js derives from now on use `functions` (these, or JSONLD_OWN).
 * @param {{revertToPreviousContext: Function, clone: Function}} functions
 */
export function useContextFunctions(functions) {
  for (const initial of initialContexts()) Object.assign(initial, { revertToPreviousContext: functions.revertToPreviousContext, clone: functions.clone });
}

useContextFunctions({ revertToPreviousContext, clone: cloneActiveContext });
