// The rules of the verifier's top level (verifier.js) from the dates on: the valid-from and
// valid-until checks, the status checks and their reasons, the signed-data check (the signed view
// against the JSON), the issuer shown, the JWT routes and the result's defaults, the endorsements of
// JSON and JWT credentials (depth 1), and white space and a byte order mark around a token. Every
// credential is signed once for the file, and the network is stubbed (the verifier is not).
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { CompactSign } from 'jose';
import { verifyCredential } from '../src/verifier/index.js';
import { documentLoader } from './helpers/contexts.js';
import { bitstring, didDocument, makeKey, makeStatusList, signDocument, stubNetwork } from './helpers/sign.js';
import { DID_URL, ISSUER, KEY, NOW, REVOCATION_URL, SUSPENSION_URL, VM, checkOf, network, signBadge, unsignedBadge } from './helpers/fixtures.js';

const CRED = 'https://www.w3.org/2018/credentials#';
const MOVED = 'https://badges.example.org/status/moved.json';
const OLD = 'https://badges.example.org/status/old.json';
const GONE = 'https://badges.example.org/status/gone.json';
const SIGNED_DATA_PASSED = {
  nl: 'Elke datum, status en elk veld wordt gelezen uit wat de handtekening dekt, en de gegevens van het credential zeggen hetzelfde zonder omwegen.',
  en: "Every date, status and field is read from what the signature covers, and the credential's data says the same plainly.",
};
const HIDDEN = {
  id: 'signed-data',
  outcome: 'failed',
  message: {
    nl: "Wat de handtekening dekt, zegt niet zonder omwegen wat de gegevens van het credential zeggen: het schrijft zijn status of datums in een vorm die programma's die het als gewone gegevens lezen zouden missen.",
    en: "What the signature covers does not say plainly what the credential's data says: it writes its status or its dates in a form that programs reading it as plain data would miss.",
  },
  detail: { problems: ['PROPERTY_HIDDEN'] },
};
const SKIPPED = {
  nl: 'Niet gecontroleerd, omdat de echtheid van het credential niet kon worden vastgesteld.',
  en: "Not checked, because the credential's authenticity could not be established.",
};
const STATUS_NONE = {
  id: 'revocation',
  outcome: 'warning',
  message: {
    nl: 'De uitgever biedt geen manier om dit credential in te trekken, dus er is geen intrekkingslijst om te controleren en het kan niet worden ingetrokken.',
    en: 'The issuer has given no way to withdraw this credential, so there is no revocation list to check and it cannot be revoked.',
  },
};
const INTERNAL = {
  nl: 'Er ging iets mis in de controlecode van deze pagina, waardoor geen oordeel mogelijk is. Dit zegt niets over het credential.',
  en: "Something went wrong in this page's own checking code, so no verdict could be reached. This says nothing about the credential.",
};
const JSON_STRUCTURE_FAILED = {
  id: 'structure',
  outcome: 'failed',
  message: {
    nl: 'Dit is geen correct opgebouwd credential: de eerste @context is niet de context van W3C Verifiable Credentials (2.0 of 1.1); het type bevat geen VerifiableCredential; de uitgever staat er niet met een volledige identificatie in; er staat niet in over wie het gaat (credentialSubject).',
    en: 'This is not a well-formed credential: its first @context is not the W3C Verifiable Credentials context (2.0 or 1.1); its type does not include VerifiableCredential; it does not name its issuer with a full identifier; it does not say whom it is about (credentialSubject).',
  },
  detail: { problems: ['CONTEXT_V2', 'TYPE_VC', 'ISSUER_MISSING', 'SUBJECT_MISSING'] },
};
const SD_JWT_STRUCTURE_FAILED = {
  id: 'structure',
  outcome: 'failed',
  message: {
    nl: 'Dit is geen correct opgebouwd SD-JWT VC: het noemt geen soort credential (vct); het noemt de uitgever niet (iss).',
    en: 'This is not a well-formed SD-JWT VC: it names no credential type (vct); it does not name its issuer (iss).',
  },
};
// A compact JWS whose header is {"a":1} and payload {"b":2}: no credential, but readable.
const JWS = 'eyJhIjoxfQ.eyJiIjoyfQ.c2ln';

