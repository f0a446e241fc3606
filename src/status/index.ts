// The status area's public surface, for the daemon.
export { createMetrics, registerStack, setCertificateExpiry, setAppliedCommit, metricCatalogue, type Metrics, type MetricsOptions } from "./metrics.ts";
export { recordRun, setDrift, type FinishedRun, type ResourceRef } from "./run-metrics.ts";
export { buildStatusModel, type StatusModel, type StackStatus, type StackInfo, type CertificateStatus, type ScheduledCheck, type BuildStatusOptions } from "./model.ts";
export { renderStatusPage, writeStaticSite, pageCsp } from "./page/index.ts";
export { createStatusServer, type StatusServer, type StatusServerOptions, type ReconcileRequest, type ReconcileReply } from "./server.ts";
export type { StatusEvent } from "./event-stream.ts";
export type { PushEvent } from "./github-webhook.ts";
export { checkCertificate, checkCertificates, certificateTargets, type CertificateTarget } from "./certificates.ts";
