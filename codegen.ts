import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed clients (issue 16): TypedDocumentNodes for the example operations,
 * from the committed schema. `npm run codegen` writes them; `npm run
 * codegen:check` (CI) fails when the committed output is stale.
 */
const client = {
  preset: 'client',
  presetConfig: { fragmentMasking: false },
  config: {
    // Our scalars as they travel in JSON (docs/api.md: Scalars): money is a string with two decimals, never a float.
    scalars: { DateTime: 'string', Date: 'string', Decimal: 'string' },
    strictScalars: true,
    enumsAsTypes: true,
    useTypeImports: true,
  },
} as const;

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  ignoreNoDocuments: false,
  generates: {
    'examples/partner-portal/generated/': { ...client, documents: 'examples/partner-portal/*.graphql' },
    'examples/account-manager/generated/': { ...client, documents: 'examples/account-manager/*.graphql' },
  },
};

export default config;