const plain = (value) => JSON.parse(JSON.stringify(value));
const entry = (url, purpose, index) => ({ id: `${url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: String(index), statusListCredential: url });

/** A plain VC 2.0 credential of the fixture issuer: no Open Badge, no dates, no status. */
function plainVc(overrides = {}) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:2',
    type: ['VerifiableCredential'],
    issuer: ISSUER,
    credentialSubject: { id: 'did:example:1', 'https://schema.org/name': 'x' },
    ...overrides,
  };
}

const F = {};
before(async () => {
  const list = (o) => makeStatusList({ issuer: ISSUER, key: KEY, verificationMethod: VM, ...o });
  F.net = await network();
  F.lists = stubNetwork({
    [DID_URL]: didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }]),
    [MOVED]: await list({ url: MOVED, purpose: 'revocation', bits: bitstring({ entries: 16384 }), extra: { id: 'https://badges.example.org/status/elsewhere.json' } }),
    [OLD]: await list({ url: OLD, purpose: 'suspension', validUntil: '2026-01-01T00:00:00Z' }),
  });
  F.badge = await signBadge(unsignedBadge({ validUntil: '2027-01-01T00:00:00Z' }));
  F.v11 = await signBadge({
    '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/data-integrity/v2'],
    id: 'urn:uuid:1',
    type: ['VerifiableCredential'],
    issuer: ISSUER,
    issuanceDate: '2025-01-01T00:00:00Z',
    expirationDate: '2027-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:1' },
  });
  const { validFrom, credentialStatus, ...undated } = unsignedBadge();
  F.obUndated = await signBadge(undated);
  F.vc = await signBadge(plainVc());
  F.statuses = await signBadge(
    plainVc({ id: 'urn:uuid:3', credentialStatus: [entry(MOVED, 'revocation', 7), entry(MOVED, 'refresh', 8), entry(OLD, 'suspension', 9), entry(GONE, 'revocation', 10)] }),
  );
  const didKey = makeKey('did:key issuer');
  const did = `did:key:${didKey.publicKeyMultibase}`;
  F.didKeyWithStatus = await signDocument(plainVc({ issuer: did, credentialStatus: entry(GONE, 'revocation', 10) }), { key: didKey, verificationMethod: `${did}#${didKey.publicKeyMultibase}` });
  F.idStatus = await signBadge(plainVc({ credentialStatus: { id: 'https://badges.example.org/status/1' } }));
  F.typeStatus = await signBadge(plainVc({ credentialStatus: { type: 'BitstringStatusListEntry' } }));
  F.emptyStatus = await signBadge(plainVc({ credentialStatus: [] }));
  F.direction = await signBadge(plainVc({ credentialSubject: { id: 'did:example:1', 'https://schema.org/name': { '@value': 'x', '@language': 'ar', '@direction': 'rtl' }, 'https://schema.org/description': { '@value': 'y', '@language': 'ar', '@direction': 'rtl' } } }), { safe: false });
  F.twoIssuers = await signBadge(plainVc({ [`${CRED}issuer`]: { id: 'did:web:other.example' } }));
  F.keywordIssuer = await signBadge(plainVc({ issuer: { '@id': ISSUER } }));
  F.addedIssuanceDate = await signBadge(plainVc({ '@context': ['https://www.w3.org/ns/credentials/v2', { issuanceDate: 'https://example.org/issuanceDate' }], issuanceDate: '2020-01-01' }));
  // An issuer that can publish no key (a urn): its own lists are those signed by the credential's key.
  const keyless = makeKey('keyless issuer');
  const keylessDid = `did:key:${keyless.publicKeyMultibase}`;
  const keylessVm = `${keylessDid}#${keyless.publicKeyMultibase}`;
  const urn = 'urn:uuid:0b6c4f4e-2f7a-4d0c-9c1e-3a4b5c6d7e8f';
  const keylessList = 'https://lists.example.org/revocation.json';
  F.keylessNet = stubNetwork({ [keylessList]: await makeStatusList({ url: keylessList, issuer: urn, purpose: 'revocation', key: keyless, verificationMethod: keylessVm }) });
  F.keyless = await signDocument(plainVc({ id: 'urn:uuid:4', issuer: urn, credentialStatus: entry(keylessList, 'revocation', 5) }), { key: keyless, verificationMethod: keylessVm });
});

function verify(credential, extra = {}, net = F.net) {
  return verifyCredential(credential, { documentLoader, fetchJson: net.fetchJson, now: NOW, ...extra });
}

async function checksOf(credential, ids, extra, net) {
  const result = await verify(credential, extra, net);
  return plain(result.checks.filter((c) => ids.includes(c.id)));
}

