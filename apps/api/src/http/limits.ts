import { createRequire } from "node:module";
import { GraphQLError, type GraphQLSchema } from "graphql";
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
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ request, document }) {
          let complexity: number;
          try {
            complexity = getComplexity({
              schema,
              query: document,
              variables: request.variables ?? {},
              ...(request.operationName ? { operationName: request.operationName } : {}),
              estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
            });
          } catch (e) {
            // Bad or missing variables: the same answer execution would give, before any work.
            throw new GraphQLError((e as Error).message, { extensions: { code: "BAD_USER_INPUT" } });
          }
          if (complexity > max) {
            throw new GraphQLError(`query is too complex: ${complexity} > ${max}; ask for fewer items or fields`, {
              extensions: { code: "QUERY_TOO_COMPLEX", complexity, max },
            });
          }
          return Promise.resolve();
        },
      });
    },
  };
}
