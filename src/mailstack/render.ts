/**
 * Fills `{{NAME}}` placeholders in the mail stack's config templates (fixtures/mailstack/,
 * fixtures/targets/mailstack.template.yaml). A placeholder without a value is a bug in the
 * caller, never silently left in a config file.
 */
export function renderTemplate(text: string, values: Record<string, string | number>, file: string): string {
  const missing = new Set<string>();
  const out = text.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_m, name: string) => {
    const v = values[name];
    if (v === undefined) {
      missing.add(name);
      return '';
    }
    return String(v);
  });
  if (missing.size) throw new Error(`MAILSTACK_TEMPLATE: ${file} uses placeholders without a value: ${[...missing].join(', ')}`);
  return out;
}