describe('valid-from and valid-until', () => {
  test('dates under their VC 2.0 names: passed, with the date and no property named', async () => {
    assert.deepEqual(await checksOf(F.badge, ['valid-from', 'valid-until']), [
      { id: 'valid-from', outcome: 'passed', message: { nl: 'Geldig vanaf 2025-06-30 10:00 UTC.', en: 'Valid from 2025-06-30 10:00 UTC.' }, detail: { validFrom: '2025-06-30T10:00:00Z', property: 'validFrom' } },
      { id: 'valid-until', outcome: 'passed', message: { nl: 'Geldig tot 2027-01-01 00:00 UTC.', en: 'Valid until 2027-01-01 00:00 UTC.' }, detail: { validUntil: '2027-01-01T00:00:00Z', property: 'validUntil' } },
    ]);
  });

  test('a credential is valid from the very instant of its validFrom', async () => {
    const result = await verify(F.badge, { now: '2025-06-30T10:00:00Z' });
    assert.equal(result.state, 'verified');
    assert.equal(checkOf(result, 'valid-from').outcome, 'passed');
  });

  test('at the instant of its validUntil a credential is expired, and the summary names that date', async () => {
    const result = await verify(F.badge, { now: '2027-01-01T00:00:00Z' });
    assert.equal(result.state, 'expired');
    assert.equal(result.summary.en, 'Expired: this credential is authentic, but its validity ended on 2027-01-01 00:00 UTC.');
    assert.deepEqual(plain(checkOf(result, 'valid-until')), {
      id: 'valid-until',
      outcome: 'failed',
      message: { nl: 'Verlopen op 2027-01-01 00:00 UTC.', en: 'Expired on 2027-01-01 00:00 UTC.' },
      detail: { validUntil: '2027-01-01T00:00:00Z', property: 'validUntil' },
    });
    assert.equal(result.validUntil, '2027-01-01T00:00:00Z');
    assert.equal(result.validFrom, '2025-06-30T10:00:00Z');
  });

  test('VC 1.1 dates: issuanceDate and expirationDate are named in the messages', async () => {
    assert.deepEqual(await checksOf(F.v11, ['valid-from', 'valid-until']), [
      {
        id: 'valid-from',
        outcome: 'passed',
        message: { nl: 'Geldig vanaf 2025-01-01 00:00 UTC (issuanceDate).', en: 'Valid from 2025-01-01 00:00 UTC (issuanceDate).' },
        detail: { validFrom: '2025-01-01T00:00:00Z', property: 'issuanceDate' },
      },
      {
        id: 'valid-until',
        outcome: 'passed',
        message: { nl: 'Geldig tot 2027-01-01 00:00 UTC (expirationDate).', en: 'Valid until 2027-01-01 00:00 UTC (expirationDate).' },
        detail: { validUntil: '2027-01-01T00:00:00Z', property: 'expirationDate' },
      },
    ]);
  });

  test('VC 1.1 dates: before issuanceDate it is not yet valid, after expirationDate expired, each naming its property', async () => {
    const early = await verify(F.v11, { now: '2024-01-01T00:00:00Z' });
    assert.equal(early.state, 'not-yet-valid');
    assert.equal(early.summary.en, 'Not yet valid: this credential is authentic, but it only becomes valid on 2025-01-01 00:00 UTC.');
    assert.deepEqual(plain(checkOf(early, 'valid-from')), {
      id: 'valid-from',
      outcome: 'failed',
      message: { nl: 'Nog niet geldig: geldig vanaf 2025-01-01 00:00 UTC (issuanceDate).', en: 'Not valid yet: valid from 2025-01-01 00:00 UTC (issuanceDate).' },
      detail: { validFrom: '2025-01-01T00:00:00Z', property: 'issuanceDate' },
    });
    const late = await verify(F.v11, { now: '2028-01-01T00:00:00Z' });
    assert.deepEqual(plain(checkOf(late, 'valid-until')), {
      id: 'valid-until',
      outcome: 'failed',
      message: { nl: 'Verlopen op 2027-01-01 00:00 UTC (expirationDate).', en: 'Expired on 2027-01-01 00:00 UTC (expirationDate).' },
      detail: { validUntil: '2027-01-01T00:00:00Z', property: 'expirationDate' },
    });
  });

  test('an Open Badge without a start date: valid-from warns; no end date passes', async () => {
    assert.deepEqual(await checksOf(F.obUndated, ['valid-from', 'valid-until']), [
      { id: 'valid-from', outcome: 'warning', message: { nl: 'Er is geen begindatum opgegeven, hoewel Open Badges 3.0 die verplicht stelt.', en: 'No start date is given, although Open Badges 3.0 requires one.' } },
      { id: 'valid-until', outcome: 'passed', message: { nl: 'Heeft geen einddatum.', en: 'Has no end date.' } },
    ]);
  });

  test('a plain VC without a start date: valid-from passes, saying so', async () => {
    assert.deepEqual(await checksOf(F.vc, ['valid-from']), [{ id: 'valid-from', outcome: 'passed', message: { nl: 'Er is geen begindatum opgegeven.', en: 'No start date is given.' } }]);
  });

  test('an unauthentic credential has its dates and status not-checked, for want of authenticity', async () => {
    const tampered = { ...F.badge, name: 'Forged' };
    const result = await verify(tampered);
    assert.equal(result.state, 'invalid');
    assert.deepEqual(plain(result.checks.slice(8)), [
      { id: 'valid-from', outcome: 'not-checked', message: SKIPPED },
      { id: 'valid-until', outcome: 'not-checked', message: SKIPPED },
      { id: 'revocation', outcome: 'not-checked', message: SKIPPED },
    ]);
    assert.equal(result.validFrom, null);
    assert.equal(result.validUntil, null);
  });
});

