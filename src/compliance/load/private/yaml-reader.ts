import { Composer, CST, Document, isMap, isScalar, Lexer, LineCounter, Parser } from 'yaml';
import { cstDeeperThan } from './depth';
import { firstDuplicateKey } from './duplicate-keys';
import { ListItems, Route } from './list-items';
import type { StreamDocument, StreamFailure, StreamLimits } from './stream-document';
import type { Oversized, TokenCounter } from './token-budget';
import { documentOf, listItemOf, MAX_ALIAS_EXPANSION, problemOf, StreamContext } from './yaml-document';
import { YAML_OPTIONS } from './yaml-options';

/** The lexer's marks that are not source text (and take no room in it). */
const SCALAR = '\u001f';
const DOCUMENT = '\u0002';
const FLOW_END = '\u0018';

/** What the parser of a document reads for the value of `items` in place of a list read item by item: a line ` x`, 3 characters. */
const PLACEHOLDER = [' ', SCALAR, 'x', '\n'];
const PLACEHOLDER_LENGTH = 3;
const PLACEHOLDER_VALUE = 'x';

/**
 * The most tokens a syntax tree may take while the text has not been counted whole: 50,000 tokens
 * are a tree of about 30 MB. A Kubernetes object, or the item of a list, is a few thousand.
 */
const UNCOUNTED_TREE_TOKENS = 50_000;

/** How {@link YamlReader} counts the tokens of its part against the token budget as it reads them. */
export interface ReadBudget {
  /** Counts the tokens one at a time. */
  readonly counter: TokenCounter;
  /** Counts the whole part (where it passes the budget, if it does), before a tree larger than {@link UNCOUNTED_TREE_TOKENS} is built. */
  readonly countAll: () => Oversized | undefined;
  /** The refusal of the part when it passes the budget. */
  readonly refusal: (oversized: Oversized) => StreamFailure;
}

/** What the YAML reader reads: a whole text, or the documents of a JSON stream from a value on. */
export interface YamlPart {
  readonly text: string;
  /** How many documents of the whole text come before it. */
  readonly documents: number;
  /** How many lines of the whole text come before it. */
  readonly lines: number;
}

/** The items of a list read one at a time ({@link ListItems}), for the document that holds them. */
interface ListRead {
  readonly values: unknown[];
  /** The offset of each item's content (`undefined` for an empty item). */
  readonly offsets: (number | undefined)[];
  /** Where the list starts: the start of the line of its first item. */
  readonly from: number;
  /** Where the sequence of the items starts (its first `-`). */
  start: number;
  /** Where the list ends: the start of the line after it, or the end of the text. */
  end: number;
  /** Whether something in an item is a problem, or may read otherwise in the whole document: it is then read whole. */
  failed: boolean;
}

/**
 * Reads the documents of a part of a YAML text from the lexer's tokens, given one at a time
 * ({@link YamlReader.push}): one syntax tree a document, composed, checked and dropped before the
 * next. The items of a top-level `items:` sequence ({@link ListItems}: a kubectl `List`) get a
 * tree of their own each, parsed as the lexer reaches them, so that a list costs the tree of its
 * largest item rather than a tree of the whole list (about 30 times the text). The items read
 * apart are kept only when every one of them, and the rest of the document, read without any
 * problem (an error, a duplicate key, an anchor or alias, nesting past the limit): then they are
 * what the whole document holds. Otherwise the document is parsed again, whole, by a parser that
 * goes on in place of the first ({@link replay}), so that every value, problem, document number and
 * line is the one of a reader that never reads a list apart.
 */
