// Credentials in an upstream URL (`https://user:secret@gateway/anthropic`):
// a gateway may ask for them, and they are as secret as an API key. They go
// upstream the way a URL's credentials are meant to be sent (HTTP Basic, as
// curl and browsers send them) and are never shown: every place that prints
// or logs an upstream passes it through redactUrl first.

/** `scheme://` then everything up to the authority's last `@` (a password may hold an unencoded `@`, or a space). */
const URL_USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i;
/** The same inside free text, where a space ends a URL. */
const TEXT_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#]*@/gi;

/** A URL as given by the user (it may not even parse) with its credentials replaced by `***`. */
export function redactUrl(url: string): string {
  return url.replace(URL_USERINFO, '$1***@');
}

/** Text (an error report) with the credentials of every URL in it replaced by `***`. */
export function redactUserinfo(text: string): string {
  return text.replace(TEXT_USERINFO, '$1***@');
}

/** `Basic <base64 user:password>` for a URL that carries credentials, else undefined. */
export function basicAuthorization(url: URL): string | undefined {
  if (!url.username && !url.password) return undefined;
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return `Basic ${Buffer.from(`${decode(url.username)}:${decode(url.password)}`).toString('base64')}`;
}
