// Reads the portal's outgoing mail from the .eml folder, as a person would read their inbox.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function decodeQuotedPrintable(text) {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeHeader(value) {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_, kind, data) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  ).replace(/\?=\s+=\?/g, '');
}

function textPart(raw) {
  const start = raw.indexOf('Content-Type: text/plain');
  if (start < 0) return '';
  const rest = raw.slice(start);
  const split = rest.indexOf('\r\n\r\n');
  const headers = rest.slice(0, split);
  const body = rest.slice(split + 4).split('\r\n--')[0];
  const encoding = (/Content-Transfer-Encoding: (\S+)/i.exec(headers)?.[1] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

function parse(raw) {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]/g, ' ');
  const header = (name) => new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1] ?? '';
  const text = textPart(raw);
  const link = /https?:\/\/\S+\/password\/set\/[0-9a-f]{64}/.exec(text)?.[0];
  return { to: header('To'), subject: decodeHeader(header('Subject')), text, link, raw };
}

export function allMail(dataDir) {
  const dir = join(dataDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .sort()
    .map((f) => parse(readFileSync(join(dir, f), 'utf8')));
}

/** Waits for the `count`-th mail to `to` (the outbox worker delivers within a moment). */
export async function waitForMail(dataDir, to, { count = 1, timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const mails = allMail(dataDir).filter((m) => m.to.includes(to));
    if (mails.length >= count) return mails[count - 1];
    if (Date.now() > deadline) throw new Error(`no mail number ${count} to ${to} within ${timeout} ms`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Waits for a mail to `to` whose subject matches `pattern`. */
export async function mailMatching(dataDir, to, pattern, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const found = allMail(dataDir).find((m) => m.to.includes(to) && pattern.test(m.subject));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${pattern}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
