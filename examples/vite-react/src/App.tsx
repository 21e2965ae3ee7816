import { useEffect, useRef, useState } from 'react';
// Defines <folio-viewer>; its types, and its JSX typing for React.
import 'folio-viewer';
import type { FolioNavigateEvent, FolioViewerElement } from 'folio-viewer';
import type {} from 'folio-viewer/react';

export function App() {
  const viewer = useRef<FolioViewerElement>(null);
  const [lang, setLang] = useState<'zh-CN' | 'en'>('zh-CN');
  const [opened, setOpened] = useState<string | null>(null);

  // Folio's events bubble out of its shadow root: listen on the element.
  useEffect(() => {
    const element = viewer.current;
    if (!element) return;
    const onNavigate = (event: FolioNavigateEvent) => setOpened(event.detail.article ?? event.detail.view);
    element.addEventListener('folio-navigate', onNavigate);
    return () => element.removeEventListener('folio-navigate', onNavigate);
  }, []);

  return (
    <main>
      <h1>Folio in React</h1>
      <button type="button" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
        {lang === 'en' ? '中文界面' : 'English interface'}
      </button>
      <p role="status">{opened ? `Opened: ${opened}` : 'Nothing opened yet'}</p>
      {/* Without src it shows the demo articles shipped in the package. */}
      <folio-viewer ref={viewer} lang={lang} page-size={5} share="weibo,copy" />
    </main>
  );
}
