/** Registers the "WebSockets" panel in the browser's DevTools. */
import browser from 'webextension-polyfill';

browser.devtools.panels.create('WebSockets', '/icons/icon-32.png', '/src/panel/panel.html').catch(() => undefined);
