/**
 * The routes of provider sign-in (AUP_IDENTITY=oidc), shared by the server and the course page:
 * dependency-free, since it reaches the page.
 */
export const SIGN_OUT_PATH = "/auth/sign-out";

/** The sign-in, coming back to `next` (a path on this site) once the provider has said who you are. */
export const signInPath = (next: string): string => `/auth/sign-in?next=${encodeURIComponent(next)}`;
