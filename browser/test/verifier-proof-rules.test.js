// The proof half of the browser verifier's report (verifier.js, structure … signature): which check,
// outcome, whole message in both languages and detail each kind of credential, proof, proof set,
// vocabulary, key, key owner and key date gets. Credentials are signed once for the file; the variants
// change the JSON, the proof or the network (in memory) around that one signature.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyCredential } from '../src/verifier/index.js';
import { base58Encode } from '../src/verifier/base58.js';
import { documentLoader } from './helpers/contexts.js';
import { didDocument, stubNetwork } from './helpers/sign.js';
import { throwawayKey } from './helpers/suite-check.js';
import { DID_URL, ISSUER, KEY, NOW, network, signBadge, unsignedBadge } from './helpers/fixtures.js';

const NET = await network();
const SIGNED = await signBadge();
const PROOF = SIGNED.proof;
const DID_KEY = `did:key:${KEY.publicKeyMultibase}`;
const BY_DID_KEY = { ...PROOF, verificationMethod: `${DID_KEY}#${KEY.publicKeyMultibase}` };
const NO_KEYS = stubNetwork({});

/** The issuer's did:web key, the document that publishes it, and the detail of issuer-key when that key is found. */
const WEB_KEY = 'did:web:badges.example.org#key-1';
const WEB_KEY_DOCUMENT = 'https://badges.example.org/.well-known/did.json';
const WEB_KEY_FOUND = { verificationMethod: WEB_KEY, controller: 'did:web:badges.example.org', method: 'did:web', documentUrl: WEB_KEY_DOCUMENT, local: false };
/** The message of issuer-key when the key document could not be fetched. */
const KEY_DOCUMENT_NOT_FETCHED = {
  nl: 'De openbare sleutel van de uitgever kon niet worden opgehaald van https://badges.example.org/.well-known/did.json, dus de handtekening kon niet worden gecontroleerd. Probeer het later opnieuw.',
  en: 'Could not fetch the issuer\'s public key from https://badges.example.org/.well-known/did.json, so the signature could not be checked. Try again later.',
};

// Checks that several cases expect word for word: what is not checked when the proof names no key,
// when the key could not be established, and when the signature cannot be checked.
const ISSUER_KEY_NOT_NAMED = {
  id: 'issuer-key',
  outcome: 'not-checked',
  message: {
    nl: 'Niet gecontroleerd, omdat de handtekening geen sleutel noemt.',
    en: 'Not checked, because the signature does not name a key.',
  },
};
/** Why key-controller and key-status are not checked when the key could not be established. */
const KEY_NOT_ESTABLISHED = {
  nl: 'Niet gecontroleerd, omdat de sleutel niet kon worden vastgesteld.',
  en: 'Not checked, because the key could not be established.',
};
const KEY_CONTROLLER_NOT_ESTABLISHED = { id: 'key-controller', outcome: 'not-checked', message: KEY_NOT_ESTABLISHED };
const KEY_STATUS_NOT_ESTABLISHED = { id: 'key-status', outcome: 'not-checked', message: KEY_NOT_ESTABLISHED };
const SIGNATURE_NOT_CHECKED = {
  id: 'signature',
  outcome: 'not-checked',
  message: {
    nl: 'De handtekening kon niet worden gecontroleerd (zie de controles hierboven).',
    en: 'The signature could not be checked (see the checks above).',
  },
};
/** key-controller and key-status both need the key: when it could not be established, neither is checked. */
const KEY_CHECKS_NOT_ESTABLISHED = [KEY_CONTROLLER_NOT_ESTABLISHED, KEY_STATUS_NOT_ESTABLISHED];

function verify(credential, net = NET) {
  return verifyCredential(credential, { documentLoader, fetchJson: net ? net.fetchJson : undefined, now: NOW, ed25519Backend: 'webcrypto' });
}

/** The issuer's DID document with its one key changed by `extra` (or its assertionMethod by `options`). */
function keyNetwork(extra, options) {
  return stubNetwork({ [DID_URL]: didDocument(ISSUER, [{ fragment: 'key-1', key: KEY, extra }], options) });
}

/** 'z' + base58btc of the bytes: a publicKeyMultibase. */
function multibase(bytes) {
  return `z${base58Encode(Uint8Array.from(bytes))}`;
}

/** The credential with its issuer left out. */
function withoutIssuer(credential) {
  const { issuer, ...rest } = credential;
  return rest;
}

/** The checks of `result` with these ids, in this order. */
function checksOf(result, ids) {
  return ids.map((id) => result.checks.find((c) => c.id === id));
}

async function expectChecks(credential, net, expected) {
  const result = await verify(credential, net);
  assert.deepEqual(checksOf(result, expected.map((c) => c.id)), expected);
  return result;
}

const V11_CONTEXT = ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];

function withoutValidFrom(credential) {
  const { validFrom, ...rest } = credential;
  return rest;
}

