import ts from 'typescript';

/** How a module names another: the architecture test counts them all, types included. */
export type ImportKind = 'static' | 'type' | 'side-effect' | 're-export' | 'dynamic' | 'require' | 'worker-url';

/** One module specifier found in a source file, as written. */
export interface ImportRef {
  readonly specifier: string;
  readonly kind: ImportKind;
  /** 1-based line of the specifier, for messages. */
  readonly line: number;
}

/** A `new URL(...)` names a module (a worker entry) only when it ends in a module extension; `new URL('./library/')` is data. */
const MODULE_FILE = /\.(?:[cm]?[jt]s|tsx|jsx)$/;

function scriptKind(fileName: string): ts.ScriptKind {
  if (fileName.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (fileName.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(fileName)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function isImportMetaUrl(node: ts.Node): boolean {
  return (
    ts.isPropertyAccessExpression(node) &&
    ts.isMetaProperty(node.expression) &&
    node.expression.keywordToken === ts.SyntaxKind.ImportKeyword &&
    node.name.text === 'url'
  );
}

/**
 * Every module specifier in a file, read from its syntax tree (not a regex): import and export
 * declarations (`import type` included), `import x = require()`, `import()` calls and `import()`
 * types, `require()` calls, and `new URL('<module>', import.meta.url)` (worker entry files).
 *
 * @example readImports('a.ts', "import type { S } from './s.ts'") // [{ specifier: './s.ts', kind: 'type', line: 1 }]
 */
export function readImports(fileName: string, text: string): ImportRef[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, scriptKind(fileName));
  const out: ImportRef[] = [];
  const add = (literal: ts.Node, kind: ImportKind): void => {
    if (!ts.isStringLiteralLike(literal)) return; // computed specifiers cannot be checked statically
    const line = source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1;
    out.push({ specifier: literal.text, kind, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      add(node.moduleSpecifier, !clause ? 'side-effect' : clause.isTypeOnly ? 'type' : 'static');
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node.moduleSpecifier, node.isTypeOnly ? 'type' : 're-export');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node.moduleReference.expression, node.isTypeOnly ? 'type' : 'require');
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) add(arg.literal, 'type');
    } else if (ts.isCallExpression(node)) {
      const [first] = node.arguments;
      if (first && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(first, 'dynamic');
      else if (first && ts.isIdentifier(node.expression) && node.expression.text === 'require') add(first, 'require');
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'URL') {
      const [first, base] = node.arguments ?? [];
      if (first && base && isImportMetaUrl(base) && ts.isStringLiteralLike(first) && MODULE_FILE.test(first.text)) {
        add(first, 'worker-url');
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}
