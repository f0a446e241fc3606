export { renderStatusPage, pageCsp, type RenderOptions } from "./render.ts";
export { writeStaticSite } from "./static-site.ts";
export { escapeHtml } from "./html.ts";
