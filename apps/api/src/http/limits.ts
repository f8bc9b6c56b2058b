import { createRequire } from "node:module";
import { GraphQLError, type ASTVisitor, type DocumentNode, type GraphQLSchema, type ValidationContext } from "graphql";
import type { NextFunction, Request, Response } from "express";
import type * as QueryComplexity from "graphql-query-complexity";
import type { ComplexityEstimator } from "graphql-query-complexity";
import type { ApolloServerPlugin } from "@apollo/server";

// Its ESM build imports `graphql/index.mjs` by path, a second copy of graphql beside the CommonJS
// one type-graphql builds the schema with ("another module or realm"); the CommonJS build shares it.
const { getComplexity, simpleEstimator } = createRequire(import.meta.url)(
  "graphql-query-complexity",
) as typeof QueryComplexity;

// A list field costs its page size times its children: `products(first: 100) { similar(k: 50) }`
// is priced as the 5,000 rows it reads, not as two fields.
const pagedEstimator: ComplexityEstimator = ({ args, childComplexity }) => {
  const size = typeof args.first === "number" ? args.first : typeof args.k === "number" ? args.k : undefined;
  return size === undefined ? undefined : 1 + Math.max(1, size) * Math.max(1, childComplexity);
};

export function complexityPlugin(schema: GraphQLSchema, max: number): ApolloServerPlugin {
  // Apollo keeps one parsed document per query text, so a document without variables has one
  // complexity per operation name: it is priced once, and still checked against `max` every time.
  const priced = new WeakMap<DocumentNode, Map<string, number>>();
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document }) {
          const variables = request.variables ?? {};
          const fixed = Object.keys(variables).length === 0;
          const operation = request.operationName ?? "";
          let complexity: number | undefined = fixed ? priced.get(document)?.get(operation) : undefined;
          try {
            complexity ??= getComplexity({
              schema,
              query: document,
              variables,
              ...(request.operationName ? { operationName: request.operationName } : {}),
              estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
            if (fixed) {
              const byOperation = priced.get(document) ?? new Map<string, number>();
              byOperation.set(operation, complexity);
              priced.set(document, byOperation);
            }
          } catch (e) {
            // Bad or missing variables: the same answer execution would give, before any work.
            throw new GraphQLError((e as Error).message, {
              extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
            });
          }
          if (complexity > max) {
            throw new GraphQLError(`query is too complex: ${complexity} > ${max}; ask for fewer items or fields`, {
              // Thrown from a plugin, an error is a 500 unless it says otherwise: this is the client's.
              extensions: { code: "QUERY_TOO_COMPLEX", complexity, max, http: { status: 400 } },
            });
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * Aliases let one request run the same field many times (`a1: product(…) a2: product(…) …`), which
 * the complexity estimate prices field by field but which is also a brute-force tool (one request,
 * thousands of login or lookup attempts). Above `max` the document is refused before execution.
 */
export function aliasLimit(max: number): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias && ++aliases === max + 1) {
          context.reportError(
            new GraphQLError(`too many aliases: the limit is ${max} per document`, {
              nodes: [node],
              extensions: { max },
            }),
          );
        }
      },
    };
  };
}

/** Refuses a GraphQL document larger than `maxBytes` before it is parsed (413). */
export function documentSizeLimit(maxBytes: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const body = req.body as { query?: unknown } | undefined;
    const query =
      typeof body?.query === "string" ? body.query : typeof req.query.query === "string" ? req.query.query : "";
    const bytes = Buffer.byteLength(query);
    if (bytes <= maxBytes) return next();
    res.status(413).json({
      errors: [
        {
          message: `the query document is ${bytes} bytes; the limit is ${maxBytes}`,
          extensions: { code: "QUERY_TOO_LARGE", max: maxBytes },
        },
      ],
    });
  };
}

// PostgreSQL text cannot hold U+0000: a NUL in any argument would reach the database as an error
// deep inside a resolver. Such input is refused up front, naming where it is.
const NUL = "\u0000";

function findNul(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes(NUL) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findNul(value[i], `${path}[${i}]`);
      if (hit) return hit;
    }
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const hit = findNul(k, `${path} (a key)`) ?? findNul(v, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return null;
}

const nulError = (where: string) =>
  new GraphQLError(`${where} contains a NUL character (U+0000), which text cannot hold`, {
    extensions: { code: "BAD_USER_INPUT", http: { status: 400 } },
  });

/** Refuses NUL characters in variables (plugin) and in inline string literals (validation rule). */
export const nulInVariablesPlugin: ApolloServerPlugin = {
  requestDidStart() {
    return Promise.resolve({
      didResolveOperation({ request }) {
        for (const [name, value] of Object.entries(request.variables ?? {})) {
          const hit = findNul(value, name);
          if (hit) throw nulError(`variable ${hit}`);
        }
        return Promise.resolve();
      },
    });
  },
};

export function nulInLiterals(context: ValidationContext): ASTVisitor {
  return {
    StringValue(node) {
      if (node.value.includes(NUL))
        context.reportError(new GraphQLError(nulError("a string argument").message, { nodes: [node] }));
    },
  };
}
