/**
 * Every installed package's licence is permissive: no GPL, LGPL or AGPL anywhere in the tree
 * (node_modules/.pnpm, every workspace's dependencies and theirs), unless the package also offers a
 * permissive licence (`MIT OR GPL-3.0`). A package that declares no licence is judged by its
 * LICENSE/COPYING file. Why: the product is shipped to offices that redistribute it; sharp's
 * libvips (LGPL-3.0) kept the first OCR adapter out (issue 19).
 */
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const STORE = join(import.meta.dirname, '../node_modules/.pnpm');
const COPYLEFT = /\b(?:A|L)?GPL\b|GNU (?:AFFERO |LESSER |LIBRARY )?GENERAL PUBLIC LICEN[CS]E/i;

/** True when an SPDX expression can be taken under a licence that is not (L/A)GPL. */
export function permissiveChoice(expression: string): boolean {
  // the alternatives of the top-level OR (an AND binds all its terms, so one copyleft term taints it)
  const alternatives = expression.replace(/[()]/g, ' ').split(/\s+OR\s+|\s*\/\s*/i);
  return alternatives.some((a) => !COPYLEFT.test(a));
}

interface Installed {
  name: string;
  version: string;
  licence: string | null;
  dir: string;
}

function licenceOf(pkg: { license?: unknown; licenses?: unknown }): string | null {
  const one = (l: unknown): string | null =>
    typeof l === 'string' ? l : l && typeof l === 'object' && 'type' in l && typeof l.type === 'string' ? l.type : null;
  if (pkg.license) return one(pkg.license);
  // the old form: several licences offered, any of which may be chosen
  if (Array.isArray(pkg.licenses) && pkg.licenses.length) return pkg.licenses.map(one).filter(Boolean).join(' OR ') || null;
  return null;
}

/** The real package directories of the pnpm store (not the symlinks to dependencies). */
function installed(): Installed[] {
  const out: Installed[] = [];
  for (const entry of readdirSync(STORE)) {
    const modules = join(STORE, entry, 'node_modules');
    if (!existsSync(modules)) continue;
    for (const top of readdirSync(modules)) {
      const dirs = top.startsWith('@') ? readdirSync(join(modules, top)).map((n) => join(modules, top, n)) : [join(modules, top)];
      for (const dir of dirs) {
        if (lstatSync(dir).isSymbolicLink() || !existsSync(join(dir, 'package.json'))) continue;
        const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name: string; version: string; license?: unknown; licenses?: unknown };
        out.push({ name: pkg.name, version: pkg.version, licence: licenceOf(pkg), dir });
      }
    }
  }
  return out;
}

/** A package without a declared licence: copyleft when its licence file says so. */
function fileSaysCopyleft(dir: string): boolean {
  const files = readdirSync(dir).filter((f) => /^(?:licen[cs]e|copying)/i.test(f));
  return files.some((f) => {
    const text = readFileSync(join(dir, f), 'utf8');
    return COPYLEFT.test(text) && !/\bMIT\b|\bBSD\b|Apache/i.test(text);
  });
}

describe('licences of the installed packages', () => {
  it('reads an SPDX expression: a permissive alternative clears a copyleft one, an AND does not', () => {
    expect(['MIT', 'Apache-2.0', '(MIT OR GPL-3.0-or-later)', 'MIT AND ISC', '(BSD-2-Clause OR MIT OR Apache-2.0)'].map(permissiveChoice)).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['LGPL-3.0-or-later', 'GPL-2.0', 'AGPL-3.0', '(MIT AND LGPL-3.0)', 'Apache-2.0 AND LGPL-3.0-or-later'].map(permissiveChoice)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('has no GPL, LGPL or AGPL package without a permissive alternative (sharp and libvips are gone)', () => {
    const all = installed();
    // the walk sees the tree: the OCR stack is in it
    expect(all.some((p) => p.name === 'onnxruntime-node')).toBe(true);
    expect(all.some((p) => p.name === 'pngjs')).toBe(true);
    const copyleft = all
      .filter((p) => (p.licence ? !permissiveChoice(p.licence) : fileSaysCopyleft(p.dir)))
      .map((p) => `${p.name}@${p.version} ${p.licence ?? '(licence file)'}`);
    expect(copyleft).toEqual([]);
    expect(all.filter((p) => p.name === 'sharp' || p.name.startsWith('@img/')).map((p) => p.name)).toEqual([]);
  });
});
