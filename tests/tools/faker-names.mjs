// Writes conf/names/faker-first.txt and conf/names/faker-surnames.txt from
// the person name lists of the npm package @faker-js/faker (MIT licence):
// the Latin-script locales, each name once, grouped under the first locale
// (in the order below) that has it. Issue 18: names of the origins of
// Sweden's population that the hand lists miss (Kurdish Kurmanji, BCS,
// Turkish, Polish, Finnish, Romanian, ...).
//
// usage: node tests/tools/faker-names.mjs FAKER_PACKAGE_DIR [OUTDIR]
//   FAKER_PACKAGE_DIR: the unpacked package (npm pack @faker-js/faker,
//   tar xzf, .../package); OUTDIR defaults to conf/names.
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const pkg = process.argv[2];
const outdir = process.argv[3] || 'conf/names';
if (!pkg) { console.error('usage: faker-names.mjs FAKER_PACKAGE_DIR [OUTDIR]'); process.exit(2); }
const version = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).version;
const { allLocales } = await import(pathToFileURL(join(pkg, 'dist', 'index.js')).href);

// Nearest first: Sweden and its neighbours, then the larger groups born
// abroad, then the rest of the Latin-script locales.
const ORDER = ['sv', 'fi', 'nb_NO', 'da', 'ku_kmr_latin', 'hr', 'sr_RS_latin',
  'tr', 'pl', 'ro', 'ro_MD', 'de', 'de_AT', 'de_CH', 'cs_CZ', 'sk', 'sl_SI', 'hu', 'lv',
  'az', 'uz_UZ_latin', 'es', 'es_MX', 'pt_BR', 'pt_PT', 'it', 'fr', 'fr_BE',
  'fr_CH', 'fr_SN', 'nl', 'nl_BE', 'en', 'en_AU', 'en_GH', 'en_IN', 'en_NG', 'en_NP',
  'en_ZA', 'id_ID', 'vi', 'yo_NG', 'zu_ZA', 'af_ZA'];
// Letters of Latin script (with diacritics), inner hyphens and apostrophes.
const NAME = /^\p{Script=Latin}[\p{Script=Latin}\p{M}]*(?:['-]\p{Script=Latin}[\p{Script=Latin}\p{M}]*)*$/u;

function names(v) {
  if (v == null) return [];
  if (Array.isArray(v)) return v.flatMap(x => typeof x === 'string' ? [x] : (x && x.value ? [x.value] : []));
  return Object.values(v).flatMap(names);
}

for (const [kind, file] of [['first_name', 'faker-first.txt'], ['last_name', 'faker-surnames.txt']]) {
  const seen = new Set();
  let body = '', total = 0;
  for (const loc of ORDER) {
    const p = allLocales[loc] && allLocales[loc].person;
    if (!p) continue;
    const got = [];
    for (const full of names(p[kind])) {
      for (const n of full.trim().split(/\s+/)) {    // "Adam Perl": both parts
        const key = n.normalize('NFC').toLowerCase();
        if (n.length < 2 || !NAME.test(n) || seen.has(key)) continue;
        seen.add(key);
        got.push(n.normalize('NFC'));
      }
    }
    if (!got.length) continue;
    total += got.length;
    body += `# ${loc}: ${got.length}\n`;
    for (let i = 0; i < got.length; i += 10) body += got.slice(i, i + 10).join(' ') + '\n';
  }
  const head = `# ${kind === 'first_name' ? 'First names' : 'Surnames'} from @faker-js/faker ${version} ` +
    `(npm, MIT licence), person.${kind}\n# of its Latin-script locales, ${total} names, each once under ` +
    `the first locale\n# listing it. Built by tests/tools/faker-names.mjs; see conf/names/README. ` +
    `Test-data\n# lists: no frequencies, some are ordinary words in Swedish; not a name\n# on their own.\n`;
  writeFileSync(join(outdir, file), head + body);
  console.error(`${file}: ${total} names`);
}
