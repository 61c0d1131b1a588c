// `npm run preview:lms`: a local LMS that frames the packages in dist/packages with scorm-again.
import path from "node:path";
import { startPreviewLms } from "./previewLms.ts";

const lms = await startPreviewLms(
  path.resolve("dist/packages"),
  Number(process.env.PORT ?? 4330),
  process.env.HOST ?? "127.0.0.1",
);
console.log(`Local LMS on ${lms.url}: pick a package (npm run package makes them). Ctrl+C stops it.`);
