/** Every local `$ref` in a JSON Schema / OpenAPI document that does not resolve inside it. */
export function danglingRefs(doc: unknown): string[] {
  const refs = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (key === '$ref' && typeof item === 'string') refs.add(item);
        else walk(item);
      }
    }
  };
  walk(doc);
  return [...refs].filter((ref) => {
    if (!ref.startsWith('#')) return true;
    let node: unknown = doc;
    for (const part of ref.slice(1).split('/').filter(Boolean)) {
      const key = decodeURIComponent(part).replaceAll('~1', '/').replaceAll('~0', '~');
      if (node === null || typeof node !== 'object' || !(key in node)) return true;
      node = (node as Record<string, unknown>)[key];
    }
    return false;
  });
}
