/** Accounts on a store for cross-package tests: a user with a role, a password and an API token. */
export { createUserWithToken, type TestUser } from '@tradeoff/api/testing';
