// Who a user is. A person is keyed by the identity provider's issuer and subject (`sub`), never
// by the display name, which is only a label: two people with the same name are two users. A
// token made through the API or the CLI belongs to an integration client, a technical user
// created for that token and named as such; a citizen user is keyed to the person it is.

/**
 * The issuer Medborger records for the local demo identity provider. The provider's URL changes
 * with its port, so the identities it vouches for are recorded under this stable name.
 */
export const DEMO_ISSUER = 'urn:medborger:demo-idp';

/** The issuer of a citizen user: the subject is the person's id in Medborger's register. */
export const PERSON_ISSUER = 'urn:medborger:person';

const CLIENT_PREFIX = 'Integration: ';
const NAME_MAX = 200;

/** The display name of an integration client: always marked as such, never a person's name alone. */
export function integrationClientName(client: string): string {
  const name = client.trim().replace(/\s+/g, ' ');
  const label = name.startsWith(CLIENT_PREFIX) ? name : `${CLIENT_PREFIX}${name}`;
  return label.slice(0, NAME_MAX);
}
