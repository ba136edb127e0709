import type restify from 'restify';
import type { Services } from '../services';
import { ID_PART } from '../services/model';
import { DOCX_CONTENT_TYPE, minutesFileName, verifyMinutesToken } from '../services/minutes';
import type { Logger } from './log';

const FILE = new RegExp(`^(${ID_PART})\\.docx$`);

/** `attachment; filename="…"` with an ASCII fallback and the exact UTF-8 name (RFC 6266). */
const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** A status and nothing else: no body, no hint why. */
function bare(res: restify.Response, status: number): void {
  res.writeHead(status, { 'content-length': '0' });
  res.end();
}

/**
 * GET /minutes/<meeting>.docx?token=… — the approved minutes as stored, else the draft generated afresh, for whoever
 * holds a link from a minutes card. A missing, altered or expired token gets a bare 403.
 */
export function registerMinutesRoute(server: restify.Server, deps: { services: Services; linkSecret: string; log: Logger }): void {
  const { services, linkSecret, log } = deps;
  server.get('/minutes/:file', async (req, res) => {
    const meetingId = FILE.exec(String(req.params.file ?? ''))?.[1];
    const token = new URL(req.url ?? '', 'http://localhost').searchParams.get('token') ?? '';
    const networkId = meetingId ? verifyMinutesToken(linkSecret, meetingId, token, services.clock.now()) : undefined;
    if (!meetingId || !networkId) {
      log.info({ path: req.path() }, 'minutes download refused: bad or expired link');
      bare(res, 403);
      return;
    }
    try {
      const meeting = await services.meetings.get(networkId, meetingId);
      if (!meeting) {
        bare(res, 404);
        return;
      }
      const { draft, body } = await services.minutes.docx(meeting);
      res.writeHead(200, {
        'content-type': DOCX_CONTENT_TYPE,
        'content-length': String(body.length),
        'content-disposition': disposition(minutesFileName(draft, 'docx')),
        'cache-control': 'no-store',
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
      });
      res.end(body);
      log.info({ networkId, meetingId, bytes: body.length }, 'minutes downloaded');
    } catch (err) {
      log.error({ err, networkId, meetingId }, 'minutes download failed');
      if (!res.headersSent) bare(res, 500);
    }
  });
}
