import { createRoot } from 'react-dom/client';
import { SessionProvider } from './auth/session';
import { App } from './ui/App';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <SessionProvider>
    <App />
  </SessionProvider>,
);
