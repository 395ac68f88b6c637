import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import './styles.css';

// The router's base is /admin/ (Vite's base); /admin without the slash is the same page.
const base = import.meta.env.BASE_URL;
if (window.location.pathname === base.replace(/\/$/, '')) {
  window.history.replaceState(null, '', base + window.location.search + window.location.hash);
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

void initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