function withoutProof(credential) {
  const { proof, ...rest } = credential;
  return rest;
}

test('a signed Open Badge whose status is a list: structure warns of the list, every proof check passes with its own message', async () => {
  await expectChecks(SIGNED, NET, [
    {
      id: 'structure',
      outcome: 'warning',
      message: {
        nl: 'Dit is een correct opgebouwd Open Badges 3.0-credential. Verifiable Credentials staat toe wat het schrijft, maar het strengere JSON-schema van Open Badges 3.0 niet: de status (credentialStatus) als lijst geschreven, waar het schema één vermelding wil. Het is ondertekend en wordt gelezen zoals het er staat.',
        en: 'This is a well-formed Open Badges 3.0 credential. Verifiable Credentials allows what it writes, but the stricter Open Badges 3.0 JSON Schema does not: its status (credentialStatus) written as a list, where the schema wants one entry. It is signed and read as written.',
      },
      detail: { notes: [{ code: 'STATUS_LIST', paths: [] }] },
    },
    {
      id: 'proof-format',
      outcome: 'passed',
      message: {
        nl: 'Het credential draagt een digitale handtekening van een soort die deze pagina controleert (Data Integrity, eddsa-rdfc-2022).',
        en: 'The credential carries a digital signature of a kind this page checks (Data Integrity, eddsa-rdfc-2022).',
      },
    },
    {
      id: 'contexts',
      outcome: 'passed',
      message: {
        nl: 'Alle gegevens in het credential gebruiken woordenlijsten die deze pagina kent, dus elk veld valt onder de handtekening.',
        en: 'All data in the credential uses vocabularies this page knows, so every field is covered by the signature.',
      },
    },
    {
      id: 'issuer-key',
      outcome: 'passed',
      message: {
        nl: 'De sleutel waarmee is ondertekend, wordt door de eigenaar gepubliceerd op https://badges.example.org/.well-known/did.json en is bevoegd om credentials uit te geven.',
        en: 'The signing key is published by its owner at https://badges.example.org/.well-known/did.json and is authorised for issuing credentials.',
      },
      detail: WEB_KEY_FOUND,
    },
    {
      id: 'key-controller',
      outcome: 'passed',
      message: {
        nl: 'De sleutel hoort bij de uitgever die in het credential staat (did:web:badges.example.org).',
        en: 'The key belongs to the issuer named in the credential (did:web:badges.example.org).',
      },
    },
    {
      id: 'key-status',
      outcome: 'passed',
      message: {
        nl: 'De uitgever heeft de sleutel waarmee is ondertekend niet als gecompromitteerd of verlopen gemarkeerd.',
        en: 'The issuer has not marked the signing key as compromised or expired.',
      },
    },
    {
      id: 'signature',
      outcome: 'passed',
      message: {
        nl: 'De digitale handtekening klopt: er is niets in het credential veranderd sinds het werd ondertekend.',
        en: 'The digital signature is valid: nothing in the credential has changed since it was signed.',
      },
      detail: { backend: 'webcrypto' },
    },
  ]);
});

test('value objects at two paths are one note naming both paths, then the status-list note, after the well-formed sentence', async () => {
  await expectChecks({ ...unsignedBadge({ name: { '@value': 'Data', '@language': 'nl' } }), credentialSubject: { ...unsignedBadge().credentialSubject, achievement: { ...unsignedBadge().credentialSubject.achievement, name: { '@value': 'Data', '@language': 'nl' } } } }, NET, [
    {
      id: 'structure',
      outcome: 'warning',
      message: {
        nl: 'Dit is een correct opgebouwd Open Badges 3.0-credential. Verifiable Credentials staat toe wat het schrijft, maar het strengere JSON-schema van Open Badges 3.0 niet: credentialSubject.achievement.name, name als waarde-object geschreven (een tekst met taal, schrijfrichting of type), waar het schema gewone tekst wil; de status (credentialStatus) als lijst geschreven, waar het schema één vermelding wil. Het is ondertekend en wordt gelezen zoals het er staat.',
        en: 'This is a well-formed Open Badges 3.0 credential. Verifiable Credentials allows what it writes, but the stricter Open Badges 3.0 JSON Schema does not: credentialSubject.achievement.name, name written as a value object (a text with its language, direction or type), where the schema wants plain text; its status (credentialStatus) written as a list, where the schema wants one entry. It is signed and read as written.',
      },
      detail: { notes: [{ code: 'VALUE_OBJECT', paths: ['credentialSubject.achievement.name', 'name'] }, { code: 'STATUS_LIST', paths: [] }] },
    },
  ]);
});

test('a plain verifiable credential with one status entry passes structure without a note', async () => {
  await expectChecks(unsignedBadge({ type: ['VerifiableCredential'], credentialStatus: unsignedBadge().credentialStatus[0] }), NET, [
    {
      id: 'structure',
      outcome: 'passed',
      message: {
        nl: 'Dit is een correct opgebouwd verifieerbaar credential.',
        en: 'This is a well-formed verifiable credential.',
      },
    },
  ]);
});

