import { createRequire } from "node:module";
import { dirname } from "node:path";
import express, { type Router } from "express";

// The GraphQL IDE is served from the npm package, never a CDN: the API works offline.
const require = createRequire(import.meta.url);
const assetsDir = dirname(require.resolve("@graphql-yoga/graphiql"));

const DEFAULT_QUERY =
  '# Send an API key in Headers: { "authorization": "Bearer tc_..." }, or sign in on the dashboard.\n{\n  products(first: 5) {\n    totalCount\n    edges { node { sku title analysis { language } } }\n  }\n}\n';

const page = (endpoint: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <title>truecopy GraphQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
  <style>html, body, #root { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="root"></div>
  <script>
    // Monaco's language workers ship in the same package; without this it looks for them elsewhere.
    self.MonacoEnvironment = {
      globalAPI: false,
      getWorkerUrl(_moduleId, label) {
        const dir = "/graphiql/assets/monacoeditorwork/";
        if (label === "json") return dir + "json.worker.bundle.js";
        if (label === "graphql") return dir + "graphql.worker..bundle.js";
        return dir + "editor.worker.bundle.js";
      },
    };
  </script>
  <script type="module">
    import { renderYogaGraphiQL } from "/graphiql/assets/yoga-graphiql.es.js";
    renderYogaGraphiQL(document.getElementById("root"), {
      endpoint: ${JSON.stringify(endpoint)},
      title: "truecopy",
      credentials: "same-origin",
      defaultQuery: ${JSON.stringify(DEFAULT_QUERY)},
      initialQuery: ${JSON.stringify(DEFAULT_QUERY)},
    });
  </script>
</body>
</html>`;

export function graphiqlRouter(endpoint: string): Router {
  const router = express.Router();
  router.get("/favicon.ico", (_req, res) => {
    res.status(204).end();
  });
  router.use("/graphiql/assets", express.static(assetsDir, { immutable: true, maxAge: "7d", index: false }));
  router.get(["/graphiql", endpoint], (req, res, next) => {
    if (req.path === endpoint && req.accepts(["json", "html"]) !== "html") return next();
    if (req.path === endpoint && req.query.query) return next();
    res.type("html").send(page(endpoint));
  });
  return router;
}
