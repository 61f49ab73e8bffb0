import { Parser, type Handler, type ParserOptions } from 'htmlparser2';

/** A minimal element tree: enough for web pages and WordprocessingML, nothing executed. */
export interface El {
  name: string;
  attrs: Record<string, string>;
  children: Node[];
  parent: El | null;
}
export type Node = El | string;

/**
 * Beyond MAX_DEPTH, elements are dropped and their text kept in the deepest element, except the
 * `structural` ones (table rows and cells, paragraphs), which may nest to HARD_DEPTH: a report inside
 * thousands of unclosed <div>s keeps its tables, and hostile markup costs neither stack nor memory.
 */
const MAX_DEPTH = 200;
const HARD_DEPTH = 400;

export interface TreeOptions {
  xml?: boolean;
  /** Elements dropped with everything inside them (script, style…). */
  skip?: ReadonlySet<string>;
  structural?: ReadonlySet<string>;
  /** Strip namespace prefixes from element and attribute names (`w:p` → `p`). */
  localNames?: boolean;
  /** Close open cells and rows as browsers do when a new one starts (`<td><p>a<td>b`). */
  tableEnds?: boolean;
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/** What a new table element closes, up to (not across) the elements that bound it. A Map, since a
 * page's tag may be named like a property of every object (`<constructor>`). */
const CELL = { closes: ['td', 'th'], bound: ['tr', 'table'] };
const SECTION = { closes: ['tbody', 'thead', 'tfoot'], bound: ['table'] };
const TABLE_ENDS = new Map<string, { closes: string[]; bound: string[] }>([
  ['td', CELL],
  ['th', CELL],
  ['tr', { closes: ['tr'], bound: ['table'] }],
  ['tbody', SECTION],
  ['thead', SECTION],
  ['tfoot', SECTION],
]);

/**
 * htmlparser2 keeps its open elements (and its foreign-content flags) in arrays with the top first,
 * `unshift`ed on every start tag, `shift`ed on every end tag and searched with `indexOf` for every end
 * tag: O(depth) per tag, so that 100 000 unclosed tags took seconds. This is the same stack, with
 * every operation htmlparser2 performs in O(1): items kept bottom first, each value's positions kept
 * for `indexOf`, and `[0]` the top. (`stack[i]` for i > 0 is read only by `Parser.onend`, which
 * TreeParser replaces.)
 */
class TopFirstStack<T> {
  private items: T[] = [];
  private positions = new Map<T, number[]>();
  /** The top, kept as a plain property: an accessor at index 0 is slow to read. */
  0: T | undefined = undefined;
  constructor(initial: readonly T[]) {
    for (let i = initial.length - 1; i >= 0; i--) this.unshift(initial[i]!);
  }
  get length(): number {
    return this.items.length;
  }
  /** htmlparser2 only ever empties it (`reset`). */
  set length(n: number) {
    while (this.items.length > n) this.shift();
  }
  unshift(value: T): number {
    let at = this.positions.get(value);
    if (!at) this.positions.set(value, (at = []));
    at.push(this.items.length);
    this[0] = value;
    return this.items.push(value);
  }
  shift(): T | undefined {
    if (!this.items.length) return undefined;
    const value = this.items.pop()!;
    this.positions.get(value)!.pop();
    this[0] = this.items[this.items.length - 1];
    return value;
  }
  indexOf(value: T): number {
    const at = this.positions.get(value);
    return at?.length ? this.items.length - 1 - at[at.length - 1]! : -1;
  }
}

/** The private fields of htmlparser2's Parser that TreeParser replaces. */
interface ParserStacks {
  stack: unknown;
  foreignContext: unknown;
}

/** htmlparser2's Parser, linear in the nesting depth of the markup. */
export class TreeParser extends Parser {
  /** False if a new htmlparser2 no longer has the stacks replaced here (a test guards this). */
  readonly linear: boolean;
  constructor(handler: Partial<Handler>, options: ParserOptions) {
    super(handler, options);
    const p = this as unknown as ParserStacks;
    this.linear = Array.isArray(p.stack) && Array.isArray(p.foreignContext);
    if (this.linear) {
      p.stack = new TopFirstStack(p.stack as string[]);
      p.foreignContext = new TopFirstStack(p.foreignContext as boolean[]);
    }
  }
  /**
   * At the end of input htmlparser2 closes every element still open, one event each, reading
   * `stack[i]`; the tree is complete by then and the events would change nothing.
   */
  override onend(): void {}
}

export function parseTree(source: string, options: TreeOptions = {}): El {
  const root: El = { name: '#root', attrs: {}, children: [], parent: null };
  const name = (n: string) => (options.localNames ? local(n) : n);
  let current = root;
  /** The depth of `current`. */
  let depth = 0;
  let skipping = 0;
  // one entry per tag htmlparser2 opened (it closes them in reverse order, implied closes included)
  const opened: (El | 'dropped' | 'skipped')[] = [];
  /** Makes the parent of `el` current, if `el` is still open (not closed by a later cell or row). */
  const closeTo = (el: El) => {
    let up = 1;
    for (let e: El | null = current; e; e = e.parent, up++) {
      if (e === el) {
        current = el.parent!;
        depth -= up;
        return;
      }
    }
  };
  const parser = new TreeParser(
    {
      onopentag(tag, attribs) {
        const n = name(tag);
        if (skipping || options.skip?.has(n)) {
          skipping++;
          opened.push('skipped');
          return;
        }
        const ends = options.tableEnds ? TABLE_ENDS.get(n) : undefined;
        if (ends) {
          for (let e: El | null = current; e && !ends.bound.includes(e.name); e = e.parent) {
            if (ends.closes.includes(e.name)) {
              closeTo(e);
              break;
            }
          }
        }
        if (depth >= MAX_DEPTH && (depth >= HARD_DEPTH || !options.structural?.has(n))) {
          opened.push('dropped');
          return;
        }
        // htmlparser2 makes a new object for each tag: kept as it is unless its names change
        let attrs = attribs;
        if (options.localNames) {
          attrs = {};
          for (const k in attribs) attrs[local(k)] = attribs[k]!;
        }
        const el: El = { name: n, attrs, children: [], parent: current };
        current.children.push(el);
        current = el;
        depth++;
        opened.push(el);
      },
      onclosetag() {
        const o = opened.pop();
        if (o === 'skipped') skipping--;
        else if (o && o !== 'dropped') closeTo(o);
      },
      ontext(text) {
        if (skipping) return;
        const last = current.children.length - 1;
        if (typeof current.children[last] === 'string') current.children[last] += text;
        else current.children.push(text);
      },
    },
    {
      xmlMode: options.xml ?? false,
      decodeEntities: true,
      lowerCaseTags: !options.xml,
      recognizeSelfClosing: true,
    },
  );
  parser.end(source);
  return root;
}

/** A set of tag names written as a space-separated list. */
export const tags = (names: string): ReadonlySet<string> => new Set(names.trim().split(/\s+/));

export const elements = (el: El): El[] => el.children.filter((c): c is El => typeof c !== 'string');

/**
 * The elements below `el`, depth-first in document order, until `stop` returns true for one (the
 * last returned); iterative, so that its cost does not grow with the nesting depth.
 */
export function descendants(el: El, stop?: (e: El) => boolean): El[] {
  const out: El[] = [];
  const stack: El[] = [];
  const below = (e: El) => {
    for (let i = e.children.length - 1; i >= 0; i--) {
      const c = e.children[i]!;
      if (typeof c !== 'string') stack.push(c);
    }
  };
  below(el);
  while (stack.length) {
    const e = stack.pop()!;
    out.push(e);
    if (stop?.(e)) break;
    below(e);
  }
  return out;
}

export function find(el: El, name: string): El | undefined {
  const last = descendants(el, (d) => d.name === name).at(-1);
  return last?.name === name ? last : undefined;
}

export const contains = (outer: El, inner: El): boolean => {
  for (let e: El | null = inner; e; e = e.parent) if (e === outer) return true;
  return false;
};

export function textOf(el: El): string {
  let s = '';
  for (const c of el.children) s += typeof c === 'string' ? c : textOf(c);
  return s;
}
