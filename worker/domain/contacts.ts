// What an institution's page may show about its contacts' accounts.

/**
 * An account may exist from another network: its name and activity are shown to this
 * institution only once the person has signed in since being given the role here.
 */
export const isActiveSince = (lastSignInAt: Date | null, roleGivenAt: Date) =>
  lastSignInAt !== null && lastSignInAt >= roleGivenAt;