test('an Open Badge in the VC 1.1 data model is named as the older format', async () => {
  await expectChecks({ ...withoutValidFrom(unsignedBadge({ '@context': V11_CONTEXT, issuanceDate: '2025-06-30T10:00:00Z' })) }, NET, [
    {
      id: 'structure',
      outcome: 'warning',
      message: {
        nl: 'Dit is een correct opgebouwd Open Badges 3.0-credential in het oudere formaat Verifiable Credentials 1.1. Verifiable Credentials staat toe wat het schrijft, maar het strengere JSON-schema van Open Badges 3.0 niet: de status (credentialStatus) als lijst geschreven, waar het schema één vermelding wil. Het is ondertekend en wordt gelezen zoals het er staat.',
        en: 'This is a well-formed Open Badges 3.0 credential in the older Verifiable Credentials 1.1 format. Verifiable Credentials allows what it writes, but the stricter Open Badges 3.0 JSON Schema does not: its status (credentialStatus) written as a list, where the schema wants one entry. It is signed and read as written.',
      },
      detail: { notes: [{ code: 'STATUS_LIST', paths: [] }] },
    },
  ]);
});

test('a plain credential in the VC 1.1 data model is named as the older format, without notes', async () => {
  await expectChecks(withoutValidFrom(unsignedBadge({ '@context': V11_CONTEXT, type: ['VerifiableCredential'], issuanceDate: '2025-06-30T10:00:00Z' })), NET, [
    {
      id: 'structure',
      outcome: 'passed',
      message: {
        nl: 'Dit is een correct opgebouwd verifieerbaar credential in het oudere formaat Verifiable Credentials 1.1.',
        en: 'This is a well-formed verifiable credential in the older Verifiable Credentials 1.1 format.',
      },
    },
  ]);
});

test('a Data Integrity proof of an unknown cryptosuite is unsupported, naming the suite and the supported ones', async () => {
  await expectChecks({ ...SIGNED, proof: { ...PROOF, cryptosuite: 'foo-2099' } }, NET, [
    {
      id: 'proof-format',
      outcome: 'unsupported',
      message: {
        nl: 'De handtekening gebruikt een methode die deze pagina niet controleert ("foo-2099"); alleen eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020, eddsa-2022 wordt ondersteund. Dus kan hier niet worden nagegaan of het credential echt is.',
        en: 'The signature uses a method this page does not check ("foo-2099"); only eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020, eddsa-2022 is supported. So whether the credential is authentic cannot be checked here.',
      },
      detail: { problems: ['PROOF_CRYPTOSUITE'] },
    },
  ]);
});

test('a Data Integrity proof without a cryptosuite is unsupported, its suite written as a dash', async () => {
  await expectChecks({ ...SIGNED, proof: { ...PROOF, cryptosuite: undefined } }, NET, [
    {
      id: 'proof-format',
      outcome: 'unsupported',
      message: {
        nl: 'De handtekening gebruikt een methode die deze pagina niet controleert (—); alleen eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020, eddsa-2022 wordt ondersteund. Dus kan hier niet worden nagegaan of het credential echt is.',
        en: 'The signature uses a method this page does not check (—); only eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020, eddsa-2022 is supported. So whether the credential is authentic cannot be checked here.',
      },
      detail: { problems: ['PROOF_CRYPTOSUITE'] },
    },
  ]);
});

test('a proof without a type is unsupported, its kind written as a dash', async () => {
  await expectChecks({ ...SIGNED, proof: { ...PROOF, type: undefined } }, NET, [
    {
      id: 'proof-format',
      outcome: 'unsupported',
      message: {
        nl: 'De handtekening is van een soort die deze pagina niet controleert (—); alleen Data Integrity-handtekeningen worden ondersteund. Dus kan hier niet worden nagegaan of het credential echt is.',
        en: 'The signature is of a kind this page does not check (—); only Data Integrity proofs are supported. So whether the credential is authentic cannot be checked here.',
      },
      detail: { problems: ['PROOF_TYPE'] },
    },
  ]);
});

test('a proof for another purpose and past its expiry fails proof-format with both sentences, the expiry date named', async () => {
  await expectChecks({ ...SIGNED, proof: { ...PROOF, expires: '2026-01-01T00:00:00Z', proofPurpose: 'authentication' } }, NET, [
    {
      id: 'proof-format',
      outcome: 'failed',
      message: {
        nl: 'De handtekening is niet gezet om credentials uit te geven (het doel is "authentication"). De handtekening zelf is sinds 2026-01-01T00:00:00Z niet meer geldig.',
        en: 'The signature was not made for issuing credentials (its purpose is "authentication"). The signature itself stopped being valid on 2026-01-01T00:00:00Z.',
      },
      detail: { problems: ['PROOF_PURPOSE', 'PROOF_EXPIRED'] },
    },
  ]);
});

