// credential-fields.js, the JS twin of credsite.build.credential_fields.credential_fields(): the fields a
// credential page renders from the verified credential, by the rules of credsite/data/credential-fields.json.
// Checked against credentials issued by the Python side (content/credentials/), by hand and, where
// Python is available, against Python: with the shipped rules and with fields added to a copy of them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { COMPUTED, credentialFields, didWebHost, formatDate, issuerDomain, RULES, textOf, valueAt } from '../src/pages/credential-fields.js';
import { ROOT } from './helpers/contexts.js';

const CREDENTIALS = join(ROOT, 'content', 'credentials');
const all = () => readdirSync(CREDENTIALS).filter((n) => n.endsWith('.json')).sort();
const readFile = (file) => JSON.parse(readFileSync(join(CREDENTIALS, file), 'utf8'));
/** The example credential of a learner and module (tokens are random; names are not). */
function byRecipient(name, module) {
  const found = all()
    .map(readFile)
    .filter((doc) => doc.credentialSubject.identifier.some((i) => i.identityType === 'name' && i.identityHash === name))
    .filter((doc) => doc.credentialSubject.achievement.id.includes(`/modules/${module}/`));
  assert.equal(found.length, 1, `one example credential for ${name} (${module})`);
  return found[0];
}

test('a Python-issued credential gives the fields computed by hand (nl)', () => {
  const f = credentialFields(byRecipient('Roos Peters', 'management-in-care'), 'nl');
  assert.deepEqual(f, {
    name: 'Leidinggeven in de zorg',
    recipient: 'Roos Peters',
    description:
      'Voor (beginnende) teamleiders in zorg en welzijn: geef richting aan je team, voer lastige gesprekken, stuur op kwaliteit en veiligheid en ontwikkel je eigen stijl van leidinggeven.',
    'issuer-name': 'Hogeschool Voorbeeld',
    'issuer-domain': 'microcredentials.hogeschool-voorbeeld.nl',
    'valid-from': '1 september 2020',
    'valid-until': '1 september 2025',
    'study-load': '6 EC (ECTS-studiepunten)',
    eqf: 'EQF-niveau 6',
    nlqf: 'NLQF-niveau 6',
    outcomes: [
      'Je stemt je stijl van leidinggeven af op de situatie en de ontwikkelfase van je team, ook als het team (deels) zelforganiserend werkt.',
      'Je voert gesprekken over functioneren, verzuim en gedrag op een manier die duidelijk én respectvol is, en legt afspraken vast.',
      'Je stuurt op kwaliteit en veiligheid van zorg met behulp van incidentmeldingen, cliëntervaringen en kwaliteitsgegevens, binnen de kaders van de Wkkgz.',
      'Je vertaalt de doelen en de begroting van je organisatie naar keuzes voor je team, zoals inzet van personeel en scholing.',
      'Je reflecteert aan de hand van feedback van medewerkers en leidinggevenden op je eigen handelen en stelt een persoonlijk ontwikkelplan op.',
    ],
    assessment: ['Portfoliobeoordeling', 'Ontwikkelingsverslag'],
    supervision: 'Toetsing zonder toezicht',
    'identity-check': 'Identiteit gecontroleerd bij de toetsing',
    participation: ['Op locatie'],
    'quality-assurance': 'Kwaliteitskader Microcredentials voor Professionals HBO en WO',
    'quality-assurance-url': f['quality-assurance-url'],
    grade: null,
    stackability:
      'Stapelbaar — Vrijstelling voor de cursus Leiderschap en organisatie in de deeltijdopleiding Verpleegkunde (hbo-bachelor); de examencommissie beslist over de vrijstelling.',
    prerequisites:
      'Werk- en denkniveau op hbo-niveau en een leidinggevende functie in zorg of welzijn van minimaal 16 uur per week, of een functie waarin je binnen een halfjaar gaat leidinggeven.',
    language: ['Nederlands'],
    field: 'Management en bestuur',
    'course-code': 'HV-GZH-LDZ01',
    criteria:
      'Je stelt een portfolio samen met bewijs uit je eigen praktijk, waaronder 360-gradenfeedback en een verslag van een verbeteractie in je team, en bespreekt dat in een portfoliogesprek van 45 minuten met twee assessoren. Daarnaast schrijf je een ontwikkelingsverslag over je groei als leidinggevende.',
    narrative: null,
    evidence: null,
  });
  assert.match(f['quality-assurance-url'], /^https:\/\//);
});

test('a graded credential: grade from the first result, dates in English months, no end date', () => {
  const doc = byRecipient('Anouk de Vries', 'clinical-reasoning-complex-care');
  const nl = credentialFields(doc, 'nl');
  assert.equal(nl.grade, '8');
  assert.equal(nl.recipient, 'Anouk de Vries');
  assert.equal(nl['valid-from'], '1 juli 2026');
  assert.equal(nl['valid-until'], null);
  assert.equal(credentialFields(doc, 'en')['valid-from'], '1 July 2026');
});

test('dates: the UTC calendar day, both languages, and nothing for what is not an RFC 3339 date-time', () => {
  assert.equal(formatDate('2026-07-01T00:00:00Z', 'nl'), '1 juli 2026');
  assert.equal(formatDate('2026-07-01T00:00:00Z', 'en'), '1 July 2026');
  assert.equal(formatDate('2026-07-01T23:30:00-02:00', 'nl'), '2 juli 2026'); // 01:30 UTC on the 2nd
  assert.equal(formatDate('2026-07-01T01:00:00+02:00', 'en'), '30 June 2026');
  assert.equal(formatDate('2024-02-29T12:00:00.123456Z', 'en'), '29 February 2024');
  assert.equal(formatDate('2026-12-31T23:59:59Z', 'nl'), '31 december 2026');
  for (const bad of ['2026-07-01', '2026-07-01T00:00:00', '2025-02-29T00:00:00Z', '2026-13-01T00:00:00Z', '2026-07-01T24:00:00Z', 'None', '', null, 20260701, '0000-01-01T00:00:00Z']) {
    assert.equal(formatDate(bad, 'nl'), null, String(bad));
  }
});

test('issuer domain: the did:web host with its port, else the profile URL host', () => {
  assert.equal(didWebHost('did:web:example.org%3A8443:sub'), 'example.org:8443');
  assert.equal(issuerDomain('did:web:mc.example.org', 'https://www.example.org/'), 'mc.example.org');
  assert.equal(issuerDomain('did:web:org.github.io:evil'), 'org.github.io/evil', 'the path is part of the address');
  assert.equal(issuerDomain('did:web:org.github.io:a%20b:c'), 'org.github.io/a b/c');
  assert.equal(issuerDomain('did:key:z6Mk', 'https://WWW.Example.org:8080/x'), null, 'a claimed url is not a domain');
  assert.equal(issuerDomain('did:key:z6Mk'), null);
});

test('JSON-LD shapes that leave the signature intact are read as the value they mean', () => {
  const doc = byRecipient('Roos Peters', 'management-in-care');
  const reshaped = structuredClone(doc);
  reshaped.name = ['Leidinggeven in de zorg'];
  reshaped.credentialSubject.achievement.description = { '@value': doc.credentialSubject.achievement.description };
  reshaped.credentialSubject.identifier = reshaped.credentialSubject.identifier[0]; // one object, no array
  reshaped.issuer = doc.issuer.id; // a bare issuer id
  const a = credentialFields(doc, 'nl');
  const b = credentialFields(reshaped, 'nl');
  assert.equal(b.name, a.name);
  assert.equal(b.description, a.description);
  assert.equal(b.recipient, a.recipient);
  assert.equal(b['issuer-name'], null);
  assert.equal(b['issuer-domain'], a['issuer-domain']);
  assert.equal(textOf(['a', 'b']), null);
  assert.equal(textOf(null), null);
  assert.equal(textOf(7.5), '7.5');
  // Falls back to the achievement's name; a hashed name is never shown.
  const noName = structuredClone(doc);
  delete noName.name;
  noName.credentialSubject.identifier[0].hashed = true;
  assert.equal(credentialFields(noName, 'nl').name, 'Leidinggeven in de zorg');
  assert.equal(credentialFields(noName, 'nl').recipient, '');
  // Nothing usable at all: every key is still there.
  const empty = credentialFields({}, 'en');
  assert.deepEqual(Object.keys(empty), Object.keys(a));
  assert.deepEqual(empty.outcomes, []);
  assert.equal(empty.name, null);
});

test('the rules are the data file: its fields in its order, and a computation for every computed field', () => {
  const file = JSON.parse(readFileSync(join(ROOT, 'credsite', 'data', 'credential-fields.json'), 'utf8'));
  assert.deepEqual(RULES, file);
  const doc = byRecipient('Roos Peters', 'management-in-care');
  assert.deepEqual(Object.keys(credentialFields(doc, 'nl')), file.fields.map((f) => f.key));
  const computed = file.fields.filter((f) => f.computed !== undefined).map((f) => f.computed);
  assert.deepEqual([...computed].sort(), Object.keys(COMPUTED).sort(), 'no field without its code, no code without its field');
  const unknown = { ...file, fields: [{ key: 'x', kind: 'text', computed: 'no-such-computation' }] };
  assert.throws(() => credentialFields(doc, 'nl', unknown), /no computation named no-such-computation/);
});

test('paths: a name reads an own property of an object, a number the n-th object of a list (a lone object is a list of one)', () => {
  const doc = { a: [{ b: 1 }, 'iri', { b: 2 }], c: { b: 3 }, d: 'text' };
  assert.equal(valueAt(doc, ['a', 0, 'b']), 1);
  assert.equal(valueAt(doc, ['a', 1, 'b']), 2, 'entries that are not objects are skipped');
  assert.equal(valueAt(doc, ['a', 2, 'b']), undefined);
  assert.equal(valueAt(doc, ['c', 0, 'b']), 3);
  assert.equal(valueAt(doc, ['c', 'b']), 3);
  assert.equal(valueAt(doc, ['a', 'b']), undefined, 'a name does not reach into a list');
  assert.equal(valueAt(doc, ['d', 'length']), undefined);
  assert.equal(valueAt(doc, ['c', 'constructor']), undefined, 'only own properties');
});

const python = spawnSync('python3', ['-c', 'import credsite.build.credential_fields'], { cwd: ROOT, encoding: 'utf8' });
const noPython = python.status !== 0 && 'python3 with credsite is not available';

/** Python's fields for every example credential, in both languages, by the given rules (null: the shipped ones). */
function pythonFields(names, rules) {
  const script = `
import json, sys
from pathlib import Path
from credsite.build.credential_fields import credential_fields, read_rules
rules = read_rules(json.loads(sys.argv[2])) if sys.argv[2] != "null" else None
out = {}
for name in json.loads(sys.argv[1]):
    doc = json.loads(Path(${JSON.stringify(CREDENTIALS)}, name).read_text(encoding="utf-8"))
    out[name] = {lang: list(credential_fields(doc, lang, rules).items()) for lang in ("nl", "en")}
print(json.dumps(out, ensure_ascii=False))
`;
  const run = spawnSync('python3', ['-c', script, JSON.stringify(names), JSON.stringify(rules)], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

/** Both implementations agree on every example credential, keys in the same order. */
function assertAgreement(rules) {
  const names = all();
  assert.ok(names.length >= 20);
  const expected = pythonFields(names, rules);
  for (const name of names) {
    const doc = readFile(name);
    for (const lang of ['nl', 'en']) {
      const entries = Object.entries(rules ? credentialFields(doc, lang, rules) : credentialFields(doc, lang));
      assert.deepEqual(entries, expected[name][lang], `${name} (${lang})`);
    }
  }
}

test('every example credential gives the same fields as Python, in both languages', { skip: noPython }, () => {
  assertAgreement(null);
});

test('a field added to a copy of the rules is produced the same by both implementations', { skip: noPython }, () => {
  const rules = structuredClone(RULES);
  const achievement = ['credentialSubject', 0, 'achievement', 0];
  const added = [
    { key: 'tags', kind: 'list', from: [{ path: [...achievement, 'tag'] }] },
    { key: 'credits', kind: 'text', from: [{ path: [...achievement, 'creditsAvailable'] }] },
    { key: 'eqf-framework', kind: 'text', from: [{ alignment: 'ext:EQFLevel', property: 'targetFramework' }] },
    { key: 'outcome-codes', kind: 'list', from: [{ alignment: 'ext:LearningOutcome', property: 'targetCode' }] },
    { key: 'last-day', kind: 'date', from: [{ path: ['validUntil'] }, { path: ['validFrom'] }] },
    { key: 'level-codes', kind: 'text', join: [{ alignment: 'ext:EQFLevel', property: 'targetCode' }, { alignment: 'ext:NLQFLevel', property: 'targetCode' }], separator: ' / ' },
    { key: 'nothing', kind: 'list', from: [{ alignment: 'ext:NoSuchKind', property: 'targetName' }, { path: [...achievement, 'noSuchProperty'] }] },
  ];
  rules.fields.splice(1, 0, added[0]); // a new field may go anywhere: the order is the file's
  rules.fields.push(...added.slice(1));
  assertAgreement(rules);
  const f = credentialFields(byRecipient('Roos Peters', 'management-in-care'), 'en', rules);
  assert.deepEqual(Object.keys(f).slice(0, 3), ['name', 'tags', 'recipient']);
  assert.ok(f.tags.length > 0);
  assert.match(f.credits, /^[0-9]+$/);
  assert.match(f['eqf-framework'], /EQF/);
  assert.deepEqual(f['outcome-codes'], ['LO1', 'LO2', 'LO3', 'LO4', 'LO5']);
  assert.equal(f['last-day'], '1 September 2025');
  assert.equal(f['level-codes'], '6 / 6');
  assert.deepEqual(f.nothing, []);
  const graded = credentialFields(byRecipient('Anouk de Vries', 'clinical-reasoning-complex-care'), 'en', rules);
  assert.equal(graded['last-day'], '1 July 2026', 'no end date: the start date');
});