describe('status checks', () => {
  test('a clear bit of a list under another id, and short: a warning with both notes, joined by a space', async () => {
    const [moved] = await checksOf(F.statuses, ['revocation'], {}, F.lists);
    assert.deepEqual(moved.message, {
      nl: 'Niet ingetrokken, volgens de ondertekende intrekkingslijst van de uitgever; maar die lijst noemt zichzelf https://badges.example.org/status/elsewhere.json, niet https://badges.example.org/status/moved.json, het adres dat dit credential noemt en waar ze is opgehaald. De site op dat adres zou daar een andere lijst van de uitgever kunnen aanbieden. Let op: de lijst heeft maar 16.384 plaatsen, minder dan de 131.072 die voorkomen dat de plaats van een credential erin verraadt van wie het is.',
      en: "Not revoked, according to the issuer's signed revocation list; but that list calls itself https://badges.example.org/status/elsewhere.json, not https://badges.example.org/status/moved.json, the address this credential names and where it was fetched. The site at that address could be serving another of the issuer's lists there. Note: the list holds only 16,384 places, fewer than the 131,072 that keep a credential's place in it from narrowing down whose it is.",
    });
    assert.equal(moved.outcome, 'warning');
    assert.equal(moved.detail.code, 'LIST_ID_MISMATCH');
  });

  test('a status purpose this page does not interpret is a warning naming the purpose', async () => {
    assert.deepEqual(await checksOf(F.statuses, ['other-status'], {}, F.lists), [
      {
        id: 'other-status',
        outcome: 'warning',
        message: {
          nl: 'Het credential heeft een statusvermelding voor "refresh", die deze pagina niet interpreteert.',
          en: 'The credential has a status entry for "refresh", which this page does not interpret.',
        },
        detail: { purpose: 'refresh', index: null, listUrl: null, result: 'not-understood' },
      },
    ]);
  });

  test('an out-of-date list: not-checked, with the date it was valid until', async () => {
    assert.deepEqual(await checksOf(F.statuses, ['suspension'], {}, F.lists), [
      {
        id: 'suspension',
        outcome: 'not-checked',
        message: {
          nl: 'Kon niet controleren of de uitgever dit credential heeft geschorst: de lijst is verouderd (ze was geldig tot 2026-01-01 00:00 UTC); een oude lijst kan een latere intrekking verbergen.',
          en: 'Could not check whether the issuer has suspended this credential: the list is out of date (it was valid until 2026-01-01 00:00 UTC); an old list can hide a later revocation.',
        },
        detail: { purpose: 'suspension', index: 9, listUrl: OLD, result: 'unknown', code: 'LIST_EXPIRED', url: OLD, validUntil: '2026-01-01T00:00:00Z', ms: 1767225600000 },
      },
    ]);
  });

  test('a list that cannot be fetched: not-checked, naming its address', async () => {
    const [, gone] = await checksOf(F.statuses, ['revocation'], {}, F.lists);
    assert.deepEqual(gone.message, {
      nl: 'Kon niet controleren of de uitgever dit credential heeft ingetrokken: de lijst op https://badges.example.org/status/gone.json kon niet worden opgehaald.',
      en: 'Could not check whether the issuer has revoked this credential: the list at https://badges.example.org/status/gone.json could not be fetched.',
    });
  });

  test('the result lists every status entry read, in order', async () => {
    const result = await verify(F.statuses, {}, F.lists);
    assert.deepEqual(
      result.status.map((s) => [s.purpose, s.result, s.code]),
      [
        ['revocation', 'clear', 'LIST_ID_MISMATCH'],
        ['refresh', 'not-understood', undefined],
        ['suspension', 'unknown', 'LIST_EXPIRED'],
        ['revocation', 'unknown', 'LIST_UNREACHABLE'],
      ],
    );
  });

  test('without a network, a list has no address to name: the reason says —', async () => {
    const result = await verifyCredential(F.didKeyWithStatus, { documentLoader, now: NOW });
    assert.deepEqual(plain(checkOf(result, 'revocation')), {
      id: 'revocation',
      outcome: 'not-checked',
      message: {
        nl: 'Kon niet controleren of de uitgever dit credential heeft ingetrokken: de lijst op — kon niet worden opgehaald.',
        en: 'Could not check whether the issuer has revoked this credential: the list at — could not be fetched.',
      },
      detail: { purpose: 'revocation', index: null, listUrl: null, result: 'unknown', code: 'LIST_UNREACHABLE', url: null },
    });
  });

  test("a keyless issuer's list signed by the credential's own key is its own: not revoked", async () => {
    const result = await verify(F.keyless, {}, F.keylessNet);
    assert.equal(result.state, 'verified');
    assert.equal(checkOf(result, 'revocation').outcome, 'passed');
  });

  test('an empty list of status entries is no status: the revocation check says there is nothing to check', async () => {
    const result = await verify(F.emptyStatus);
    assert.deepEqual(plain(result.checks.slice(10)), [STATUS_NONE]);
    assert.deepEqual(result.status, []);
  });
});

