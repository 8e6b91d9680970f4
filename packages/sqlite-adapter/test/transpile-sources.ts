import { readdirSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/**
 * Transpiles (no type check) every non-test TypeScript file of the given folders, for
 * ts-hooks.mjs to serve to child processes. Keys are the file URLs node will ask for (real paths,
 * since node resolves workspace symlinks).
 */
export function transpileSources(folders: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const folder of folders) {
    for (const file of walk(realpathSync(folder))) {
      const source = ts.sys.readFile(file) ?? '';
      const result = ts.transpileModule(source, {
        fileName: file,
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true,
          sourceMap: false,
        },
      });
      out[pathToFileURL(file).href] = result.outputText;
    }
  }
  return out;
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts') ? [full] : [];
  });
}
