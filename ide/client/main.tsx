// Monaco's worker setup must be in place before any editor starts.
import './monaco-workers';
import 'graphiql/style.css';
import './page.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import { StrictMode, useEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { bearerToken, describeToken, TOKEN_STORAGE_KEY } from './token';

type Fetcher = GraphiQLProps['fetcher'];

/** The server sets this meta tag only in development (src/platform/ide.ts). */
const devToken = document.querySelector<HTMLMetaElement>('meta[name="crm-dev-token"]')?.content || null;

const DEFAULT_QUERY = `# Group CRM — put a bearer token in the field above, then run with Ctrl-Enter.
# \`npm run -s token -- <employeeNo>\` signs one; docs: the book icon on the left.
{
  viewer {
    name
    roles
    region { name }
  }
}
`;

/** Whether the operation GraphiQL runs is a subscription (those go over WebSocket). */
function isSubscription(query: string, operationName?: string | null): boolean {
  try {
    return getOperationAST(parse(query), operationName ?? undefined)?.operation === 'subscription';
  } catch {
    return false;
  }
}

/**
 * POSTs to the endpoint that served this page, with the token from the field (a header set in GraphiQL's own headers editor wins);
 * subscriptions go over WebSocket to the same path (graphql-ws), the token in `connection_init` (docs/subscriptions.md).
 */
function bearerFetcher(token: string): Fetcher {
  const ws = createClient({
    url: `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/graphql`,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    lazy: true,
    retryAttempts: 0,
  });
  return async (params, options) => {
    if (isSubscription(params.query, params.operationName)) {
      return ws.iterate({ query: params.query, operationName: params.operationName ?? undefined, variables: params.variables ?? undefined });
    }
    const response = await fetch('/graphql', {
      method: 'POST',
      headers: {
        accept: 'application/graphql-response+json, application/json',
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(options?.headers ?? {}),
      },
      body: JSON.stringify(params),
    });
    return response.json();
  };
}

function App() {
  const [draft, setDraft] = useState(() => bearerToken(localStorage.getItem(TOKEN_STORAGE_KEY), devToken));
  const [token, setToken] = useState(draft);
  // Applying a token re-fetches the schema: wait until the user stops typing.
  useEffect(() => {
    const timer = setTimeout(() => setToken(draft.trim()), 400);
    return () => clearTimeout(timer);
  }, [draft]);
  useEffect(() => {
    if (token) localStorage.setItem(TOKEN_STORAGE_KEY, token);
    else localStorage.removeItem(TOKEN_STORAGE_KEY);
  }, [token]);
  const fetcher = useMemo(() => bearerFetcher(token), [token]);

  return (
    <div className="crm-ide">
      {/* graphiql-container: GraphiQL's colours and fonts (CSS variables) reach only inside that class. */}
      <header className="crm-ide-bar graphiql-container">
        <span className="crm-ide-title">Group CRM</span>
        <label htmlFor="crm-token">Bearer token</label>
        <input
          id="crm-token"
          type="text"
          autoComplete="off"
          spellCheck={false}
          placeholder="paste a JWT (npm run -s token -- <employeeNo>)"
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        {devToken && draft !== devToken ? (
          <button type="button" onClick={() => setDraft(devToken)}>
            Use dev token
          </button>
        ) : null}
        <span className="crm-ide-who" data-testid="token-status">
          {describeToken(token, Date.now())}
        </span>
      </header>
      <main className="crm-ide-main">
        <GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />
      </main>
    </div>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