describe('signed-data', () => {
  test('not-checked when the contexts could not be read', async () => {
    const { credentialStatus, ...rest } = F.badge;
    const nested = { ...rest, '@context': [...F.badge['@context'], { nm: '@nest' }], nm: { credentialStatus } };
    assert.deepEqual(await checksOf(nested, ['signed-data']), [
      {
        id: 'signed-data',
        outcome: 'not-checked',
        message: {
          nl: 'Niet gecontroleerd, omdat de gegevens van het credential niet met de woordenlijsten konden worden gelezen.',
          en: "Not checked, because the credential's data could not be read with its vocabularies.",
        },
      },
    ]);
  });

  test('a yes/no value written as text fails with the view problem, its term and code', async () => {
    const doc = structuredClone(F.badge);
    doc.credentialSubject.identifier[0].hashed = 'true';
    const term = 'https://purl.imsglobal.org/spec/vc/ob/vocab.html#hashed';
    assert.deepEqual(await checksOf(doc, ['signed-data']), [
      {
        id: 'signed-data',
        outcome: 'failed',
        message: {
          nl: `Het credential schrijft een ja/nee-waarde als tekst ("${term}"), wat programma's die het als gewone gegevens lezen als "ja" opvatten.`,
          en: `The credential writes a yes/no value as text ("${term}"), which programs that read it as plain data take for "yes".`,
        },
        detail: { code: 'TEXT_BOOLEAN', term },
      },
    ]);
  });

  test('a writing direction the signature does not cover: a warning naming every place, comma-separated', async () => {
    assert.deepEqual(await checksOf(F.direction, ['signed-data']), [
      {
        id: 'signed-data',
        outcome: 'warning',
        message: {
          nl: `${SIGNED_DATA_PASSED.nl} Maar de handtekening dekt niet alles wat het credential schrijft: de schrijfrichting (@direction) van credentialSubject.https://schema.org/description, credentialSubject.https://schema.org/name. Dat deel kan veranderd zijn zonder dat de handtekening breekt.`,
          en: `${SIGNED_DATA_PASSED.en} But the signature does not cover all the credential writes: the writing direction (@direction) of credentialSubject.https://schema.org/description, credentialSubject.https://schema.org/name. That part could have been changed without breaking the signature.`,
        },
        detail: { unsigned: [{ code: 'DIRECTION', paths: ['credentialSubject.https://schema.org/description', 'credentialSubject.https://schema.org/name'] }] },
      },
    ]);
  });

  test('an issuer the view reads differently from the JSON is ISSUER_SIGNED', async () => {
    assert.deepEqual(await checksOf(F.keywordIssuer, ['signed-data']), [
      {
        id: 'signed-data',
        outcome: 'failed',
        message: {
          nl: 'Wat de handtekening dekt, zegt niet zonder omwegen wat de gegevens van het credential zeggen: de uitgever in de gegevens is niet de uitgever die de handtekening dekt.',
          en: "What the signature covers does not say plainly what the credential's data says: the issuer in its data is not the issuer its signature covers.",
        },
        detail: { problems: ['ISSUER_SIGNED'] },
      },
    ]);
  });

  test('a view with no single issuer is ISSUER_MISSING alone, not also ISSUER_SIGNED', async () => {
    assert.deepEqual(await checksOf(F.twoIssuers, ['signed-data']), [
      {
        id: 'signed-data',
        outcome: 'failed',
        message: {
          nl: 'Wat de handtekening dekt, zegt niet zonder omwegen wat de gegevens van het credential zeggen: de uitgever staat er niet met een volledige identificatie in.',
          en: "What the signature covers does not say plainly what the credential's data says: it does not name its issuer with a full identifier.",
        },
        detail: { problems: ['ISSUER_MISSING'] },
      },
    ]);
  });

  test('a status under its full IRI is PROPERTY_HIDDEN', async () => {
    const { credentialStatus, ...rest } = F.badge;
    assert.deepEqual(await checksOf({ ...rest, [`${CRED}credentialStatus`]: credentialStatus }, ['signed-data']), [HIDDEN]);
  });

  test('an end date written as a typed value object is PROPERTY_HIDDEN', async () => {
    const typed = { ...F.badge, validUntil: { '@value': '2027-01-01T00:00:00Z', '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' } };
    assert.deepEqual(await checksOf(typed, ['signed-data']), [HIDDEN]);
  });

  test('the second of two status entries with a property under its full IRI is PROPERTY_HIDDEN', async () => {
    const doc = structuredClone(F.badge);
    const second = doc.credentialStatus[1];
    second['https://www.w3.org/ns/credentials/status#statusPurpose'] = second.statusPurpose;
    delete second.statusPurpose;
    assert.deepEqual(await checksOf(doc, ['signed-data']), [HIDDEN]);
  });

  test('a status entry of one type, written as its full IRI, is PROPERTY_HIDDEN', async () => {
    const doc = { ...F.typeStatus, credentialStatus: { type: 'https://www.w3.org/ns/credentials/status#BitstringStatusListEntry' } };
    assert.deepEqual(await checksOf(doc, ['signed-data']), [HIDDEN]);
  });

  test('a status written as {id: x}, which the view writes as x, says the same: passed', async () => {
    assert.deepEqual(await checksOf(F.idStatus, ['signed-data']), [{ id: 'signed-data', outcome: 'passed', message: SIGNED_DATA_PASSED }]);
  });

  test('a name an inline context adds (issuanceDate in VC 2.0) is another property than the date: passed', async () => {
    assert.deepEqual(await checksOf(F.addedIssuanceDate, ['signed-data']), [{ id: 'signed-data', outcome: 'passed', message: SIGNED_DATA_PASSED }]);
  });
});

