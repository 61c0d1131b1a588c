/** How often a policy may be reviewed, and how many months each interval is. */
export const REVIEW_INTERVALS = ["quarterly", "half-yearly", "annual"] as const;
export type ReviewInterval = (typeof REVIEW_INTERVALS)[number];

export const INTERVAL_MONTHS: Record<ReviewInterval, number> = { quarterly: 3, "half-yearly": 6, annual: 12 };
