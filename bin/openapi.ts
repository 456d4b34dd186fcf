/**
 * `npm run openapi`: writes docs/openapi.json from the zod contract. A test fails when the committed file
 * and the contract drift apart; run this after changing `shared/api/contract.ts`.
 */
import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../shared/api/openapi';

export const OPENAPI_PATH = 'docs/openapi.json';
export const renderOpenApi = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

if (process.argv[1]?.endsWith('openapi.ts')) {
  writeFileSync(OPENAPI_PATH, renderOpenApi());
  console.log(`wrote ${OPENAPI_PATH}`);
}