describe('the issuer shown', () => {
  test('an authentic credential whose issuer is a bare id: no name and no url', async () => {
    const result = await verify(F.vc);
    assert.deepEqual(result.issuer, { id: ISSUER, name: null, url: null, verified: true });
  });

  test('an unauthentic credential: its issuer id only, its name and url not shown', async () => {
    const result = await verify({ ...F.badge, name: 'Forged' });
    assert.deepEqual(result.issuer, { id: ISSUER, name: null, url: null, verified: false });
  });
});

describe('the result', () => {
  test('what is not a JSON object: no issuer, no status, no endorsements', async () => {
    const result = await verify(42);
    assert.equal(result.state, 'invalid');
    assert.deepEqual(result.issuer, { id: null, name: null, url: null, verified: false });
    assert.deepEqual(result.status, []);
    assert.deepEqual(result.endorsements, []);
    assert.equal(result.validUntil, null);
  });

  test('a credential without status or endorsements has empty lists of them', async () => {
    const result = await verify(F.vc);
    assert.deepEqual(result.status, []);
    assert.deepEqual(result.endorsements, []);
    assert.deepEqual(plain(checkOf(result, 'revocation')), STATUS_NONE);
  });

  test('without a document loader: error, with the reason, the moment asked for and no issuer', async () => {
    const result = await verifyCredential(F.vc, { now: NOW });
    assert.equal(result.state, 'error');
    assert.deepEqual(plain(result.checks), [{ id: 'internal', outcome: 'failed', message: INTERNAL, detail: { error: 'options.documentLoader is required' } }]);
    assert.deepEqual(result.issuer, { id: null, name: null, url: null, verified: false });
    assert.equal(result.checkedAt, '2026-03-01T12:00:00.000Z');
  });

  test('something thrown that is no Error is reported as written', async () => {
    const result = await verify({
      get issuer() {
        throw 'boom';
      },
    });
    assert.deepEqual(plain(result.checks), [{ id: 'internal', outcome: 'failed', message: INTERNAL, detail: { error: 'boom' } }]);
  });

  test('the back ends asked for are used: noble for Ed25519', async () => {
    const result = await verify(F.vc, { ed25519Backend: 'noble' });
    assert.deepEqual(checkOf(result, 'signature').detail, { backend: 'noble' });
  });

  test('the back ends asked for are used: an unknown gunzip back end is our own error', async () => {
    const result = await verify(F.badge, { gunzipBackend: 'bogus' });
    assert.equal(result.state, 'error');
    assert.deepEqual(plain(result.checks.at(-1)), { id: 'internal', outcome: 'failed', message: INTERNAL, detail: { error: 'unknown gunzip back end "bogus"' } });
  });
});