export class YamlReader {
  /** The documents read so far and not yet taken ({@link take}). */
  private out: StreamDocument[] = [];
  private offset = 0;
  /** Whether the next token is the source of a scalar (whatever it reads). */
  private source = false;
  private readonly lines = new LineCounter();
  private parser = new Parser();
  /** Whether the lexer is done ({@link end}). */
  private ending = false;
  private readonly composer = new Composer(YAML_OPTIONS);
  private readonly items: ListItems;
  private readonly itemComposer = new Composer(YAML_OPTIONS);
  private item: Parser | undefined;
  private itemTokens: CST.Token[] = [];
  /** The list of the document being parsed, and those of the documents parsed but not yet composed, by number. */
  private list: ListRead | undefined;
  private readonly lists = new Map<number, ListRead>();
  /** What the parser of the document gave since its list started, held until the list stands. */
  private pending: CST.Token[] = [];
  /** Documents refused for depth, by number in the part: the offset where their content starts. */
  private readonly tooDeep = new Map<number, number>();
  private parsed = 0;
  private composed = 0;
  private readonly ctx: StreamContext;
  /** The budget while the part is not known to be within it. */
  private budget: ReadBudget | undefined;
  /** Why the part is not read, once it passed the budget, and whether {@link take} gave it. */
  private refused: StreamFailure | undefined;
  private refusalTaken = false;
  /** Tokens read since the parser of the document last gave one, given to it, given to the current item. */
  private documentTokens = 0;
  private parserTokens = 0;
  private itemTokenCount = 0;

  /**
   * @param options.lists whether to read the items of lists apart (else every document is read whole)
   * @param options.budget the token budget to count the part against as it is read; while it is
   *   counted, the documents are held back ({@link ready}), and a part that passes it gives its refusal alone
   */
  public constructor(private readonly part: YamlPart, private readonly limits: StreamLimits, options: { lists?: boolean; budget?: ReadBudget } = {}) {
    this.items = new ListItems(options.lists ?? true);
    this.budget = options.budget;
    this.lines.addNewLine(0);
    const positionOf = (offset: number) => {
      const { line, col } = this.lines.linePos(offset);
      return { line: line + part.lines, col };
    };
    this.ctx = { text: part.text, positionOf, limits, aliasBudget: { left: MAX_ALIAS_EXPANSION, nextStar: -1 } };
  }

  /** Reads the next token of the lexer; false once the part passed the budget (the rest is not read). */
  public push(token: string): boolean {
    if (this.refused || (this.budget && !this.counted(token))) return false;
    this.route(token);
    return this.refused === undefined;
  }

  /**
   * Counts a token (or, without one, the whole part) against the budget: false once the part
   * passed it. The whole part is counted first when a tree would grow past {@link UNCOUNTED_TREE_TOKENS}.
   */
  private counted(token?: string): boolean {
    const budget = this.budget!;
    let oversized = token === undefined ? undefined : budget.counter.add(token);
    if (!oversized && (token === undefined || this.parserTokens + this.itemTokenCount >= UNCOUNTED_TREE_TOKENS)) {
      oversized = budget.countAll();
      if (!oversized) this.budget = undefined;
    }
    if (oversized) {
      this.refused = budget.refusal(oversized);
      this.out = [];
    }
    return oversized === undefined;
  }

  private route(token: string): void {
    const at = this.offset;
    const source = this.source;
    this.source = !source && token === SCALAR;
    if (source || (token !== SCALAR && token !== DOCUMENT && token !== FLOW_END)) this.offset += token.length;
    for (let i = token.indexOf('\n'); i >= 0; i = token.indexOf('\n', i + 1)) this.lines.addNewLine(at + i + 1);
    const route = this.items.next(token, at);
    if (this.items.tabbed) {
      this.items.tabbed = false;
      if (this.list) this.list.failed = true;
    }
    this.documentTokens++;
    switch (route) {
      case Route.Hold:
        return;
      case Route.Document:
        this.toDocument(token);
        return;
      case Route.Item:
        this.toItem(token, source);
        return;
      case Route.NewItem:
        if (!this.list && !this.awaitsList()) {
          this.items.abandon();
          this.toDocument(token);
          return;
        }
        this.endItem();
        this.itemTokenCount = 0;
        this.list ??= { values: [], offsets: [], from: this.items.held === undefined ? at : this.items.heldAt, start: -1, end: -1, failed: false };
        if (!this.list.failed) {
          this.item = new Parser();
          this.item.offset = this.items.held === undefined ? at : this.items.heldAt;
          this.itemTokens.push(...this.item.next(DOCUMENT));
        }
        this.toItem(token, source);
        return;
      case Route.EndOfList:
        this.endList(this.items.held === undefined ? at : this.items.heldAt);
        this.toDocument(token);
    }
  }

