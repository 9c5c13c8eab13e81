/** The offline toolkit shared by the surveyor tablet app and the counter kiosk (browser-only). */
export * from "./outbox";
export * from "./device";
export * from "./sync";
export { closeOfflineDb, offlineDb, OFFLINE_DB_NAME, type Draft } from "./db";
export { registerServiceWorker, requestPersistentStorage, type OfflineReadiness } from "./sw-client";
