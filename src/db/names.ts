// Names shared by the schema and the data layer.

/** The role the application works under: not superuser, not owner, not BYPASSRLS. */
export const APP_ROLE = 'medborger_app';

/** The transaction-local setting that names the tenant (municipality code). */
export const TENANT_SETTING = 'medborger.municipality';