test('a proof under the pre-standard suite name eddsa-2022 warns, naming both names', async () => {
  await expectChecks({ ...SIGNED, proof: { ...PROOF, cryptosuite: 'eddsa-2022' } }, NET, [
    {
      id: 'proof-format',
      outcome: 'warning',
      message: {
        nl: 'Het credential draagt een digitale handtekening van een soort die deze pagina controleert, onder de naam eddsa-2022 die de methode had voordat ze een standaard werd; de standaardnaam is eddsa-rdfc-2022.',
        en: 'The credential carries a digital signature of a kind this page checks, under the name eddsa-2022 its method had before it was standardised; the standard name is eddsa-rdfc-2022.',
      },
      detail: { problems: [] },
    },
  ]);
});

test('no proof: proof-format fails, and contexts, issuer-key, key-controller, key-status and signature are not checked', async () => {
  await expectChecks(withoutProof(SIGNED), NET, [
    {
      id: 'proof-format',
      outcome: 'failed',
      message: {
        nl: 'Het credential heeft geen digitale handtekening, dus niets bewijst wie het heeft uitgegeven.',
        en: 'The credential carries no digital signature, so nothing proves who issued it.',
      },
      detail: { problems: ['PROOF_MISSING'] },
    },
    {
      id: 'contexts',
      outcome: 'not-checked',
      message: {
        nl: 'Niet gecontroleerd, omdat het credential geen bruikbare handtekening heeft.',
        en: 'Not checked, because the credential carries no usable signature.',
      },
    },
    ISSUER_KEY_NOT_NAMED,
    ...KEY_CHECKS_NOT_ESTABLISHED,
    SIGNATURE_NOT_CHECKED,
  ]);
});

test('a set with a skipped proof of an unknown cryptosuite names it, then the chosen proof and its own sentence', async () => {
  await expectChecks({ ...SIGNED, proof: [{ ...PROOF, cryptosuite: 'foo-2099' }, PROOF] }, NET, [
    {
      id: 'proof-format',
      outcome: 'warning',
      message: {
        nl: 'Het credential heeft 2 handtekeningen: handtekening 1 is overgeslagen, omdat ze van een soort is die deze pagina niet controleert ("foo-2099"); handtekening 2 (eddsa-rdfc-2022) klopt. De controles hieronder zijn die van handtekening 2. Het credential draagt een digitale handtekening van een soort die deze pagina controleert (Data Integrity, eddsa-rdfc-2022).',
        en: 'The credential carries 2 signatures: signature 1 was skipped, because it is of a kind this page does not check ("foo-2099"); signature 2 (eddsa-rdfc-2022) is valid. The checks below are those of signature 2. The credential carries a digital signature of a kind this page checks (Data Integrity, eddsa-rdfc-2022).',
      },
      detail: { problems: [] },
    },
  ]);
});

test('a set with a proof that is not an object fails as damaged, with no per-proof notes', async () => {
  await expectChecks({ ...SIGNED, proof: [PROOF, 'x'] }, NET, [
    {
      id: 'proof-format',
      outcome: 'failed',
      message: {
        nl: 'Het credential heeft 2 handtekeningen, en handtekening 2 is beschadigd (het is geen JSON-object).',
        en: 'The credential carries 2 signatures, and signature 2 is damaged (it is not a JSON object).',
      },
      detail: { problems: ['PROOF_SET_MALFORMED'] },
    },
  ]);
});

test('a set of proofs of unknown types only is unsupported: none can be checked', async () => {
  await expectChecks({ ...SIGNED, proof: [{ type: 'SomeProofType', proofPurpose: 'assertionMethod' }, { type: 'Other' }] }, NET, [
    {
      id: 'proof-format',
      outcome: 'unsupported',
      message: {
        nl: 'Het credential heeft 2 handtekeningen, geen van een soort die deze pagina controleert. Dus kan hier niet worden nagegaan of het echt is.',
        en: 'The credential carries 2 signatures, none of a kind this page checks. So whether it is authentic cannot be checked here.',
      },
      detail: { problems: ['PROOF_TYPE', 'PROOF_TYPE'] },
    },
  ]);
});

