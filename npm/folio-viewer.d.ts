// Types of the `folio-viewer` package: importing it defines the <folio-viewer> custom element.
// Framework JSX typings: `folio-viewer/react` (React 19) and `folio-viewer/vue` (Vue 3).

/** Resolves once `<folio-viewer>` is defined (its Wasm and stylesheet loaded). */
export declare const ready: Promise<void>;

/** A share target's key (`share` attribute, `folio-share` events). */
export type FolioShareTarget =
  | 'wechat' | 'weibo' | 'qq' | 'qzone' | 'douban' | 'copy' | 'system'
  | 'x' | 'facebook' | 'linkedin' | 'telegram' | 'email' | 'print';

/** The element's attributes, as markup and frameworks set them (all optional). */
export interface FolioViewerAttributes {
  /** A data file (JSON in Folio's schema) or a packed archive (its folder ending in `/`, or its
   * `manifest.json`), relative to the page. Default: the demo data shipped with the package. */
  src?: string;
  /** An article id to open. */
  article?: string;
  /** A channel id to list. */
  channel?: string;
  /** An initial search. */
  q?: string;
  /** Articles per page, 1–200 (default 20). */
  'page-size'?: number | `${number}`;
  /** Interface language (default zh-CN). */
  lang?: 'zh-CN' | 'en';
  /** Colour theme (default: the reader's choice, else auto). */
  theme?: 'light' | 'dark' | 'auto';
  /** Share targets in order, comma-separated keys, e.g. `"wechat,weibo,copy"`. */
  share?: string;
  /** The address shared links start with (default: the page's own). */
  'base-url'?: string;
  /** `none`: the viewer keeps its state itself; `hash`: it owns `location.hash`. */
  routing?: 'none' | 'hash';
}

/** The detail of a `folio-navigate` event: the view the reader opened. */
export interface FolioNavigateDetail {
  view: 'list' | 'article' | 'not-found';
  /** The article's id, for an article; otherwise null. */
  article: string | null;
  /** For a list: its channel (null for all articles) and search. */
  channel?: string | null;
  q?: string | null;
}

/** The detail of a `folio-share` event: the target used and the URL shared. */
export interface FolioShareDetail {
  target: FolioShareTarget;
  url: string;
}

export type FolioNavigateEvent = CustomEvent<FolioNavigateDetail>;
export type FolioShareEvent = CustomEvent<FolioShareDetail>;

/** `<folio-viewer>`: each attribute is also a property reflecting it (`page-size` as
 * `pageSize`; `lang` is HTMLElement's own); setting null removes the attribute. */
export interface FolioViewerElement extends HTMLElement {
  src: string | null;
  article: string | null;
  channel: string | null;
  q: string | null;
  pageSize: string | null;
  theme: string | null;
  share: string | null;
  baseUrl: string | null;
  routing: string | null;
  addEventListener<K extends keyof FolioViewerEventMap>(
    type: K,
    listener: (this: FolioViewerElement, event: FolioViewerEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof FolioViewerEventMap>(
    type: K,
    listener: (this: FolioViewerElement, event: FolioViewerEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** The element's events, bubbling and composed (a listener on `document` hears them too). */
export interface FolioViewerEventMap extends HTMLElementEventMap {
  'folio-navigate': FolioNavigateEvent;
  'folio-share': FolioShareEvent;
}

declare global {
  interface HTMLElementTagNameMap {
    'folio-viewer': FolioViewerElement;
  }
  interface HTMLElementEventMap {
    'folio-navigate': FolioNavigateEvent;
    'folio-share': FolioShareEvent;
  }
  interface DocumentEventMap {
    'folio-navigate': FolioNavigateEvent;
    'folio-share': FolioShareEvent;
  }
}
