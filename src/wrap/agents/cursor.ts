import type { AgentProfile } from '../types.js';

// Cursor's agent has no base-URL setting and speaks protobuf over HTTPS to
// Cursor's servers: the session runs an HTTPS proxy with a CA of headroom's
// that only this child trusts (Node's extra CAs, and OpenSSL's bundle, which
// is the system's plus ours so nothing else stops verifying).

export const cursor: AgentProfile = {
  name: 'cursor',
  binary: 'cursor-agent',
  install: 'curl https://cursor.com/install -fsS | bash   (then make sure cursor-agent is on PATH)',
  retrieval: 'none',
  intercept: 'mitm',
  userUpstreams: () => ({}),
  launch(ctx) {
    if (!ctx.mitm) throw new Error('cursor needs the HTTPS proxy of its session');
    const { proxyUrl, caBundleFile, caCertFile } = ctx.mitm;
    return {
      args: [...ctx.args],
      env: {
        HTTPS_PROXY: proxyUrl,
        https_proxy: proxyUrl,
        NODE_EXTRA_CA_CERTS: caCertFile,
        SSL_CERT_FILE: caBundleFile,
      },
    };
  },
};