test('a set of unknown kinds where one also has a wrong purpose fails, with every problem of every proof', async () => {
  await expectChecks({ ...SIGNED, proof: [{ ...PROOF, cryptosuite: 'foo-2099', proofPurpose: 'authentication' }, { type: 'SomeProofType', proofPurpose: 'assertionMethod' }] }, NET, [
    {
      id: 'proof-format',
      outcome: 'failed',
      message: {
        nl: 'Het credential heeft 2 handtekeningen, geen van een soort die deze pagina controleert. De handtekening gebruikt een methode die deze pagina niet controleert ("foo-2099"); alleen eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020, eddsa-2022 wordt ondersteund. De handtekening is niet gezet om credentials uit te geven (het doel is "authentication"). De handtekening is van een soort die deze pagina niet controleert ("SomeProofType"); alleen Data Integrity-handtekeningen worden ondersteund.',
        en: 'The credential carries 2 signatures, none of a kind this page checks. The signature uses a method this page does not check ("foo-2099"); only eddsa-rdfc-2022, eddsa-jcs-2022, ecdsa-rdfc-2019, Ed25519Signature2020, eddsa-2022 is supported. The signature was not made for issuing credentials (its purpose is "authentication"). The signature is of a kind this page does not check ("SomeProofType"); only Data Integrity proofs are supported.',
      },
      detail: { problems: ['PROOF_CRYPTOSUITE', 'PROOF_PURPOSE', 'PROOF_TYPE'] },
    },
  ]);
});

test('two vocabularies the page does not carry make contexts unsupported, both named', async () => {
  await expectChecks({ ...SIGNED, '@context': [...SIGNED['@context'], 'https://a.example/ctx', 'https://b.example/ctx'] }, NET, [
    {
      id: 'contexts',
      outcome: 'unsupported',
      message: {
        nl: 'Het credential gebruikt woordenlijsten die deze pagina niet meelevert (https://a.example/ctx, https://b.example/ctx), dus kan hier niet worden nagegaan wat de gegevens betekenen, en dus ook de handtekening niet. Ze worden niet van internet gehaald, omdat een ander dan zou kunnen veranderen wat het credential betekent.',
        en: 'The credential uses vocabularies this page does not carry (https://a.example/ctx, https://b.example/ctx), so what its data means, and so its signature, cannot be checked here. They are not fetched from the internet, because then someone else could change what the credential means.',
      },
      detail: { code: 'UNSUPPORTED_CONTEXT', urls: ['https://a.example/ctx', 'https://b.example/ctx'] },
    },
  ]);
});

test('a field no vocabulary defines fails contexts, naming the field', async () => {
  await expectChecks({ ...SIGNED, foo: 1 }, NET, [
    {
      id: 'contexts',
      outcome: 'failed',
      message: {
        nl: 'Het credential bevat een veld, "foo", dat in geen enkele woordenlijst staat; het zou niet onder de handtekening vallen.',
        en: 'The credential contains a field, "foo", that no vocabulary defines; it would not be covered by the signature.',
      },
      detail: { code: 'UNDEFINED_TERM', term: 'foo' },
    },
  ]);
});

test('data lost in canonicalization fails contexts, naming the JSON-LD event', async () => {
  await expectChecks({ ...SIGNED, name: { '@value': 'x', '@language': 'not a language!' } }, NET, [
    {
      id: 'contexts',
      outcome: 'failed',
      message: {
        nl: 'Een deel van de gegevens in het credential zou bij verwerking verloren gaan (invalid @language value), dus het kan niet exact worden gecontroleerd.',
        en: 'Part of the credential\'s data would be lost when it is processed (invalid @language value), so it cannot be checked exactly.',
      },
      detail: { code: 'LOSSY_DATA', event: 'invalid @language value' },
    },
  ]);
});

test('data that is not JSON-LD fails contexts, naming the JSON-LD error code', async () => {
  await expectChecks({ ...SIGNED, id: 42 }, NET, [
    {
      id: 'contexts',
      outcome: 'failed',
      message: {
        nl: 'De gegevens in het credential kunnen niet als linked data worden verwerkt (invalid @id value).',
        en: 'The credential\'s data cannot be processed as linked data (invalid @id value).',
      },
      detail: { code: 'JSONLD_INVALID', jsonldCode: 'invalid @id value' },
    },
  ]);
});

test('an inline context breaking a rule fails contexts with the inline sentence and the rule sentence', async () => {
  await expectChecks({ ...SIGNED, '@context': [...SIGNED['@context'], { '@vocab': 'https://x.example/' }] }, NET, [
    {
      id: 'contexts',
      outcome: 'failed',
      message: {
        nl: 'Het credential definieert een eigen woordenlijst in het bestand zelf ({"@vocab":"https://x.example/"}). Alleen gepubliceerde woordenlijsten die deze pagina meelevert worden aanvaard, omdat woorden die in het credential zelf worden gedefinieerd kunnen verbergen of hernoemen wat de pagina controleert. Die gebruikt het linked-data-sleutelwoord @vocab, dat kan veranderen hoe de andere woorden worden gelezen.',
        en: 'The credential defines its own vocabulary inside the file ({"@vocab":"https://x.example/"}). Only published vocabularies this page carries are accepted, because words defined inside the credential can rename or hide what the page checks. It uses the linked-data keyword @vocab, which can change how the other words are read.',
      },
      detail: { code: 'INLINE_CONTEXT', value: '{"@vocab":"https://x.example/"}', rule: 'keyword', term: '@vocab' },
    },
  ]);
});

