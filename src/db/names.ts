// Names shared by the schema and the data layer.

/** The role the application works under: not superuser, not owner, not BYPASSRLS. It holds the grants (NOLOGIN). */
export const APP_ROLE = 'medborger_app';

/**
 * The login role the server connects as on PostgreSQL: a member of APP_ROLE (with INHERIT, so
 * the grants apply), owner of nothing, member of no other role. Created by migration 0004.
 */
export const SERVER_ROLE = 'medborger_server';

/** The transaction-local setting that names the tenant (municipality code). */
export const TENANT_SETTING = 'medborger.municipality';

/** The transaction-local setting that names the acting user; access-log rows must carry it when set. */
export const USER_SETTING = 'medborger.user_id';
