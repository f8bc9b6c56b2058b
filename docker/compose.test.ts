import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseEnv, ZApiEnv, ZCliEnv, ZWorkerEnv } from "@truecopy/config";

// No Docker engine runs these files in CI, so they are checked here: the compose file parses, its
// references resolve, every service's environment passes the same schema the app parses at start,
// and every Dockerfile copies paths that exist and runs an entry point the build produces.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const composeText = readFileSync(path.join(root, "docker/compose.yml"), "utf8");

type TService = {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  healthcheck?: { test: string[] };
};
type TCompose = { services: Record<string, TService>; volumes?: Record<string, unknown> };

const compose = parse(composeText, { merge: true }) as TCompose;
// ${VAR:-default} → default: what the stack gets on a machine without a .env file.
const interpolate = (v: string) => v.replace(/\$\{[A-Z_]+:-([^}]*)\}/g, "$1");
const envOf = (s: TService) =>
  Object.fromEntries(Object.entries(s.environment ?? {}).map(([k, v]) => [k, interpolate(String(v))]));

describe("docker/compose.yml", () => {
  it("parses, and every dependency and named volume it mentions exists", () => {
    const names = new Set(Object.keys(compose.services));
    expect([...names].sort()).toEqual(["api", "dashboard", "migrate", "postgres", "redis", "worker"]);
    for (const [name, s] of Object.entries(compose.services)) {
      for (const dep of Object.keys(s.depends_on ?? {})) expect(names, `${name} depends on ${dep}`).toContain(dep);
      for (const v of s.volumes ?? []) {
        const source = v.split(":")[0]!;
        if (!source.startsWith(".") && !source.startsWith("/")) expect(compose.volumes).toHaveProperty(source);
      }
    }
  });

  it("starts the apps only after a healthy database and Redis and a finished migration", () => {
    for (const app of ["api", "worker"]) {
      expect(compose.services[app]!.depends_on).toEqual({
        postgres: { condition: "service_healthy" },
        redis: { condition: "service_healthy" },
        migrate: { condition: "service_completed_successfully" },
      });
    }
    expect(compose.services.postgres!.healthcheck).toBeDefined();
    expect(compose.services.redis!.healthcheck).toBeDefined();
  });

  it("gives each app an environment its own schema accepts", () => {
    const s = compose.services;
    expect(() => parseEnv(ZApiEnv, envOf(s.api!))).not.toThrow();
    expect(() => parseEnv(ZWorkerEnv, envOf(s.worker!))).not.toThrow();
    expect(() => parseEnv(ZCliEnv, envOf(s.migrate!))).not.toThrow();
    const api = parseEnv(ZApiEnv, envOf(s.api!));
    expect(s.api!.ports).toContain(`${api.API_PORT}:${api.API_PORT}`);
  });

  it("gives the API and the worker one image store on a shared named volume", () => {
    const s = compose.services;
    const api = parseEnv(ZApiEnv, envOf(s.api!));
    const worker = parseEnv(ZWorkerEnv, envOf(s.worker!));
    // An upload written by the API must be readable by the worker that checks it.
    expect(api.IMAGE_STORE_DIR).toBe(worker.IMAGE_STORE_DIR);
    expect(path.isAbsolute(api.IMAGE_STORE_DIR)).toBe(true);
    const mountOf = (svc: TService) => (svc.volumes ?? []).find((v) => v.split(":")[1] === api.IMAGE_STORE_DIR);
    expect(mountOf(s.api!), "api mounts the image store").toBeDefined();
    expect(mountOf(s.worker!)).toBe(mountOf(s.api!));
    expect(compose.volumes).toHaveProperty(mountOf(s.api!)!.split(":")[0]!);
    // The apps run unprivileged: the image must create the mount point owned by that user.
    for (const file of ["api.Dockerfile", "worker.Dockerfile"]) {
      const dockerfile = readFileSync(path.join(root, "docker", file), "utf8");
      expect(dockerfile, file).toContain(`mkdir -p ${api.IMAGE_STORE_DIR} && chown node:node ${api.IMAGE_STORE_DIR}`);
      expect(dockerfile.indexOf("chown node:node"), file).toBeLessThan(dockerfile.indexOf("USER node"));
    }
  });

  it("publishes no port twice and keeps Redis from evicting queue keys", () => {
    const published = Object.values(compose.services).flatMap((s) => (s.ports ?? []).map((p) => p.split(":").at(-2)));
    expect(new Set(published).size).toBe(published.length);
    expect(compose.services.redis!.command).toEqual(expect.arrayContaining(["--maxmemory-policy", "noeviction"]));
  });

  describe.each(Object.entries(compose.services).filter(([, s]) => s.build))("service %s", (name, service) => {
    const dockerfilePath = path.resolve(root, "docker", service.build!.context, service.build!.dockerfile);
    const dockerfile = existsSync(dockerfilePath) ? readFileSync(dockerfilePath, "utf8") : "";

    it("has its Dockerfile, whose COPY sources from the build context exist", () => {
      expect(dockerfile, dockerfilePath).not.toBe("");
      const copies = [...dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)].map((m) =>
        m[1]!.trim().split(/\s+/).slice(0, -1),
      );
      expect(copies.length).toBeGreaterThan(0);
      for (const sources of copies)
        for (const src of sources)
          if (src !== ".") expect(existsSync(path.join(root, src)), `${name}: COPY ${src}`).toBe(true);
    });

    it("runs an entry point that its package builds", () => {
      const cmd = service.command?.join(" ") ?? [...dockerfile.matchAll(/^CMD (.+)$/gm)].at(-1)?.[1] ?? "";
      const entries = [...cmd.matchAll(/(apps\/[a-z]+)\/dist\/([a-z-]+)\.js/g)];
      const nextApp = /next|dashboard/.test(cmd) || name === "dashboard";
      expect(entries.length > 0 || nextApp, `${name}: ${cmd}`).toBe(true);
      for (const [, app, file] of entries) {
        const pkg = JSON.parse(readFileSync(path.join(root, app!, "package.json"), "utf8")) as {
          scripts: Record<string, string>;
        };
        expect(pkg.scripts.build, `${app} builds with tsc`).toMatch(/tsc/);
        expect(existsSync(path.join(root, app!, "src", `${file}.ts`)), `${app}/src/${file}.ts`).toBe(true);
      }
    });

    it("never downloads browsers or GPU binaries at build time", () => {
      expect(dockerfile).toMatch(/ONNXRUNTIME_NODE_INSTALL=skip/);
      expect(dockerfile).toMatch(/PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1/);
      expect(dockerfile).toMatch(/--frozen-lockfile/);
    });
  });
});
