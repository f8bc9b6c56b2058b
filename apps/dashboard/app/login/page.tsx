import type { Metadata } from "next";
import { safeNextPath } from "../../lib/safe-next-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage(props: PageProps<"/login">) {
  const searchParams = await props.searchParams;
  const next = typeof searchParams.next === "string" ? searchParams.next : undefined;
  return (
    <main className="centered-page">
      <div className="card narrow login-card">
        <div className="brand brand-large">
          <span className="brand-mark" aria-hidden="true" />
          truecopy
        </div>
        <h1>Sign in</h1>
        <p className="muted">Product copy that is true, compliant and converting.</p>
        <LoginForm next={safeNextPath(next)} />
      </div>
    </main>
  );
}
