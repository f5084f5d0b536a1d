// A small issuing institution for the tests: a did:web issuer with one key, a micro-credential
// shaped like credsite's, and revocation / suspension lists, all served by an in-memory network.
import { bitstring, didDocument, makeKey, makeStatusList, signDocument, stubNetwork } from './sign.js';

export const HOST = 'badges.example.org';
export const ISSUER = `did:web:${HOST}`;
export const DID_URL = `https://${HOST}/.well-known/did.json`;
export const VM = `${ISSUER}#key-1`;
export const KEY = makeKey('issuer');
export const OTHER_KEY = makeKey('someone else');
export const REVOCATION_URL = `https://${HOST}/status/revocation.json`;
export const SUSPENSION_URL = `https://${HOST}/status/suspension.json`;
export const INDEX = 4242;
export const NOW = '2026-03-01T12:00:00Z';

export function unsignedBadge(overrides = {}) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'https://badges.example.org/c/6f1c3a0e-1b7e-4c59-9a43-0d2d2f7e8b11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Data-analyse voor beleidsmakers',
    issuer: {
      id: ISSUER,
      type: ['Profile'],
      name: 'Hogeschool Voorbeeld',
      url: 'https://badges.example.org/',
    },
    validFrom: '2025-06-30T10:00:00Z',
    credentialSubject: {
      type: ['AchievementSubject'],
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399',
          salt: 'Kosher',
        },
      ],
      achievement: {
        id: 'https://badges.example.org/modules/data-analyse',
        type: ['Achievement'],
        achievementType: 'MicroCredential',
        name: 'Data-analyse voor beleidsmakers',
        description: 'Analyse van beleidsdata met open tools — één module, 5 EC.',
        criteria: { id: 'https://badges.example.org/modules/data-analyse#criteria', narrative: 'Portfolio en mondeling examen.' },
        creditsAvailable: 5,
        inLanguage: 'nl',
        alignment: [
          {
            type: ['Alignment'],
            targetName: 'EQF level 6',
            targetUrl: 'http://data.europa.eu/snb/eqf/6',
            targetFramework: 'European Qualifications Framework',
          },
        ],
      },
    },
    credentialStatus: [
      {
        id: `${REVOCATION_URL}#${INDEX}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(INDEX),
        statusListCredential: REVOCATION_URL,
      },
      {
        id: `${SUSPENSION_URL}#${INDEX}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListIndex: String(INDEX),
        statusListCredential: SUSPENSION_URL,
      },
    ],
    ...overrides,
  };
}

export function signBadge(unsigned = unsignedBadge(), options = {}) {
  return signDocument(unsigned, { key: KEY, verificationMethod: VM, ...options });
}

/**
 * The issuer's published documents. `revoked` / `suspended` list the set indexes; `did` replaces
 * the DID document; `lists` overrides individual list documents (or Errors for unreachable ones).
 */
export async function network({ revoked = [], suspended = [], did, lists = {} } = {}) {
  const set = (indexes) => Object.fromEntries(indexes.map((i) => [i, 1]));
  const docs = {
    [DID_URL]: did ?? didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }]),
    [REVOCATION_URL]: await makeStatusList({
      url: REVOCATION_URL,
      issuer: ISSUER,
      purpose: 'revocation',
      key: KEY,
      verificationMethod: VM,
      bits: bitstring({ set: set(revoked) }),
    }),
    [SUSPENSION_URL]: await makeStatusList({
      url: SUSPENSION_URL,
      issuer: ISSUER,
      purpose: 'suspension',
      key: KEY,
      verificationMethod: VM,
      bits: bitstring({ set: set(suspended) }),
    }),
    ...lists,
  };
  return stubNetwork(docs);
}

/** The check with `id` from a result, or a test failure naming the ids that exist. */
export function checkOf(result, id) {
  const c = result.checks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}; have ${result.checks.map((x) => x.id).join(', ')}`);
  return c;
}