for (const [code, publicKeyMultibase] of [
  ['MULTIKEY_MISSING', 42],
  ['MULTIKEY_ENCODING', 'x123'],
  ['MULTIKEY_NOT_ED25519', multibase([0xe7, 0x01, ...new Uint8Array(33).fill(2)])],
  ['MULTIKEY_LENGTH', multibase([0xed, 0x01, ...new Uint8Array(31).fill(7)])],
  ['MULTIKEY_NOT_ON_CURVE', multibase([0xed, 0x01, 2, ...new Uint8Array(31)])],
  ['MULTIKEY_WEAK', multibase([0xed, 0x01, ...new Uint8Array(32)])],
]) {
  test(`a published key refused as ${code} fails issuer-key with the one invalid-Ed25519-key sentence`, async () => {
    await expectChecks(SIGNED, keyNetwork({ publicKeyMultibase }), [
      {
        id: 'issuer-key',
        outcome: 'failed',
        message: {
          nl: 'De gepubliceerde sleutel is geen geldige openbare Ed25519-sleutel.',
          en: 'The published key is not a valid Ed25519 public key.',
        },
        detail: { code, verificationMethod: WEB_KEY, documentUrl: WEB_KEY_DOCUMENT },
      },
    ]);
  });
}

test('a published P-256 key for an eddsa proof fails issuer-key naming the key kind and the suite; what needs the key is not checked', async () => {
  await expectChecks(SIGNED, keyNetwork({ publicKeyMultibase: throwawayKey('P-256').multikey }), [
    {
      id: 'issuer-key',
      outcome: 'failed',
      message: {
        nl: 'De gepubliceerde sleutel is van een soort (P-256) waarmee handtekeningen van deze methode (eddsa-rdfc-2022) niet worden gezet.',
        en: 'The published key is of a kind (P-256) that signatures of this method (eddsa-rdfc-2022) are not made with.',
      },
      detail: { code: 'KEY_TYPE', field: 'keyType', value: 'P-256', verificationMethod: WEB_KEY, documentUrl: WEB_KEY_DOCUMENT },
    },
    ...KEY_CHECKS_NOT_ESTABLISHED,
    SIGNATURE_NOT_CHECKED,
  ]);
});

test('a key authorised by a relative reference warns after the published-at sentence, the warning in the detail', async () => {
  await expectChecks(SIGNED, keyNetwork({}, { assertion: ['#key-1'] }), [
    {
      id: 'issuer-key',
      outcome: 'warning',
      message: {
        nl: 'De sleutel waarmee is ondertekend, wordt door de eigenaar gepubliceerd op https://badges.example.org/.well-known/did.json en is bevoegd om credentials uit te geven. Let op: het sleuteldocument machtigt de sleutel met een korte (relatieve) verwijzing in plaats van de volledige identificatie.',
        en: 'The signing key is published by its owner at https://badges.example.org/.well-known/did.json and is authorised for issuing credentials. Note: the key document authorises the key with a short (relative) reference instead of its full identifier.',
      },
      detail: { ...WEB_KEY_FOUND, warnings: ['ASSERTION_RELATIVE'] },
    },
  ]);
});

test('without a way to fetch, the key is not checked: unreachable, with the document address', async () => {
  await expectChecks(SIGNED, null, [
    {
      id: 'issuer-key',
      outcome: 'not-checked',
      message: KEY_DOCUMENT_NOT_FETCHED,
      detail: { code: 'NO_FETCH', verificationMethod: WEB_KEY, documentUrl: WEB_KEY_DOCUMENT },
    },
  ]);
});

test('a key document that cannot be fetched leaves issuer-key not checked, with its address', async () => {
  await expectChecks(SIGNED, NO_KEYS, [
    {
      id: 'issuer-key',
      outcome: 'not-checked',
      message: KEY_DOCUMENT_NOT_FETCHED,
      detail: { code: 'KEY_DOCUMENT_UNREACHABLE', verificationMethod: WEB_KEY, documentUrl: WEB_KEY_DOCUMENT },
    },
  ]);
});

test('a malformed key reference fails issuer-key naming it, with no document address', async () => {
  await expectChecks({ ...SIGNED, proof: { ...PROOF, verificationMethod: 'did:web:badges.example.org#a#b' } }, NO_KEYS, [
    {
      id: 'issuer-key',
      outcome: 'failed',
      message: {
        nl: 'De verwijzing naar de sleutel is onjuist opgebouwd (did:web:badges.example.org#a#b).',
        en: 'The reference to the signing key is malformed (did:web:badges.example.org#a#b).',
      },
      detail: { code: 'VM_SYNTAX', verificationMethod: 'did:web:badges.example.org#a#b' },
    },
  ]);
});

