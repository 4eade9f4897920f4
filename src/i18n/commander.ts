/**
 * Commander's own words in the user's language: its error messages (unknown option, missing
 * argument, invalid value...), the help's section titles (`Usage:`, `Options:`...) and the
 * `(default: …, choices: …)` notes. Commander 14 writes them in English; its hooks let us put
 * them through the message catalogue: `configureOutput({ outputError })` sees each error message
 * (recognised by its fixed English shape, rewritten from the catalogue; an unknown shape stays as
 * it is), and `configureHelp` lets `styleTitle`, `optionDescription` and `argumentDescription`
 * translate the rest. English is left untouched.
 */
import { Help, type Command } from 'commander';
import { translator, type Lang, type Translator } from './index.js';

/** Commander's error messages (lib/command.js), each with the catalogue message that says it. */
const ERRORS: { re: RegExp; id: string; args: string[] }[] = [
  { re: /^error: unknown option '(.+)'$/, id: 'cmd-unknown-option', args: ['option'] },
  { re: /^error: unknown command '(.+)'$/, id: 'cmd-unknown-command', args: ['command'] },
  { re: /^error: missing required argument '(.+)'$/, id: 'cmd-missing-argument', args: ['argument'] },
  { re: /^error: option '(.+)' argument missing$/, id: 'cmd-option-argument-missing', args: ['option'] },
  { re: /^error: required option '(.+)' not specified$/, id: 'cmd-required-option', args: ['option'] },
  { re: /^error: option '(.+)' argument '(.*)' is invalid\. ?(.*)$/s, id: 'cmd-option-invalid', args: ['option', 'value', 'detail'] },
  { re: /^error: command-argument value '(.*)' is invalid for argument '(.+)'\. ?(.*)$/s, id: 'cmd-argument-invalid', args: ['value', 'argument', 'detail'] },
  { re: /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, id: 'cmd-too-many-arguments', args: ['command', 'expected', 'got'] },
  { re: /^error: (.+) cannot be used with (.+)$/, id: 'cmd-conflicting-option', args: ['option', 'other'] },
];

/** Details commander or its option parsers add after an invalid value. */
function detail(text: string, tr: Translator): string {
  const choices = /^Allowed choices are (.+)\.$/.exec(text);
  return choices ? tr.t('cmd-allowed-choices', { choices: choices[1]! }) : text;
}

/** One error message of commander in `tr`'s language (with its "Did you mean" line). */
export function commanderError(message: string, tr: Translator): string {
  const [first = '', ...rest] = message.replace(/\n$/, '').split('\n');
  let out = first;
  for (const e of ERRORS) {
    const m = e.re.exec(first);
    if (!m) continue;
    const args: Record<string, string> = {};
    e.args.forEach((name, i) => (args[name] = name === 'detail' ? detail(m[i + 1] ?? '', tr) : (m[i + 1] ?? '')));
    out = tr.t(e.id === 'cmd-too-many-arguments' && !args.command ? 'cmd-too-many-arguments-main' : e.id, args);
    break;
  }
  const more = rest.map((l) => {
    const did = /^\(Did you mean (.+)\?\)$/.exec(l);
    return did ? tr.t('cmd-did-you-mean', { suggestion: did[1]! }) : l;
  });
  return `${[out, ...more].join('\n')}\n`;
}

/** `(choices: "en", "fr", default: "x")` notes in `tr`'s language. */
function notes(described: string, plain: string | undefined, tr: Translator): string {
  if (described === plain) return described;
  const head = plain ? `${plain} ` : '';
  const tail = described.slice(head.length).replace(/\b(choices|default|preset|env): /g, (_m, word: string) => `${tr.t(`cmd-help-${word}`)} `);
  return `${head}${tail}`;
}

/** Puts commander's errors and help words of every command of `program` through the catalogue. */
export function localiseCommander(program: Command, lang: Lang): void {
  if (lang === 'en') return;
  const tr = translator(lang);
  const titles = new Map(['Usage:', 'Options:', 'Commands:', 'Arguments:', 'Global Options:'].map((t) => [t, tr.t(`cmd-help-title-${t.replace(/:$/, '').replace(' ', '-').toLowerCase()}`)]));
  const plainHelp = new Help();
  const walk = (c: Command): void => {
    c.configureOutput({ outputError: (str, write) => write(commanderError(str, tr)) });
    c.configureHelp({
      ...c.configureHelp(),
      styleTitle: (title: string) => titles.get(title) ?? title,
      optionDescription: (option) => notes(plainHelp.optionDescription(option), option.description, tr),
      argumentDescription: (argument) => notes(plainHelp.argumentDescription(argument), argument.description, tr),
    });
    // The implicit `help [command]` of a command with subcommands: its description in the user's language.
    if (c.commands.length > 0) c.helpCommand('help [command]', tr.t('cmd-help-command'));
    for (const s of c.commands) walk(s);
  };
  walk(program);
}