describe('credentials as text (JWT)', () => {
  test('a compact JWS is read as a JWT credential, not as JSON', async () => {
    const result = await verify(JWS);
    assert.deepEqual(plain(result.checks[0]), JSON_STRUCTURE_FAILED);
  });

  test('a token with ~ is an SD-JWT VC', async () => {
    const result = await verify(`${JWS}~`);
    assert.deepEqual(plain(result.checks[0]), SD_JWT_STRUCTURE_FAILED);
  });

  test('a byte order mark before a JWT or an SD-JWT VC is left out', async () => {
    assert.deepEqual(plain((await verify(`\uFEFF${JWS}`)).checks[0]), JSON_STRUCTURE_FAILED);
    assert.deepEqual(plain((await verify(`\uFEFF${JWS}~`)).checks[0]), SD_JWT_STRUCTURE_FAILED);
  });

  test('a byte order mark inside a JWT is not: its payload is not base64url', async () => {
    const result = await verify(`${JWS.slice(0, 11)}\uFEFF${JWS.slice(11)}`);
    assert.deepEqual(plain(result.checks[0]), {
      id: 'structure',
      outcome: 'failed',
      message: {
        nl: 'Dit is geen ondertekend credential (een JWT in compacte vorm): het deel payload is geen base64url-tekst.',
        en: 'This is not a signed credential (a JWT in compact form): its payload is not base64url text.',
      },
      detail: { problems: ['ENCODING'] },
    });
  });
});

// -- endorsements, and tokens with a real credential in them --------------------------------------

const OB_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
const ENDORSER = 'did:web:endorser.example';
const ENDORSER_DID_URL = 'https://endorser.example/.well-known/did.json';
const NESTED = 'did:web:nested.example';
const NESTED_DID_URL = 'https://nested.example/.well-known/did.json';
const ENDORSED_ID = 'urn:uuid:5e1d0c2b-0000-4000-8000-00000000e0e0';
const ENDORSED_HEADLINE = { nl: 'Onderschrijving van dit credential door Endorser Org: geverifieerd.', en: 'Endorsement of this credential by Endorser Org: verified.' };
const ENDORSED = [{ where: 'credential', endorser: { id: ENDORSER, name: 'Endorser Org' }, state: 'verified', about: true, headline: ENDORSED_HEADLINE }];
// 2026-01-01 and 2026-06-01: around NOW (2026-03-01), and both before this file was written.
const JAN_2026 = 1767225600;
const JUN_2026 = 1780272000;

/** An EndorsementCredential of ENDORSER (or `by`) about `subject`, its issuer's Profile with `profile` added; it ends on JUN_2026. */
function endorsementOf(subject, { by = ENDORSER, id = 'urn:uuid:5e1d0c2b-0000-4000-8000-0000000000e1', profile = {} } = {}) {
  return {
    '@context': OB_CONTEXT,
    id,
    type: ['VerifiableCredential', 'EndorsementCredential'],
    issuer: { id: by, type: ['Profile'], name: by === ENDORSER ? 'Endorser Org' : 'Nested Org', ...profile },
    validFrom: '2025-01-01T00:00:00Z',
    validUntil: '2026-06-01T00:00:00Z', // after NOW, before this file was written: verified only at NOW
    name: 'Endorsement',
    credentialSubject: { id: subject, type: ['EndorsementSubject'], endorsementComment: 'Meets our standards.' },
  };
}

/** A compact JWS of the fixture issuer's Ed25519 key (its did:web key-1), with this header added. */
async function issuerJws(header, payload) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload))).setProtectedHeader({ alg: 'EdDSA', kid: VM, ...header }).sign(KEY.privateKey);
}