  /** Reads what is left once the lexer is done: the whole part was counted. */
  public end(): void {
    if (this.refused) return;
    this.budget = undefined;
    const unsent = this.items.unsent;
    if (unsent !== undefined && this.items.inList) this.toItem(unsent, false, true);
    else if (unsent !== undefined) this.toDocument(unsent, true);
    if (this.items.inList) this.endList(this.part.text.length);
    this.ending = true;
    const parser = this.parser;
    for (const token of parser.end()) {
      this.fromParser(token);
      if (this.parser !== parser || this.refused) break;
    }
    this.drain(this.composer.end());
    const leftover = this.composer.streamInfo().errors[0];
    if (leftover) this.out.push(problemOf(leftover, this.part.documents + this.composed + 1, this.ctx));
  }

  /** Whether documents were read since the last {@link take}, and the part is known to be within the budget. */
  public get ready(): boolean {
    return this.out.length > 0 && this.budget === undefined && this.refused === undefined;
  }

  /** The documents read since the last call; the refusal alone, once the part passed the budget. */
  public take(): StreamDocument[] {
    if (this.refused) {
      const given = this.refusalTaken;
      this.refusalTaken = true;
      return given ? [] : [this.refused];
    }
    const out = this.out;
    this.out = [];
    return out;
  }

  /** Sends a token to the parser of the document, after the spaces held before it (unless `alone`). */
  private toDocument(token: string, alone = false): void {
    const held = this.items.held;
    if (held !== undefined && !alone && !this.parse(held)) return;
    this.parse(token);
  }

  /** Sends a token to the parser of the document; false when another parser has taken its place ({@link replay}), having read it. */
  private parse(token: string): boolean {
    const parser = this.parser;
    this.parserTokens++;
    for (const t of parser.next(token)) {
      this.fromParser(t);
      if (this.parser !== parser || this.refused) return false;
    }
    return true;
  }

  /** Sends a token to the parser of the current item, after the spaces held before it (unless `alone`). */
  private toItem(token: string, source: boolean, alone = false): void {
    const held = alone ? undefined : this.items.held;
    const list = this.list!;
    if (list.failed) return;
    // An anchor or alias may be shared with another item, or the rest of the document.
    if (!source && (token[0] === '&' || token[0] === '*')) {
      list.failed = true;
      return;
    }
    const item = this.item!;
    if (held !== undefined) this.itemTokens.push(...item.next(held));
    this.itemTokens.push(...item.next(token));
    this.itemTokenCount++;
  }

  /**
   * Reads the last item of the list, which ends at `end`, and gives the parser of the document a
   * value of the key `items` in its place, on a line of its own at the end of the list (a tree
   * without it would end the value of `items:` where the list starts, and find the next key too
   * far from it).
   */
  private endList(end: number): void {
    this.endItem();
    const list = this.list!;
    list.end = end;
    if (end - list.from < PLACEHOLDER_LENGTH) list.failed = true;
    if (list.failed) {
      this.parser.offset = end;
      return;
    }
    this.parser.offset = end - PLACEHOLDER_LENGTH;
    for (const token of PLACEHOLDER) this.parse(token);
  }

  /** Reads the item being parsed, if any, into the list. */
  private endItem(): void {
    const item = this.item;
    if (!item) return;
    this.item = undefined;
    const tokens = this.itemTokens;
    tokens.push(...item.end());
    this.itemTokens = [];
    const list = this.list!;
    if (list.failed) return;
    const [token] = tokens;
    const read = tokens.length === 1 && token.type === 'document' && !cstDeeperThan(token.value, this.limits.maxDepth - 1)
      ? this.composeItem(token)
      : undefined;
    if (!read) {
      list.failed = true;
      return;
    }
    if (list.start < 0) list.start = (token as CST.Document).value!.offset;
    list.values.push(read.value);
    list.offsets.push(read.offset);
  }

  private composeItem(token: CST.Document): ReturnType<typeof listItemOf> {
    const docs = [...this.itemComposer.next(token), ...this.itemComposer.end()];
    return docs.length === 1 ? listItemOf(docs[0], this.limits) : undefined;
  }

  /** Whether the parser of the document waits for the value of a key `items` of the mapping at the top of its document. */
  private awaitsList(): boolean {
    const [doc, map, ...more] = this.parser.stack;
    if (more.length > 0 || doc?.type !== 'document' || map?.type !== 'block-map' || map.indent !== 0) return false;
    const last = map.items[map.items.length - 1];
    return last !== undefined && !last.value && last.key?.type === 'scalar' && last.key.source === 'items'
      && last.sep?.[0]?.type === 'map-value-ind' && last.start.every(t => t.type !== 'explicit-key-ind');
  }

