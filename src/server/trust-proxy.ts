// Which proxies may tell the client's address (X-Forwarded-For) and protocol: never "anyone".
// `--trust-proxy` alone trusts the machine itself (nginx on the same host); `--trust-proxy
// 10.0.0.5,192.168.0.0/24` trusts those addresses and networks. Fastify (proxy-addr) then takes
// as the client the rightmost address of X-Forwarded-For that is not a trusted proxy, so a
// client cannot spoof its address by sending the header itself.
import { isIP } from 'node:net';
import { EXIT, KenshinError } from '../domain/errors.js';

/** proxy-addr's names for ranges: loopback (127.0.0.1/8, ::1), linklocal, uniquelocal. */
const NAMED = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Returns true for an address or CIDR (a.b.c.d/n, v6/n) or a proxy-addr range name. */
function isProxyAddress(a: string): boolean {
  if (NAMED.has(a)) return true;
  const [ip, bits, extra] = a.split('/');
  const v = isIP(ip);
  if (!v || extra !== undefined) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d+$/.test(bits) && n >= 0 && n <= (v === 4 ? 32 : 128);
}

/**
 * Returns Fastify's `trustProxy` for the --trust-proxy flag: false when absent, 'loopback' for
 * the bare flag (or `true`), else the validated comma-separated list. Throws a KenshinError
 * naming an entry that is not an address, a CIDR or a range name.
 */
export function trustProxyOption(flag: boolean | string | string[] | undefined): string | false {
  if (flag === undefined || flag === false) return false;
  if (flag === true) return 'loopback';
  const list = (Array.isArray(flag) ? flag : flag.split(',')).map((a) => a.trim()).filter(Boolean);
  if (!list.length) return 'loopback';
  const bad = list.filter((a) => !isProxyAddress(a));
  if (bad.length)
    throw new KenshinError(
      'bad_trust_proxy',
      {
        ja: `--trust-proxy にはプロキシのアドレスか CIDR を指定してください（例: 127.0.0.1,10.0.0.0/8）: ${bad.join(', ')}`,
        en: `--trust-proxy takes proxy addresses or CIDRs (e.g. 127.0.0.1,10.0.0.0/8): ${bad.join(', ')}`,
      },
      EXIT.input,
    );
  return list.join(',');
}
