/** A URL fit to print: any `user:password@` taken out, so a credential never reaches a terminal or a log. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/@]*@/i, '$1');
}
