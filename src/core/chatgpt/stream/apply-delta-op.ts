import { parseArrayIndex, parseJsonPointer } from './json-pointer'

/** One fully resolved delta-encoding v1 operation (after `c`/`p`/`o` carry-forward). */
export interface DeltaOp {
  /** JSON Pointer, relative to the parent op's path inside a `patch`. */
  p: string
  /** `add` | `replace` | `append` | `patch` | `remove` | `truncate`; anything else is skipped. */
  o: string
  v: unknown
}

/** A path the applier changed, so the reducer can tell a text append from a rewrite cheaply. */
export interface TouchedPath {
  path: readonly string[]
  op: string
  /** Set when the op appended this string to an existing string at `path`. */
  appendedText?: string
}

/** What applying one op did. The applier never throws; failures are counted in `skipped`. */
export interface DeltaOpResult {
  /** The (possibly new) root: `p:""` with `add`/`replace` swaps the whole root. */
  root: unknown
  touched: TouchedPath[]
  /** Ops (or `patch` sub-ops) that were malformed or pointed at paths that do not exist. */
  skipped: number
}

// Nested `patch` inside `patch` is legal but never seen; the cap stops a hostile frame from
// recursing deep enough to overflow the stack.
const MAX_PATCH_DEPTH = 8

/**
 * Applies one delta op to `root`, mutating it in place (the tree is ours: parsed from JSON).
 * Semantics follow the official web client's decoder as described in protocol.md §7.3.1:
 * `append` concatenates strings, pushes onto arrays and shallow-merges objects; `patch` applies
 * its `v` array of sub-ops with paths relative to the parent `p`; `truncate` cuts a string or
 * array to length `v`. Unknown pointers and ops on missing paths are skipped, never thrown (F10).
 */
export function applyDeltaOp(root: unknown, op: DeltaOp): DeltaOpResult {
  const result: DeltaOpResult = { root, touched: [], skipped: 0 }
  applyWithin(result, [], op, 0)
  return result
}

function applyWithin(result: DeltaOpResult, base: readonly string[], op: DeltaOp, depth: number): void {
  const relative = parseJsonPointer(op.p)
  if (!relative || relative.includes('__proto__')) {
    result.skipped++
    return
  }
  const path = base.length === 0 ? relative : [...base, ...relative]
  if (op.o === 'patch') {
    if (!Array.isArray(op.v) || depth >= MAX_PATCH_DEPTH) {
      result.skipped++
      return
    }
    for (const sub of op.v) {
      // Sub-ops carry nothing forward: each must name its own path and op.
      if (isRecord(sub) && typeof sub.p === 'string' && typeof sub.o === 'string' && 'v' in sub) {
        applyWithin(result, path, { p: sub.p, o: sub.o, v: sub.v }, depth + 1)
      } else {
        result.skipped++
      }
    }
    return
  }
  const touched = applyAt(result, path, op.o, op.v)
  if (touched) result.touched.push(touched)
  else result.skipped++
}

function applyAt(result: DeltaOpResult, path: readonly string[], o: string, v: unknown): TouchedPath | undefined {
  if (path.length === 0) {
    if (o === 'add' || o === 'replace') {
      result.root = v
      return { path, op: o }
    }
    if (o === 'append' || o === 'truncate') {
      const next = o === 'append' ? appendTo(result.root, v) : truncate(result.root, v)
      if (next === undefined) return undefined
      result.root = next.value
      return { path, op: o, ...(next.appendedText === undefined ? {} : { appendedText: next.appendedText }) }
    }
    return undefined
  }
  const parent = resolve(result.root, path.slice(0, -1))
  const key = path[path.length - 1] as string
  const ok = Array.isArray(parent) ? applyToArray(parent, key, o, v) : isRecord(parent) ? applyToObject(parent, key, o, v) : undefined
  if (!ok) return undefined
  return { path, op: o, ...(ok.appendedText === undefined ? {} : { appendedText: ok.appendedText }) }
}

interface Applied {
  appendedText?: string
}

function applyToArray(array: unknown[], key: string, o: string, v: unknown): Applied | undefined {
  const index = key === '-' ? array.length : parseArrayIndex(key)
  if (index === undefined || index > array.length) return undefined
  const exists = index < array.length
  switch (o) {
    case 'add':
      array.splice(index, 0, v)
      return {}
    case 'replace':
      if (!exists) return undefined
      array[index] = v
      return {}
    case 'append': {
      if (!exists) {
        array.push(v)
        return {}
      }
      const next = appendTo(array[index], v)
      if (!next) return undefined
      array[index] = next.value
      return next
    }
    case 'remove':
      if (!exists) return undefined
      array.splice(index, 1)
      return {}
    case 'truncate': {
      const next = exists ? truncate(array[index], v) : undefined
      if (!next) return undefined
      array[index] = next.value
      return {}
    }
    default:
      return undefined
  }
}

function applyToObject(object: Record<string, unknown>, key: string, o: string, v: unknown): Applied | undefined {
  const exists = Object.hasOwn(object, key)
  switch (o) {
    case 'add':
    case 'replace':
      // Lenient like the official decoder: `replace` of a missing key sets it. The parent must
      // exist, so a typo'd pointer still cannot invent a subtree.
      object[key] = v
      return {}
    case 'append': {
      if (!exists) {
        object[key] = v
        return {}
      }
      const next = appendTo(object[key], v)
      if (!next) return undefined
      object[key] = next.value
      return next
    }
    case 'remove':
      if (!exists) return undefined
      delete object[key]
      return {}
    case 'truncate': {
      const next = exists ? truncate(object[key], v) : undefined
      if (!next) return undefined
      object[key] = next.value
      return {}
    }
    default:
      return undefined
  }
}

interface NextValue {
  value: unknown
  appendedText?: string
}

/** `append`: string concat, array push (arrays are spread), shallow object merge. */
function appendTo(target: unknown, v: unknown): NextValue | undefined {
  if (typeof target === 'string') {
    // `+` builds a rope in V8, so many small appends stay linear (F23).
    return typeof v === 'string' ? { value: target + v, appendedText: v } : undefined
  }
  if (Array.isArray(target)) {
    if (Array.isArray(v)) for (const item of v) target.push(item)
    else target.push(v)
    return { value: target }
  }
  if (isRecord(target)) {
    if (!isRecord(v)) return undefined
    for (const [k, value] of Object.entries(v)) {
      // JSON.parse makes `__proto__` an own key; assigning it would swap the prototype.
      if (k !== '__proto__') target[k] = value
    }
    return { value: target }
  }
  // `null` placeholders (e.g. `finish_details: null`) take the appended value as-is.
  if (target === null) return { value: v }
  return undefined
}

/** `truncate`: cut a string or array to length `v` (a non-negative integer). */
function truncate(target: unknown, v: unknown): NextValue | undefined {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) return undefined
  if (typeof target === 'string') return { value: target.slice(0, v) }
  if (Array.isArray(target)) {
    if (v < target.length) target.length = v
    return { value: target }
  }
  return undefined
}

/** Walks own properties only, so a pointer like `/constructor/prototype` cannot reach shared objects. */
function resolve(root: unknown, path: readonly string[]): unknown {
  let node = root
  for (const token of path) {
    if (Array.isArray(node)) {
      const index = parseArrayIndex(token)
      if (index === undefined || index >= node.length) return undefined
      node = node[index]
    } else if (isRecord(node)) {
      if (!Object.hasOwn(node, token)) return undefined
      node = node[token]
    } else {
      return undefined
    }
  }
  return node
}

/** A non-null, non-array object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
