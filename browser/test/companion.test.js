// credsite's one-entry convention: a credential carries a single revocation entry (Open Badges
// 3.0 allows one credentialStatus); suspension lives in a companion list with the same index at
// status/suspension-<n>.json beside status/revocation-<n>.json. The Python verifier follows the
// same rules (credsite/standards/verification.py).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyCredential } from '../src/verifier/index.js';
import { suspensionCompanion } from '../src/verifier/status.js';
import { documentLoader } from './helpers/contexts.js';
import { bitstring, didDocument, makeStatusList, signDocument, stubNetwork } from './helpers/sign.js';
import { DID_URL, HOST, INDEX, ISSUER, KEY, NOW, OTHER_KEY, VM, checkOf, unsignedBadge } from './helpers/fixtures.js';

const REVOCATION = `https://${HOST}/status/revocation-1.json`;
const SUSPENSION = `https://${HOST}/status/suspension-1.json`;

function entry() {
  return {
    id: `${REVOCATION}#${INDEX}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(INDEX),
    statusListCredential: REVOCATION,
  };
}

async function credential() {
  return signDocument(unsignedBadge({ credentialStatus: entry() }), { key: KEY, verificationMethod: VM });
}

async function list(url, purpose, set = [], key = KEY) {
  const bits = bitstring({ set: Object.fromEntries(set.map((i) => [i, 1])) });
  return makeStatusList({ url, issuer: ISSUER, purpose, key, verificationMethod: VM, bits });
}

async function verify(docs) {
  const net = stubNetwork({ [DID_URL]: didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }]), ...docs });
  return { result: await verifyCredential(await credential(), { documentLoader, fetchJson: net.fetchJson, now: NOW }), net };
}

test('the companion of a credsite revocation entry is its suspension list at the same index', () => {
  const companion = suspensionCompanion([entry()]);
  assert.equal(companion.statusPurpose, 'suspension');
  assert.equal(companion.statusListCredential, SUSPENSION);
  assert.equal(companion.statusListIndex, String(INDEX));
  assert.equal(suspensionCompanion([{ ...entry(), statusListCredential: 'https://x/lists/rev.json' }]), null);
  assert.equal(suspensionCompanion([entry(), entry()]), null);
  assert.equal(suspensionCompanion([{ ...entry(), statusPurpose: 'suspension' }]), null);
});

test('a set bit in the companion list makes the credential suspended', async () => {
  const { result, net } = await verify({
    [REVOCATION]: await list(REVOCATION, 'revocation'),
    [SUSPENSION]: await list(SUSPENSION, 'suspension', [INDEX]),
  });
  assert.equal(result.state, 'suspended');
  assert.equal(checkOf(result, 'suspension').outcome, 'failed');
  assert.deepEqual(net.calls, [DID_URL, REVOCATION, SUSPENSION]);
});

test('a clear companion list: verified', async () => {
  const { result } = await verify({
    [REVOCATION]: await list(REVOCATION, 'revocation'),
    [SUSPENSION]: await list(SUSPENSION, 'suspension', [INDEX + 1]),
  });
  assert.equal(result.state, 'verified');
  assert.equal(checkOf(result, 'suspension').outcome, 'passed');
});

test('no companion list published: the issuer does not suspend, so verified', async () => {
  const { result } = await verify({ [REVOCATION]: await list(REVOCATION, 'revocation') });
  assert.equal(result.state, 'verified');
  assert.equal(checkOf(result, 'suspension').outcome, 'passed');
});

test('a companion list the server cannot give (HTTP 500) leaves the suspension unknown', async () => {
  const { result } = await verify({
    [REVOCATION]: await list(REVOCATION, 'revocation'),
    [SUSPENSION]: Object.assign(new Error('HTTP 500'), { status: 500 }),
  });
  assert.equal(result.state, 'status-unknown');
  assert.equal(checkOf(result, 'suspension').outcome, 'not-checked');
});

test('a companion list signed by someone else cannot be trusted: status unknown', async () => {
  const { result } = await verify({
    [REVOCATION]: await list(REVOCATION, 'revocation'),
    [SUSPENSION]: await list(SUSPENSION, 'suspension', [], OTHER_KEY),
  });
  assert.equal(result.state, 'status-unknown');
  assert.equal(checkOf(result, 'suspension').outcome, 'not-checked');
});

test('revocation wins over suspension', async () => {
  const { result } = await verify({
    [REVOCATION]: await list(REVOCATION, 'revocation', [INDEX]),
    [SUSPENSION]: await list(SUSPENSION, 'suspension', [INDEX]),
  });
  assert.equal(result.state, 'revoked');
});
