// Strict policy: scripts and styles only from this origin or carrying this request's nonce, which
// Next.js attaches to its own inline scripts. No 'unsafe-eval' outside development (React uses eval
// there only to rebuild server error stacks).
export function contentSecurityPolicy(options: { nonce: string; isDevelopment: boolean }): string {
  const { nonce, isDevelopment } = options;
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${isDevelopment ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  return directives.join("; ");
}
