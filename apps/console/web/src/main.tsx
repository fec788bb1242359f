import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './App';
import { initI18n } from './i18n/i18n';
import { SessionProvider } from './session/session';
import './styles.css';

initI18n();

const queries = new QueryClient({
  defaultOptions: {
    // A refused token or a bad request does not get better by asking again.
    queries: {
      retry: (count, error) => count < 2 && !(error as { status?: number }).status,
      refetchOnWindowFocus: true,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <SessionProvider>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  </StrictMode>,
);
