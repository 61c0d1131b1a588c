import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { unzipSync } from "fflate";
import { lmsPage } from "./lmsPage.ts";

/** Where a package is served from: deep and unknown, like an LMS's content store. */
export const DEEP_PATH = "content/org-7/course-42/sco";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".xml": "application/xml",
  ".png": "image/png",
  ".svg": "image/svg+xml",
};

export interface PreviewLms {
  url: string;
  close(): Promise<void>;
}

/**
 * A local LMS for checking packages before uploading them: `/` lists the zips in `packagesDir`,
 * `/lms?package=NAME` frames one with scorm-again as the LMS, serving its files from a deep path.
 */
export function startPreviewLms(packagesDir: string, port = 0, host = "127.0.0.1"): Promise<PreviewLms> {
  const unzipped = new Map<string, Record<string, Uint8Array>>();
  const open = (name: string) => {
    if (!unzipped.has(name)) unzipped.set(name, unzipSync(readFileSync(path.join(packagesDir, name))));
    return unzipped.get(name) ?? {};
  };
  const packages = () =>
    readdirSync(packagesDir)
      .filter((f) => /-scorm(12|2004)\.zip$/.test(f))
      .sort();

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    const send = (status: number, type: string, body: string | Uint8Array) => {
      response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      response.end(body);
    };
    if (url.pathname === "/")
      return send(
        200,
        TYPES[".html"] ?? "",
        `<!doctype html><html lang="en-GB"><title>Local LMS</title><h1>Packages</h1><ul>${packages()
          .map((p) => `<li><a href="/lms?package=${encodeURIComponent(p)}">${p}</a></li>`)
          .join("")}</ul></html>`,
      );
    if (url.pathname === "/lms") {
      const name = url.searchParams.get("package") ?? "";
      if (!packages().includes(name))
        return send(404, "text/plain", `No package ${name} in ${packagesDir}. Run npm run package first.`);
      const manifest = Buffer.from(open(name)["imsmanifest.xml"] ?? []).toString("utf8");
      const launch = /<resource[^>]*\shref="([^"]+)"/.exec(manifest)?.[1] ?? "index.html";
      return send(
        200,
        TYPES[".html"] ?? "",
        lmsPage(
          name,
          name.endsWith("-scorm12.zip") ? "scorm12" : "scorm2004",
          `/courses/${encodeURIComponent(name)}/${DEEP_PATH}/${launch}`,
        ),
      );
    }
    const runtime = /^\/scorm-again\/(scorm12|scorm2004)\.min\.js$/.exec(url.pathname);
    if (runtime)
      return send(
        200,
        TYPES[".js"] ?? "",
        readFileSync(path.resolve("node_modules/scorm-again/dist", `${runtime[1]}.min.js`)),
      );
    const file = new RegExp(`^/courses/([^/]+)/${DEEP_PATH}/(.+)$`).exec(url.pathname);
    if (file) {
      const name = decodeURIComponent(file[1] ?? "");
      const entry = packages().includes(name) ? open(name)[decodeURIComponent(file[2] ?? "")] : undefined;
      if (entry) return send(200, TYPES[path.extname(file[2] ?? "")] ?? "application/octet-stream", entry);
    }
    send(404, "text/plain", "Not in the package.");
  });
  return new Promise((resolve) => {
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === "object" && address ? address.port : port;
      resolve({ url: `http://${host}:${actual}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
