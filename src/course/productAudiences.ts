import type { Product } from "../schemas/organisation.ts";

/**
 * The audiences a learner is asked about, because some learners use the product and others do not,
 * each with the organisation's product that deploys it, the name the intro's checkbox shows, and how
 * the name reads in a sentence ("if you also use …").
 * Other audiences (everyone, the addenda) follow the settings alone. The course page imports this,
 * so it holds data only.
 */
export const PRODUCT_AUDIENCES = {
  "claude-code": { product: "claude-code", name: "Claude Code", inText: "Claude Code" },
  cowork: { product: "claude-cowork", name: "Claude Cowork agents", inText: "Cowork agents" },
  "claude-api": { product: "claude-api", name: "The Claude API, to build our own tools", inText: "the Claude API" },
} as const satisfies Record<string, { product: Product; name: string; inText: string }>;

export type ProductAudience = keyof typeof PRODUCT_AUDIENCES;

export function isProductAudience(audience: unknown): audience is ProductAudience {
  return typeof audience === "string" && Object.hasOwn(PRODUCT_AUDIENCES, audience);
}

/** The product audiences of the products an organisation deploys, in the order the intro offers them. */
export function deployedProductAudiences(products: readonly Product[]): ProductAudience[] {
  return (Object.keys(PRODUCT_AUDIENCES) as ProductAudience[]).filter((audience) =>
    products.includes(PRODUCT_AUDIENCES[audience].product),
  );
}
