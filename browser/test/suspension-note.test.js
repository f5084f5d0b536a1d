// A suspended credential's page says that other verifiers may show it as valid. credsite's
// credentials carry one status entry (Open Badges 3.0 allows one credentialStatus), for
// revocation; suspension is a companion list only credsite's verifiers check, so wallets and
// other verifiers (DCC's verifier-core, tests/test_other_verifiers.py) report a suspended
// credential as fine. The visitor who compares must know which answer to go by.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyCredential } from '../src/verifier/index.js';
import { documentLoader } from './helpers/contexts.js';
import { bitstring, didDocument, makeStatusList, signDocument, stubNetwork } from './helpers/sign.js';
import { DID_URL, HOST, INDEX, ISSUER, KEY, NOW, VM, checkOf, unsignedBadge } from './helpers/fixtures.js';

const REVOCATION = `https://${HOST}/status/revocation-1.json`;
const SUSPENSION = `https://${HOST}/status/suspension-1.json`;

async function list(url, purpose, set) {
  const bits = bitstring({ set: Object.fromEntries(set.map((i) => [i, 1])) });
  return makeStatusList({ url, issuer: ISSUER, purpose, key: KEY, verificationMethod: VM, bits });
}

test('a suspended credential says that other verifiers may not see the suspension', async () => {
  const entry = {
    id: `${REVOCATION}#${INDEX}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: 'revocation',
    statusListIndex: String(INDEX),
    statusListCredential: REVOCATION,
  };
  const credential = await signDocument(unsignedBadge({ credentialStatus: entry }), { key: KEY, verificationMethod: VM });
  const net = stubNetwork({
    [DID_URL]: didDocument(ISSUER, [{ fragment: 'key-1', key: KEY }]),
    [REVOCATION]: await list(REVOCATION, 'revocation', []),
    [SUSPENSION]: await list(SUSPENSION, 'suspension', [INDEX]),
  });
  const result = await verifyCredential(credential, { documentLoader, fetchJson: net.fetchJson, now: NOW });

  assert.equal(result.state, 'suspended');
  const { message } = checkOf(result, 'suspension');
  assert.match(message.en, /^Suspended: /);
  assert.match(message.en, /Other verifiers, such as wallets, may not check suspensions and can show it as valid/);
  assert.match(message.nl, /^Geschorst: /);
  assert.match(message.nl, /Andere controles, zoals die van wallets, kijken mogelijk niet naar schorsingen/);
});