test('a key of an unsupported DID method fails issuer-key naming the method', async () => {
  await expectChecks({ ...SIGNED, proof: { ...PROOF, verificationMethod: 'did:foo:bar#k' } }, NO_KEYS, [
    {
      id: 'issuer-key',
      outcome: 'failed',
      message: {
        nl: 'Het credential is ondertekend met een soort sleutel die deze pagina niet kan opzoeken (did:foo); alleen did:web, did:key, did:jwk en https worden ondersteund.',
        en: 'The credential was signed with a kind of key this page cannot look up (did:foo); only did:web, did:key, did:jwk and https keys are supported.',
      },
      detail: { code: 'UNSUPPORTED_DID_METHOD', verificationMethod: 'did:foo:bar#k' },
    },
  ]);
});

test('a key document of another DID fails issuer-key naming both DIDs', async () => {
  await expectChecks(SIGNED, stubNetwork({ [DID_URL]: { ...didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }]), id: 'did:web:other.example' } }), [
    {
      id: 'issuer-key',
      outcome: 'failed',
      message: {
        nl: 'Het sleuteldocument op https://badges.example.org/.well-known/did.json hoort bij een ander (did:web:other.example), niet bij did:web:badges.example.org.',
        en: 'The key document at https://badges.example.org/.well-known/did.json belongs to someone else (did:web:other.example), not to did:web:badges.example.org.',
      },
      detail: { code: 'KEY_DOCUMENT_ID_MISMATCH', verificationMethod: WEB_KEY, documentUrl: WEB_KEY_DOCUMENT },
    },
  ]);
});

test('a key the document does not publish fails issuer-key naming the document checked', async () => {
  await expectChecks(SIGNED, stubNetwork({ [DID_URL]: didDocument(ISSUER, [{ fragment: 'key-2', key: KEY }]) }), [
    {
      id: 'issuer-key',
      outcome: 'failed',
      message: {
        nl: 'De sleutel waarmee is ondertekend, wordt niet door de eigenaar gepubliceerd (gecontroleerd: https://badges.example.org/.well-known/did.json).',
        en: 'The key that made this signature is not published by its owner (checked https://badges.example.org/.well-known/did.json).',
      },
      detail: { code: 'VM_NOT_FOUND', verificationMethod: WEB_KEY, documentUrl: WEB_KEY_DOCUMENT },
    },
  ]);
});

test('a proof naming no key: issuer-key not checked, and what needs the key neither', async () => {
  await expectChecks({ ...SIGNED, proof: { ...PROOF, verificationMethod: undefined } }, NET, [
    ISSUER_KEY_NOT_NAMED,
    ...KEY_CHECKS_NOT_ESTABLISHED,
  ]);
});

test('a did:key key passes issuer-key as contained in its identifier, but fails key-controller for a did:web issuer', async () => {
  await expectChecks({ ...SIGNED, proof: BY_DID_KEY }, NO_KEYS, [
    {
      id: 'issuer-key',
      outcome: 'passed',
      message: {
        nl: 'De sleutel waarmee is ondertekend, zit in de identificatie zelf (did:key).',
        en: 'The signing key is contained in the identifier itself (did:key).',
      },
      detail: {
        verificationMethod: 'did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj#z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj',
        controller: 'did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj',
        method: 'did:key',
        documentUrl: null,
        local: false,
      },
    },
    {
      id: 'key-controller',
      outcome: 'failed',
      message: {
        nl: 'De sleutel hoort bij did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj, niet bij de uitgever die in het credential staat (did:web:badges.example.org). Iedereen kan een naam in een credential zetten; alleen de eigen sleutel van de uitgever bewijst die.',
        en: 'The key belongs to did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj, not to the issuer named in the credential (did:web:badges.example.org). Anyone can write a name in a credential; only the issuer\'s own key proves it.',
      },
      detail: { expected: 'did:web:badges.example.org', actual: 'did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj' },
    },
  ]);
});

test('a did:key key for an issuer named by a URN warns: nothing ties the key to a name that publishes no key', async () => {
  await expectChecks({ ...SIGNED, issuer: 'urn:uuid:1234', proof: BY_DID_KEY }, NO_KEYS, [
    {
      id: 'key-controller',
      outcome: 'warning',
      message: {
        nl: 'Het credential is ondertekend met de sleutel did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj#z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj, maar de uitgever heet urn:uuid:1234, een naam die geen sleutel kan publiceren, dus niets verbindt de sleutel met de uitgever: wie de sleutel heeft, heeft het ondertekend. Vertrouw het alleen als u weet dat deze sleutel van de uitgever is.',
        en: 'The credential was signed with the key did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj#z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj, but its issuer is named urn:uuid:1234, a name that can publish no key, so nothing ties the key to the issuer: whoever holds the key signed it. Trust it only if you know this key is the issuer\'s.',
      },
      detail: {
        code: 'KEYLESS_ISSUER',
        expected: 'urn:uuid:1234',
        key: 'did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj#z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj',
        source: 'key',
      },
    },
  ]);
});

