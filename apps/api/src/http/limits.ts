import { GraphQLError, type GraphQLSchema } from "graphql";
import { getComplexity, simpleEstimator, type ComplexityEstimator } from "graphql-query-complexity";
import type { ApolloServerPlugin } from "@apollo/server";

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
          const complexity = getComplexity({
            schema,
            query: document,
            variables: request.variables ?? {},
            ...(request.operationName ? { operationName: request.operationName } : {}),
            estimators: [pagedEstimator, simpleEstimator({ defaultComplexity: 1 })],
          });
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
