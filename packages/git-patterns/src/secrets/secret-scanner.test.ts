import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SECRET_SAMPLES } from '../../test/fixtures/secret-samples.js';
import { SENSITIVE_RULES } from './rules/index.js';
import { findSensitive, redactText } from './secret-scanner.js';

const ordinaryDir = fileURLToPath(new URL('../../test/fixtures/ordinary-code/', import.meta.url));
const ordinaryFiles = readdirSync(ordinaryDir).filter((name) => name.endsWith('.txt'));

describe('secret scanner', () => {
  it('covers at least 20 secret kinds plus email, phone and card PII', () => {
    const secretKinds = new Set(
      SECRET_SAMPLES.filter((s) => !['email', 'phone-number', 'credit-card'].includes(s.kind)).map(
        (s) => s.kind,
      ),
    );
    expect(secretKinds.size).toBeGreaterThanOrEqual(20);
    const ruleKinds = new Set(SENSITIVE_RULES.map((rule) => rule.kind));
    for (const sample of SECRET_SAMPLES) expect(ruleKinds).toContain(sample.kind);
    expect(ruleKinds).toContain('email');
  });

  it.each(SECRET_SAMPLES.map((s, i) => [`${i}: ${s.kind}`, s] as const))('catches %s', (_label, sample) => {
    const kinds = findSensitive(sample.text).map((f) => f.kind);
    expect(kinds).toContain(sample.kind);
    const redacted = redactText(sample.text);
    expect(redacted.text).not.toContain(sample.secret);
    expect(redacted.text).toContain(`[REDACTED:${sample.kind}]`);
  });

  it.each(ordinaryFiles)('finds nothing in ordinary code: %s', (name) => {
    const text = readFileSync(`${ordinaryDir}${name}`, 'utf8');
    const findings = findSensitive(text).map((f) => ({ kind: f.kind, text: text.slice(f.start, f.end) }));
    expect(findings).toEqual([]);
  });

  it('is idempotent: redacted text scans clean', () => {
    for (const sample of SECRET_SAMPLES) {
      const once = redactText(sample.text).text;
      expect(findSensitive(once)).toEqual([]);
    }
  });

  it('rejects Luhn-invalid card numbers and bare digit runs', () => {
    expect(findSensitive('order 4111 1111 1111 1112 shipped')).toEqual([]);
    expect(findSensitive('took 4155552671 ms')).toEqual([]);
  });

  it('refuses non-text input with INVALID_INPUT', () => {
    expect(() => findSensitive(42 as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => redactText(null as never)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
  });
});
