/** The lexer's marks that are not source text: a document starts, a flow collection ends badly, a scalar follows. */
const DOCUMENT = '\u0002';
const FLOW_END = '\u0018';
const SCALAR = '\u001f';

/** Where {@link ListItems.next} sends a token of the lexer. */
export const enum Route {
  /** To the parser of the document. */
  Document,
  /** To the parser of the current item of the list. */
  Item,
  /** Nowhere yet: the spaces that start a line, until the token after them says where the line goes ({@link ListItems.held}). */
  Hold,
  /** An item starts at the held spaces (or at this token): to the parser of a new item, after them. */
  NewItem,
  /** The list has ended at the held spaces (or at this token): to the parser of the document, after them. */
  EndOfList,
}

const enum State {
  /** Looking for a line `items:` at the top of the document. */
  Key,
  /** After the line `items:`, before the first line with content. */
  BeforeList,
  /** Inside the sequence of items. */
  InList,
  /** No (more) list in this document. */
  Done,
}

/**
 * Finds, in the tokens of the YAML lexer, the items of the block sequence under a top-level key
 * `items:` of a document (a kubectl `List`, whatever its kind), so that each item can be parsed on
 * its own instead of the whole document at once. The parser builds the syntax tree of a whole
 * document before anything can be read from it, hundreds of bytes per token: a 14 MB list is half
 * a gigabyte of tree, while one item is a few kilobytes.
 *
 * An item starts at a `-` that opens a line at the sequence's column, outside flow collections and
 * scalars (which the lexer yields whole); the list ends at the first line whose content starts at
 * that column or left of it otherwise, or at a document marker. The key must be a plain `items`
 * at the start of a line, followed by nothing but a comment on its line, and the first line with
 * content after it must start with `-`. Anything else is left to the parser of the document, and
 * so is every document after a directive (`%TAG`), which the items parsed apart would not see. The
 * tokens are only routed, never changed: the items and the rest of the document are parsed from
 * the lexer's tokens of the whole text, at their offsets in it.
 */
export class ListItems {
  /**
   * The spaces that start the line of the token just routed, which {@link Route.Hold} kept, and
   * their offset: they go first, where the token goes.
   */
  public held: string | undefined;
  public heldAt = 0;
  /** The spaces held, until the next token. */
  private holding: string | undefined;
  private holdingAt = 0;
  /**
   * Whether a line of the list starts with a tab (the column of its content is not the length of
   * its spaces): the items are then not trusted, and the document is read whole.
   */
  public tabbed = false;
  private state: State;
  /** In {@link State.Key}: how much of the line `items:` the current line has shown (1 to 4: its mark, `items`, `:`, a comment; -1 when it is not it). */
  private keyStep = -1;
  private column = 0;
  private flow = 0;
  private previous = '';
  private lineStart = true;
  private directives = false;

  /** @param enabled whether to find lists at all (every token then goes to the parser of the document) */
  public constructor(private readonly enabled = true) {
    this.state = enabled ? State.Key : State.Done;
  }

  /** Where `token`, starting at `offset` of the text, goes. */
  public next(token: string, offset: number): Route {
    this.held = this.holding;
    this.heldAt = this.holdingAt;
    this.holding = undefined;
    // The source of a scalar follows its mark: whatever it reads, it is neither an indicator nor a marker.
    const source = this.previous === SCALAR;
    const lineStart = this.lineStart && this.flow === 0;
    this.previous = token;
    if (source || (token !== DOCUMENT && token !== FLOW_END)) this.lineStart = token.endsWith('\n');
    if (!source) this.nest(token);
    if (this.state === State.InList || this.state === State.BeforeList) return this.routeInList(token, offset, source, lineStart);
    if (!source && (token === DOCUMENT || token === '---')) this.startDocument();
    else if (!source && token === '...') this.state = State.Done;
    else if (this.state === State.Key) this.key(token, source, lineStart);
    return Route.Document;
  }

  /** Leaves the rest of the document to its parser (whose tree shows no list where one seemed to start). */
  public abandon(): void {
    this.state = State.Done;
  }

  /** Whether the tokens are inside a list: a held token goes to its current item. */
  public get inList(): boolean {
    return this.state === State.InList;
  }

  /** The spaces held at the end of the text (which the item goes on with, when {@link inList}). */
  public get unsent(): string | undefined {
    return this.holding;
  }

  private nest(token: string): void {
    if (token === '[' || token === '{') this.flow++;
    else if ((token === ']' || token === '}') && this.flow > 0) this.flow--;
    else if (token === FLOW_END) this.flow = 0;
    else if (token[0] === '%') this.directives = true;
  }

  private inside(): Route {
    return this.state === State.InList ? Route.Item : Route.Document;
  }

  /** The route of a token in {@link State.BeforeList} or {@link State.InList}. */
  private routeInList(token: string, offset: number, source: boolean, lineStart: boolean): Route {
    const held = this.held;
    if (held === undefined && !lineStart) return this.inside();
    if (held === undefined && !source && (token[0] === ' ' || token[0] === '\t')) {
      this.holding = token;
      this.holdingAt = offset;
      return Route.Hold;
    }
    // The first token of a line after its spaces. A blank or comment line goes with what precedes it.
    if (!source && (token === '\n' || token === '\r\n' || token === '' || token[0] === '#')) return this.inside();
    const column = held?.length ?? 0;
    const tab = held?.includes('\t') ?? false;
    const dash = !source && token === '-';
    if (this.state === State.BeforeList) {
      if (!dash || tab) {
        this.state = State.Done;
        if (!source && (token === DOCUMENT || token === '---')) this.startDocument();
        return Route.Document;
      }
      this.state = State.InList;
      this.column = column;
      return Route.NewItem;
    }
    if (tab) this.tabbed = true;
    if (dash && column === this.column) return Route.NewItem;
    if (column > this.column) return Route.Item;
    this.state = State.Done;
    if (!source && (token === DOCUMENT || token === '---')) this.startDocument();
    return Route.EndOfList;
  }

  /** Follows the tokens of a line at the top of the document for `items:` and what ends its line. */
  private key(token: string, source: boolean, lineStart: boolean): void {
    if (lineStart) this.keyStep = token === SCALAR && !source ? 1 : -1;
    else if (this.keyStep === 1) this.keyStep = source && token === 'items' ? 2 : -1;
    else if (this.keyStep === 2) this.keyStep = !source && token === ':' ? 3 : -1;
    else if (this.keyStep === 3 || this.keyStep === 4) {
      if (token === '\n' || token === '\r\n') this.state = this.directives ? State.Done : State.BeforeList;
      else if (this.keyStep === 3 && token[0] === '#') this.keyStep = 4;
      else if (this.keyStep === 4 || token[0] !== ' ') this.keyStep = -1;
    }
  }

  private startDocument(): void {
    this.state = this.enabled ? State.Key : State.Done;
    this.keyStep = -1;
    this.flow = 0;
  }
}
