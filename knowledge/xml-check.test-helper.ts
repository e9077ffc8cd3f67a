/**
 * A strict reader of the XML the GraphML export writes (elements, attributes, text, the five
 * predefined entities and character references, one declaration), for tests: it throws on anything
 * not well-formed (XML 1.0, https://www.w3.org/TR/xml/) that the browsers' lenient parsers let through,
 * and normalizes as a conforming parser does (line ends in text; tab and line ends in attributes).
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

const NAME = /^[A-Za-z_:][A-Za-z0-9_:.-]*/;
const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
// XML 1.0 Char: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF (well-formed pairs).
const NOT_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\ud800-\udbff\udc00-\udfff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function decode(raw: string, where: string): string {
  if (raw.includes('<')) throw new Error(`${where}: a raw <`);
  return raw.replace(/&([^;&]*);?/g, (all, ref: string) => {
    if (!all.endsWith(';')) throw new Error(`${where}: a raw & (${all})`);
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(ref);
    if (m) {
      const code = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      const c = String.fromCodePoint(code);
      if (NOT_CHAR.test(c)) throw new Error(`${where}: &#${code}; is not an XML character`);
      return c;
    }
    const e = ENTITIES[ref];
    if (e === undefined) throw new Error(`${where}: unknown entity &${ref};`);
    return e;
  });
}

/** Parses `text` or throws naming where it is not well-formed. */
export function parseXml(text: string): XmlElement {
  if (NOT_CHAR.test(text)) throw new Error('a character XML 1.0 does not allow');
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}: ${JSON.stringify(text.slice(i, i + 30))}`);
  };
  const skipSpace = (): void => {
    while (i < text.length && /[ \t\r\n]/.test(text[i]!)) i++;
  };
  const name = (): string => {
    const m = NAME.exec(text.slice(i));
    if (!m) fail('a name was expected');
    i += m![0].length;
    return m![0];
  };
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) fail('an unclosed declaration');
    i = end + 2;
  }
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('< was expected');
    i++;
    const tag = name();
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name: tag, attributes, children: [] };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      if (i === before) fail('space before an attribute was expected');
      const attr = name();
      skipSpace();
      if (text[i] !== '=') fail('= was expected');
      i++;
      skipSpace();
      const quote = text[i];
      if (quote !== '"' && quote !== "'") fail('a quoted value was expected');
      const end = text.indexOf(quote!, i + 1);
      if (end < 0) fail('an unclosed attribute value');
      if (attr in attributes) fail(`attribute ${attr} twice`);
      attributes[attr] = decode(text.slice(i + 1, end).replace(/[\t\n\r]/g, ' '), `attribute ${attr} of <${tag}>`);
      i = end + 1;
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      const lt = text.indexOf('<', i);
      if (lt < 0) fail(`<${tag}> is not closed`);
      if (lt > i) children.push(decode(text.slice(i, lt).replace(/\r\n?/g, '\n'), `text in <${tag}>`));
      i = lt;
      if (text.startsWith('</', i)) {
        i += 2;
        if (name() !== tag) fail(`</…> does not close <${tag}>`);
        skipSpace();
        if (text[i] !== '>') fail('> was expected');
        i++;
        return { name: tag, attributes, children };
      }
      if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) fail('an unclosed comment');
        i = end + 3;
        continue;
      }
      children.push(element());
    }
  };
  skipSpace();
  const root = element();
  skipSpace();
  if (i !== text.length) fail('content after the root element');
  return root;
}

/** The child elements of `e` named `name`. */
export const childrenNamed = (e: XmlElement, name: string): XmlElement[] =>
  e.children.filter((c): c is XmlElement => typeof c !== 'string' && c.name === name);

/** The text directly inside `e`. */
export const textOf = (e: XmlElement): string => e.children.filter((c): c is string => typeof c === 'string').join('');