test('a did:key key for a credential without an issuer fails key-controller, the issuer written as a dash', async () => {
  await expectChecks({ ...withoutIssuer(SIGNED), proof: BY_DID_KEY }, NO_KEYS, [
    {
      id: 'key-controller',
      outcome: 'failed',
      message: {
        nl: 'De sleutel hoort bij did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj, niet bij de uitgever die in het credential staat (—). Iedereen kan een naam in een credential zetten; alleen de eigen sleutel van de uitgever bewijst die.',
        en: 'The key belongs to did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj, not to the issuer named in the credential (—). Anyone can write a name in a credential; only the issuer\'s own key proves it.',
      },
      detail: { expected: null, actual: 'did:key:z6Mkqs4xSamisETrFZJzaUz2XVNvyEUma2dybzy2FJaTUdDj' },
    },
  ]);
});

test('a key whose listed controller is another DID fails key-controller: a document publishes only its own keys', async () => {
  await expectChecks(SIGNED, stubNetwork({ [DID_URL]: didDocument(ISSUER, [{ fragment: 'key-1', key: KEY, controller: 'did:web:else.example' }]) }), [
    {
      id: 'key-controller',
      outcome: 'failed',
      message: {
        nl: 'De sleutel is gepubliceerd door did:web:badges.example.org, maar noemt did:web:else.example als eigenaar. Een document kan alleen zijn eigen sleutels publiceren, dus deze sleutel laat niet zien wie het credential heeft uitgegeven.',
        en: 'The key was published by did:web:badges.example.org, but names did:web:else.example as its owner. A document can only publish its own keys, so this key does not show who issued the credential.',
      },
      detail: { code: 'CONTROLLER_NOT_DOCUMENT', expected: 'did:web:badges.example.org', actual: 'did:web:badges.example.org', listed: 'did:web:else.example' },
    },
  ]);
});

test('a key revoked before the proof was made fails key-status with the revocation date', async () => {
  await expectChecks(SIGNED, keyNetwork({ revoked: '2024-01-01T00:00:00Z' }), [
    {
      id: 'key-status',
      outcome: 'failed',
      message: {
        nl: 'De uitgever heeft deze sleutel vanaf 2024-01-01T00:00:00Z als gecompromitteerd gemarkeerd. De handtekening is op of na dat moment gezet, of vermeldt niet wanneer, en telt daarom niet.',
        en: 'The issuer has marked this key as compromised from 2024-01-01T00:00:00Z. The signature was made at or after that moment, or does not say when, so it does not count.',
      },
      detail: { code: 'KEY_REVOKED', field: 'revoked', value: '2024-01-01T00:00:00Z' },
    },
  ]);
});

test('a key revoked and expiring after the proof was made warns twice, each with its date and the moment of signing', async () => {
  await expectChecks(SIGNED, keyNetwork({ revoked: '2025-06-01T00:00:00Z', expires: '2027-01-01T00:00:00Z' }), [
    {
      id: 'key-status',
      outcome: 'warning',
      message: {
        nl: 'Let op: de uitgever heeft deze sleutel vanaf 2025-06-01T00:00:00Z als gecompromitteerd gemarkeerd. Volgens de handtekening is die eerder gezet (2025-01-01T00:00:00Z), dus ze telt nog, maar wie de sleutel heeft gestolen, kan de datum hebben vervalst. Let op: deze sleutel is geldig tot 2027-01-01T00:00:00Z; de handtekening is daarvóór gezet (2025-01-01T00:00:00Z).',
        en: 'Note: the issuer marked this key as compromised from 2025-06-01T00:00:00Z. This signature says it was made earlier (2025-01-01T00:00:00Z), so it still counts, but a thief of the key could have back-dated it. Note: this key is only valid until 2027-01-01T00:00:00Z; the signature was made before that (2025-01-01T00:00:00Z).',
      },
      detail: { warnings: ['KEY_REVOKED_LATER', 'KEY_EXPIRES_LATER'] },
    },
  ]);
});

test('a changed credential fails the signature, naming the back end', async () => {
  await expectChecks({ ...SIGNED, name: 'Other' }, NET, [
    {
      id: 'signature',
      outcome: 'failed',
      message: {
        nl: 'De digitale handtekening klopt niet: het credential is na het ondertekenen veranderd, of met een andere sleutel ondertekend.',
        en: 'The digital signature does not match: the credential was changed after signing, or it was signed with another key.',
      },
      detail: { backend: 'webcrypto' },
    },
  ]);
});

test('the credential of a verified result is frozen all the way down', async () => {
  const result = await verify(SIGNED);
  assert.equal(result.state, 'verified');
  const achievement = result.credential.credentialSubject.achievement;
  assert.ok(Object.isFrozen(result.credential) && Object.isFrozen(achievement.alignment) && Object.isFrozen(achievement.alignment[0]));
  assert.throws(() => {
    achievement.name = 'Something else';
  }, TypeError);
  assert.equal(achievement.name, 'Data-analyse voor beleidsmakers');
});