const E = {};
describe('endorsements, and credentials as text', () => {
  before(async () => {
    const endorserKey = makeKey('endorser');
    const nestedKey = makeKey('nested endorser');
    // The endorsement's own endorsement (on its endorser's Profile): followed, it would fetch NESTED's DID document.
    const nested = await signDocument(endorsementOf(ENDORSER, { by: NESTED, id: 'urn:uuid:5e1d0c2b-0000-4000-8000-0000000000e2' }), { key: nestedKey, verificationMethod: `${NESTED}#key-1` });
    E.endorsement = await signDocument(endorsementOf(ENDORSED_ID, { profile: { endorsement: [nested] } }), { key: endorserKey, verificationMethod: `${ENDORSER}#key-1` });
    E.docs = {
      ...(await network()).docs,
      [ENDORSER_DID_URL]: didDocument(ENDORSER, [{ fragment: 'key-1', key: endorserKey }]),
      [NESTED_DID_URL]: didDocument(NESTED, [{ fragment: 'key-1', key: nestedKey }]),
    };
    E.badge = await signBadge(unsignedBadge({ id: ENDORSED_ID, endorsement: [E.endorsement] }));
    E.jwt = await issuerJws({ typ: 'vc+jwt' }, { ...unsignedBadge({ id: ENDORSED_ID, endorsement: [E.endorsement] }), iss: ISSUER, jti: ENDORSED_ID });
    E.plainJwt = await issuerJws({ typ: 'vc+jwt' }, { ...unsignedBadge({ id: ENDORSED_ID }), iss: ISSUER, jti: ENDORSED_ID });
    E.sdJwt = `${await issuerJws({ typ: 'dc+sd-jwt' }, { iss: ISSUER, vct: 'https://badges.example.org/vct/module', iat: JAN_2026, nbf: JAN_2026, exp: JUN_2026 })}~`;
  });

  const verifyOn = async (credential, extra = {}) => {
    const net = stubNetwork(E.docs);
    const result = await verify(credential, extra, net);
    return { result, asked: [...new Set(net.calls)].sort() };
  };

  test("an authentic credential's endorsement is verified by the same verifier, at the same moment, and its own endorsements are not followed", async () => {
    const { result, asked } = await verifyOn(E.badge);
    assert.equal(result.state, 'verified');
    assert.deepEqual(plain(result.endorsements), ENDORSED);
    assert.deepEqual(asked, [DID_URL, REVOCATION_URL, SUSPENSION_URL, ENDORSER_DID_URL]);
  });

  test('endorsements: false leaves the endorsements of a JSON credential alone', async () => {
    const { result, asked } = await verifyOn(E.badge, { endorsements: false });
    assert.equal(result.state, 'verified');
    assert.deepEqual(result.endorsements, []);
    assert.deepEqual(asked, [DID_URL, REVOCATION_URL, SUSPENSION_URL]);
  });

  test("a JWT credential's endorsement is verified by the same verifier, at the same moment, and its own endorsements are not followed", async () => {
    const { result, asked } = await verifyOn(E.jwt);
    assert.equal(result.state, 'verified');
    assert.deepEqual(plain(result.endorsements), ENDORSED);
    assert.deepEqual(asked, [DID_URL, REVOCATION_URL, SUSPENSION_URL, ENDORSER_DID_URL]);
  });

  test('endorsements: false leaves the endorsements of a JWT credential alone', async () => {
    const { result, asked } = await verifyOn(E.jwt, { endorsements: false });
    assert.equal(result.state, 'verified');
    assert.deepEqual(result.endorsements, []);
    assert.deepEqual(asked, [DID_URL, REVOCATION_URL, SUSPENSION_URL]);
  });

  test('white space and a byte order mark around a signed JWT credential are left out: it verifies', async () => {
    const { result } = await verifyOn(`\uFEFF \n${E.plainJwt}\r\n `);
    assert.equal(result.state, 'verified');
    assert.equal(result.credential.name, 'Data-analyse voor beleidsmakers');
  });

  test('an SD-JWT VC is verified at the moment asked for, with the network given: before its exp it is verified', async () => {
    const { result, asked } = await verifyOn(E.sdJwt);
    assert.equal(result.state, 'verified');
    assert.deepEqual(plain(checkOf(result, 'valid-until')), { id: 'valid-until', outcome: 'passed', message: { nl: 'Geldig tot 2026-06-01 00:00 UTC.', en: 'Valid until 2026-06-01 00:00 UTC.' } });
    assert.deepEqual(asked, [DID_URL]);
  });

  test('white space around an SD-JWT VC does not count toward the size limit, nor does a byte order mark', async () => {
    const { result } = await verifyOn(`\uFEFF${E.sdJwt}${' '.repeat(2 * 1024 * 1024)}`);
    assert.equal(result.state, 'verified');
  });

  test('a byte order mark inside an SD-JWT VC is not left out: its JWT is not base64url', async () => {
    const { result } = await verifyOn(`${JWS.slice(0, 11)}\uFEFF${JWS.slice(11)}~`);
    assert.deepEqual(plain(result.checks[0]), {
      id: 'structure',
      outcome: 'failed',
      message: {
        nl: 'Dit is geen correct opgebouwd SD-JWT VC: de door de uitgever ondertekende JWT is geen base64url-tekst.',
        en: 'This is not a well-formed SD-JWT VC: the issuer-signed JWT is not base64url text.',
      },
      detail: { code: 'JWS_ENCODING' },
    });
  });
});