  /** Takes a token of the document's parser. */
  private fromParser(token: CST.Token): void {
    // What the parser gives after the start of a list is held until the list is known to stand.
    if (this.list && token.type !== 'document') {
      this.pending.push(token);
      return;
    }
    if (this.refused) return;
    if (token.type === 'document') {
      this.documentTokens = 0;
      this.parserTokens = 0;
      const list = this.list;
      const pending = this.pending;
      this.list = undefined;
      this.pending = [];
      if (list && !this.standsFor(token, list)) {
        this.replay(token.offset, list.from);
        return;
      }
      for (const held of pending) this.drain(this.composer.next(held));
      this.parsed++;
      if (list) this.lists.set(this.parsed, list);
      if (token.value && cstDeeperThan(token.value, this.limits.maxDepth)) {
        this.tooDeep.set(this.parsed, token.value.offset);
        token = { ...token, value: undefined };
      }
    }
    this.drain(this.composer.next(token));
  }

  /**
   * Whether the tree of a document without its list, and the items read apart, stand for the
   * tree of the whole document: nothing in them is a problem, the document nests no deeper than the
   * limit, and the value of its `items` is what stands in for the list.
   */
  private standsFor(token: CST.Document, list: ListRead): boolean {
    if (list.failed || (token.value && cstDeeperThan(token.value, this.limits.maxDepth))) return false;
    const docs = [...this.itemComposer.next(token), ...this.itemComposer.end()];
    if (docs.length !== 1 || docs[0].errors.length > 0 || !isMap(docs[0].contents) || firstDuplicateKey(docs[0].contents)) return false;
    const items: unknown = docs[0].contents.get('items', true);
    return isScalar(items) && items.value === PLACEHOLDER_VALUE && items.range?.[0] === list.end - PLACEHOLDER_LENGTH + 1;
  }

  /**
   * Parses the document that starts at `start` again, whole, up to the token just read (after
   * which the parser gave it), with a parser that then goes on in place of the one that read its
   * list apart: it is where a parser that never did would be. What it gives for the tokens before
   * the list (from `from` on) was given by the other already.
   */
  private replay(start: number, from: number): void {
    // A list read whole builds the tree of the whole document: the part is counted first.
    if (this.budget && this.documentTokens >= UNCOUNTED_TREE_TOKENS && !this.counted()) return;
    const parser = new Parser();
    parser.offset = start;
    this.parser = parser;
    let at = start;
    let source = false;
    // The lexer reads on past the token (what follows a token may change it, as the end of a text would).
    for (const lexeme of new Lexer().lex(this.part.text.slice(start))) {
      if ((at >= this.offset && !this.ending) || this.refused) break;
      for (const token of parser.next(lexeme)) if (at >= from) this.fromParser(token);
      if (source || (lexeme !== SCALAR && lexeme !== DOCUMENT && lexeme !== FLOW_END)) at += lexeme.length;
      source = !source && lexeme === SCALAR;
    }
    if (this.ending) for (const token of parser.end()) this.fromParser(token);
  }

  /** Describes the documents the composer gives. */
  private drain(docs: Iterable<Document.Parsed>): void {
    for (const doc of docs) {
      this.composed++;
      const index = this.part.documents + this.composed;
      const deepAt = this.tooDeep.get(this.composed);
      const list = this.lists.get(this.composed);
      this.tooDeep.delete(this.composed);
      this.lists.delete(this.composed);
      const read = documentOf(doc, index, deepAt, this.ctx);
      this.out.push(list && 'value' in read ? this.withItems(read, list) : read);
    }
  }

  /** A document whose list was read item by item, with its items in place. */
  private withItems(read: StreamDocument & { value: unknown }, list: ListRead): StreamDocument {
    const value = read.value as { items: unknown; kind?: unknown };
    value.items = list.values;
    const kubernetesList = typeof value.kind === 'string' && value.kind.endsWith('List');
    return { ...read, itemLines: kubernetesList ? list.offsets.map(o => this.ctx.positionOf(o ?? list.start).line) : undefined };
  }
}
