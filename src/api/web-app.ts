import fs from 'node:fs';
import path from 'node:path';
import express, { Router } from 'express';
import { PROJECT_ROOT } from '../config/project-root';

/** Where `npm run build` puts the bundled web app (scripts/build-web.js). */
export const WEB_DIR = path.join(PROJECT_ROOT, 'dist', 'web');

/**
 * Only this server's own origin: no script, style, font or request may reach another host (the app must
 * work offline, and a compromised page must not phone out). Images may also come from an https base map
 * that an analyst chooses in the settings; Leaflet positions its tiles with inline styles.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' blob: data: https:",
  "connect-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'self'",
].join('; ');

/** The web app at `/`: its files, and index.html for any other page path (the app routes in the browser). */
export function webApp(dir = WEB_DIR): Router {
  const r = Router();
  r.use((_req, res, next) => {
    res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    next();
  });
  r.use(express.static(dir, { index: 'index.html', maxAge: '1h' }));
  // A middleware, not a route: pages are the browser's business, and the API's route list stays the API's.
  r.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || /^\/(api\/|healthz$|readyz$|metrics$)/.test(req.path)) return next();
    const index = path.join(dir, 'index.html');
    if (!fs.existsSync(index)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return r;
}
