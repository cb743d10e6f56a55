import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StudioApp } from './app/studio-app.tsx';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StudioApp />
  </StrictMode>,
);
